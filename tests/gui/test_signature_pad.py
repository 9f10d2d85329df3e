"""The signature pad: mouse, pen with pressure and touch strokes; clear and redo; PNG output."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkapp.gui.wizard.signature_pad import (
    DEFAULT_PRESSURE,
    MAX_WIDTH,
    MIN_WIDTH,
    SignaturePad,
    render_png,
    stroke_width,
)
from tests.gui.wizard_driver import draw_stroke


def _pad(qtbot: QtBot) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(760, 260)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def test_mouse_strokes_then_confirm_emits_strokes_and_png(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    assert not pad.confirm_button.isEnabled()
    draw_stroke(pad.canvas, [(40, 120), (80, 100), (120, 130), (160, 90)])
    draw_stroke(pad.canvas, [(200, 110), (240, 140)])
    assert len(pad.canvas.strokes) == 2
    assert len(pad.canvas.strokes[0]) >= 4
    assert all(p.pressure == DEFAULT_PRESSURE for s in pad.canvas.strokes for p in s)
    assert pad.confirm_button.isEnabled()

    with qtbot.waitSignal(pad.confirmed) as blocker:
        qtbot.mouseClick(pad.confirm_button, Qt.MouseButton.LeftButton)
    strokes, png = blocker.args
    assert len(strokes) == 2
    x, y, pressure, t_ms = strokes[0][0]
    assert (x, y, pressure, t_ms) == (40.0, 120.0, DEFAULT_PRESSURE, 0)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(png)
    # cropped to the ink: about as wide as the strokes drawn (40..240) plus margins
    assert 200 <= image.width() <= 240
    assert image.pixelColor(image.width() // 2, 2).alpha() == 0  # transparent paper


def test_clear_and_redo(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    draw_stroke(pad.canvas, [(40, 120), (300, 120)])
    qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.canvas.is_empty()
    assert not pad.confirm_button.isEnabled()
    draw_stroke(pad.canvas, [(50, 100), (60, 110), (70, 100)])
    assert len(pad.canvas.strokes) == 1
    assert pad.canvas.strokes[0][0].x == 50


def test_locked_pad_takes_no_ink(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    draw_stroke(pad.canvas, [(40, 120), (300, 120)])
    pad.set_locked(True)
    draw_stroke(pad.canvas, [(40, 60), (300, 60)])
    assert len(pad.canvas.strokes) == 1
    assert not pad.clear_button.isEnabled()
    assert not pad.confirm_button.isEnabled()


def _stylus() -> QPointingDevice:
    caps = QInputDevice.Capability.Position | QInputDevice.Capability.Pressure
    return QPointingDevice(
        "test pen",
        4242,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        caps,
        1,
        3,
    )


def _tablet(
    kind: QEvent.Type, device: QPointingDevice, pos: QPointF, pressure: float
) -> QTabletEvent:
    buttons = (
        Qt.MouseButton.LeftButton if kind != QEvent.Type.TabletRelease else Qt.MouseButton.NoButton
    )
    return QTabletEvent(
        kind,
        device,
        pos,
        pos,
        pressure,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        Qt.KeyboardModifier.NoModifier,
        Qt.MouseButton.LeftButton,
        buttons,
    )


def test_pen_pressure_is_recorded_and_sets_width(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    pen = _stylus()
    events = [
        _tablet(QEvent.Type.TabletPress, pen, QPointF(30, 100), 0.1),
        _tablet(QEvent.Type.TabletMove, pen, QPointF(60, 100), 0.4),
        _tablet(QEvent.Type.TabletMove, pen, QPointF(90, 100), 0.9),
        _tablet(QEvent.Type.TabletRelease, pen, QPointF(90, 100), 0.0),
    ]
    for ev in events:
        QApplication.sendEvent(pad.canvas, ev)
    strokes = pad.canvas.strokes
    assert len(strokes) == 1
    assert [round(p.pressure, 2) for p in strokes[0]] == [0.1, 0.4, 0.9]
    assert stroke_width(0.9) > stroke_width(0.1)
    assert stroke_width(0.0) == MIN_WIDTH and stroke_width(1.0) == MAX_WIDTH


def test_touch_strokes(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad.canvas, device).press(0, QPoint(40, 90)).commit()
    QTest.touchEvent(pad.canvas, device).move(0, QPoint(80, 110)).commit()
    QTest.touchEvent(pad.canvas, device).move(0, QPoint(120, 95)).commit()
    QTest.touchEvent(pad.canvas, device).release(0, QPoint(120, 95)).commit()
    strokes = pad.canvas.strokes
    assert len(strokes) == 1
    # touch points carry a contact area; their centre lands within a few pixels of the press
    got = [(p.x, p.y) for p in strokes[0]][:3]
    for (x, y), (ex, ey) in zip(got, [(40, 90), (80, 110), (120, 95)], strict=True):
        assert abs(x - ex) <= 3 and abs(y - ey) <= 3
    assert pad.confirm_button.isEnabled()


def test_render_png_needs_ink() -> None:
    import pytest

    with pytest.raises(ValueError):
        render_png([])
