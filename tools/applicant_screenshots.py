"""Screenshots of the applicant screen (申请人屏) for the README and docs/screenshots/:
18-applicant-pledge.png (④, the pledge text and the applicant signing on their own pad) and
19-applicant-outcome.png (⑥, the decision, the progress QR code and the 好差评 rating), taken
offscreen from the real widgets against a sandbox in its own process.

Run: ``QT_QPA_PLATFORM=offscreen python tools/applicant_screenshots.py [OUT_DIR [WxH [SCALE]]]``
(e.g. ``/tmp/shots 1280x800 1.5`` to look at large type on a small screen)
(or under Xvfb: ``xvfb-run -a -s "-screen 0 1600x1000x24" python tools/applicant_screenshots.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt

from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.wizard.step_bar import Step
from tests.gui.wizard_driver import screenshot, wait_until
from tools.screenshot_session import (
    SIZE,
    open_driver,
    screenshot_session,
    sign,
    to_survivor_pledge,
)


def main(out: Path, size: tuple[int, int] = SIZE, scale: float = 1.0) -> None:
    """Take the two screenshots into ``out``, the applicant screen ``size`` big, its type at
    ``scale`` (applicant_text_scale)."""
    with screenshot_session() as (root, url):
        driver = open_driver(root / "home", url)
        context = driver.context
        wizard = driver.wizard
        screen = ApplicantScreen(context.counter_name, text_scale=scale)
        screen.follow(wizard)
        screen.resize(*size)
        screen.show()
        wizard.activateWindow()  # the clerk keeps the keyboard
        wait_until(wizard.isActiveWindow)

        to_survivor_pledge(driver)
        pad = screen.pledge_page.pad
        wait_until(lambda: pad.confirm_button.isVisible() and pad.clear_button.isEnabled())
        sign(pad.canvas)  # the applicant signs on their own screen
        screenshot(screen, out / "18-applicant-pledge.png")

        for code in ("rsj.funeral_survivor.marriage", "rsj.funeral_survivor.no_income"):
            wait_until(lambda c=code: screen._pledge_code == c and pad.confirm_button.isVisible())
            if pad.canvas.is_empty():
                sign(pad.canvas)
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


if __name__ == "__main__":
    args = sys.argv[1:]
    width, height = (
        int(n) for n in (args[1] if len(args) > 1 else "x".join(map(str, SIZE))).split("x")
    )
    main(
        Path(args[0]) if args else Path("docs/screenshots"),
        (width, height),
        float(args[2]) if len(args) > 2 else 1.0,
    )
