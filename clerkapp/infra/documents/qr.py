"""The progress QR code: the tracking URL only (never personal data), error correction level M,
drawn as vectors by ReportLab's own QR widget (no extra dependency)."""

from __future__ import annotations

import string

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from clerkapp.errors import DocumentError

_ALLOWED_PATH_MARK = "/p/"
_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "-_")  # urlsafe base64


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
            user_message="无法打印：办件进度查询地址无效，请联系管理员检查平台地址配置",
        )


def qr_drawing(url: str, size: float) -> Drawing:
    """A square drawing ``size`` points wide with the QR code of ``url`` (level M, 4-module
    quiet zone as ISO/IEC 18004 asks)."""
    check_tracking_url(url)
    widget = QrCodeWidget(url, barLevel="M", barBorder=4, barWidth=size, barHeight=size)
    drawing = Drawing(size, size)
    drawing.add(widget)
    return drawing
