"""The case list's search filters (issue 9: any case, any day): the state and the period of
the whole-history search, and the line under the search box that says why a search was refused
(a malformed ID number) or that the other windows' cases could not be asked for."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerkapp.core.case_types import CaseState

#: States the filter offers (values of :class:`CaseState`), in the order a clerk looks for them.
FILTER_STATES = (
    CaseState.OPEN,
    CaseState.AWAITING_CORRECTION,
    CaseState.ACCEPTED,
    CaseState.APPROVED,
    CaseState.REFUSED,
    CaseState.NOT_ACCEPTED,
    CaseState.WITHDRAWN,
)


class CaseSearchFilters(QWidget):
    """State and period of the search; ``changed`` when either changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseSearchFilters")
        self.state = QComboBox(self)
        self.state.setObjectName("caseSearchState")
        self.state.setAccessibleName(self.tr("按状态筛选"))
        self.state.addItem(self.tr("全部状态"), "")
        words = {
            CaseState.OPEN: self.tr("办理中"),
            CaseState.AWAITING_CORRECTION: self.tr("待补正"),
            CaseState.ACCEPTED: self.tr("已受理"),
            CaseState.APPROVED: self.tr("已办结（予以办理）"),
            CaseState.REFUSED: self.tr("已办结（不予办理）"),
            CaseState.NOT_ACCEPTED: self.tr("不予受理"),
            CaseState.WITHDRAWN: self.tr("已撤回"),
        }
        for state in FILTER_STATES:
            self.state.addItem(words[state], state.value)
        self.period = QComboBox(self)
        self.period.setObjectName("caseSearchPeriod")
        self.period.setAccessibleName(self.tr("按日期筛选"))
        for label, value in (
            (self.tr("全部日期"), ""),
            (self.tr("今天"), "today"),
            (self.tr("近7天"), "7d"),
            (self.tr("近30天"), "30d"),
            (self.tr("近一年"), "365d"),
        ):
            self.period.addItem(label, value)
        for combo, name in (
            (self.state, "caseSearchStateList"),
            (self.period, "caseSearchPeriodList"),
        ):
            combo.view().setObjectName(name)  # the drop-down's list, named like every control
            combo.view().setAccessibleName(combo.accessibleName())
        self.message = QLabel(self)
        self.message.setObjectName("caseSearchMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.state.currentIndexChanged.connect(self.changed)
        self.period.currentIndexChanged.connect(self.changed)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        row.addWidget(self.period, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.message)

    @property
    def states(self) -> tuple[str, ...]:
        """The chosen state (a :class:`CaseState` value), or none: every state."""
        value = str(self.state.currentData() or "")
        return (value,) if value else ()

    @property
    def period_value(self) -> str:
        """The chosen period (a key of :data:`clerkapp.app.case_search.PERIODS`; "": all)."""
        return str(self.period.currentData() or "")

    @property
    def active(self) -> bool:
        """Whether a state or a period narrows the search."""
        return bool(self.states or self.period_value)

    def show_message(self, text: str, *, error: bool) -> None:
        """Say ``text`` under the search box (red when the search was refused); "" hides it."""
        self.message.setText(text)
        colour = "#b3261e" if error else "#5f6368"
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setVisible(bool(text))
