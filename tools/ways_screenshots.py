"""Screenshots of the lawful ways back and the identity check for the README and
docs/screenshots/: 20-correction.png (the case's action bar with the 补正 dialog open),
21-identity-mismatch.png (王方 typed for 王芳's number: the banner shows both names),
22-void-dialog.png (作废 of an issued 不予给付决定书, the supervisor authorising at the counter) and
23-approvals.png (the supervisors' 审批队列), taken offscreen from the real widgets against a
sandbox in its own process. A dialog is drawn over its window with its title, as on screen.

Run: ``QT_QPA_PLATFORM=offscreen python tools/ways_screenshots.py [OUT_DIR]``
(or under Xvfb: ``xvfb-run -a -s "-screen 0 1600x1000x24" python tools/ways_screenshots.py``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from clerkapp.app.approvals import ApprovalService
from clerkapp.app.document_acts import ActRequest, DocumentAction
from clerkapp.gui.approvals_page import ApprovalsDialog
from clerkapp.gui.print_step import PrintStep
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import WANG_FANG
from tests.gui.wizard_driver import WizardDriver, screenshot, wait_until
from tools.screenshot_session import SIZE, open_driver, screenshot_session

TITLE_BAR = 30


def over(window: QWidget, dialog: QWidget, path: Path) -> None:
    """Save ``window`` dimmed with ``dialog`` (and its title bar) drawn in its middle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # pending layouts done
    dialog.resize(dialog.size().expandedTo(dialog.sizeHint()))
    base = window.grab()
    shot = dialog.grab()
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(0, 0, 0, 70))
    x = max(0, (base.width() - shot.width()) // 2)
    y = max(0, (base.height() - shot.height() - TITLE_BAR) // 2)
    frame = QRect(x - 1, y - 1, shot.width() + 1, shot.height() + TITLE_BAR + 1)
    painter.fillRect(QRect(x, y, shot.width(), TITLE_BAR), QColor("#dfe3e8"))
    painter.setPen(QColor("#202124"))
    painter.drawText(
        QRect(x + 10, y, shot.width() - 20, TITLE_BAR),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(x, y + TITLE_BAR, shot)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(frame)
    painter.end()
    base.save(str(path))


def _driver(home: Path, url: str) -> WizardDriver:
    driver = open_driver(home, url)
    driver.wizard.resize(*SIZE)
    return driver


def _answered(driver: WizardDriver) -> None:
    wizard = driver.wizard
    driver.wait_lookups()
    wait_until(
        lambda: (
            wizard.presenter.case is not None
            and not wizard.presenter.case.awaits_identity_answer()
            and all(
                p.state.value not in ("pending", "in_flight", "awaiting_dept")
                for p in wizard.presenter.case.proofs.values()
            )
        ),
        20,
    )


def main(out: Path) -> None:
    """Take the four screenshots into ``out``."""
    with screenshot_session() as (root, url):
        driver = _driver(root / "home", url)
        context = driver.context
        context.auth.ensure_demo_accounts()
        wizard = driver.wizard

        # 补正 (F6) of 王芳's public rental housing: the failed proof ticked, another material
        driver.choose_matter("ggzl", "公共租赁住房申请")
        driver.enter_applicant(WANG_FANG, "王芳")
        _answered(driver)
        wizard.case_actions.trigger("correction")
        dialog = wizard.ways.dialog
        assert dialog is not None
        other = dialog.findChild(QWidget, "correctionOther")
        assert other is not None
        other.setPlainText("户口簿：户主页复印件缺失")  # type: ignore[attr-defined]
        over(wizard, dialog, out / "20-correction.png")
        dialog.reject()

        # ⑤ → ⑥: the refusal issued (saved), then 作废 with the supervisor at the counter
        driver.click(wizard.next_button)
        wait_until(lambda: wizard.step is Step.DECISION, 30)
        driver.click(wizard.decision_step.refuse_button)
        wait_until(lambda: wizard.step is Step.PRINT)
        step = wizard.print_host.step
        assert isinstance(step, PrintStep)
        wait_until(lambda: step.built is not None, 60)
        with tempfile.TemporaryDirectory() as tmp:
            step.save_to(Path(tmp) / "refusal.pdf")  # issues the number
            wait_until(lambda: step.acts.void_button.isEnabled(), 30)
        opened: list[QWidget] = []
        step.acts.dialog_opened.connect(opened.append)
        step.acts.open(DocumentAction.VOID)
        wait_until(lambda: bool(opened), 20)
        void = step.acts.dialog
        assert void is not None
        void.reason.setText("文书打印时选错申请事项")
        void.supervisor.setText("demo-sup")
        void.password.setText("demo123")
        over(wizard, void, out / "22-void-dialog.png")
        void.reject()

        # the same request sent to the supervisors' queue instead
        assert step.built is not None
        request = ActRequest(
            wizard.presenter.case_id,
            step.built.number,
            DocumentAction.VOID,
            "文书打印时选错申请事项",
            "wangxiao",
        )
        ApprovalService.for_context(context).submit(request)
        supervisor = context.auth.login("demo-sup", "demo123")
        queue = ApprovalsDialog(context, supervisor, wizard)
        queue.show()
        queue.reload()
        wait_until(lambda: queue.table.rowCount() == 1, 20)
        queue.table.resizeColumnsToContents()
        over(wizard, queue, out / "23-approvals.png")
        queue.close()
        driver.close()
        context.close()

        # 王方 typed for 王芳's number: the registry's name and the typed one, side by side
        driver = _driver(root / "home2", url)
        wizard = driver.wizard
        driver.choose_matter("ggzl", "公共租赁住房申请")
        driver.enter_applicant(WANG_FANG, "王方")
        banner = wizard.identity_banner
        wait_until(lambda: "王方" in banner.text.text() and "王芳" in banner.text.text(), 20)
        driver.wait_lookups()
        screenshot(wizard, out / "21-identity-mismatch.png")
        driver.close()
        driver.context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
