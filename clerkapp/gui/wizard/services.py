"""What the wizard uses of the workstation, over :class:`clerkapp.app.context.AppContext`: the
catalogue index for type-ahead (GUI thread, built once off it), and — for worker threads only —
the case service, the look-up fan-out and the platform calls the wizard sends at once
(verification requests, the long poll of a department's answer)."""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from clerkapp.app.context import AppContext
from clerkapp.app.lookups import LookupRunner
from clerkapp.app.outbox_send import Outcome, Settler, context_of, send
from clerkapp.core.catalogue import Catalogue, Matter
from clerkapp.core.platform_types import VerificationState
from clerkapp.core.search import CatalogueIndex
from clerkapp.infra.office_clock import office_day
from clerkapp.infra.store.outbox import OutboxKind, OutboxRow, OutboxState

#: How long one long poll of a department's answer waits on the platform (short enough that a
#: closing window does not wait long for the poll to come back).
POLL_WAIT_S = 5.0
#: Look-ups of one case run at once: more threads than any matter has proofs.
LOOKUP_THREADS = 8


#: A case as read from the store, numbered in reading order: the GUI applies a snapshot only
#: when it is newer than the one on screen, so an answer that arrives late never shows an older
#: state over a newer one.
Snapshot = tuple[int, Any]


class WizardServices:
    """The wizard's access to the workstation. Methods marked *worker* block: call them through
    :func:`clerkapp.gui.ops.run_op`."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self._index: CatalogueIndex | None = None
        self._catalogue: Catalogue | None = None
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="clerkapp-lookup")
        self._runner: LookupRunner | None = None
        self.poll_wait_s = POLL_WAIT_S
        self._snapshot_lock = threading.Lock()
        self._snapshots = itertools.count(1)

    # -- GUI thread ------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether :meth:`prepare` has run (the catalogue is searchable)."""
        return self._index is not None

    def search_matters(self, query: str) -> list[Matter]:
        """Matters for a type-ahead query (Chinese, pinyin or initials), best first."""
        index, catalogue = self._index, self._catalogue
        if index is None or catalogue is None:
            return []
        matters = catalogue.matters
        hits = index.search(query, limit=30, kinds=("matter",))
        return [matters[h.code] for h in hits if h.code in matters]

    def today(self) -> date:
        """Today's date, the office's day (ID numbers: birth not in the future)."""
        return office_day(self.context.clock())

    def training(self) -> bool:
        """Whether the workstation runs in training mode."""
        return bool(self.context.training)

    # -- worker ----------------------------------------------------------------------------------

    def prepare(self) -> None:
        """*worker* — parse the catalogue, build the search index, the case service and the
        platform client, so that nothing slow is left for the first case."""
        with self._lock:
            if self._index is None:
                catalogue = self.context.catalogue
                self._index = self.context.catalogue_index()
                self._catalogue = catalogue
        _ = self.service
        _ = self.context.client

    @property
    def catalogue(self) -> Catalogue:
        """The active catalogue (parsed by :meth:`prepare`). Kept here so the GUI thread never
        waits on the context's lock while a worker builds something under it."""
        catalogue = self._catalogue
        if catalogue is None:
            catalogue = self._catalogue = self.context.catalogue
        return catalogue

    @property
    def service(self) -> Any:
        """*worker* — the case service."""
        return self.context.case_service

    def runner(self) -> LookupRunner:
        """*worker* — the look-up fan-out."""
        with self._lock:
            if self._runner is None:
                self._runner = LookupRunner(
                    self.context.client, self.service, self._executor, clock=self.context.clock
                )
            return self._runner

    def snapshot(self, case_id: str) -> Snapshot:
        """*worker* — the case now, with its reading-order number."""
        with self._snapshot_lock:
            return next(self._snapshots), self.service.get_case(case_id)

    def open_rows(self, case_id: str, kind: OutboxKind) -> list[OutboxRow]:
        """*worker* — the case's outbox rows of ``kind`` not yet sent."""
        rows = self.context.store.outbox.for_case(case_id)
        return [r for r in rows if r.kind == kind.value and r.state is OutboxState.OPEN]

    def send_verifications(self, case_id: str) -> int:
        """*worker* — send the case's verification requests now (not waiting for the sync
        worker); returns how many were accepted by the platform. The case's registration goes
        first (the platform answers nothing about a case before it); when it cannot go, the
        requests wait in the outbox for the sync worker, which sends them behind it."""
        if self.runner().register_first(case_id) is not None:
            return 0
        settler = Settler(self.context.store, self.service, self.context.clock)
        sent = 0
        for row in self.open_rows(case_id, OutboxKind.VERIFICATION):
            outcome = send(self.context.client, row)
            sent += settler.settle(outcome) == "sent"
        return sent

    def ask_departments(self, case_id: str, clerk: str) -> Snapshot:
        """*worker* — request a verification for every pending department-verified proof, send
        the requests now and return the case as it then is."""
        from clerkapp.core.case import ProofState
        from clerkapp.core.catalogue import Method

        case = self.service.get_case(case_id)
        for code, p in case.proofs.items():
            if p.method is Method.DEPT_VERIFY and p.state is ProofState.PENDING:
                self.service.request_verification(case_id, code, clerk)
        self.send_verifications(case_id)
        return self.snapshot(case_id)

    def wait_for_department(self, case_id: str) -> bool | None:
        """*worker* — long-poll the case's open verification tickets once and record any answer.
        True: an answer was recorded; False: still waiting; None: nothing more to watch at the
        counter — the platform could not be asked (the failure is recorded on the outbox row)
        or every department deferred its answer (a deferred ticket answers a poll at once, so
        watching it would spin) — and the sync worker takes over."""
        settler = Settler(self.context.store, self.service, self.context.clock)
        client = self.context.client
        changed = False
        deferred = 0
        rows = self.open_rows(case_id, OutboxKind.VERIFICATION_POLL)
        for row in rows:
            try:
                status = client.poll_verification(
                    row.payload["ticket"], self.poll_wait_s, context=context_of(row)
                )
            except Exception as exc:  # recorded like the sync worker would, then left to it
                settler.settle(Outcome(row, error=exc))
                return None
            if status.state in (VerificationState.ANSWERED, VerificationState.EXPIRED):
                changed |= settler.settle(Outcome(row, answer=status)) == "sent"
            if status.state is VerificationState.DEFERRED:
                settler.settle(Outcome(row, answer=status))  # the deferral and its date shown
                deferred += 1
        if not changed and rows and deferred == len(rows):
            return None
        return changed

    def close(self) -> None:
        """Stop the look-up threads (at shutdown)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
