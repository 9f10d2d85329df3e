"""The case list (left pane): today's cases, those waiting, those needing a person — and,
when something is typed or a filter chosen, every date's cases (issue 9).

Shows only masked applicants ("李** 3307…1234"); the search box filters the day's sections by
name, matter or the tail of the ID number at once, and after a short pause asks the main window
for the whole-history search (``search_requested``: full ID number / USCC, 文号, 查询码, 办件编号,
name, matter, with the state and period filters), shown page by page under 全部日期 ("更多…"
loads the next page) and, for a full ID number, the applicant's cases at other windows (其他窗口
办理: not openable here). Double-click or Enter asks the main window to reopen the case; Enter in
the search box opens the selected or the only case found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.present import PresentRole
from clerkapp.core.texts import COMMA
from clerkapp.gui.case_search import CaseSearchFilters
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import StatusLook, case_status

_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_MORE_ROLE = Qt.ItemDataRole.UserRole + 2
#: Milliseconds of no typing before the whole-history search runs.
SEARCH_PAUSE_MS = 250


class Group(StrEnum):
    """The sections of the list, in reading order."""

    TODAY = "today"
    WAITING = "waiting"
    NEEDS_PERSON = "needs_person"
    HISTORY = "history"  # the whole-history search's results (issue 9)
    ELSEWHERE = "elsewhere"  # the applicant's cases at other windows (platform case index)


#: The sections the day's list fills (the others come from the search).
LOCAL_GROUPS = (Group.TODAY, Group.WAITING, Group.NEEDS_PERSON)


@dataclass(frozen=True)
class CaseEntry:
    """One case as the list needs it. ``applicant_name`` is used for search only, never shown."""

    case_id: str
    matter_name: str
    applicant_name: str
    id_masked: str  # e.g. 330702********1234 (from the store)
    state: str
    group: Group
    waiting_lookup: bool = False
    needs_person: bool = False
    procedure: str = ""  # the matter's kind of act (decided cases say 不予给付 / 不予许可 …)
    decidable: bool = False  # every proof settled: 可决定 (issue 10)
    where: str = ""  # another window's case: "窗口 · 机关 · 日期" shown instead of the applicant
    openable: bool = True  # False for another window's case (this store does not hold it)
    present: str = ""  # who acted for the applicant, "代办人 李*" ("" in person; issue 9)

    @property
    def status(self) -> StatusLook:
        """Colour, icon and words of the case's status."""
        return case_status(
            self.state,
            needs_person=self.needs_person,
            waiting_lookup=self.waiting_lookup,
            procedure=self.procedure,
            decidable=self.decidable,
        )

    @property
    def applicant_short(self) -> str:
        """``李** 3307…1234``: family name, stars, and the ends of the ID number (another
        window's case: where and when it is handled)."""
        if self.where:
            return self.where
        who = f"{mask_name(self.applicant_name)} {short_id(self.id_masked)}".strip()
        return f"{who} · {self.present}" if self.present else who

    def matches(self, query: str) -> bool:
        """Whether the search text fits: part of the name or matter, or the ID number's end."""
        query = query.strip()
        if not query:
            return True
        if query in self.applicant_name or query in self.matter_name:
            return True
        return self.id_masked.upper().endswith(query.upper())


def present_text(role: str, masked: str) -> str:
    """The person present as the list says it: "代办人 李*" (role in the UI language, name
    masked); "" when the applicant came in person or the role is unknown."""
    try:
        present = PresentRole(role) if role else None
    except ValueError:
        present = None
    if present is None:
        return ""
    # Imported here: the wizard package loads at the first login, not before the window shows.
    from clerkapp.gui.wizard.person_present import role_label

    return f"{role_label(present)} {masked}".strip()


def mask_name(name: str) -> str:
    """Keep the first character, star the rest (``李明`` → ``李*``; ``欧阳娜娜`` → ``欧***``)."""
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def short_id(id_masked: str) -> str:
    """``330702********1234`` → ``3307…1234`` (a business's credit code the same way)."""
    if len(id_masked) < 8:
        return id_masked
    return f"{id_masked[:4]}…{id_masked[-4:]}"


class CaseItemDelegate(QStyledItemDelegate):
    """Paints a case as two lines: matter, then applicant and the coloured status."""

    def sizeHint(  # noqa: N802 (Qt API)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Two text lines for a case, one for a section title."""
        base = super().sizeHint(option, index)
        if index.data(_ENTRY_ROLE) is None:
            return QSize(base.width(), base.height() + 8)
        line = option.fontMetrics.height()
        return QSize(base.width(), 2 * line + 12)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the case; section titles use the default look."""
        entry = index.data(_ENTRY_ROLE)
        if not isinstance(entry, CaseEntry):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(4, 4, -4, -4)
        line = opt.fontMetrics.height()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = opt.palette.highlightedText() if selected else opt.palette.text()
        painter.save()
        painter.setPen(text_colour.color())
        matter = opt.fontMetrics.elidedText(
            entry.matter_name, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), line), 0, matter)
        second = QRect(rect.x() + 12, rect.y() + line + 2, rect.width() - 12, line)
        status = entry.status
        who_rect, who, status_rect = second_line_layout(
            opt.fontMetrics, second, entry.applicant_short, status.text()
        )
        painter.drawText(who_rect, 0, who)
        if not selected:
            painter.setPen(QColor(status.colour))
        painter.drawText(status_rect, int(Qt.AlignmentFlag.AlignRight), status.text())
        painter.restore()


#: Pixels kept free between the applicant and the status on a case's second line.
STATUS_GAP = 10


def second_line_layout(
    metrics: QFontMetrics, line: QRect, applicant: str, status: str
) -> tuple[QRect, str, QRect]:
    """Where a case's second line draws the applicant and the status: the status whole at the
    right, the applicant left of it with a gap (elided when the column is narrow), so the two
    never run into each other (long English statuses such as "Awaiting answer")."""
    status_width = metrics.horizontalAdvance(status)
    status_rect = QRect(line.right() - status_width + 1, line.y(), status_width, line.height())
    room = max(0, status_rect.left() - STATUS_GAP - line.x())
    who = metrics.elidedText(applicant, Qt.TextElideMode.ElideRight, room)
    who_rect = QRect(line.x(), line.y(), room, line.height())
    return who_rect, who, status_rect


class CaseListView(QWidget):
    """Search box plus the grouped list. ``case_activated`` carries the case id."""

    case_activated = Signal(str)
    search_requested = Signal()  # the text or a filter changed: run the whole-history search
    more_requested = Signal()  # 更多…: the next page of the search

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseListView")
        self.title = QLabel(self.tr("办件"), self)
        self.title.setStyleSheet("font-weight: bold;")
        self.search = QLineEdit(self)
        self.search.setObjectName("caseSearch")
        self.search.setAccessibleName(self.tr("搜索办件"))
        self.search.setPlaceholderText(self.tr("搜索姓名、事项、证件号、文号、查询码或办件编号…"))
        self.search.setClearButtonEnabled(True)
        self.tree = _CaseTree(self)
        self.tree.setObjectName("caseList")
        self.tree.setAccessibleName(self.tr("办件列表"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(CaseItemDelegate(self.tree))
        self.tree.itemActivated.connect(self._activated)
        self.tree.enter_pressed.connect(self._activate_current)
        self.search.textChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self._enter_in_search)
        self.filters = CaseSearchFilters(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._request_search)
        self.search.textChanged.connect(self._schedule_search)
        self.filters.changed.connect(self._filters_changed)
        self._searching = False  # a search asked for and not yet shown
        self._open_when_found = False  # Enter was pressed before the search's answer

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.tree, 1)
        self.setTabOrder(self.search, self.filters.state)
        self.setTabOrder(self.filters.state, self.filters.period)
        self.setTabOrder(self.filters.period, self.tree)

        self._groups: dict[Group, QTreeWidgetItem] = {}
        self._entries: list[CaseEntry] = []
        for group in Group:
            item = QTreeWidgetItem(self.tree)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setExpanded(True)
            self._groups[group] = item
        self._update_titles()

    def set_cases(self, entries: list[CaseEntry]) -> None:
        """Replace the list's content (keeps the search text and filter). The list reloads
        after every store change (issue 10), so it changes only what changed: items of cases
        still listed stay where they are or move (redrawn only when their entry changed), new
        cases get an item, and the items of cases no longer listed are destroyed — an item
        taken out of the tree belongs to no one and would otherwise live on with its entry
        (issue 13: every reload leaked the day's items)."""
        self._entries = list(entries)
        wanted = {group: [e for e in entries if e.group is group] for group in LOCAL_GROUPS}
        spare: dict[str, QTreeWidgetItem] = {}
        for group in LOCAL_GROUPS:  # first out: a case may move to an earlier section
            header = self._groups[group]
            staying = {e.case_id for e in wanted[group]}
            for index in reversed(range(header.childCount())):
                child = header.child(index)
                if child is not None and child.data(0, _ENTRY_ROLE).case_id not in staying:
                    header.takeChild(index)
                    spare[child.data(0, _ENTRY_ROLE).case_id] = child
        for group in LOCAL_GROUPS:
            _place(self._groups[group], wanted[group], spare)
        _destroy(spare.values())
        for header in self._groups.values():
            header.setExpanded(True)
        self._apply_filter(self.search.text())

    def visible_entries(self) -> list[CaseEntry]:
        """The cases shown now, in order (after the search filter)."""
        shown: list[CaseEntry] = []
        for header in self._groups.values():
            for child in _children(header):
                entry = child.data(0, _ENTRY_ROLE)
                if isinstance(entry, CaseEntry) and not child.isHidden():
                    shown.append(entry)
        return shown

    def _apply_filter(self, text: str) -> None:
        narrowed = self.filters.active  # a state or period: the search's section says it all
        for group in LOCAL_GROUPS:
            for child in _children(self._groups[group]):
                entry: CaseEntry = child.data(0, _ENTRY_ROLE)
                child.setHidden(narrowed or not entry.matches(text))
        self._update_titles()

    def _update_titles(self) -> None:
        names = {
            Group.TODAY: self.tr("今日办件"),
            Group.WAITING: self.tr("等待中"),
            Group.NEEDS_PERSON: self.tr("需处理"),
            Group.HISTORY: self.tr("全部日期"),
            Group.ELSEWHERE: self.tr("其他窗口办理"),
        }
        for group, header in self._groups.items():
            shown = sum(
                not child.isHidden() and child.data(0, _MORE_ROLE) is None
                for child in _children(header)
            )
            header.setText(0, f"{names[group]} ({shown})")
            if group not in LOCAL_GROUPS:
                header.setHidden(not self.search_active() or not header.childCount())

    def _focus_first(self) -> None:
        for header in self._groups.values():
            for child in _children(header):
                if not child.isHidden():
                    self.tree.setCurrentItem(child)
                    self.tree.setFocus()
                    return

    def _current_shown(self) -> bool:
        current = self.tree.currentItem()
        return (
            current is not None
            and not current.isHidden()
            and isinstance(current.data(0, _ENTRY_ROLE), CaseEntry)
        )

    def _activate_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item, 0)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, _MORE_ROLE) is not None:
            self.more_requested.emit()
            return
        entry = item.data(0, _ENTRY_ROLE)
        if isinstance(entry, CaseEntry) and entry.openable:
            self.case_activated.emit(entry.case_id)

    # -- the whole-history search (issue 9) ------------------------------------------------------

    def search_active(self) -> bool:
        """Whether the search's sections show: something typed or a filter chosen."""
        return bool(self.search.text().strip()) or self.filters.active

    def _schedule_search(self, _text: str = "") -> None:
        self._open_when_found = False
        if not self.search_active():
            self._pause.stop()
            self._searching = False
            self.show_results([], more=False)
            self.filters.show_message("", error=False)
            return
        self._searching = True
        self._pause.start()

    def _filters_changed(self) -> None:
        self._apply_filter(self.search.text())
        self._schedule_search()

    def _request_search(self) -> None:
        if self.search_active():
            self.search_requested.emit()

    def show_results(
        self,
        entries: list[CaseEntry],
        *,
        more: bool,
        append: bool = False,
        elsewhere: list[CaseEntry] | None = None,
        message: str = "",
    ) -> None:
        """Show a page of the search under 全部日期 (``append``: after the pages shown; cases
        already in the day's sections are not repeated), "更多…" when ``more`` pages follow,
        the other windows' cases (first page only) and ``message`` (e.g. the platform could not
        be asked) under the search box."""
        self._searching = False
        current = self.tree.currentItem()
        kept = current.data(0, _ENTRY_ROLE) if current is not None else None
        history = self._groups[Group.HISTORY]
        for child in _children(history):
            if child.data(0, _MORE_ROLE) is not None:
                history.removeChild(child)
                _destroy([child])
        if not append:
            _destroy(history.takeChildren())
            _destroy(self._groups[Group.ELSEWHERE].takeChildren())
            for entry in elsewhere or []:
                _fill(item := QTreeWidgetItem(self._groups[Group.ELSEWHERE]), entry)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        shown = {e.case_id for e in self.visible_entries()}
        for entry in entries:
            if entry.case_id not in shown:
                _fill(QTreeWidgetItem(history), entry)
        if more:
            item = QTreeWidgetItem(history)
            item.setText(0, self.tr("更多…"))
            item.setData(0, _MORE_ROLE, True)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.tr("加载更多办件"))
        for group in (Group.HISTORY, Group.ELSEWHERE):
            self._groups[group].setExpanded(True)
        if not append:
            self.filters.show_message(message, error=False)
            if isinstance(kept, CaseEntry):  # a reload keeps the clerk's selection
                self._select(kept.case_id)
        self._update_titles()
        if self._open_when_found:
            self._open_when_found = False
            self._open_only_or_first()

    def _select(self, case_id: str) -> None:
        for group in (Group.HISTORY, Group.ELSEWHERE):
            for child in _children(self._groups[group]):
                entry = child.data(0, _ENTRY_ROLE)
                if isinstance(entry, CaseEntry) and entry.case_id == case_id:
                    self.tree.setCurrentItem(child)
                    return

    def show_search_error(self, message: str) -> None:
        """The search was refused (e.g. a malformed ID number): say why, show no results."""
        self._open_when_found = False
        self.show_results([], more=False)
        self.filters.show_message(message, error=True)

    def _enter_in_search(self) -> None:
        """Enter in the search box opens a case: the selected one when it is still shown, else
        the first case shown; when nothing is shown yet and the whole-history search is still
        running, the first case it finds (nothing found: nothing opens)."""
        current = self.tree.currentItem()
        if (
            current is not None
            and not current.isHidden()
            and isinstance(current.data(0, _ENTRY_ROLE), CaseEntry)
            and current.data(0, _ENTRY_ROLE).openable
        ):
            self.tree.setFocus()  # Up/Down and Enter go on from the list
            self._activated(current, 0)
            return
        if not [e for e in self.visible_entries() if e.openable] and (
            self._searching or self._pause.isActive()
        ):
            self._open_when_found = True  # the search decides
            if self._pause.isActive():
                self._pause.stop()
                self._request_search()
            return
        self._open_only_or_first()

    def _open_only_or_first(self) -> None:
        self._focus_first()
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            return  # nothing shown: nothing opens
        entry = current.data(0, _ENTRY_ROLE)
        if isinstance(entry, CaseEntry) and entry.openable:
            self.tree.setFocus()
            self.case_activated.emit(entry.case_id)


class _CaseTree(QTreeWidget):
    """A tree that reports Enter/Return itself (platforms differ on itemActivated for keys)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Enter/Return reopens the current case."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _children(header: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (header.child(i) for i in range(header.childCount()))
    return [child for child in found if child is not None]


def _place(
    header: QTreeWidgetItem, wanted: list[CaseEntry], spare: dict[str, QTreeWidgetItem]
) -> None:
    """Make ``header``'s children show ``wanted`` in order: an item already under ``header``
    stays or moves, one of ``spare`` (taken out of another section) is put in, else a new one
    is made; an item is refilled only when its entry changed."""
    for position, entry in enumerate(wanted):
        child = header.child(position)
        if child is None or child.data(0, _ENTRY_ROLE).case_id != entry.case_id:
            child = spare.pop(entry.case_id, None)
            if child is None:
                child = _take_later(header, position, entry.case_id)
            if child is None:
                child = QTreeWidgetItem()
            header.insertChild(position, child)
        if child.data(0, _ENTRY_ROLE) != entry:
            _fill(child, entry)


def _take_later(header: QTreeWidgetItem, start: int, case_id: str) -> QTreeWidgetItem | None:
    """Take the item of ``case_id`` out of ``header`` at ``start`` or after (None: none)."""
    for index in range(start, header.childCount()):
        child = header.child(index)
        if child is not None and child.data(0, _ENTRY_ROLE).case_id == case_id:
            return header.takeChild(index)
    return None


def _destroy(items: Iterable[QTreeWidgetItem]) -> None:
    """Destroy items taken out of the tree: Qt gives them to no one (PySide6 does not give them
    to Python either), so dropping them would leak each item and the entry it holds."""
    for item in list(items):
        if shiboken6.isValid(item):
            shiboken6.delete(item)


def _fill(item: QTreeWidgetItem, entry: CaseEntry) -> None:
    """Show ``entry`` in ``item`` (painted by :class:`CaseItemDelegate`, spoken and tipped)."""
    spoken = _spoken(entry)
    item.setData(0, _ENTRY_ROLE, entry)
    item.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
    item.setToolTip(0, spoken)


def _spoken(entry: CaseEntry) -> str:
    return translated(COMMA).join((entry.matter_name, entry.applicant_short, entry.status.words))
