"""⑥ 打印: the wizard's last step — the real page previewed (Qt PDF viewer), the counter's
printer (remembered), copies, 一式两份, 打印 (no dialog: the remembered printer), 选择打印机…
(the dialog, on demand), 另存为 PDF, and 作废… / 更正… of an issued document.

Building, printing and archiving run off the GUI thread through :func:`clerkapp.gui.ops.run_op`;
the GUI thread only loads the finished bytes into the viewer. A print goes to CUPS as the PDF
itself where it can (:mod:`clerkapp.gui.print_output`). After a print or a save the document is
recorded (:meth:`clerkapp.app.documents.DocumentDesk.record`): the first output issues the
number and keeps the archive copy; a saved PDF is no print, so the paper handed over afterwards
is the original; the preview is rebuilt, so the next print is marked as a copy (副本).

Tests drive :meth:`PrintStep.show_case`, :meth:`PrintStep.save_to`, :meth:`PrintStep.print_to`
(a PDF ``QPrinter``) and :meth:`PrintStep.print_now` without dialogs, waiting on the signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QSettings,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.documents import BuiltDocument, DocumentDesk
from clerkapp.gui.document_act_dialog import DocumentActsBar
from clerkapp.gui.ops import OpHandle, run_op, user_message_for
from clerkapp.gui.preview_zoom import PreviewZoom
from clerkapp.gui.print_output import (
    MAX_PRINT_DPI,
    PrintError,
    print_job,
    render_to_printer,
)
from clerkapp.gui.printer_choice import PRINTER_KEY, PrinterChoice, truthy
from clerkapp.gui.voided_copy_bar import VoidedCopyBar
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.wording import LONGEST_TITLE
from clerkapp.infra.paths import data_dir
from clerkapp.infra.printing import CANNOT_SAVE

__all__ = ["MAX_PRINT_DPI", "PRINTER_KEY", "PrintError", "PrintStep", "render_to_printer"]

COPIES_KEY = "print/copies"
# 一式两份 (the office's choice): the original's print job also prints the 存档联.
DUPLICATE_KEY = "print/duplicate"


def print_settings() -> QSettings:
    """The counter's print settings: an ini file in the data directory (tests redirect it with
    ``$CLERKAPP_HOME``), never the user's registry."""
    return QSettings(str(data_dir() / "print.ini"), QSettings.Format.IniFormat)


class PrintStep(PrinterChoice, QWidget):
    """Preview, printer, copies, 打印 and 另存为 PDF for the documents of one case.

    Signals: ``document_ready(str)`` (kind) when a preview is loaded; ``printed(object)`` and
    ``saved(object)`` with the archived ``DocumentRecord``; ``failed(str)`` with the message
    shown to the clerk.
    """

    document_ready = Signal(str)
    printed = Signal(object)
    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        context: Any,
        clerk: Any,
        parent: QWidget | None = None,
        *,
        desk: DocumentDesk | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printStep")
        self._context = context
        self._clerk = clerk
        self._desk = desk
        self._settings = settings or print_settings()
        self.case_id = ""
        self.built: BuiltDocument | None = None
        self._buffer: QBuffer | None = None
        self._printer_job: QPrinter | None = None
        self.act_message = ""  # the outcome of a void or correction, shown with the preview
        self.last_job = ""  # the CUPS job id of the last print (empty: the Qt path)
        self._build_ui()
        self.acts = DocumentActsBar(self)
        self.voided_copies = VoidedCopyBar(self)  # 打印作废存档联… of a voided number

    def _run(self, fn: Any, on_success: Any) -> OpHandle:
        # run_op keeps a finished handle alive until its slot has returned (gui/ops._finish).
        return run_op(self, fn, on_success, self._failed)

    # -- widgets -------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.kind_box = self._named(QComboBox(self), "printDocumentKind", self.tr("文书"))
        # Wide enough for the longest title (不予行政许可决定书, two "x" widths per character)
        # before any is loaded, and growing with the titles: never cut off.
        self.kind_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_box.setMinimumContentsLength(2 * LONGEST_TITLE)
        self.status = self._named(
            QLabel(self.tr("请先作出决定，再打印文书。"), self), "printStatus", self.tr("打印状态")
        )
        self.status.setWordWrap(True)
        self.pdf = QPdfDocument(self)
        self.preview = self._named(QPdfView(self), "printPreview", self.tr("文书预览"))
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.zoom = PreviewZoom(self.preview, self, self)  # 缩小 / 放大 / 适合页面, Ctrl+= - 0
        self.printer_box = self._named(QComboBox(self), "printPrinter", self.tr("打印机"))
        self.copies = self._named(QSpinBox(self), "printCopies", self.tr("份数"))
        self.copies.setRange(1, 9)
        self.copies.setValue(int(str(self._settings.value(COPIES_KEY, 1))))
        self.print_button = self._named(QPushButton(self.tr("打印"), self), "printButton")
        self.print_button.setToolTip(self.tr("打印文书 (Ctrl+P)"))
        self.save_button = self._named(QPushButton(self.tr("另存为 PDF…"), self), "printSavePdf")
        self.choose_button = self._named(
            QPushButton(self.tr("选择打印机…"), self), "printChoosePrinter"
        )
        self.choose_button.setToolTip(self.tr("打开打印对话框选择打印机 (Ctrl+Shift+P)"))
        self.duplicate_box = self._named(
            QCheckBox(self.tr("一式两份（含存档联）"), self), "printDuplicate"
        )
        self.duplicate_box.setChecked(truthy(self._settings.value(DUPLICATE_KEY, False)))
        self.duplicate_box.setToolTip(self.tr("打印原件时同时打印一份标注“存档联”的文书，供归档"))
        self._fill_printers()

        bar = QHBoxLayout()
        kind_label = QLabel(self.tr("文书："), self)
        kind_label.setBuddy(self.kind_box)
        printer_label = QLabel(self.tr("打印机："), self)
        printer_label.setBuddy(self.printer_box)
        copies_label = QLabel(self.tr("份数："), self)
        copies_label.setBuddy(self.copies)
        for widget in (kind_label, self.kind_box, printer_label, self.printer_box):
            bar.addWidget(widget)
        bar.addWidget(self.choose_button)
        bar.addWidget(copies_label)
        bar.addWidget(self.copies)
        bar.addWidget(self.duplicate_box)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        self.acts_bar = QHBoxLayout()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.zoom, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bar)
        layout.addLayout(self.acts_bar)
        # focus order follows reading order: document, printer, copies, save, print
        QWidget.setTabOrder(self.kind_box, self.printer_box)
        QWidget.setTabOrder(self.printer_box, self.choose_button)
        QWidget.setTabOrder(self.choose_button, self.copies)
        QWidget.setTabOrder(self.copies, self.duplicate_box)
        QWidget.setTabOrder(self.duplicate_box, self.save_button)
        QWidget.setTabOrder(self.save_button, self.print_button)
        self.choose_button.clicked.connect(self.choose_printer)
        self.duplicate_box.toggled.connect(self._duplicate_toggled)
        choose = QShortcut(QKeySequence("Ctrl+Shift+P"), self)
        choose.setObjectName("shortcutChoosePrinter")
        choose.activated.connect(self.choose_printer)

        self.kind_box.activated.connect(self._kind_chosen)
        self.printer_box.activated.connect(self._printer_chosen)
        self.copies.valueChanged.connect(lambda n: self._settings.setValue(COPIES_KEY, n))
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self._save_clicked)
        self._set_ready(False)

    def _named(self, widget: Any, name: str, accessible: str | None = None) -> Any:
        widget.setObjectName(name)
        widget.setAccessibleName(accessible or widget.text())
        return widget

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.choose_button.setEnabled(ready)
        for bar in (getattr(self, "acts", None), getattr(self, "voided_copies", None)):
            if bar is not None:
                bar.update(ready)

    def _duplicate_toggled(self, on: bool) -> None:
        self._settings.setValue(DUPLICATE_KEY, on)
        if self.built is not None and self.built.copy_number == 1:
            self.build(self.built.kind)  # the job now does (or no longer does) hold the 存档联

    # -- the case and its documents --------------------------------------------------------------

    def set_clerk(self, clerk: Any) -> None:
        """The clerk who prints (recorded with every print)."""
        self._clerk = clerk

    def _clerk_name(self) -> str:
        return str(getattr(self._clerk, "username", "") or "")

    def desk(self) -> DocumentDesk:
        """*worker* — the document desk (built on first use: it may parse the catalogue)."""
        if self._desk is None:
            self._desk = DocumentDesk.for_context(self._context)
        return self._desk

    def reset(self) -> None:
        """Forget the case (new case): no document list, no preview; a build of the last case
        still on its way is dropped when it arrives. The printer and the number of copies are
        the counter's remembered choice and stay."""
        self.case_id = ""
        self.built = None
        self.kind_box.clear()
        self.pdf.close()
        self.zoom.fit()
        self._set_ready(False)
        self.status.setText(self.tr("请先作出决定，再打印文书。"))

    def show_case(self, case_id: str) -> OpHandle:
        """Show the documents of ``case_id`` and preview the first one."""
        self.case_id = case_id
        self.built = None
        self._set_ready(False)
        self.status.setText(self.tr("正在准备文书…"))
        return self._run(
            lambda: self.desk().titles(case_id),
            lambda titled: self._kinds_loaded(titled) if self.case_id == case_id else None,
        )

    def _kinds_loaded(self, titled: list[tuple[DocumentKind, str]]) -> None:
        self.kind_box.clear()
        # the case's real titles (准予行政许可决定书, 给付决定书 …), as the paper prints them
        for kind, title in titled:
            self.kind_box.addItem(title, kind.value)
        kinds = [kind for kind, _ in titled]
        if not kinds:
            self.status.setText(self.tr("本办件尚未作出决定，没有可打印的文书。"))
            return
        self.build(kinds[0])

    def _kind_chosen(self, index: int) -> None:
        value = self.kind_box.itemData(index)
        if value:
            self.build(DocumentKind(value))

    def build(self, kind: DocumentKind) -> OpHandle:
        """Build ``kind`` for the case off the GUI thread, then preview it."""
        self._set_ready(False)
        self.status.setText(self.tr("正在生成文书…"))
        case_id, clerk = self.case_id, self._clerk_name()
        duplicate = self.duplicate_box.isChecked()
        return self._run(
            lambda: self.desk().build(case_id, kind, clerk, duplicate=duplicate), self._built
        )

    def _built(self, document: BuiltDocument) -> None:
        if document.case_id != self.case_id:
            return  # built for a case no longer on the step
        self.built = document
        buffer = QBuffer(self)
        buffer.setData(QByteArray(document.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # the document reads from it while shown
        index = self.kind_box.findData(document.kind.value)
        if index >= 0:
            self.kind_box.setCurrentIndex(index)
        notes = [document.number]
        if document.voided_copy:
            notes.append(self.tr("作废存档联：仅供归档，不计为原件或副本"))
        elif document.copy_number > 1:
            notes.append(self.tr("副本（第 %1 份）").replace("%1", str(document.copy_number)))
        else:
            notes.append(self.tr("原件"))
        if document.file_copy:
            notes.append(self.tr("一式两份：另附存档联"))
        if document.provisional:
            notes.append(self.tr("临时凭证：平台尚未确认，联网后进度自动同步"))
        notes += document.history  # the register's voided / superseded numbers of this kind
        if self.act_message:
            notes.insert(0, self.act_message)
            self.act_message = ""
        self.status.setText(" · ".join(notes))
        self._set_ready(True)
        self.document_ready.emit(document.kind.value)

    def _failed(self, exc: BaseException) -> None:
        message = user_message_for(exc)
        self.status.setText(message)
        self._set_ready(self.built is not None)
        self.failed.emit(message)

    # -- print and save ----------------------------------------------------------------------------

    def print_now(self) -> OpHandle | None:
        """打印 / Ctrl+P: print the previewed document on the remembered printer, no dialog."""
        if self.built is None or not self.print_button.isEnabled():
            return None
        route = self.print_route()
        name = str(self.printer_box.currentData() or "")
        if route.kind == "qt":
            return self.print_to(self.make_printer())
        copies, title = self.copies.value(), self.built.number
        self.status.setText(self.tr("正在打印…"))

        def job(papers: list[bytes]) -> None:
            self.last_job = print_job(
                papers, printer_name=name, copies=copies, title=title, route=route
            )

        return self._hand_out(job, self.printed, papers=True)

    def print_to(self, printer: QPrinter) -> OpHandle | None:
        """Print the previewed document on ``printer`` off the GUI thread, then archive and
        audit it and preview the next copy. Emits ``printed`` with the archived record."""
        if self.built is None:
            return None
        self.status.setText(self.tr("正在打印…"))
        self._printer_job = printer  # alive until the worker is done with it
        return self._hand_out(
            lambda papers: render_to_printer(papers, printer), self.printed, papers=True
        )

    def _save_clicked(self) -> None:
        if self.built is None:
            return
        suggested = str(Path.home() / f"{self.built.number}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> OpHandle | None:
        """Write the previewed document's bytes to ``path`` off the GUI thread, then archive and
        audit it and preview the next copy. Emits ``saved`` with the archived record."""

        def write(pdf: bytes) -> None:
            try:
                path.write_bytes(pdf)
            except OSError as exc:
                raise PrintError("cannot write the pdf", user_message=CANNOT_SAVE) from exc

        return self._hand_out(write, self.saved, printed=False)

    def _hand_out(
        self,
        output: Callable[[Any], object],
        handed: SignalInstance,
        *,
        papers: bool = False,
        printed: bool = True,
    ) -> OpHandle | None:
        """Send the previewed document — its PDF, or with ``papers`` all the papers of the job
        (the 存档联 of a 一式两份 too) — to ``output`` off the GUI thread, record it (a print,
        or with ``printed=False`` a saved PDF, which is no print), emit ``handed`` with the
        record and preview what the next print would be."""
        document = self.built
        if document is None:
            return None
        self._set_ready(False)
        clerk = self._clerk_name()

        def job() -> Any:
            output(document.papers() if papers else document.pdf)
            return self.desk().record(document, clerk, printed=printed)

        def done(record: Any) -> None:
            self._printer_job = None
            handed.emit(record)
            self.build(document.kind)

        return self._run(job, done)
