"""The supervisor's warning that the platform refused an audit anchor (issue 9): a refusal
(``anchor_regressed``: the local trail is shorter than what the platform holds; ``anchor_conflict``:
rewritten) means the audit trail of this workstation may have been cut, rewritten or restored
from an old backup — until now said only by ``clerkapp audit verify`` and the log.

A red header button ``auditAnchorWarning`` (supervisors only, UI.md: "The supervisor has pages
the clerk does not … audit review") names it and opens 需人工处理, where the refused row waits
and :func:`anchor_banner_text` explains it above the list. Read off the GUI thread
(:meth:`clerkapp.app.context.AppContext.refused_anchor`) after every case-list load and sync."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QPushButton

from clerkapp.app.auth import Clerk, Role
from clerkapp.gui import ops
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import Tone

if TYPE_CHECKING:
    from clerkapp.app.audit_anchor import RefusedAnchor
    from clerkapp.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def anchor_banner_text(code: str, reason: str, count: int = 0, at: str = "") -> str:
    """What the supervisor reads of a refused anchor: what the platform said, what it means
    and what to do."""
    where = (
        QCoreApplication.translate("AnchorWarning", "（{at}，共 {count} 条记录）").format(
            at=at, count=count
        )
        if count
        else ""
    )
    text = QCoreApplication.translate(
        "AnchorWarning",
        "平台拒绝了本机审计链的存证{where}：{reason}。{meaning}。"
        "请科室负责人立即在本机运行 clerkapp audit verify 核查审计记录，并联系平台管理员；"
        "查明原因前不要撤销此项。",
    )
    # Imported here: the platform client (requests) loads off the path to the first window.
    from clerkapp.app.audit_anchor import anchor_meaning

    return text.format(where=where, reason=reason, meaning=translated(anchor_meaning(code)))


class AnchorWarning(QPushButton):
    """The header's warning of a refused audit anchor; hidden for clerks and when none."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(_words(), window.header)
        self.setObjectName("auditAnchorWarning")
        self.setAccessibleName(_words())
        self.setFlat(True)
        self.setAutoDefault(False)
        self.setStyleSheet(f"color: {Tone.ERROR.value}; font-weight: bold;")
        self.hide()
        self._window = window
        self.anchor: RefusedAnchor | None = None
        self.clicked.connect(window.open_needs_person)

    def refresh(self, clerk: Clerk | None) -> None:
        """Ask the store again (off the GUI thread) for a supervisor; hide for anyone else."""
        services: Any = self._window._services
        read = getattr(services, "refused_anchor", None)
        if clerk is None or clerk.role is not Role.SUPERVISOR or read is None:
            self.show_anchor(None)
            return
        ops.run_op(self, read, self.show_anchor, self._failed)

    def show_anchor(self, anchor: RefusedAnchor | None) -> None:
        """Show ``anchor`` (None: hide)."""
        self.anchor = anchor
        if anchor is None or self._window.clerk is None:
            self.hide()
            return
        why = anchor_banner_text(anchor.code, anchor.reason, anchor.count, anchor.at)
        self.setToolTip(why)
        self.setAccessibleDescription(why)
        self.show()

    def _failed(self, exc: BaseException) -> None:
        ops.log_failure(exc, "reading the refused audit anchor")


def _words() -> str:
    """The button's words."""
    return QCoreApplication.translate("AnchorWarning", "⚠ 审计存证被平台拒绝")


def add_anchor_warning(window: MainWindow) -> AnchorWarning:
    """Put the warning in ``window``'s header (before 新建办件) and keep it current: after every
    case-list load, hidden on logout."""
    warning = AnchorWarning(window)
    bar = window.header.layout()
    if isinstance(bar, QBoxLayout):
        bar.insertWidget(bar.indexOf(window.header.new_case_button), warning)
    window.cases_refreshed.connect(lambda: warning.refresh(window.clerk))
    window.logged_out.connect(lambda: warning.refresh(None))
    return warning
