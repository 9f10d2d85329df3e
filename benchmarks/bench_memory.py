"""A clerk's long day in one process: memory must stay flat as the cases go by (issue 13: the
resident set grew by 10 MiB per 20 cases at first and 70 MiB by case 200; goal ≤ 10 MiB from case
50 to case 500).

The real main window (case list, wizard with its proofs board, the applicant's screen host) is
logged in and follows the store, as in the app. :data:`CASES` cases of 公共租赁住房申请 go
through the case service one after the other — opened, identity confirmed, the look-ups
answered, the 宅基地 verification answered, approved: about twelve committed actions a case,
each reaching the views through the store's case listeners (the list reloads the whole day each
time) — and each case is then opened in the wizard where the clerk would see it. The resident
set (``VmRSS``) is read after case :data:`EARLY` and after the last, each after a collection.

Figures: ``memory_rss_case_<EARLY>_mib``, ``memory_rss_case_<CASES>_mib`` and their difference
``memory_growth_case_<EARLY>_to_<CASES>_mib`` (budget 10 MiB); the live ``CaseEntry`` objects
(the list's items hold one each: a leak of items shows here).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from benchmarks import Figure, figure
from benchmarks.bench_store import HOMESTEAD, MATTER, RECORDS, _answer
from clerkapp.app.auth import Clerk, Role
from clerkapp.app.case_service import CaseService
from clerkapp.app.context import AppContext
from clerkapp.core.case import Decision
from clerkapp.core.idnumber import make_id_number
from clerkapp.core.platform_types import VerificationState, VerificationStatus
from clerkapp.gui.applicant_host import ApplicantScreenHost
from clerkapp.gui.application import create_qapplication, default_wizard
from clerkapp.gui.case_list import CaseEntry
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard.wizard import CaseWizard
from clerkapp.infra.paths import data_dir

CASES = int(os.environ.get("CLERKAPP_BENCH_MEMORY_CASES", "500"))
EARLY = 50
GROWTH_BUDGET_MIB = 10.0
SEARCH_EVERY = 10  # cases between two look-ups in the search box
DEADLINE_S = 120.0
OPEN_TRIES = 4


def rss_mib() -> float:
    """This process's resident set in MiB (Linux ``/proc``)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        _spin(5)


def _one_case(svc: CaseService, n: int) -> str:
    """One case through the service as a clerk's day has it (bench_store's cycle)."""
    applicant = make_id_number("330702", date(1980, 1, 1) + timedelta(days=n), n % 1000)
    case = svc.open_case(MATTER, "person", applicant, "基准申请人", "wangxiao")
    identity = svc.begin_identity_check(case.id, "wangxiao")
    registered = _answer("population.basic", {"name": "基准申请人", "alive": True})
    svc.record_lookup_answer(
        case.id, identity.payload["proof_code"], registered, outbox_id=identity.id
    )
    for row in svc.begin_lookups(case.id, "wangxiao"):
        code = row.payload["proof_code"]
        item, record = RECORDS[code]
        svc.record_lookup_answer(case.id, code, _answer(item, record), outbox_id=row.id)
    request = svc.request_verification(case.id, HOMESTEAD, "wangxiao")
    ticket = f"T-{case.id}"
    svc.record_verification_ticket(case.id, HOMESTEAD, ticket, outbox_id=request.id)
    answered = VerificationStatus(ticket, VerificationState.ANSWERED, confirmed=True)
    svc.record_verification_status(case.id, HOMESTEAD, answered)
    svc.decide(case.id, Decision.APPROVE, None, "wangxiao")
    return case.id


def _open(window: MainWindow, wizard: CaseWizard, case_id: str) -> None:
    """Open the case in the wizard as a double-click does; once more if it did not open (a
    read refused on the loaded machine — the wizard says so, and the clerk clicks again)."""
    for _ in range(OPEN_TRIES):
        window.open_case(case_id)
        deadline = time.monotonic() + DEADLINE_S / OPEN_TRIES
        while wizard.presenter.case_id != case_id and time.monotonic() < deadline:
            _spin(5)
        if wizard.presenter.case_id == case_id:
            return
        print(f"memory: {case_id} did not open: {wizard.status.text()}", file=sys.stderr)
    raise RuntimeError("timed out waiting for the case open in the wizard")


def _settled_rss() -> float:
    _spin(300)  # the last change's coalesced signal and re-reads
    gc.collect()
    return rss_mib()


def _live_entries() -> int:
    gc.collect()
    return sum(isinstance(o, CaseEntry) for o in gc.get_objects())


def run() -> Iterator[Figure]:
    """Run the cases through one window; yield the resident set at case EARLY and CASES."""
    create_qapplication([])
    context = AppContext(data_dir() / "memory")
    window: MainWindow | None = None
    try:
        window = MainWindow(context, wizard_factory=default_wizard(context))
        ApplicantScreenHost(window, context.counter_name)  # a child of the window
        window.show()
        window.login_view.logged_in.emit(Clerk("wangxiao", "王晓", Role("clerk")))
        wizard = window.wizard
        assert isinstance(wizard, CaseWizard)
        _wait(lambda: wizard.services.ready, "catalogue")
        svc = context.case_service
        listed = window.case_list
        early = 0.0
        early_entries = 0
        started = time.perf_counter()
        for n in range(1, CASES + 1):
            case_id = _one_case(svc, n)
            _wait(
                lambda case_id=case_id: any(  # type: ignore[misc]
                    e.case_id == case_id and e.state == "approved" for e in listed._entries
                ),
                f"case {n} listed as approved",
            )
            _open(window, wizard, case_id)
            if n % SEARCH_EVERY == 0:  # the clerk looks a case up now and then
                listed.search.setText("基准申请")
                _wait(lambda: not listed._searching, f"search after case {n}")
                listed.search.setText("")
            if n % 50 == 0:
                print(f"memory: case {n}, {rss_mib():.1f} MiB", file=sys.stderr, flush=True)
            if n == EARLY:
                early = _settled_rss()
                early_entries = _live_entries()
        elapsed = time.perf_counter() - started
        last = _settled_rss()
        last_entries = _live_entries()
    finally:
        if window is not None:
            window.close()
        context.close()
    yield figure(f"memory_rss_case_{EARLY}_mib", early, "MiB")
    yield figure(f"memory_rss_case_{CASES}_mib", last, "MiB")
    yield figure(
        f"memory_growth_case_{EARLY}_to_{CASES}_mib", last - early, "MiB", GROWTH_BUDGET_MIB
    )
    yield figure(f"memory_live_case_entries_case_{EARLY}", early_entries, "objects")
    yield figure(f"memory_live_case_entries_case_{CASES}", last_entries, "objects")
    yield figure(f"memory_{CASES}_cases_s", elapsed, "s")
