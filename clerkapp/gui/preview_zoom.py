"""Zoom for the print preview (⑥ 打印): 缩小 / 放大 / 适合页面 buttons, the zoom in percent, and
the usual keys (Ctrl+= or Ctrl++, Ctrl+-, Ctrl+0) while the print step has focus. The preview
opens fitted to the view; zooming steps through a fixed ladder from the factor shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

#: The zoom factors stepped through (1.0: the page at its printed size on screen).
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class PreviewZoom(QWidget):
    """The zoom controls of one :class:`QPdfView`; the keys work in ``keys_on`` and its
    children (the print step), not elsewhere in the window."""

    def __init__(self, view: QPdfView, keys_on: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printZoom")
        self.view = view
        self.out_button = self._button("printZoomOut", "−", self.tr("缩小"), "Ctrl+-")
        self.level = QLabel(self)
        self.level.setObjectName("printZoomLevel")
        self.level.setAccessibleName(self.tr("缩放比例"))
        self.level.setMinimumWidth(self.level.fontMetrics().horizontalAdvance(" 400% "))
        self.level.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.in_button = self._button("printZoomIn", "+", self.tr("放大"), "Ctrl+=")
        self.fit_button = self._button(
            "printZoomFit", self.tr("适合页面"), self.tr("适合页面"), "Ctrl+0"
        )
        self.fit_button.setCheckable(True)  # checked while the page fits the view
        for symbol in (self.out_button, self.in_button):  # − and +: small square buttons
            symbol.setFixedWidth(symbol.sizeHint().height() + 8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.out_button, self.level, self.in_button, self.fit_button):
            layout.addWidget(widget)
        self.out_button.clicked.connect(self.zoom_out)
        self.in_button.clicked.connect(self.zoom_in)
        self.fit_button.clicked.connect(self.fit)
        # fitted, the factor follows the view's size and the document shown
        view.installEventFilter(self)
        document = view.document()
        if document is not None:
            document.statusChanged.connect(lambda _status: self._show_level())
        for keys, slot, name in (
            ("Ctrl+=", self.zoom_in, "shortcutZoomIn"),
            ("Ctrl++", self.zoom_in, "shortcutZoomInPlus"),
            ("Ctrl+-", self.zoom_out, "shortcutZoomOut"),
            ("Ctrl+0", self.fit, "shortcutZoomFit"),
        ):
            shortcut = QShortcut(QKeySequence(keys), keys_on)
            shortcut.setObjectName(name)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.fit()

    def _button(self, name: str, text: str, spoken: str, keys: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(spoken)
        button.setToolTip(f"{spoken} ({keys})")
        button.setAutoDefault(False)
        return button

    @property
    def fitted(self) -> bool:
        """Whether the preview fits the whole page in the view (the default)."""
        return self.view.zoomMode() is QPdfView.ZoomMode.FitInView

    def factor(self) -> float:
        """The zoom factor shown now (when fitted: the one the fit works out to)."""
        if not self.fitted:
            return float(self.view.zoomFactor())
        document = self.view.document()
        if document is None or document.pageCount() < 1:
            return 1.0
        page = document.pagePointSize(0)
        dpi = self.view.logicalDpiX() / 72.0
        area = self.view.viewport().size()
        if page.width() <= 0 or page.height() <= 0 or area.isEmpty():
            return 1.0
        margins = self.view.documentMargins()
        width = area.width() - margins.left() - margins.right()
        height = area.height() - margins.top() - margins.bottom()
        return max(0.05, min(width / (page.width() * dpi), height / (page.height() * dpi)))

    def zoom_in(self) -> None:
        """One step larger than shown."""
        now = self.factor()
        self._set(next((z for z in ZOOM_STEPS if z > now + 0.005), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """One step smaller than shown."""
        now = self.factor()
        self._set(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.005), ZOOM_STEPS[0]))

    def fit(self) -> None:
        """The whole page in the view."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._show_level()

    def _set(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_level()

    def _show_level(self) -> None:
        self.level.setText(f"{round(self.factor() * 100)}%")
        self.fit_button.setChecked(self.fitted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """The view resized: a fitted page's factor changed with it."""
        if watched is self.view and event.type() == QEvent.Type.Resize and self.fitted:
            self._show_level()
        return False
