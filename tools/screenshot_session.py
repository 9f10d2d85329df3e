"""Set-up shared by the wizard's and the applicant screen's screenshot tools
(``tools/wizard_screenshots.py``, ``tools/applicant_screenshots.py``): the Qt application as the
app makes it, a sandbox in its own process, a wizard driven against it, a signature drawn."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from benchmarks import sandbox_process
from clerkapp.app.context import AppContext
from clerkapp.gui.application import create_qapplication
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import CHEN_JIANGUO, WEI_XIUYING
from tests.gui.wizard_driver import WizardDriver, wait_until

SIZE = (1280, 800)
# A signature that reads as handwriting in a picture (the driver's own is three plain strokes).
STROKES = [
    [(80, 120), (100, 90), (120, 130), (140, 95), (160, 125)],
    [(190, 100), (200, 135), (230, 95), (240, 130)],
    [(280, 110), (320, 108), (360, 112)],
    [(300, 85), (305, 140)],
]


@contextmanager
def screenshot_session() -> Iterator[tuple[Path, str]]:
    """A temporary directory (``$CLERKAPP_HOME`` is its ``home``) and the URL of a sandbox
    without latency, with the Qt application made as the app makes it (interpreter tuned, cycles
    collected on the GUI thread only)."""
    app = create_qapplication([])
    with (
        tempfile.TemporaryDirectory() as tmp,
        sandbox_process(Path(tmp), "--latency-ms", "0", "--verify-delay-s", "0.5") as sandbox,
    ):
        root = Path(tmp)
        os.environ["CLERKAPP_HOME"] = str(root / "home")
        yield root, sandbox.url
    del app


def open_driver(home: Path, url: str) -> WizardDriver:
    """A wizard on a fresh store in ``home``, synced as the shell does: the case's progress page
    is registered at once."""
    context = AppContext(home)
    driver = WizardDriver(context, url)
    context.start_sync()
    driver.wizard.case_changed.connect(lambda _case: context.notify_sync())
    return driver


def to_survivor_pledge(driver: WizardDriver) -> None:
    """Drive 韦秀英's survivor allowance (the deceased 陈建国 as related person) to ④: the
    look-ups and the credit check done."""
    wizard = driver.wizard
    driver.choose_matter("ysbz", "一次性丧葬抚恤金")
    driver.enter_applicant(WEI_XIUYING, "韦秀英", related=[(CHEN_JIANGUO, "陈建国")])
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running)
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PLEDGE)


def sign(canvas: QWidget) -> None:
    """Draw :data:`STROKES` on a signature pad's canvas."""
    for points in STROKES:
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
        for x, y in points[1:]:
            QTest.mouseMove(canvas, QPoint(x, y))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))
