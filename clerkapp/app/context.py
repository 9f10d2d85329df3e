"""The application context: one object that wires the workstation's parts for the GUI —
settings, store, clerk login, catalogue, platform client, case service and sync worker.

Opening it is cheap (settings file + SQLite open/migrate) so the main window shows at once;
the slow parts (catalogue parse, demo accounts' password hashes, the platform client) are built
on first use, from a background op. Methods documented "worker" must not run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.app.auth import AuthService, Clerk, DemoAccount
from clerkapp.app.clock import local_now
from clerkapp.app.training_store import mode_target, open_mode_store
from clerkapp.core.catalogue import Catalogue
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.infra.file_modes import secure_data_dir
from clerkapp.infra.office_clock import office_time, set_office_zone
from clerkapp.infra.paths import data_dir as default_data_dir
from clerkapp.infra.settings import WorkstationSettings, load_settings, platform_credentials
from clerkapp.infra.store.clerks import ClerkAccounts
from clerkapp.infra.store.db import CaseChangeListener

if TYPE_CHECKING:  # built on first use: imported there, off the start-up path
    from clerkapp.app.accounts import AccountAdmin
    from clerkapp.app.audit_anchor import RefusedAnchor
    from clerkapp.app.case_search import CaseSearchResult
    from clerkapp.app.case_service import CaseService
    from clerkapp.app.sync import SyncWorker
    from clerkapp.app.sync_process import SyncProcess
    from clerkapp.core.search import CatalogueIndex
    from clerkapp.core.workdays import WorkCalendar
    from clerkapp.infra.platform import PlatformClient

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
DEFAULT_IDLE_LOCK_MINUTES = 5.0
DEFAULT_COUNTER = "金华市行政服务中心"


@dataclass(frozen=True)
class CaseSummary:
    """One case as the case list shows it. ``applicant_name`` serves search only; the list
    shows it masked, and ``id_masked`` is already masked by the store."""

    case_id: str
    matter_name: str
    applicant_name: str
    id_masked: str
    state: str
    updated_at: str
    waiting: bool  # accepted, waiting for a department's answer, or a queued look-up
    waiting_lookup: bool  # still open, a department's answer or a queued look-up owed
    needs_person: bool
    procedure: str = ""  # the matter's kind of act (ProcedureKind value; "" when unknown)
    decidable: bool = False  # every proof settled: the clerk can decide it now (issue 10)
    created_at: str = ""  # ISO time the case was opened (the search's result rows show its day)
    present_role: str = ""  # who acts for the applicant (PresentRole value; "" in person)
    present_masked: str = ""  # their name masked (李*), issue 9


@dataclass(frozen=True)
class SyncStatus:
    """What one drain of the sync worker found, for the header: ``reachable`` is None when
    nothing was tried, False when every try failed (network or 5xx)."""

    sent: int
    retry: int
    needs_person: int
    pending: int
    reachable: bool | None


SyncListener = Callable[[SyncStatus], None]


class AppContext:
    """Everything one running ClerkApp workstation uses (composition, no Qt)."""

    def __init__(
        self,
        home: Path | None = None,
        *,
        clock: Clock = local_now,
        settings: WorkstationSettings | None = None,
        idle_lock_minutes: float = DEFAULT_IDLE_LOCK_MINUTES,
        catalogue: Catalogue | None = None,
        sync_process: bool = False,
    ) -> None:
        self.home = home or default_data_dir()
        # Owner-only data (docs/security.md): what an older version left readable is tightened.
        secure_data_dir(self.home)
        self.clock = clock
        self.settings = settings or load_settings()
        # Every time shown to a person, and the counter's day, in the office's zone.
        set_office_zone(self.settings.office_zone)
        self.idle_lock_minutes = idle_lock_minutes
        # Training work has a store of its own; rows are stamped with the mode's platform.
        self.store = open_mode_store(self.home, self.settings)
        self.accounts = ClerkAccounts(self.store, clock, workstation=self.workstation)
        self.auth = AuthService(
            self.accounts, clock, audit=self.accounts.audit, training=self.settings.training
        )
        if not self.settings.training:
            # Configured for a real platform: no training account is left (issue 11).
            from clerkapp.app.accounts import retire_training_accounts

            retire_training_accounts(self.store, clock, workstation=self.workstation)
        self.platform_url = self.settings.url
        self._lock = threading.RLock()
        # The client's own lock: the GUI thread re-points the client (use_platform_url) and
        # must not wait while a worker parses the catalogue under ``_lock``.
        self._client_lock = threading.Lock()
        self._closed = False
        self._catalogue: Catalogue | None = catalogue  # None: the active one, on first use
        self._catalogue_index: CatalogueIndex | None = None
        self._client: PlatformClient | None = None
        self._case_service: CaseService | None = None
        self._calendar: WorkCalendar | None = None
        self._sync: SyncWorker | SyncProcess | None = None
        #: Drain in a child process (:mod:`clerkapp.app.sync_process`; the desktop app) rather
        #: than on threads of this one: the drain's Python work then never holds the GUI's
        #: interpreter lock (issue 13). Only with the default clock (the child's own).
        self.sync_process = sync_process
        self._demo: list[DemoAccount] | None = None
        self._sync_listeners: list[SyncListener] = []
        self._call_observer: Callable[[int | None, float], None] | None = None
        self._offline_probe: Callable[[], bool] | None = None

    # -- what the shell shows ------------------------------------------------------------------

    @property
    def training(self) -> bool:
        """Training mode: no platform configured, the bundled sandbox is used."""
        return self.settings.training

    @property
    def workstation(self) -> str:
        """The workstation id presented to the platform and written to the audit."""
        return self.settings.workstation_id

    @property
    def counter_name(self) -> str:
        """``金华市行政服务中心 · 人社窗口 3`` (from the settings; a default in training)."""
        office = self.settings.official_display or DEFAULT_COUNTER
        window = self.settings.office_name or (
            QT_TRANSLATE_NOOP("AppContext", "培训窗口") if self.training else ""
        )
        if self.settings.counter_window:
            window = f"{window} {self.settings.counter_window}".strip()
        return f"{office} · {window}" if window else office

    @property
    def sandbox_dir(self) -> Path:
        """Where the training sandbox keeps its data."""
        return self.home / "sandbox"

    # -- login (worker) ----------------------------------------------------------------------

    def prepare_training(self) -> list[DemoAccount]:
        """*worker* — create the demo accounts of training mode if missing (once)."""
        with self._lock:
            if self._demo is None:
                self._demo = self.auth.ensure_demo_accounts()
            return self._demo

    def login(self, username: str, password: str) -> Clerk:
        """*worker* — check a clerk's credentials (see :meth:`AuthService.login`); in training
        mode the demo accounts exist before the first check."""
        if self.training:
            self.prepare_training()
        return self.auth.login(username, password)

    def record_lock(self, clerk: Clerk, reason: str) -> None:
        """*worker* — audit that the clerk's screen was locked (``idle`` or ``manual``)."""
        self.accounts.audit("logout", {"username": clerk.username, "reason": f"lock:{reason}"})

    def record_logout(self, clerk: Clerk) -> None:
        """*worker* — audit that the clerk logged out (注销 / 切换用户)."""
        self.accounts.audit("logout", {"username": clerk.username, "reason": "logout"})

    # -- accounts (worker) -------------------------------------------------------------------

    def needs_first_supervisor(self) -> bool:
        """*worker* — a configured workstation whose store has no account yet: the first
        supervisor is asked for before anyone can log in (never in training mode)."""
        return not self.training and self.store.clerks.count() == 0

    def account_admin(self, clerk: Clerk) -> AccountAdmin:
        """*worker* — the account administration (账号管理) acting as ``clerk``, a supervisor
        (a clerk is refused: :class:`~clerkapp.app.accounts.AccountError`)."""
        from clerkapp.app.accounts import AccountAdmin, AccountError
        from clerkapp.infra.store.clerks import Role

        if clerk.role is not Role.SUPERVISOR:
            raise AccountError(
                "not a supervisor",
                user_message=QT_TRANSLATE_NOOP("AppContext", "账号管理仅限科室负责人使用。"),
            )
        return AccountAdmin(
            self.store, self.clock, actor=clerk.username, workstation=self.workstation
        )

    def add_first_supervisor(self, username: str, display_name: str, password: str) -> Clerk:
        """*worker* — create the first account of a configured workstation, a supervisor (only
        while there is none; audited with the new supervisor as the actor)."""
        from clerkapp.app.accounts import AccountAdmin

        admin = AccountAdmin(
            self.store, self.clock, actor=username.strip(), workstation=self.workstation
        )
        view = admin.add_first_supervisor(username, display_name, password)
        return Clerk(view.username, view.display_name, view.role)

    # -- cases (worker) ----------------------------------------------------------------------

    def case_summaries(self) -> list[CaseSummary]:
        """*worker* — today's cases (the office's day), every case still waiting (for a department's
        answer, for a queued look-up) and every case with an operation that needs a person;
        newest first, each once."""
        from clerkapp.infra.store.cases import CaseSummary as StoredSummary

        now = office_time(self.clock())  # the office's day, whatever zone the clock gives
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        cases = self.store.cases
        stuck = {row.case_id for row in self.store.outbox.needs_person() if row.case_id}
        found: dict[str, StoredSummary] = {}
        # The older stuck cases are looked for only when there are some: the list reloads
        # after every case change.
        older_stuck = [s for s in cases.summaries(limit=2000) if s.id in stuck] if stuck else []
        for summary in [
            *cases.summaries(created_from=midnight),
            *cases.summaries(waiting=True),
            *older_stuck,
        ]:
            found.setdefault(summary.id, summary)
        ordered = sorted(found.values(), key=lambda s: (s.created_at, s.id), reverse=True)
        matters = self.catalogue.matters
        return [
            CaseSummary(
                case_id=s.id,
                matter_name=s.matter_name,
                applicant_name=s.applicant_name,
                id_masked=s.applicant_masked,
                state=s.state.value,
                updated_at=s.updated_at.isoformat(),
                waiting=s.waiting,
                waiting_lookup=s.waiting and s.state.value == "open",
                needs_person=s.id in stuck,
                procedure=m.procedure.value if (m := matters.get(s.matter_code)) else "",
                decidable=s.decidable,
                present_role=s.present_role,
                present_masked=s.present_masked,
            )
            for s in ordered
        ]

    def search_cases(
        self, text: str, official: str = "system", period: str = "", **filters: Any
    ) -> CaseSearchResult:
        """*worker* — one page of the whole-history case search (issue 9), with the applicant's
        cases at other windows from the platform's case index for a full ID/USCC (asked as
        ``official``); ``period`` one of :data:`clerkapp.app.case_search.PERIODS` (else all
        dates); see :func:`clerkapp.app.case_search.search` for the other filters and errors."""
        from clerkapp.app.case_search import period_start, search
        from clerkapp.app.outbox_send import CASE_INDEX_PURPOSE
        from clerkapp.infra.platform import CallContext

        def index(subject: str) -> list[dict[str, str]]:
            context = CallContext(official, CASE_INDEX_PURPOSE, "-")
            return self.client.search_case_index(subject, context=context)

        now = office_time(self.clock())
        start = period_start(period, now)
        if start is not None:
            filters.setdefault("created_from", start)
        return search(self.store, self.catalogue, now.date(), text, index=index, **filters)

    def pending_sync(self) -> int:
        """*worker* — outbox operations still to send."""
        return self.store.outbox.pending_count()

    def refused_anchor(self) -> RefusedAnchor | None:
        """*worker* — the audit anchor the platform refused, still waiting for a person (issue 9:
        the supervisor is warned in the header and on the 需人工处理 page), or None."""
        from clerkapp.app.audit_anchor import refused_anchor

        return refused_anchor(self.store)

    # -- the rest of the workstation, built on first use (worker) -----------------------------

    @property
    def catalogue(self) -> Catalogue:
        """*worker* — the active catalogue (parsed once, with its search index: read back from
        the index cache for the file in use, which spares the reader's checks of bytes already
        checked)."""
        with self._lock:
            if self._catalogue is None:
                from clerkapp.infra.catalogue_io import load_indexed

                self._catalogue, self._catalogue_index = load_indexed()
            return self._catalogue

    def catalogue_index(self) -> CatalogueIndex:
        """*worker* — a search index of the catalogue for one user: its own typing history over
        data built once (read back from the index cache while the catalogue is unchanged)."""
        with self._lock:
            if self._catalogue_index is None:
                from clerkapp.infra.catalogue_io import catalogue_index

                self._catalogue_index = catalogue_index(self.catalogue)
            return self._catalogue_index.fork()

    @property
    def calendar(self) -> WorkCalendar:
        """*worker* — the working-day calendar of promised dates (the override file read once)."""
        with self._lock:
            if self._calendar is None:
                from clerkapp.infra.calendar_io import load_work_calendar

                self._calendar = load_work_calendar()
            return self._calendar

    def verify_audit_at_start(self) -> bool:
        """*worker* — the audit trail's start-up check (issue 13): only the entries written since
        the last verified point (the whole trail the first time), against the anchors kept in the
        store; the point moves when everything holds. Whether it holds (``clerkapp audit
        verify`` names every problem); a check that cannot run is logged and counts as held."""
        audit = self.store.audit
        try:
            report = audit.verify_at_start(audit.local_anchors())
        except Exception:
            log.exception("the audit trail's start-up check failed")
            return True
        if not report.ok:
            log.warning(
                "audit trail start-up check: %s problem(s), first break at entry %s",
                len(report.findings),
                report.broken.seq if report.broken else "-",
            )
        return report.ok

    def calendar_problems(self) -> int:
        """*worker* — how many problems the holiday override file has (0: no file, or a good
        one). A broken file is ignored — promised dates follow the shipped schedule — and
        start-up says so on screen (issue 11)."""
        from clerkapp.infra.calendar_io import override_problems

        _ = self.calendar  # the file is read (and, when broken, ignored) as start-up does
        return len(override_problems())

    def use_platform_url(self, url: str) -> None:
        """Point the client at ``url`` (the training sandbox may listen elsewhere than the
        default, e.g. on an ephemeral port in tests). Call before the client is first used; a
        sync worker in a child process is started again for the new address."""
        with self._client_lock:
            if self._client is not None and url != self.platform_url:
                self._client.close()
                self._client = None
            self.platform_url = url
        retarget = getattr(self._sync, "retarget", None)
        if retarget is not None:  # the sync worker's child process follows the platform
            retarget(url)

    @property
    def client(self) -> PlatformClient:
        """*worker* — the platform client."""
        with self._client_lock:
            if self._client is None:
                from clerkapp.infra.platform import PlatformClient

                creds = platform_credentials(self.settings)
                self._client = PlatformClient(
                    self.platform_url, creds, allow_insecure_http=self.settings.insecure_http
                )
                self._client.target = mode_target(self.settings)
                self._client.observer = self._call_observer
            return self._client

    def observe_calls(self, observer: Callable[[int | None, float], None] | None) -> None:
        """Tell ``observer(status, seconds)`` the outcome of every platform call attempt (any
        thread; ``status`` None: no answer). The connectivity monitor's real-call evidence."""
        with self._client_lock:
            self._call_observer = observer
            if self._client is not None:
                self._client.observer = observer

    def watch_link(self, offline: Callable[[], bool] | None) -> None:
        """Tell the context how to know whether the platform is offline now (the connectivity
        monitor's state; None: unknown). Documents printed while offline are provisional."""
        self._offline_probe = offline

    def platform_offline(self) -> bool:
        """*any thread* — whether the platform is known to be offline now."""
        probe = self._offline_probe
        return probe is not None and probe()

    def platform_back(self) -> None:
        """*worker* — the platform answers again after an outage: what waited out a retry
        backoff is sent now, not minutes later (the sync worker is woken)."""
        with self._lock:
            if self._closed:
                return
        moved = self.store.outbox.retry_now(self.clock())
        log.info("platform back: %d queued operation(s) due now", moved)
        self.notify_sync()

    def backlog(self) -> tuple[int, datetime | None]:
        """*worker* — operations waiting to be sent and when the oldest was written."""
        return self.store.outbox.backlog()

    @property
    def progress_base_url(self) -> str:
        """Base of the progress links printed in QR codes: in training mode the address of the
        sandbox really in use (it may listen on another port than the default), else the
        configured public base."""
        if self.training:
            return self.platform_url.rstrip("/")
        return self.settings.progress_base_url

    @property
    def case_service(self) -> CaseService:
        """*worker* — the case service."""
        with self._lock:
            if self._case_service is None:
                from clerkapp.app.case_service import CaseService

                self._case_service = CaseService(
                    self.store,
                    self.catalogue,
                    self.clock,
                    workstation=self.workstation,
                    documents_dir=self.store.path.parent / "documents",
                    calendar=self.calendar,
                )
            return self._case_service

    def add_case_listener(self, listener: CaseChangeListener) -> None:
        """Call ``listener(case_ids)`` after every committed change of cases, whoever made it
        (the sync worker, a look-up, a verification poll, a department's answer) — on the
        committing thread (issue 10: every open view of a case follows the store)."""
        self.store.add_case_listener(listener)

    def remove_case_listener(self, listener: CaseChangeListener) -> None:
        """Stop telling ``listener`` (before its owner goes away)."""
        self.store.remove_case_listener(listener)

    def add_sync_listener(self, listener: SyncListener) -> None:
        """Call ``listener(status)`` after every drain — on the sync worker's thread."""
        self._sync_listeners.append(listener)

    def remove_sync_listener(self, listener: SyncListener) -> None:
        """Stop telling ``listener`` (before its owner goes away)."""
        if listener in self._sync_listeners:
            self._sync_listeners.remove(listener)

    def stop_sync(self) -> None:
        """Stop the sync worker after the operations in flight are recorded; it is not started
        again once the context is closing."""
        with self._lock:
            self._closed = True
            if self._sync is not None:
                self._sync.stop(timeout=10.0)
                self._sync = None

    @property
    def sync_worker(self) -> SyncWorker | SyncProcess | None:
        """The running sync worker (None before :meth:`start_sync` and after :meth:`stop_sync`)."""
        return self._sync

    def start_sync(self) -> SyncWorker | SyncProcess | None:
        """*worker* — start the sync worker sending the outbox in the background: on threads of
        this process, or (:attr:`sync_process`) in a child process whose commits and reports
        reach this context's case and sync listeners (on its reader thread)."""
        with self._lock:
            if self._closed:  # the app is shutting down: the store is (being) closed
                return None
            if self._sync is None and self.sync_process and self.clock is local_now:
                from clerkapp.app.sync_process import SyncProcess

                self._sync = SyncProcess(
                    self.home,
                    self.platform_url,
                    self.settings,
                    on_status=self._tell_sync_listeners,
                    on_cases=self.store.changed_elsewhere,
                    on_call=self._child_call,
                )
                self._sync.start()  # retention runs in the child, at its start and after drains
            if self._sync is None:
                from clerkapp.app.sync import SyncReport, SyncWorker

                listeners = self._sync_listeners
                store = self.store
                retention = self.apply_retention

                class ReportingSyncWorker(SyncWorker):
                    """Tells the listeners what each drain did (the GUI's header)."""

                    def drain(self, max_items: int | None = None) -> SyncReport:
                        report = super().drain(max_items)
                        if report.sent:  # answers arrived: retention runs after the sync
                            retention()
                        tried = report.sent + report.retry + report.needs_person
                        status = SyncStatus(
                            sent=report.sent,
                            retry=report.retry,
                            needs_person=report.needs_person,
                            pending=store.outbox.pending_count(),
                            reachable=None if tried == 0 else tried > report.retry,
                        )
                        for listener in listeners:
                            listener(status)
                        return report

                self._sync = ReportingSyncWorker(
                    self.store, self.case_service, self.client, self.clock
                )
                self.apply_retention()  # at start-up, before the first drain
                self._sync.start()
            return self._sync

    def _tell_sync_listeners(self, status: SyncStatus) -> None:
        for listener in list(self._sync_listeners):
            listener(status)

    def _child_call(self, status: int | None, seconds: float) -> None:
        observer = self._call_observer
        if observer is not None:
            observer(status, seconds)

    def apply_retention(self) -> int:
        """*worker* — reduce the platform's answers kept in cases closed longer than the
        retention period (``answer_retention_days``), and compact the delivered outbox rows
        (issue 13); the number of cases reduced. A failure is logged, never raised: the next
        start or sync tries again."""
        from clerkapp.app.retention import apply_answer_retention

        try:
            run = apply_answer_retention(
                self.store,
                self.clock(),
                self.settings.answer_retention_days,
                workstation=self.workstation,
            )
        except Exception:
            log.exception("answer retention failed")
            return 0
        try:  # issue 13: delivered outbox rows keep only what idempotency needs
            self.store.outbox.compact_delivered()
        except Exception:
            log.exception("compacting the delivered outbox rows failed")
        return run.reduced

    def notify_sync(self) -> None:
        """New outbox work was written: wake the sync worker now (no-op before it started)."""
        sync = self._sync
        if sync is not None:
            sync.notify()

    @property
    def is_closed(self) -> bool:
        """*any thread* — whether :meth:`close` (or :meth:`stop_sync` at shutdown) has begun:
        the store may be closed under any read started from now on."""
        return self._closed

    def close(self) -> None:
        """Stop the sync worker, release the client and close the store."""
        with self._lock:
            self.stop_sync()
            with self._client_lock:
                if self._client is not None:
                    self._client.close()
                    self._client = None
            self.store.close()
