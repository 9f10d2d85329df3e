"""Room kept for an inline validation message: the label is as tall as its lines even while
empty, so the form below does not jump down when a message appears (and up when it goes)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel


def reserve_lines(label: QLabel, lines: int = 1, pixel_size: int | None = None) -> None:
    """Give ``label`` the height of ``lines`` lines of Chinese text (``pixel_size``: the font
    size its style sheet sets, which the label's font does not know before it is polished). A
    longer message still wraps below: word-wrapped labels grow by their height for width."""
    font = QFont(label.font())
    if pixel_size is not None:
        font.setPixelSize(pixel_size)
    # Measured on Chinese text: the fallback CJK face is taller than the font's own lines.
    sample = "\n".join(["国"] * lines)
    box = QRect(0, 0, 10_000, 10_000)
    height = QFontMetrics(font).boundingRect(box, Qt.TextFlag.TextWordWrap, sample).height()
    label.setMinimumHeight(height)
