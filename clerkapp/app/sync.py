"""The sync worker: sends the outbox to the platform.

``drain()`` sends every due row once — concurrently on a small pool, in batches of operations
per request where the platform offers them (``POST /api/v1/batch``, clerkapp.app.sync_batch,
issue 13), the results recorded by the draining thread alone (one writer), a batch of them per
transaction — and returns a
:class:`SyncReport`. ``start()`` runs drains on a background thread that wakes when told new work
was enqueued (:meth:`SyncWorker.notify`) or when the next retry falls due; ``stop()`` shuts it
down cleanly (the operations in flight finish, nothing is abandoned half-recorded).

Order: the progress operations of one case (register, then its events) go one after another in
the order they were written; if one fails, the later ones wait for the next drain. The
registration also tells the platform that this workstation handles the case — it answers nothing
else about a case before — so a case's other calls (look-ups, verifications and their polls,
credit reports) wait for its open registration: sent behind it in the same drain, or deferred.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import timedelta

from clerkapp.app import audit_anchor
from clerkapp.app.outbox_send import (
    Backoff,
    CaseRecorder,
    Clock,
    Outcome,
    Settler,
    send,
    stored_answer,
)
from clerkapp.app.sync_batch import BATCH_OPERATIONS, NotApplied, Prepared, prepare, send_parcel
from clerkapp.infra.platform import PlatformClient
from clerkapp.infra.process_lock import ProcessLock, sync_lock_path
from clerkapp.infra.store.db import Store
from clerkapp.infra.store.outbox import OutboxKind, OutboxRow

log = logging.getLogger("clerkapp.sync")

_ORDERED = {OutboxKind.PROGRESS_REGISTER.value: 0, OutboxKind.PROGRESS_EVENT.value: 1}
# Issue 9: an SMS notice and a decision's upload name the case's token (the platform refuses
# them before its registration) and go in the order they were written, with the events.
_ORDERED |= {OutboxKind.NOTIFICATION.value: 1, OutboxKind.DOCUMENT_UPLOAD.value: 1}
# Kinds whose answer is only kept with the row: nothing to record on a case.
_CASELESS = {*_ORDERED, OutboxKind.CREDIT_REPORT.value}


@dataclass
class SyncReport:
    """What one drain did."""

    sent: int = 0
    retry: int = 0
    waiting: int = 0
    needs_person: int = 0
    deferred: int = 0
    seconds: float = 0.0
    anchored: bool = False  # the audit chain's head was anchored on the platform at this sync
    busy: bool = False  # another process held the store's sync lock: nothing was tried
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def handled(self) -> int:
        """Rows tried in this drain."""
        return self.sent + self.retry + self.waiting + self.needs_person

    def count(self, kind: str, result: str) -> None:
        """Add one settled row."""
        setattr(self, result, getattr(self, result) + 1)
        self.by_kind[kind] += 1


def lanes(rows: Iterable[OutboxRow]) -> list[list[OutboxRow]]:
    """Group rows into lanes that run one after another: a case's progress operations share a
    lane (register first, then events in written order); every other row is a lane of its own."""
    grouped: dict[str, list[OutboxRow]] = {}
    for row in rows:
        key = f"progress:{row.case_id}" if row.kind in _ORDERED else f"row:{row.id}"
        grouped.setdefault(key, []).append(row)
    return [
        sorted(lane, key=lambda r: (_ORDERED.get(r.kind, 0), r.id)) for lane in grouped.values()
    ]


class SyncWorker:
    """Sends due outbox rows through ``client`` and records their answers through ``recorder``
    (the case service)."""

    def __init__(
        self,
        store: Store,
        recorder: CaseRecorder,
        client: PlatformClient,
        clock: Clock,
        *,
        threads: int = 4,
        page: int = 512,
        batch: int = 64,
        backoff: Backoff | None = None,
        idle_wake_s: float = 30.0,
        anchor_audit: bool = True,
        lock_wait_s: float | None = None,
        batch_operations: int = BATCH_OPERATIONS,
    ) -> None:
        self.store = store
        # Operations per batch request (issue 13); 1: one request per operation.
        self.batch_operations = batch_operations
        self.anchor_audit = anchor_audit  # anchor the audit head at the end of each drain
        self.client = client
        self.clock = clock
        self.settler = Settler(store, recorder, clock, backoff)
        self._threads = threads
        self._page = page
        self._batch = batch
        self._idle_wake_s = idle_wake_s
        self._drain_lock = threading.Lock()
        # Between processes (a GUI and `clerkapp sync` on one store): one drain at a time, so a
        # row is never sent by both. ``lock_wait_s`` None: wait until the other drain ends.
        self._process_lock = ProcessLock(sync_lock_path(store.path))
        self.lock_wait_s = lock_wait_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_report: SyncReport | None = None

    # ------------------------------------------------------------------ one drain

    def drain(self, max_items: int | None = None) -> SyncReport:
        """Send every row due now (at most ``max_items``) once; returns what happened."""
        with self._drain_lock:
            started = time.monotonic()
            if not self._process_lock.acquire(self.lock_wait_s, cancelled=self._stopping.is_set):
                log.info("drain skipped: another process is draining this store")
                self.last_report = SyncReport(busy=True)
                return self.last_report
            try:
                with ThreadPoolExecutor(self._threads, thread_name_prefix="clerkapp-sync") as pool:
                    report = _Drain(self, pool, max_items).run()
                if self.anchor_audit and not self._stopping.is_set():
                    self._anchor(report)  # under the lock: one anchor sender at a time
            finally:
                self._process_lock.release()
            report.seconds = time.monotonic() - started
            self.last_report = report
            log.info(
                "drain: sent=%d retry=%d waiting=%d needs_person=%d deferred=%d in %.2f s",
                report.sent,
                report.retry,
                report.waiting,
                report.needs_person,
                report.deferred,
                report.seconds,
            )
            return report

    def _anchor(self, report: SyncReport) -> None:
        """The outbox drained: anchor the audit chain's head on the platform if it moved since
        the last anchor (clerkapp.app.audit_anchor), sent at once; offline, the row waits in the
        outbox like any other."""
        try:
            row = audit_anchor.enqueue_if_moved(
                self.store, self.client.credentials.workstation, self.clock()
            )
        except Exception:  # anchoring must never stop the sync
            log.exception("audit anchor could not be queued")
            return
        if row is None:
            return
        outcome = send(self.client, row)
        result = self.settler.settle(outcome)
        report.anchored = result == "sent"
        if result == "needs_person":  # refused (e.g. anchor_regressed): a person must look
            report.needs_person += 1
        log.info("audit anchor count=%s: %s", row.payload.get("count"), result)

    def _send_lane(self, lane: list[OutboxRow]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for row in lane:
            try:
                outcome = send(self.client, row)
            except Exception as exc:  # a bug or an unforeseen transport error: a person looks
                log.exception("outbox %s row=%d could not be sent", row.kind, row.id)
                outcome = Outcome(row, error=exc)
            outcomes.append(outcome)
            if not outcome.ok or self._stopping.is_set():
                # The rest of the lane must not overtake a failed operation: next drain.
                outcomes.extend(Outcome(r, error=_DeferredError()) for r in lane[len(outcomes) :])
                break
        return outcomes

    def _settle_batch(
        self, outcomes: list[Outcome], report: SyncReport, blocked_cases: set[str]
    ) -> None:
        # One transaction for the batch (fewer commits); each row's record is a savepoint, so a
        # row that cannot be recorded does not undo the others. Rows whose answer touches no case
        # (progress, credit reports) are closed together in one statement.
        with self.store.atomic():
            plain = [o for o in outcomes if o.ok and o.row.kind in _CASELESS]
            if plain:
                self.store.outbox.mark_sent_many(
                    [(o.row.id, stored_answer(o.answer)) for o in plain], now=self.clock()
                )
                for o in plain:
                    report.count(o.row.kind, "sent")
            for outcome in outcomes:
                row = outcome.row
                if outcome.ok and row.kind in _CASELESS:
                    continue
                if isinstance(outcome.error, NotApplied):
                    self._defer([row], report)
                    continue
                try:
                    result = self.settler.settle(outcome)
                except Exception:
                    log.exception(
                        "outbox %s row=%d: answer could not be recorded", row.kind, row.id
                    )
                    with self.store.atomic():
                        self.store.outbox.mark_needs_person(row.id, "answer could not be recorded")
                    result = "needs_person"
                report.count(row.kind, result)
                if result != "sent" and row.kind in _ORDERED and row.case_id:
                    blocked_cases.add(row.case_id)

    def _waits_for_earlier(self, lane: list[OutboxRow], seen: set[int]) -> bool:
        """A case's progress operation waits while an earlier one of the same case is still
        open and not part of this drain (not yet due, or failed and waiting for its retry)."""
        head = lane[0]
        if not head.case_id or head.kind == OutboxKind.PROGRESS_REGISTER:
            return False  # a registration comes first: nothing of its case is before it
        return any(
            r.kind in _ORDERED
            and r.state == "open"
            and r.id not in seen
            and (r.id < head.id or r.kind == OutboxKind.PROGRESS_REGISTER)
            for r in self.store.outbox.for_case(head.case_id)
        )

    def _defer(self, lane: list[OutboxRow], report: SyncReport) -> None:
        later = self.clock() + timedelta(seconds=1)
        with self.store.atomic():
            for row in lane:
                self.store.outbox.mark_retry(row.id, "waiting for an earlier operation", later)
        report.deferred += len(lane)

    # ------------------------------------------------------------ background thread

    def notify(self) -> None:
        """New work was enqueued: wake the background thread now."""
        self._wake.set()

    def start(self) -> None:
        """Run drains on a background thread until :meth:`stop`."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="clerkapp-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Stop the background thread after the operations in flight are recorded."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        """Whether the background thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self.drain()
            except Exception:  # keep syncing: a broken drain must not end the worker
                log.exception("drain failed")
            if self._stopping.is_set():
                break
            self._wake.wait(self._sleep_s())

    def _sleep_s(self) -> float:
        """Until the next retry falls due (bounded), unless woken earlier."""
        due = self.store.outbox.next_due_at()
        if due is None:
            return self._idle_wake_s
        seconds = (due - self.clock()).total_seconds()
        return max(0.05, min(self._idle_wake_s, seconds))


def _registers(lane: list[OutboxRow]) -> bool:
    """Whether a progress lane carries its case's registration."""
    return any(r.kind == OutboxKind.PROGRESS_REGISTER for r in lane)


def _registered(outcomes: list[Outcome]) -> bool:
    """Whether the registration among a lane's outcomes was answered."""
    return any(o.ok for o in outcomes if o.row.kind == OutboxKind.PROGRESS_REGISTER)


class _DeferredError(NotApplied):
    """Marker: not sent because an earlier operation of the same lane failed."""


class _Drain:
    """One drain as a pipeline: rows are fetched while earlier ones are in flight, so the pool
    never waits for a page to finish. A case's progress lane that arrives while another lane of
    the same case is in flight is chained behind it (sent when it succeeds, deferred when not).
    """

    def __init__(self, worker: SyncWorker, pool: ThreadPoolExecutor, max_items: int | None) -> None:
        self.w = worker
        self.pool = pool
        self.max_items = max_items
        self.report = SyncReport()
        self.seen: set[int] = set()
        self.unsettled = 0  # rows fetched and not settled yet (still "open" in the store)
        self.blocked: set[str] = set()  # cases whose progress must wait for the next drain
        self.busy: dict[str, list[list[OutboxRow]]] = {}  # case → lanes chained behind
        # Each request in flight and the lanes it carries (one lane, or a batch's parcel).
        self.in_flight: dict[Future[list[list[Outcome]]], list[list[OutboxRow]]] = {}
        self.parcel: list[tuple[list[OutboxRow], Prepared]] = []  # for the next batch request
        self.parcel_ops = 0
        self.outcomes: list[Outcome] = []
        self.exhausted = False
        # Cases whose registration is in this drain → their other lanes waiting for it; and the
        # cases registered in this drain (their rows may not be settled yet).
        self.registering: dict[str, list[list[OutboxRow]]] = {}
        self.registered: set[str] = set()

    def run(self) -> SyncReport:
        """Fetch, send and settle until nothing due is left (or the worker stops)."""
        while True:
            if not self.exhausted and len(self.in_flight) < 4 * self.w._threads:
                self._fetch()
            self._flush()
            if not self.in_flight:
                self._settle()
                if self.exhausted or self.w._stopping.is_set():
                    break
                continue
            done, _ = wait(self.in_flight, timeout=0.05, return_when=FIRST_COMPLETED)
            for future in done:
                sent = self.in_flight.pop(future)
                for lane, outcomes in zip(sent, future.result(), strict=True):
                    self.outcomes.extend(outcomes)
                    self._release(lane, ok=all(o.ok for o in outcomes))
                    if _registers(lane):
                        self._registration_done(lane[0].case_id or "", _registered(outcomes))
            if len(self.outcomes) >= self.w._batch or not done:
                self._settle()
        return self.report

    def _fetch(self) -> None:
        page = self.w._page
        if self.max_items is not None:
            page = min(page, self.max_items - len(self.seen))
        if page <= 0 or self.w._stopping.is_set():
            self.exhausted = True
            return
        rows = self.w.store.outbox.due_except(self.w.clock(), self.seen, page)
        if not rows:
            self.exhausted = True
            return
        self.seen.update(r.id for r in rows)
        self.unsettled += len(rows)
        # Rows queued for another platform go straight to a person (send() refuses them without
        # a call), whatever they would otherwise wait for (a registration held the same way).
        target = self.w.client.target
        for row in [r for r in rows if target is not None and r.target != target]:
            self._submit([row])
        rows = [r for r in rows if target is None or r.target == target]
        # Progress lanes first, so a registration in this page is known before its case's calls.
        grouped = sorted(lanes(rows), key=lambda lane: lane[0].kind not in _ORDERED)
        others = {
            lane[0].case_id for lane in grouped if lane[0].kind not in _ORDERED and lane[0].case_id
        }
        unregistered = self.w.store.outbox.unregistered(others - self.registered)
        for lane in grouped:
            case = lane[0].case_id or ""
            if lane[0].kind not in _ORDERED:
                if case not in unregistered or case in self.registered:
                    self._submit(lane)
                elif case in self.registering:
                    self.registering[case].append(lane)  # sent once the registration is
                else:
                    self._defer(lane)  # its registration is not due yet or failed
            elif case in self.blocked or self.w._waits_for_earlier(lane, self.seen):
                self._defer(lane)
            elif case in self.busy:
                self._mark_registering(lane)
                self.busy[case].append(lane)
            else:
                self._mark_registering(lane)
                self.busy[case] = []
                self._submit(lane)

    def _mark_registering(self, lane: list[OutboxRow]) -> None:
        if _registers(lane):
            self.registering.setdefault(lane[0].case_id or "", [])

    def _registration_done(self, case: str, ok: bool) -> None:
        """A case's registration is back: send the calls that waited for it, or defer them."""
        waiting = self.registering.pop(case, [])
        if ok:
            self.registered.add(case)
        for lane in waiting:
            if ok:
                self._submit(lane)
            else:
                self._defer(lane)

    def _submit(self, lane: list[OutboxRow]) -> None:
        w = self.w
        prepared = None
        if w.batch_operations > 1 and w.client.batch_supported:
            prepared = prepare(w.client, lane)
        if prepared is not None:
            if self.parcel_ops + len(lane) > w.batch_operations:
                self._flush()  # a batch never holds more than batch_operations (but one lane)
            self.parcel.append((lane, prepared))  # sent with others (issue 13)
            self.parcel_ops += len(lane)
            if self.parcel_ops >= w.batch_operations:
                self._flush()
            return
        self.in_flight[self.pool.submit(self._alone, lane)] = [lane]

    def _alone(self, lane: list[OutboxRow]) -> list[list[Outcome]]:
        return [self.w._send_lane(lane)]

    def _flush(self) -> None:
        """Send the lanes gathered for a batch (as one request per operation when the platform
        turned out to have no batch endpoint)."""
        if not self.parcel:
            return
        parcel, self.parcel, self.parcel_ops = self.parcel, [], 0
        future = self.pool.submit(send_parcel, self.w.client, parcel, self.w._send_lane)
        self.in_flight[future] = [lane for lane, _ in parcel]

    def _release(self, lane: list[OutboxRow], *, ok: bool) -> None:
        """A lane is back: start the next lane of its case, or hold them all if it failed."""
        case = lane[0].case_id or ""
        if lane[0].kind not in _ORDERED or case not in self.busy:
            return
        chained = self.busy[case]
        if not ok:
            self.blocked.add(case)
            for waiting in chained:
                self._defer(waiting)
                if _registers(waiting):
                    self._registration_done(case, False)
            del self.busy[case]
        elif chained:
            self._submit(chained.pop(0))
        else:
            del self.busy[case]

    def _defer(self, lane: list[OutboxRow]) -> None:
        self.w._defer(lane, self.report)
        self.unsettled -= len(lane)

    def _settle(self) -> None:
        if self.outcomes:
            self.w._settle_batch(self.outcomes, self.report, self.blocked)
            self.unsettled -= len(self.outcomes)
            self.outcomes = []
