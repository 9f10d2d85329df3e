"""① 事项: type-ahead over the catalogue (Chinese or pinyin); each match shows its department and
time limit (即办 / N 个工作日); Enter picks the highlighted match."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from clerkapp.core.catalogue import Matter

#: Finds matters for a query, best first (the wizard adapts CatalogueIndex.search to this).
MatterSearch = Callable[[str], list[Matter]]
MAX_RESULTS = 30


def time_limit_text(matter: Matter) -> str:
    """即办 or "N 个工作日"."""
    if matter.decided_at_counter:
        return QCoreApplication.translate("MatterStep", "即办")
    days = matter.time_limit_days
    if days == 1:
        return QCoreApplication.translate("MatterStep", "1 个工作日")
    # A plain placeholder, not Qt's %n plural: pyside6-lupdate does not extract numerus forms
    # from Python, so a %n string would be dropped from the .ts on every refresh.
    return QCoreApplication.translate("MatterStep", "{n} 个工作日").format(n=days)


class MatterStep(QWidget):
    """The search field and its list of matches. Emits ``matter_chosen`` on Enter or click."""

    matter_chosen = Signal(object)  # Matter

    def __init__(self, search: MatterSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matterStep")
        self._search = search
        self.chosen: Matter | None = None
        title = QLabel(self.tr("办理什么事项？输入事项名称或拼音首字母（如 ggzl）"), self)
        title.setObjectName("matterPrompt")
        title.setStyleSheet("font-size: 15px;")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("matterSearch")
        self.search_edit.setAccessibleName(self.tr("事项搜索"))
        self.search_edit.setPlaceholderText(self.tr("事项名称、拼音或首字母…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setStyleSheet("font-size: 16px; padding: 6px;")
        title.setBuddy(self.search_edit)
        self.results = QListWidget(self)
        self.results.setObjectName("matterResults")
        self.results.setAccessibleName(self.tr("匹配的事项"))
        self.results.setStyleSheet(
            "QListWidget { font-size: 14px; } QListWidget::item { padding: 6px; }"
        )
        self.hint = QLabel(self)
        self.hint.setObjectName("matterHint")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        self.search_edit.textChanged.connect(self._refresh)
        self.search_edit.installEventFilter(self)
        self.results.itemClicked.connect(self._activated)
        self.setFocusProxy(self.search_edit)

    def reset(self) -> None:
        """Empty for a new case."""
        self.chosen = None
        self.search_edit.clear()
        self.results.clear()
        self.hint.clear()

    def catalogue_ready(self) -> None:
        """The catalogue can be searched now: show matches for what was typed meanwhile."""
        self.hint.clear()
        self._refresh(self.search_edit.text())

    def _refresh(self, text: str) -> None:
        self.results.clear()
        query = text.strip()
        if not query:
            self.hint.clear()
            return
        matters = self._search(query)[:MAX_RESULTS]
        for matter in matters:
            item = QListWidgetItem(
                f"{matter.name}　·　{matter.department}　·　{time_limit_text(matter)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, matter)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, matter.name)
            self.results.addItem(item)
        if matters:
            self.results.setCurrentRow(0)
            self.hint.setText(self.tr("↑↓ 选择，Enter 确定"))
        else:
            self.hint.setText(self.tr("没有找到匹配的事项，请换个说法或用拼音首字母"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up/Down in the search field move through the matches, so the hands stay on keys."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QListWidgetItem) -> None:
        self.results.setCurrentItem(item)
        self.commit()

    def commit(self) -> bool:
        """Pick the highlighted match (Enter). False when there is none."""
        item = self.results.currentItem()
        if item is None:
            return self.chosen is not None
        matter = item.data(Qt.ItemDataRole.UserRole)
        self.chosen = matter
        self.matter_chosen.emit(matter)
        return True
