"""The progress QR code: the tracking URL only (never personal data), error correction level M,
drawn as vectors with ReportLab's own QR encoder (no extra dependency).

ReportLab's ``QrCodeWidget`` draws every dark module as a validated shape object, which costs
~20 ms a page; :class:`QrCode` draws runs of modules into one path instead.
"""

from __future__ import annotations

import functools
import string

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import DocumentError

_ALLOWED_PATH_MARK = "/p/"
_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "-_")  # urlsafe base64
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks


def check_tracking_url(url: str) -> None:
    """Refuse anything but ``{public_base}/p/{token}``: the QR must never carry personal data."""
    base, mark, token = url.rpartition(_ALLOWED_PATH_MARK)
    if (
        not mark
        or not base.startswith(("http://", "https://"))
        or not token
        or not all(c in _TOKEN_CHARS for c in token)
    ):
        raise DocumentError(
            f"not a progress URL: {len(url)} characters",
            user_message=QT_TRANSLATE_NOOP(
                "Documents", "无法打印：办件进度查询地址无效，请联系管理员检查平台地址配置"
            ),
        )


@functools.lru_cache(maxsize=64)
def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix of ``url`` at error correction level M (True: dark). Cached: preview,
    print and reprint of a case encode the same URL."""
    check_tracking_url(url)
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


class QrCode(Flowable):
    """A square QR code ``size`` points wide (quiet zone included) encoding ``url``."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.modules = qr_modules(url)
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The fixed size it takes, whatever the space offered (reportlab protocol)."""
        return self.size, self.size

    def draw(self) -> None:
        """Paint it on the canvas at the origin (reportlab protocol)."""
        count = len(self.modules)
        box = self.size / (count + 2 * QUIET_ZONE)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + QUIET_ZONE + 1) * box
            c = 0
            while c < count:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < count and row[c]:
                    c += 1
                path.rect((start + QUIET_ZONE) * box, y, (c - start) * box, box)
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)


def qr_drawing(url: str, size: float) -> QrCode:
    """The QR flowable of a progress URL (raises ``DocumentError`` for any other URL)."""
    return QrCode(url, size)
