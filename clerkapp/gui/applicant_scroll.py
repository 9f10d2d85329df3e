"""Room on the applicant screen (申请人屏): at large type (适老化) on a small screen a page can be
longer than the window. Its body then scrolls (mouse wheel, touch) and a cue under it says
向下还有内容 while more is below — nothing is ever hidden below the fold silently."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)


def scroll_area(parent: QWidget, name: str, accessible: str, body: QWidget) -> QScrollArea:
    """``body`` in a frameless, vertically scrolling area named ``name`` (accessible name
    ``accessible``) that never takes the keyboard focus (the clerk keeps it) and scrolls by
    touch."""
    area = QScrollArea(parent)
    area.setObjectName(name)
    area.setAccessibleName(accessible)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


def more_cue(parent: QWidget, name: str, area: QScrollArea) -> QLabel:
    """A label named ``name``, "▼ 向下还有内容，请滑动查看", shown while ``area`` has more below;
    its room is kept when hidden, so its coming and going moves nothing."""
    cue = QLabel(parent)
    cue.setObjectName(name)
    cue.setTextFormat(Qt.TextFormat.PlainText)
    cue.setText("▼ " + QCoreApplication.translate("ApplicantScreen", "向下还有内容，请滑动查看"))
    policy = cue.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    cue.setSizePolicy(policy)
    bar = area.verticalScrollBar()

    def update() -> None:
        cue.setVisible(bar.value() < bar.maximum())

    bar.rangeChanged.connect(lambda _lo, _hi: update())
    bar.valueChanged.connect(lambda _value: update())
    update()
    return cue


def scrolling_page(
    page: QWidget, name: str, accessible: str
) -> tuple[QVBoxLayout, QScrollArea, QLabel]:
    """Give ``page`` a scrolling body (``{name}Scroll``, accessible name ``accessible``) and its
    cue (``{name}More``); returns the body's layout to fill, the area and the cue."""
    body = QWidget(page)
    body.setObjectName(f"{name}Body")
    area = scroll_area(page, f"{name}Scroll", accessible, body)
    cue = more_cue(page, f"{name}More", area)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(area, 1)
    layout.addWidget(cue)
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 0, 0)
    return inner, area, cue


def relayout(page: QWidget) -> None:
    """Lay ``page`` out afresh: texts set while it was hidden leave stale height-for-width
    caches in its nested layouts (a wrapped label then overlaps the next one)."""

    def invalidate(layout: QLayout) -> None:
        layout.invalidate()
        for index in range(layout.count()):
            item = layout.itemAt(index)
            child = item.layout() if item is not None else None
            if child is not None:
                invalidate(child)

    for widget in (page, *page.findChildren(QWidget)):
        layout = widget.layout()
        if layout is not None:
            invalidate(layout)
    top = page.layout()
    if top is not None:
        top.activate()
