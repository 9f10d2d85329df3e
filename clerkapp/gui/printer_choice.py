"""The print step's printer choice: the selector (system default, the printers the system
lists, a remembered one not connected now), the ``QPrinter`` it makes, how a print goes out
(:func:`clerkapp.gui.print_output.route_for`) and 选择打印机… (the system dialog, on demand).
A mixin of :class:`clerkapp.gui.print_step.PrintStep`, which owns the widgets named here."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QSpinBox, QWidget

from clerkapp.gui.print_output import PrintRoute, route_for

if TYPE_CHECKING:
    from clerkapp.app.documents import BuiltDocument
    from clerkapp.gui.ops import OpHandle

PRINTER_KEY = "print/printer"


def truthy(value: object) -> bool:
    """A QSettings ini value as a bool ("true"/"false" strings from the file)."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


class PrinterChoice:
    """Printer selection of the print step (see the module docstring)."""

    _settings: QSettings
    printer_box: QComboBox
    copies: QSpinBox
    print_button: QPushButton
    built: BuiltDocument | None
    known_printers: list[str]
    default_printer: str

    def print_to(self, printer: QPrinter) -> OpHandle | None:  # provided by PrintStep
        raise NotImplementedError

    def _widget(self) -> QWidget:
        return cast(QWidget, self)  # the print step (a QWidget) this is mixed into

    def _fill_printers(self, names: list[str] | None = None, default: str | None = None) -> None:
        """The printer selector: the system default, the printers the system knows (``names``,
        default: Qt's list) and a remembered one that is not connected now."""
        remembered = str(self._settings.value(PRINTER_KEY, "") or "")
        names = QPrinterInfo.availablePrinterNames() if names is None else names
        default = QPrinterInfo.defaultPrinterName() if default is None else default
        self.known_printers = list(names)
        self.default_printer = default
        self.printer_box.clear()
        self.printer_box.addItem(QCoreApplication.translate("PrintStep", "系统默认打印机"), "")
        for name in names:
            self.printer_box.addItem(name, name)
        if remembered and remembered not in names:
            # remembered but not connected now: keep it visible so the clerk sees what is missing
            self.printer_box.addItem(
                QCoreApplication.translate("PrintStep", "%1（未连接）").replace("%1", remembered),
                remembered,
            )
        chosen = remembered or default
        index = self.printer_box.findData(chosen)
        self.printer_box.setCurrentIndex(max(index, 0))

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

    def print_route(self) -> PrintRoute:
        """How a print to the chosen printer goes out: CUPS (the PDF itself) or Qt."""
        name = str(self.printer_box.currentData() or "")
        return route_for(name, known=self.known_printers, default=self.default_printer)

    def choose_printer(self) -> None:
        """选择打印机… / Ctrl+Shift+P: Qt's print dialog; the printer chosen is remembered and
        the previewed document printed on it."""
        if self.built is None or not self.print_button.isEnabled():
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self._widget())
        dialog.setObjectName("printDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            self._settings.setValue(PRINTER_KEY, printer.printerName())
            self._fill_printers()
            self.copies.setValue(max(1, printer.copyCount()))
        self.print_to(printer)
