"""The print step (⑥ 打印) driven for real: preview of the built document, save-as, printing to a
PDF printer without a dialog, archive + audit of every print, reprint marked as a copy, the
counter's printer remembered."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
)
from pytestqt.qtbot import QtBot

from clerkapp.app.auth import Clerk
from clerkapp.app.context import AppContext
from clerkapp.core.case import Case
from clerkapp.gui import ops
from clerkapp.gui.application import warm_up_documents
from clerkapp.gui.print_step import PRINTER_KEY, PrintStep
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.paths import resources_dir
from clerkapp.infra.store import Role
from tests.integration.documents_cases import (
    ID_NUMBER,
    approved_case,
    catalogue,
    decode_qr,
    open_case,
    pdf_text,
    survivor_case_with_pledges,
)

pytestmark = pytest.mark.gui

CLERK = Clerk("wangxiao", "王晓", Role.CLERK)


@pytest.fixture
def context(clerkapp_home: Path) -> Iterator[AppContext]:
    """A workstation on a real store file with the canonical catalogue."""
    ctx = AppContext(clerkapp_home, catalogue=catalogue())
    yield ctx
    ops.wait_for_ops(10_000)
    ctx.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Print settings in a file of this test."""
    return QSettings(str(tmp_path / "print.ini"), QSettings.Format.IniFormat)


def _stored(context: AppContext, case: Case) -> Case:
    context.store.cases.insert(case, clerk=CLERK.username, workstation="TRAIN-01")
    return case


def _step(qtbot: QtBot, context: AppContext, settings: QSettings) -> PrintStep:
    step = PrintStep(context, CLERK, settings=settings)
    qtbot.addWidget(step)
    step.resize(900, 700)
    step.show()
    return step


def _show(qtbot: QtBot, step: PrintStep, case_id: str) -> None:
    with qtbot.waitSignal(step.document_ready, timeout=20_000):
        step.show_case(case_id)


def test_preview_then_save_archives_the_same_bytes_and_the_reprint_is_a_copy(
    qtbot: QtBot, context: AppContext, settings: QSettings, tmp_path: Path
) -> None:
    case = _stored(context, approved_case(catalogue()))
    step = _step(qtbot, context, settings)
    _show(qtbot, step, case.id)

    built = step.built
    assert built is not None and built.kind is DocumentKind.DECISION
    assert step.pdf.pageCount() >= 1
    assert step.kind_box.count() == 1
    assert built.number == "金市建决〔2026〕1号"
    assert built.number in step.status.text()
    assert step.print_button.isEnabled() and step.save_button.isEnabled()
    assert ID_NUMBER not in pdf_text(built.pdf)

    target = tmp_path / "saved.pdf"
    saved: list[Any] = []
    step.saved.connect(saved.append)
    with qtbot.waitSignals([step.saved, step.document_ready], timeout=20_000):
        step.save_to(target)
    (record,) = saved
    assert target.read_bytes() == built.pdf
    # a saved PDF issues the number and keeps the archive copy, but is no print
    assert record.sha256 == hashlib.sha256(built.pdf).hexdigest() and record.is_archive_copy
    assert Path(record.path).read_bytes() == built.pdf  # archived as issued
    # the preview now shows the next print: still the original (the applicant's paper)
    assert step.built is not None and step.built.copy_number == 1 and step.built.issued
    assert step.built.number == built.number
    assert "副本" not in pdf_text(step.built.pdf)
    actions = [e.action for e in context.store.audit.entries(case.id)]
    assert actions[-2:] == ["document_issued", "document_saved"]
    assert "printed" not in actions


def test_printing_to_a_pdf_printer_prints_the_page_with_its_qr_and_audits_a_reprint(
    qtbot: QtBot, context: AppContext, settings: QSettings, tmp_path: Path
) -> None:
    case = _stored(context, approved_case(catalogue()))
    step = _step(qtbot, context, settings)
    _show(qtbot, step, case.id)
    printed_records: list[Any] = []
    step.printed.connect(printed_records.append)
    for copy_no, action in ((1, "printed"), (2, "reprinted")):
        out = tmp_path / f"printed-{copy_no}.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        with qtbot.waitSignals([step.printed, step.document_ready], timeout=30_000):
            step.print_to(printer)
        record = printed_records[-1]
        assert record.copy_no == copy_no
        assert context.store.audit.entries(case.id)[-1].action == action
        printed = out.read_bytes()
        assert len(pdfium.PdfDocument(printed)) == 1
        url, _ = decode_qr(printed)
        assert url == f"http://127.0.0.1:8765/p/{case.tracking_token}"


def test_pledge_letter_is_offered_next_to_the_decision(
    qtbot: QtBot, context: AppContext, settings: QSettings
) -> None:
    case, records = survivor_case_with_pledges(catalogue(), context.store)
    step = _step(qtbot, context, settings)
    _show(qtbot, step, case.id)
    kinds = [step.kind_box.itemData(i) for i in range(step.kind_box.count())]
    assert kinds == [DocumentKind.DECISION.value, DocumentKind.PLEDGE.value]
    # the case's own titles: a survivor allowance is a 行政给付
    titles = [step.kind_box.itemText(i) for i in range(step.kind_box.count())]
    assert titles == ["给付决定书", "告知承诺书"]
    # the selector shows each title whole (it was shown empty first, before the titles came)
    box = step.kind_box
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    for i in range(box.count()):
        assert field.width() >= box.fontMetrics().horizontalAdvance(box.itemText(i))
    with qtbot.waitSignal(step.document_ready, timeout=20_000):
        step.build(DocumentKind.PLEDGE)
    assert step.built is not None and step.built.kind is DocumentKind.PLEDGE
    text = pdf_text(step.built.pdf)
    assert all(r.signature_sha256 in text for r in records)
    assert ID_NUMBER in text  # the pledge letter identifies its signer in full


def test_an_undecided_case_has_nothing_to_print(
    qtbot: QtBot, context: AppContext, settings: QSettings
) -> None:
    case = _stored(context, open_case(catalogue(), "zjj.public_rental"))
    step = _step(qtbot, context, settings)
    handle = step.show_case(case.id)
    qtbot.waitUntil(lambda: handle.done, timeout=20_000)
    assert step.kind_box.count() == 0
    assert "尚未作出决定" in step.status.text()
    assert not step.print_button.isEnabled() and not step.save_button.isEnabled()
    step.print_now()  # nothing to print: no dialog, no error
    assert step.built is None


def test_the_counters_printer_and_copies_are_remembered(
    qtbot: QtBot, context: AppContext, settings: QSettings
) -> None:
    settings.setValue(PRINTER_KEY, "Counter-3-Laser")
    step = _step(qtbot, context, settings)
    assert step.printer_box.currentData() == "Counter-3-Laser"
    assert "未连接" in step.printer_box.currentText()  # not attached to this test machine
    step.copies.setValue(3)
    step.printer_box.setCurrentIndex(0)
    step.printer_box.activated.emit(0)
    assert settings.value(PRINTER_KEY) == ""
    again = _step(qtbot, context, settings)
    assert again.copies.value() == 3
    printer = again.make_printer()
    assert printer.copyCount() == 3


def test_every_control_has_an_object_name_and_an_accessible_name(
    qtbot: QtBot, context: AppContext, settings: QSettings
) -> None:
    step = _step(qtbot, context, settings)
    controls = [
        *step.findChildren(QAbstractButton),
        *step.findChildren(QComboBox),
        *step.findChildren(QAbstractSpinBox),
        step.preview,
        step.status,
    ]
    assert len(controls) >= 6
    doc = (resources_dir().parent / "docs" / "ui-objects.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Print step") :]
    names = []
    for control in controls:
        if control.parent() is not step:  # inner parts of Qt's composite widgets
            continue
        assert control.objectName().startswith("print"), control.objectName()
        assert control.accessibleName(), control.objectName()
        assert f"`{control.objectName()}`" in section, control.objectName()
        names.append(control.objectName())
    assert len(names) == len(set(names)), "object names are unique"


def test_the_step_speaks_english_from_its_translation_file(
    qtbot: QtBot, context: AppContext, settings: QSettings
) -> None:
    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "clerkapp_print_en.qm"))
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        step = _step(qtbot, context, settings)
        assert step.print_button.text() == "Print"
        assert step.save_button.text() == "Save as PDF…"
        assert step.printer_box.itemText(0) == "System default printer"
    finally:
        app.removeTranslator(translator)


def test_fonts_warm_up_off_the_gui_thread(qtbot: QtBot) -> None:
    handle = ops.run_op(None, warm_up_documents, lambda _seconds: None, lambda _exc: None)
    with qtbot.waitSignal(handle.finished, timeout=30_000):
        pass
    assert handle.error is None
    assert handle.result >= 0.0  # seconds spent (0 when an earlier test already loaded them)


def test_the_wizard_hosts_the_step_for_the_case_on_screen(
    qtbot: QtBot, context: AppContext
) -> None:
    from clerkapp.gui.wizard.print_host import PrintHost

    case = _stored(context, approved_case(catalogue()))
    host = PrintHost(SimpleNamespace(context=context))
    qtbot.addWidget(host)
    host.set_clerk(CLERK)
    host.show_case(case.id)
    step = host.step
    assert isinstance(step, PrintStep)
    qtbot.waitUntil(lambda: step.built is not None, timeout=20_000)
    assert step.built is not None and step.built.number == "金市建决〔2026〕1号"
