"""The signature pad the applicant signs the pledge on: a white, wide canvas with a baseline that
takes mouse, pen/tablet (pressure sets the stroke width) and touch input, keeps the strokes as
points with pressure and time, and renders them to a PNG."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

#: Pressure recorded for input devices that have none (mouse, most touch screens).
DEFAULT_PRESSURE = 0.5
#: Stroke width in pixels at pressure 0 and at pressure 1.
MIN_WIDTH = 1.2
MAX_WIDTH = 5.0
INK = QColor("#10203a")


@dataclass(frozen=True)
class StrokePoint:
    """One sampled point of a stroke: position on the pad, pen pressure (0-1) and the time in
    milliseconds since the stroke began."""

    x: float
    y: float
    pressure: float
    t_ms: int

    def as_list(self) -> list[float]:
        """``[x, y, pressure, t_ms]`` for storing the strokes as JSON."""
        return [round(self.x, 1), round(self.y, 1), round(self.pressure, 3), self.t_ms]


Stroke = list[StrokePoint]


def stroke_width(pressure: float) -> float:
    """The pen width for a pressure between 0 and 1."""
    p = min(1.0, max(0.0, pressure))
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * p


def strokes_as_lists(strokes: list[Stroke]) -> list[list[list[float]]]:
    """The strokes as plain lists (``[[x, y, pressure, t_ms], ...]`` per stroke) for storage."""
    return [[p.as_list() for p in stroke] for stroke in strokes]


def paint_strokes(painter: QPainter, strokes: list[Stroke], offset: QPointF | None = None) -> None:
    """Draw the strokes, each segment as wide as the pressure at its end."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    dx = offset.x() if offset else 0.0
    dy = offset.y() if offset else 0.0
    for stroke in strokes:
        if len(stroke) == 1:
            pt = stroke[0]
            w = stroke_width(pt.pressure)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(INK)
            painter.drawEllipse(QPointF(pt.x + dx, pt.y + dy), w / 2, w / 2)
            continue
        for a, b in itertools.pairwise(stroke):
            pen = QPen(INK, stroke_width(b.pressure))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(a.x + dx, a.y + dy), QPointF(b.x + dx, b.y + dy))


def render_png(strokes: list[Stroke], margin: int = 8) -> bytes:
    """The signature as a PNG with a transparent background, cropped to the ink plus a margin."""
    points = [p for s in strokes for p in s]
    if not points:
        raise ValueError("no strokes to render")
    left = min(p.x for p in points) - MAX_WIDTH - margin
    top = min(p.y for p in points) - MAX_WIDTH - margin
    right = max(p.x for p in points) + MAX_WIDTH + margin
    bottom = max(p.y for p in points) + MAX_WIDTH + margin
    image = QImage(QSize(int(right - left) + 1, int(bottom - top) + 1), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_strokes(painter, strokes, QPointF(-left, -top))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes, runtime wants str
    buffer.close()
    return bytes(data.data())


class SignatureCanvas(QWidget):
    """The surface the applicant writes on. Emits ``changed`` after every stroke or clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureCanvas")
        self.setAccessibleName(self.tr("签名区"))
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(560, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._started = 0.0
        self._read_only = False

    # -- public API ---------------------------------------------------------------------------

    @property
    def strokes(self) -> list[Stroke]:
        """The finished strokes, oldest first."""
        return [list(s) for s in self._strokes]

    def is_empty(self) -> bool:
        """Whether nothing has been written."""
        return not self._strokes

    def clear(self) -> None:
        """Wipe the pad for a fresh signature."""
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Freeze the pad once the signature is confirmed."""
        self._read_only = read_only

    def sizeHint(self) -> QSize:  # noqa: N802
        """Wide and not too tall, like a line on the pledge letter."""
        return QSize(760, 220)

    # -- drawing --------------------------------------------------------------------------------

    def _begin(self, pos: QPointF, pressure: float) -> None:
        if self._read_only:
            return
        self._started = time.monotonic()
        self._current = [StrokePoint(pos.x(), pos.y(), pressure, 0)]
        self.update()

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        t_ms = int((time.monotonic() - self._started) * 1000)
        self._current.append(StrokePoint(pos.x(), pos.y(), pressure, t_ms))
        self.update()

    def _end(self) -> None:
        if self._current is None:
            return
        self._strokes.append(self._current)
        self._current = None
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Mouse down starts a stroke (mice have no pressure)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), DEFAULT_PRESSURE)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Mouse drag extends the stroke."""
        self._extend(event.position(), DEFAULT_PRESSURE)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Mouse up ends the stroke."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), DEFAULT_PRESSURE)
            self._end()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        """Pen input: the pen's pressure sets the width of each segment."""
        kind = event.type()
        pressure = float(event.pressure())
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        # Accepting stops Qt from synthesising mouse events for the same pen movement.
        event.accept()

    def event(self, event: QEvent) -> bool:
        """Touch input: the first touch point draws; a pressure of 0 means "not reported"."""
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                point = points[0]
                pressure = float(point.pressure()) or DEFAULT_PRESSURE
                if kind == QEvent.Type.TouchBegin:
                    self._begin(point.position(), pressure)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(point.position(), pressure)
                else:
                    self._extend(point.position(), pressure)
                    self._end()
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._current = None
            self.update()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """White paper, a baseline with a hint, and the ink."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#c8ccd4"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        baseline_y = self.height() * 0.72
        painter.setPen(QPen(QColor("#8a93a3"), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, baseline_y), QPointF(self.width() - 24, baseline_y))
        if not self._strokes and self._current is None:
            painter.setPen(QColor("#9aa3b2"))
            painter.drawText(
                QRectF(24, baseline_y + 6, self.width() - 48, 28),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self.tr("请在横线上方签名"),
            )
        strokes = self._strokes + ([self._current] if self._current else [])
        paint_strokes(painter, strokes)
        painter.end()


class SignaturePad(QWidget):
    """The canvas with its two buttons, 清除 and 确认签字. ``confirmed`` carries the strokes (as
    plain lists) and the PNG once the applicant confirms."""

    confirmed = Signal(list, bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.canvas = SignatureCanvas(self)
        self.clear_button = QPushButton(self.tr("清除"), self)
        self.clear_button.setObjectName("signatureClearButton")
        self.clear_button.setAccessibleName(self.tr("清除签名"))
        self.confirm_button = QPushButton(self.tr("确认签字"), self)
        self.confirm_button.setObjectName("signatureConfirmButton")
        self.confirm_button.setAccessibleName(self.tr("确认签字"))
        self.confirm_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(buttons)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.confirm_button.clicked.connect(self._confirm)
        self.canvas.changed.connect(self._sync_buttons)

    def _sync_buttons(self) -> None:
        self.confirm_button.setEnabled(not self.canvas.is_empty())

    def _confirm(self) -> None:
        if self.canvas.is_empty():
            return
        strokes = self.canvas.strokes
        self.confirmed.emit(strokes_as_lists(strokes), render_png(strokes))

    def set_locked(self, locked: bool) -> None:
        """Lock the pad (while the signature is being stored, and after)."""
        self.canvas.set_read_only(locked)
        self.clear_button.setEnabled(not locked)
        self.confirm_button.setEnabled(not locked and not self.canvas.is_empty())

    def reset(self) -> None:
        """Empty and unlocked, for the next pledge."""
        self.canvas.set_read_only(False)
        self.canvas.clear()
        self.clear_button.setEnabled(True)
