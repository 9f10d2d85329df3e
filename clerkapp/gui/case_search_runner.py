"""Runs the case list's whole-history search in the background (issue 9): one search at a
time is shown (an answer to an older text is dropped), pages follow by the store's keyset, a
refused search (a malformed ID number) is said under the search box, and the applicant's cases
at other windows (the platform's case index) show as 其他窗口办理 rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from clerkapp.core.case_query import MalformedSubject
from clerkapp.gui import ops
from clerkapp.gui.case_list import CaseEntry, CaseListView, Group

if TYPE_CHECKING:
    from clerkapp.app.case_search import CaseSearchResult
    from clerkapp.app.context import CaseSummary


class CaseSearchRunner(QObject):
    """Connects a :class:`CaseListView`'s search to ``services.search_cases`` (*worker*; see
    :meth:`clerkapp.app.context.AppContext.search_cases`); shells without it show no results."""

    def __init__(
        self,
        view: CaseListView,
        services: Any,
        official: Callable[[], str | None],
        to_entry: Callable[[CaseSummary], CaseEntry],
        pool: Any = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._services = services
        self._official = official
        self._to_entry = to_entry
        self._pool = pool
        self._generation = 0
        self._next: Any = None
        self._pages = 0  # pages shown of the current search
        view.search_requested.connect(lambda: self.run(more=False))
        view.more_requested.connect(lambda: self.run(more=True))

    def refresh(self) -> None:
        """The store changed (the day's list reloaded): search again so that a result's state is
        current — unless the clerk paged on (reloading would take the later pages away)."""
        if self._view.search_active() and self._pages <= 1:
            self.run(more=False)

    def run(self, *, more: bool = False) -> None:
        """Search for what the view's box and filters say (``more``: the next page)."""
        search = getattr(self._services, "search_cases", None)
        official = self._official()
        if search is None or official is None:
            self._view.show_results([], more=False)
            return
        if more and self._next is None:
            return
        view = self._view
        text, states = view.search.text(), view.filters.states
        period, after = view.filters.period_value, (self._next if more else None)
        self._generation += 1
        generation = self._generation

        def load() -> CaseSearchResult:
            return search(text, official=official, states=states, period=period, after=after)

        def done(result: CaseSearchResult) -> None:
            if generation != self._generation:
                return  # the clerk typed on: a newer search is on its way
            self._next = result.next_page
            self._pages = self._pages + 1 if more else 1
            view.show_results(
                [replace(self._to_entry(s), group=Group.HISTORY) for s in result.cases],
                more=result.next_page is not None,
                append=more,
                elsewhere=[elsewhere_entry(c) for c in result.elsewhere],
                message=result.elsewhere_error,
            )

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            if isinstance(exc, MalformedSubject):
                view.show_search_error(ops.user_message_for(exc))
            else:
                view.show_results([], more=False)
                ops.show_failure(view, exc)

        ops.run_op(self, load, done, failed, pool=self._pool)


def elsewhere_entry(case: dict[str, str]) -> CaseEntry:
    """Another window's case as a list row: matter, state, and where and when (not openable)."""
    where = QCoreApplication.translate("CaseSearchRunner", "{0}窗口 · {1} · {2}受理").format(
        case.get("window") or case.get("workstation", ""),
        case.get("office", ""),
        case.get("opened_at", "")[:10],
    )
    return CaseEntry(
        case_id=case["case_id"],
        matter_name=case.get("matter_name") or case.get("matter", ""),
        applicant_name="",
        id_masked="",
        state=case.get("state", ""),
        group=Group.ELSEWHERE,
        where=where,
        openable=False,
    )
