"""⑥ 打印: the wizard's last step — the real page previewed (Qt PDF viewer), the counter's
printer (remembered), copies, 打印 (Qt print dialog) and 另存为 PDF.

Building, printing (rasterising pages at up to 300 dpi) and archiving run off the GUI thread
through :func:`clerkapp.gui.ops.run_op`; the GUI thread only loads the finished bytes into the
viewer. After a print or a save the document is archived with its SHA-256 and the print audited
(:meth:`clerkapp.app.documents.DocumentDesk.record`); the preview is rebuilt, so the next print
is marked as a copy (副本).

Tests drive :meth:`PrintStep.show_case`, :meth:`PrintStep.save_to` and
:meth:`PrintStep.print_to` (a PDF ``QPrinter``) without dialogs, waiting on the signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QIODevice,
    QRect,
    QSettings,
    QSize,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.documents import BuiltDocument, DocumentDesk
from clerkapp.errors import ClerkAppError
from clerkapp.gui.ops import OpHandle, run_op, user_message_for
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.paths import data_dir

PRINTER_KEY = "print/printer"
COPIES_KEY = "print/copies"
MAX_PRINT_DPI = 300  # enough for text and QR; 600 dpi pages would take ~140 MB each


def print_settings() -> QSettings:
    """The counter's print settings: an ini file in the data directory (tests redirect it with
    ``$CLERKAPP_HOME``), never the user's registry."""
    return QSettings(str(data_dir() / "print.ini"), QSettings.Format.IniFormat)


# The documents' titles as the selector shows them (marked for translation).
_KIND_LABELS = {
    DocumentKind.DECISION: QT_TRANSLATE_NOOP("PrintStep", "审批决定书"),
    DocumentKind.RECEIPT: QT_TRANSLATE_NOOP("PrintStep", "受理回执"),
    DocumentKind.REFUSAL: QT_TRANSLATE_NOOP("PrintStep", "不予许可决定书"),
    DocumentKind.PLEDGE: QT_TRANSLATE_NOOP("PrintStep", "告知承诺书"),
    DocumentKind.CORRECTION_NOTICE: QT_TRANSLATE_NOOP("PrintStep", "补正材料一次性告知书"),
    DocumentKind.NOT_ACCEPTED: QT_TRANSLATE_NOOP("PrintStep", "不予受理决定书"),
}


class PrintError(ClerkAppError):
    """A print job that could not be completed."""


def render_to_printer(pdf: bytes, printer: QPrinter) -> int:
    """*worker* — paint every page of ``pdf`` onto ``printer`` (full page, at most 300 dpi);
    returns the number of pages painted. QPainter on a QPrinter is allowed off the GUI thread."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError("pdf did not load", user_message="文书无法打开，未能打印，请重新生成")
    printer.setFullPage(True)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("printer did not start", user_message="打印机无法开始打印，请检查打印机")
    try:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        for copy in range(copies):
            for page in range(document.pageCount()):
                if copy or page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = document.render(page, size)
                painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
    return document.pageCount()


class PrintStep(QWidget):
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
        self._build_ui()

    def _run(self, fn: Any, on_success: Any) -> OpHandle:
        # run_op keeps a finished handle alive until its slot has returned (gui/ops._finish).
        return run_op(self, fn, on_success, self._failed)

    # -- widgets -------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.kind_box = self._named(QComboBox(self), "printDocumentKind", self.tr("文书"))
        # Wide enough for the longest title (不予许可决定书, two "x" widths per character)
        # before any is loaded, and growing with the titles: never cut off.
        self.kind_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_box.setMinimumContentsLength(2 * max(len(str(t)) for t in _KIND_LABELS.values()))
        self.status = self._named(
            QLabel(self.tr("请先作出决定，再打印文书。"), self), "printStatus", self.tr("打印状态")
        )
        self.status.setWordWrap(True)
        self.pdf = QPdfDocument(self)
        self.preview = self._named(QPdfView(self), "printPreview", self.tr("文书预览"))
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.printer_box = self._named(QComboBox(self), "printPrinter", self.tr("打印机"))
        self.copies = self._named(QSpinBox(self), "printCopies", self.tr("份数"))
        self.copies.setRange(1, 9)
        self.copies.setValue(int(str(self._settings.value(COPIES_KEY, 1))))
        self.print_button = self._named(QPushButton(self.tr("打印"), self), "printButton")
        self.print_button.setToolTip(self.tr("打印文书 (Ctrl+P)"))
        self.save_button = self._named(QPushButton(self.tr("另存为 PDF…"), self), "printSavePdf")
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
        bar.addWidget(copies_label)
        bar.addWidget(self.copies)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bar)
        # focus order follows reading order: document, printer, copies, save, print
        QWidget.setTabOrder(self.kind_box, self.printer_box)
        QWidget.setTabOrder(self.printer_box, self.copies)
        QWidget.setTabOrder(self.copies, self.save_button)
        QWidget.setTabOrder(self.save_button, self.print_button)

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

    def _fill_printers(self) -> None:
        remembered = str(self._settings.value(PRINTER_KEY, "") or "")
        names = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName()
        self.printer_box.clear()
        self.printer_box.addItem(self.tr("系统默认打印机"), "")
        for name in names:
            self.printer_box.addItem(name, name)
        if remembered and remembered not in names:
            # remembered but not connected now: keep it visible so the clerk sees what is missing
            self.printer_box.addItem(self.tr("%1（未连接）").replace("%1", remembered), remembered)
        chosen = remembered or default
        index = self.printer_box.findData(chosen)
        self.printer_box.setCurrentIndex(max(index, 0))

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

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

    def show_case(self, case_id: str) -> OpHandle:
        """Show the documents of ``case_id`` and preview the first one."""
        self.case_id = case_id
        self.built = None
        self._set_ready(False)
        self.status.setText(self.tr("正在准备文书…"))
        return self._run(lambda: self.desk().kinds(case_id), self._kinds_loaded)

    def _kinds_loaded(self, kinds: list[DocumentKind]) -> None:
        self.kind_box.clear()
        for kind in kinds:
            self.kind_box.addItem(self.tr(str(_KIND_LABELS[kind])), kind.value)
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
        return self._run(lambda: self.desk().build(case_id, kind, clerk), self._built)

    def _built(self, document: BuiltDocument) -> None:
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
        if document.copy_number > 1:
            notes.append(self.tr("副本（第 %1 份）").replace("%1", str(document.copy_number)))
        if document.provisional:
            notes.append(self.tr("临时凭证：平台尚未确认，联网后进度自动同步"))
        self.status.setText(" · ".join(notes))
        self._set_ready(True)
        self.document_ready.emit(document.kind.value)

    def _failed(self, exc: BaseException) -> None:
        message = user_message_for(exc)
        self.status.setText(message)
        self._set_ready(self.built is not None)
        self.failed.emit(message)

    # -- print and save ----------------------------------------------------------------------------

    def _printer_chosen(self, index: int) -> None:
        self._settings.setValue(PRINTER_KEY, self.printer_box.itemData(index) or "")

    def make_printer(self) -> QPrinter:
        """A printer set to the chosen printer, copies and A4."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self.printer_box.currentData()
        if name:
            printer.setPrinterName(name)
        printer.setCopyCount(self.copies.value())
        printer.setDocName(self.built.number if self.built else "ClerkApp")
        return printer

    def print_now(self) -> None:
        """打印 / Ctrl+P: Qt's print dialog, then print the previewed document."""
        if self.built is None or not self.print_button.isEnabled():
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            self._settings.setValue(PRINTER_KEY, printer.printerName())
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> OpHandle | None:
        """Print the previewed document on ``printer`` off the GUI thread, then archive and
        audit it and preview the next copy. Emits ``printed`` with the archived record."""
        if self.built is None:
            return None
        self.status.setText(self.tr("正在打印…"))
        self._printer_job = printer  # alive until the worker is done with it
        return self._hand_out(lambda pdf: render_to_printer(pdf, printer), self.printed)

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
                raise PrintError(
                    "cannot write the pdf", user_message="无法保存文件，请换一个位置或文件名"
                ) from exc

        return self._hand_out(write, self.saved)

    def _hand_out(
        self, output: Callable[[bytes], object], handed: SignalInstance
    ) -> OpHandle | None:
        """Send the previewed document's PDF to ``output`` off the GUI thread, archive and audit
        it, emit ``handed`` with the record and preview the next copy."""
        document = self.built
        if document is None:
            return None
        self._set_ready(False)
        clerk = self._clerk_name()

        def job() -> Any:
            output(document.pdf)
            return self.desk().record(document, clerk)

        def done(record: Any) -> None:
            self._printer_job = None
            handed.emit(record)
            self.build(document.kind)

        return self._run(job, done)
