"""Screenshots of the applicant screen (申请人屏) for the README and docs/screenshots/:
18-applicant-pledge.png (④, the pledge text and the applicant signing on their own pad) and
19-applicant-outcome.png (⑥, the decision, the progress QR code and the 好差评 rating), taken
offscreen from the real widgets against a sandbox in its own process.

Run: ``QT_QPA_PLATFORM=offscreen python tools/applicant_screenshots.py [OUT_DIR]``
(or under Xvfb: ``xvfb-run -a -s "-screen 0 1600x1000x24" python tools/applicant_screenshots.py``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.bench_gui import sandbox_process
from clerkapp.app.context import AppContext
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.application import tune_interpreter
from clerkapp.gui.wizard.signature_pad import SignatureCanvas
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import CHEN_JIANGUO, WEI_XIUYING
from tests.gui.wizard_driver import WizardDriver, screenshot, wait_until

SIZE = (1280, 800)
STROKES = [
    [(80, 120), (100, 90), (120, 130), (140, 95), (160, 125)],
    [(190, 100), (200, 135), (230, 95), (240, 130)],
    [(280, 110), (320, 108), (360, 112)],
    [(300, 85), (305, 140)],
]


def _sign(canvas: SignatureCanvas) -> None:
    for points in STROKES:
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
        for x, y in points[1:]:
            QTest.mouseMove(canvas, QPoint(x, y))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def main(out: Path) -> None:
    """Take the two screenshots into ``out``."""
    tune_interpreter()  # as the app does at start-up
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp, sandbox_process(Path(tmp), latency_ms=0) as url:
        os.environ["CLERKAPP_HOME"] = str(Path(tmp) / "home")
        context = AppContext(Path(tmp) / "home")
        driver = WizardDriver(context, url)
        context.start_sync()  # as the shell does: the case's progress page is registered
        wizard = driver.wizard
        wizard.case_changed.connect(lambda _case: context.notify_sync())
        screen = ApplicantScreen(context.counter_name)
        screen.follow(wizard)
        screen.resize(*SIZE)
        screen.show()
        wizard.activateWindow()  # the clerk keeps the keyboard
        wait_until(wizard.isActiveWindow)

        driver.choose_matter("ysbz", "一次性丧葬抚恤金")
        driver.enter_applicant(WEI_XIUYING, "韦秀英", related=[(CHEN_JIANGUO, "陈建国")])
        driver.wait_lookups()
        wait_until(lambda: not wizard.presenter.credit_running)
        driver.key(Qt.Key.Key_Return)
        wait_until(lambda: wizard.step is Step.PLEDGE)
        pad = screen.pledge_page.pad
        wait_until(lambda: pad.confirm_button.isVisible() and pad.clear_button.isEnabled())
        _sign(pad.canvas)  # the applicant signs on their own screen
        screenshot(screen, out / "18-applicant-pledge.png")

        for code in ("rsj.funeral_survivor.marriage", "rsj.funeral_survivor.no_income"):
            wait_until(lambda c=code: screen._pledge_code == c and pad.confirm_button.isVisible())
            if pad.canvas.is_empty():
                _sign(pad.canvas)
            pad.confirm_button.click()
            wait_until(
                lambda c=code: (
                    wizard.presenter.case is not None
                    and wizard.presenter.case.proofs[c].state.value == "pledged"
                )
            )
        driver.key(Qt.Key.Key_Return)  # → ⑤
        driver.key(Qt.Key.Key_Return)  # approve as recommended → ⑥
        wait_until(lambda: wizard.step is Step.PRINT)
        wait_until(lambda: bool(screen.outcome_page.qr.modules), 20)
        screen.outcome_page.buttons[next(iter(screen.outcome_page.buttons))].click()
        wait_until(lambda: "感谢" in screen.outcome_page.thanks.text(), 20)
        screenshot(screen, out / "19-applicant-outcome.png")
        driver.close()
        screen.close()
        context.close()
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
