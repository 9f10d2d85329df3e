"""Where a print goes: straight to CUPS as the PDF itself (vector, text layer kept) when the
platform has it, else painted through Qt at the printer's resolution.

Both run on a worker thread (:func:`clerkapp.gui.ops.run_op`). The Qt path paints each page as
an image at the printer's own resolution (at most :data:`MAX_PRINT_DPI`: a 1200-dpi printer gets
600 dpi, still finer than toner), never the 300-dpi raster of earlier builds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from clerkapp.errors import ClerkAppError
from clerkapp.infra.printing import (
    NO_PRINTER,
    PDF_NOT_LOADED,
    PRINTER_NOT_STARTED,
    cups_lp,
    send_to_cups,
)

# One A4 page at 600 dpi is ~140 MB as an image, painted and freed page by page.
MAX_PRINT_DPI = 600


class PrintError(ClerkAppError):
    """A print job that could not be completed."""


def render_to_printer(pdf: bytes | Sequence[bytes], printer: QPrinter) -> int:
    """*worker* — paint every page of ``pdf`` (or of several PDFs, one job) onto ``printer``,
    full page at the printer's resolution (capped at :data:`MAX_PRINT_DPI`); returns the number
    of pages painted. QPainter on a QPrinter is allowed off the GUI thread."""
    papers = [pdf] if isinstance(pdf, bytes | bytearray) else list(pdf)
    documents = []
    for data in papers:
        document = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(bytes(data)))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintError("pdf did not load", user_message=PDF_NOT_LOADED)
        documents.append((document, buffer))
    printer.setFullPage(True)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("printer did not start", user_message=PRINTER_NOT_STARTED)
    pages = 0
    try:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        for _copy in range(copies):
            for document, _buffer in documents:
                for page in range(document.pageCount()):
                    if pages:
                        printer.newPage()
                    points = document.pagePointSize(page)
                    size = QSize(
                        round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)
                    )
                    image = document.render(page, size)
                    painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
                    del image
                    pages += 1
    finally:
        painter.end()
    return pages


@dataclass(frozen=True)
class PrintRoute:
    """How a print job goes out: ``cups`` (the ``lp`` path) or ``qt``."""

    kind: str
    lp: str | None = None


def route_for(
    printer_name: str,
    *,
    known: Sequence[str] | None = None,
    default: str | None = None,
    lp: str | None = None,
) -> PrintRoute:
    """CUPS when ``lp`` exists (Linux) and the printer is one the system knows (``known``,
    default: Qt's list; the default printer when ``printer_name`` is empty); else the Qt path."""
    lp = lp if lp is not None else cups_lp()
    if not lp:
        return PrintRoute("qt")
    known = QPrinterInfo.availablePrinterNames() if known is None else known
    default = QPrinterInfo.defaultPrinterName() if default is None else default
    if (printer_name and printer_name in known) or (not printer_name and default):
        return PrintRoute("cups", lp)
    return PrintRoute("qt")


def print_job(
    papers: Sequence[bytes],
    *,
    printer_name: str,
    copies: int,
    title: str,
    route: PrintRoute,
    qt_printer: Callable[[], QPrinter] | QPrinter | None = None,
) -> str:
    """*worker* — send ``papers`` as one job by ``route``; returns the CUPS job id (empty on
    the Qt path)."""
    if route.kind == "cups":
        return send_to_cups(papers, printer=printer_name, copies=copies, title=title, lp=route.lp)
    printer = qt_printer() if callable(qt_printer) else qt_printer
    if printer is None:
        raise PrintError("no printer", user_message=NO_PRINTER)
    render_to_printer(papers, printer)
    return ""
