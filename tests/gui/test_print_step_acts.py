"""作废… / 更正… on the print step, driven for real: the actions are off until the document is
issued, keyboard-reachable, say a supervisor must approve; a wrong supervisor password keeps the
dialog open with the reason; the right one voids the document and the preview shows the next
number; a correction sent to the queue waits for the supervisor. Also 一式两份 and printing
without a dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clerkapp.app.auth import Clerk
from clerkapp.app.context import AppContext
from clerkapp.app.document_acts import ActOutcome
from clerkapp.core.case import Case
from clerkapp.gui import ops
from clerkapp.gui.document_act_dialog import DocumentActDialog
from clerkapp.gui.print_output import route_for
from clerkapp.gui.print_step import PrintStep
from clerkapp.infra.store import Role
from clerkapp.infra.store.approvals import ApprovalRequest, ApprovalState
from clerkapp.infra.store.documents import NumberState
from tests.cups_fixture import PrivateCups, private_cups  # noqa: F401  (the fixture)
from tests.integration.documents_cases import approved_case, catalogue, pdf_text, refused_case

pytestmark = pytest.mark.gui

CLERK = Clerk("demo", "演示窗口人员", Role.CLERK)


@pytest.fixture
def context(clerkapp_home: Path) -> Iterator[AppContext]:
    """A workstation on a real store file with the training accounts."""
    ctx = AppContext(clerkapp_home, catalogue=catalogue())
    ctx.auth.ensure_demo_accounts()
    yield ctx
    ops.wait_for_ops(10_000)
    ctx.close()


@pytest.fixture
def step(qtbot: QtBot, context: AppContext, tmp_path: Path) -> PrintStep:
    settings = QSettings(str(tmp_path / "print.ini"), QSettings.Format.IniFormat)
    widget = PrintStep(context, CLERK, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    return widget


def _show(qtbot: QtBot, context: AppContext, step: PrintStep, case: Case) -> None:
    context.store.cases.insert(case, clerk=CLERK.username, workstation="TRAIN-01")
    with qtbot.waitSignal(step.document_ready, timeout=20_000):
        step.show_case(case.id)


def _print(qtbot: QtBot, step: PrintStep, out: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    with qtbot.waitSignals([step.printed, step.document_ready], timeout=30_000):
        step.print_to(printer)


def _open(qtbot: QtBot, step: PrintStep, shortcut: str) -> DocumentActDialog:
    keys = step.findChild(QShortcut, shortcut)
    assert keys is not None
    with qtbot.waitSignal(step.acts.dialog_opened, timeout=10_000) as opened:
        keys.activated.emit()  # as the key press does
    dialog = opened.args[0]
    assert isinstance(dialog, DocumentActDialog) and dialog.isVisible()
    return dialog


def test_void_on_the_spot_after_a_wrong_password(
    qtbot: QtBot, context: AppContext, step: PrintStep, tmp_path: Path
) -> None:
    _show(qtbot, context, step, approved_case(catalogue()))
    assert step.built is not None and not step.built.issued
    assert not step.acts.void_button.isEnabled()  # nothing issued yet: nothing to void
    assert "负责人批准" in step.acts.void_button.text()  # says so before the clerk starts
    first = step.built.number
    _print(qtbot, step, tmp_path / "original.pdf")
    assert step.acts.void_button.isEnabled() and step.acts.correct_button.isEnabled()

    dialog = _open(qtbot, step, "shortcutVoid")
    notice = dialog.findChild(QLabel, "actNotice")
    assert notice is not None and "科室负责人" in notice.text()
    # the paper's own title (public rental housing is a 行政给付), not the kind's neutral one
    document = dialog.findChild(QLabel, "actDocument")
    assert document is not None and document.text() == f"给付决定书 {first}"
    dialog.reason.setText("打印时选错了文书")
    dialog.supervisor.setText("demo-sup")
    dialog.password.setText("wrong")
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: "密码不正确" in dialog.error.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.password.text() == ""
    assert context.store.documents.entry(step.case_id, first).state is NumberState.CURRENT

    dialog.password.setText("demo123")
    results: list[Any] = []
    step.acts.done.connect(results.append)
    with qtbot.waitSignals([step.acts.done, step.document_ready], timeout=20_000):
        dialog.submit_button.click()
    (outcome,) = results
    assert isinstance(outcome, ActOutcome) and outcome.approved_by == "demo-sup"
    assert not dialog.isVisible()
    assert context.store.documents.entry(step.case_id, first).state is NumberState.VOIDED
    assert f"{first} 已作废" in step.status.text()
    assert step.built is not None and step.built.number != first and not step.built.issued
    assert step.built.history == (f"{first} 已作废（批准人 demo-sup）",)  # the register's word
    assert not step.acts.void_button.isEnabled()
    actions = [e.action for e in context.store.audit.entries(step.case_id)]
    assert "approval_refused" in actions and actions[-2:] == [
        "document_voided",
        "approval_approved",
    ]


def test_correction_sent_to_the_queue_waits_for_the_supervisor(
    qtbot: QtBot, context: AppContext, step: PrintStep, tmp_path: Path
) -> None:
    # 李明 typed for a number the registry knows as 李鸣, let through by a reasoned override
    _show(qtbot, context, step, refused_case(catalogue(), registered="李鸣"))
    _print(qtbot, step, tmp_path / "original.pdf")
    assert step.built is not None
    number = step.built.number
    dialog = _open(qtbot, step, "shortcutCorrect")
    document = dialog.findChild(QLabel, "actDocument")
    assert document is not None and document.text() == f"不予给付决定书 {number}"
    assert "不予许可" not in document.text() and "办理决定书" not in document.text()
    assert dialog.applicant_name is not None and dialog.applicant_name.text() == "李明"
    assert dialog.decision_reason is not None and "机动车辆" in dialog.decision_reason.text()
    dialog.reason.setText("申请人姓名录入错误")
    dialog.applicant_name.setText("李鸣")
    dialog.to_queue.setChecked(True)
    assert not dialog.password.isEnabled()
    with qtbot.waitSignal(step.acts.done, timeout=20_000) as done:
        dialog.submit_button.click()
    queued = done.args[0]
    assert isinstance(queued, ApprovalRequest) and queued.state is ApprovalState.PENDING
    qtbot.waitUntil(lambda: "已提交审批队列" in step.status.text(), timeout=10_000)
    # nothing changes until a supervisor approves
    assert context.store.documents.entry(step.case_id, number).state is NumberState.CURRENT
    assert context.case_service.get_case(step.case_id).applicant_name == "李明"


def test_print_goes_to_cups_without_a_dialog_as_one_job_with_the_file_copy(
    qtbot: QtBot,
    context: AppContext,
    step: PrintStep,
    private_cups: PrivateCups,  # noqa: F811
) -> None:
    step.duplicate_box.setChecked(True)  # the office wants 一式两份
    _show(qtbot, context, step, approved_case(catalogue()))
    assert step.built is not None and len(step.built.papers()) == 2
    assert "存档联" in step.status.text()
    # The printers as the system lists them (the private CUPS has one); remembered.
    step._fill_printers([private_cups.printer], "")
    index = step.printer_box.findData(private_cups.printer)
    step.printer_box.setCurrentIndex(index)
    step.printer_box.activated.emit(index)
    assert step.print_route().kind == "cups"
    number = step.built.number
    with qtbot.waitSignals([step.printed, step.document_ready], timeout=30_000):
        step.print_now()  # Ctrl+P: no dialog
    assert step.last_job.startswith(private_cups.printer)
    printed = private_cups.wait_for_output()
    text = pdf_text(printed[printed.index(b"%PDF") :])
    assert number in text and "存档联" in text  # vector: the text layer arrived
    copies = [d.copy_no for d in context.case_service.documents_of(step.case_id)]
    assert copies == [0, 1, 2]  # archive copy, the original, the 存档联
    assert step.built.copy_number == 3 and not step.built.file_copy  # a reprint: one paper


def test_without_cups_or_a_known_printer_the_qt_path_is_used(step: PrintStep) -> None:
    step._fill_printers([], "")
    assert step.print_route().kind == "qt"  # no default printer: Qt (which reports it)
    step._fill_printers(["Counter-Laser"], "")
    step.printer_box.setCurrentIndex(step.printer_box.findData("Counter-Laser"))
    assert route_for("Counter-Laser", known=["Counter-Laser"], default="", lp="").kind == "qt"
    assert route_for("Counter-Laser", known=["Counter-Laser"], default="", lp="/x/lp").lp == "/x/lp"
    assert route_for("", known=[], default="Office", lp="/x/lp").kind == "cups"
    assert route_for("Gone", known=["Office"], default="Office", lp="/x/lp").kind == "qt"
