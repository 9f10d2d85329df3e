"""Everything one running sandbox holds: dataset and registries, persistent state, audit,
authenticator, faults, verification desk and progress registry."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from clerkapp.core.idnumber import check_id_number, normalize_id_number
from clerkapp.core.office_time import latest_at_hour, zone_named
from clerkapp.core.uscc import check_uscc, normalize_uscc
from clerkapp.sandbox.audit import SandboxAudit
from clerkapp.sandbox.auth import Authenticator, Caller
from clerkapp.sandbox.binding import PurposeBinding
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.dataset import Dataset, is_dataset_dir, load_dataset
from clerkapp.sandbox.faults import Faults
from clerkapp.sandbox.platform_db import PlatformDb
from clerkapp.sandbox.platform_schema import MIGRATIONS
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.progress import ProgressRegistry
from clerkapp.sandbox.registries import Registries
from clerkapp.sandbox.store import StateStore
from clerkapp.sandbox.synth import generate
from clerkapp.sandbox.verification import Verifications
from clerkapp.sandbox.webguard import scope_headers

#: The platform database's file in the data directory when no ``--database`` is given.
PLATFORM_FILE = "platform.sqlite3"
#: The hour of the registries' nightly extract (office time): the built-in data is "as of" it.
EXTRACT_HOUR = 6


def load_or_generate(settings: SandboxSettings) -> Dataset:
    """The trainer's dataset in the data directory when there is one (validated), otherwise
    the built-in synthetic dataset, "as of" the last 06:00 office time that has passed (before
    06:00 that is yesterday's: data is never dated in the future)."""
    if is_dataset_dir(settings.data_dir):
        return load_dataset(settings.data_dir)
    extract = latest_at_hour(datetime.now(UTC), EXTRACT_HOUR, settings.zone)
    return generate(settings.people, settings.seed, extract)


class SandboxState:
    """The running sandbox (one per app)."""

    def __init__(self, settings: SandboxSettings, dataset: Dataset | None = None) -> None:
        self.settings = settings
        self.dataset = dataset if dataset is not None else load_or_generate(settings)
        self.registries = Registries(self.dataset)
        self._as_of = self.dataset.as_of
        if self._as_of.tzinfo is None:  # a trainer's manifest without an offset: office time
            self._as_of = self._as_of.replace(tzinfo=settings.zone)
        self.store = StateStore(settings.data_dir / "sandbox.sqlite3")
        # Retries come within minutes; a week of stored answers is plenty.
        self.store.execute(
            "DELETE FROM idempotency WHERE created_at < strftime('%s','now') - ?", (7 * 86400,)
        )
        # Audit entries are written in the data call's transaction (exactly once, like its work).
        self.audit = SandboxAudit(settings.data_dir, self.store)
        self.auth = Authenticator(
            settings.workstations, window_s=settings.clock_window_s, store=self.store
        )
        self.binding = PurposeBinding(self.store, settings.matters)
        self.faults = Faults(
            latency_ms=settings.latency_ms,
            rate=settings.fault_rate,
            seed=settings.fault_seed,
            timeout_s=settings.timeout_fault_s,
            after_rate=settings.after_fault_rate,
        )
        #: Retries answered from a stored answer (since start).
        self.replayed = 0
        self.verifications = Verifications(
            self.store,
            self.registries,
            delay_s=settings.verify_delay_s,
            expire_s=settings.verify_expire_s,
        )
        self.progress = ProgressRegistry(self.store)
        self.instance = instance_id(settings.data_dir)
        # The office-wide database (issue 12): case summaries of every window, the figures.
        self.platform_db = PlatformDb(settings.database or settings.data_dir / PLATFORM_FILE)
        self.platform_db.migrate(MIGRATIONS)
        #: Whether ``POST /api/v1/batch`` is served (a trainer or a test may turn it off).
        self.batch_enabled = settings.batch

    def close(self) -> None:
        """Release files (at shutdown)."""
        self.store.close()
        self.audit.close()
        self.platform_db.close()

    def receipt_id(self) -> str:
        """A fresh receipt id for the case file (unique, not derived from personal data)."""
        return f"RC{datetime.now(self.settings.zone):%Y%m%d}-{secrets.token_hex(5).upper()}"

    @property
    def as_of(self) -> str:
        """The data's "as of" time (ISO, office zone) — never later than now: a trainer's
        dataset dated ahead is answered as of the moment of the answer."""
        now = datetime.now(UTC)
        moment = self._as_of if self._as_of <= now else now
        return moment.astimezone(self.settings.zone).isoformat(timespec="seconds")

    def provenance(self, registry: str, registry_code: str, receipt_id: str) -> dict[str, str]:
        """Where an answer came from (its ``as_of`` never in the future)."""
        return {
            "registry": registry,
            "registry_code": registry_code,
            "as_of": self.as_of,
            "receipt_id": receipt_id,
        }

    async def guard(
        self,
        request: Request,
        target: str,
        source: str,
        *,
        registers: bool = False,
        nonce_in_transaction: bool = False,
    ) -> tuple[Caller, bytes]:
        """Authenticate a data call, check its purpose and case (``registers``: the call is a
        case's registration) and inject configured faults (raised as :class:`FaultAnswer`).

        ``nonce_in_transaction``: the caller runs the call in :meth:`transaction`, which stores
        the request id (nonce) with the work; on every way out of here before that (a refusal,
        an injected fault) it is stored now. Either way a request id that passed the signature
        check is spent, and one seen before is refused before anything else happens."""
        body = await request.body()
        path = request.url.path
        headers = scope_headers(request.scope)
        try:
            caller = self.auth.authenticate(
                request.method, path, headers, body, keep_nonce=not nonce_in_transaction
            )
            try:
                self.binding.check(caller, path, registers=registers)
            except Problem:
                if nonce_in_transaction:
                    self.auth.store_nonce(caller, quiet=True)
                raise
        except Problem as problem:
            self.refused(request, target, problem)
            raise
        fault = await self.faults.apply(headers.get("x-sandbox-fault"), target, source)
        if fault is not None:
            if nonce_in_transaction:
                try:  # the fault's wait may have let a call with the same request id in
                    self.auth.store_nonce(caller)
                except Problem as problem:
                    self.refused(request, target, problem)
                    raise
            raise FaultAnswer(fault)
        return caller, body

    def refused(self, request: Request, target: str, problem: Problem) -> None:
        """Audit a refused call: part of "who asked", kept with the identity it claimed (not
        verified, hence the outcome), never with its subject."""
        h = scope_headers(request.scope)
        claimed = Caller(
            h.get("x-workstation", "")[:64],
            h.get("x-official", "")[:64],
            h.get("x-purpose", "")[:128],
            h.get("x-case", "")[:64],
            h.get("x-request-id", "")[:64],
        )
        self.audit.record(claimed, "refused", item=target, outcome=problem.code)

    @contextmanager
    def transaction(self, request: Request, target: str, caller: Caller) -> Iterator[None]:
        """A data call's ONE transaction (work, audit entry, idempotent answer), which also
        stores the call's request id — a replay that slipped in meanwhile is refused and
        nothing is written. When the transaction is undone (a 5xx answer, a refusal, an
        error), the request id is stored on its own: it stays spent whatever happened."""
        replayed = False
        try:
            with self.store.transaction():
                try:
                    self.auth.store_nonce(caller)
                except Problem:
                    replayed = True
                    raise
                yield
        except BaseException as exc:
            if replayed and isinstance(exc, Problem):
                self.refused(request, target, exc)
            else:
                self.auth.store_nonce(caller, quiet=True)
            raise

    def replay(self, request: Request, caller: Caller, body: bytes) -> Response | None:
        """The stored answer of an earlier try with the same Idempotency-Key, if any (called
        inside the data call's transaction, so a concurrent try with the same key waits for the
        first one's commit and then gets its answer)."""
        key = scope_headers(request.scope).get("idempotency-key", "")
        if not key:
            if request.method == "POST":
                raise Problem(
                    400,
                    "idempotency_key_missing",
                    "请求缺少 Idempotency-Key（幂等键）",
                    source="platform",
                )
            return None
        row = self.store.one(
            "SELECT fingerprint, status, body, media_type FROM idempotency"
            " WHERE workstation = ? AND key = ?",
            (caller.workstation, key),
        )
        if row is None:
            return None
        if row["fingerprint"] != _fingerprint(request, body):
            raise Problem(
                422, "idempotency_conflict", "同一幂等键对应了不同的请求内容", source="platform"
            )
        self.replayed += 1
        return Response(
            row["body"],
            status_code=row["status"],
            media_type=row["media_type"],
            headers={"Idempotent-Replayed": "true"},
        )

    def remember(self, request: Request, caller: Caller, body: bytes, response: Response) -> None:
        """Keep a final answer (not a 5xx) under its Idempotency-Key — in the data call's
        transaction, with the work's own rows (:meth:`StateStore.transaction`)."""
        key = scope_headers(request.scope).get("idempotency-key", "")
        if not key or response.status_code >= 500:
            return
        self.store.execute(
            "INSERT OR IGNORE INTO idempotency VALUES (?, ?, ?, ?, ?, ?, strftime('%s','now'))",
            (
                caller.workstation,
                key,
                _fingerprint(request, body),
                response.status_code,
                bytes(response.body),
                response.media_type or "application/json",
            ),
        )


#: What a ClerkApp sandbox calls itself in its health answer (training mode checks it before
#: reusing a process that answers on its port).
SERVICE_NAME = "clerkapp-sandbox"
INSTANCE_FILE = "instance"


def instance_id(data_dir: Path) -> str:
    """This sandbox's instance identity: a random id kept in its data directory, so the same
    sandbox restarted keeps it and another sandbox (another directory) never has it."""
    path = data_dir / INSTANCE_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        found = ""
    if len(found) >= 16 and found.isalnum():
        return found
    made = secrets.token_hex(12)
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(made, encoding="ascii")
    os.replace(tmp, path)
    return made


class FaultAnswer(Exception):  # not an error: the answer to send instead
    """An injected fault answer that replaces the normal one."""

    def __init__(self, response: Response) -> None:
        super().__init__("injected fault")
        self.response = response


#: Scope key of one operation of a batch (clerkapp.sandbox.batch): its (caller, body).
BATCH_OPERATION = "clerkapp.batch_operation"


def request_path(request: Request) -> str:
    """The request's path; an operation of a batch names its own in its scope (building
    ``request.url`` for each of thousands of operations was a tenth of a batch's CPU)."""
    if BATCH_OPERATION in request.scope:
        path: str = request.scope["path"]
        return path
    return request.url.path


def _fingerprint(request: Request, body: bytes) -> str:
    return hashlib.sha256(
        request.method.encode() + b" " + request_path(request).encode() + b"\n" + body
    ).hexdigest()


def subject_of(subject: Any, wanted: str | None = None) -> tuple[str, str]:
    """The (kind, value) of a request's subject ``{id_number}`` or ``{uscc}``, validated.

    ``wanted`` restricts the kind (an item's subject kind)."""
    id_number = getattr(subject, "id_number", None)
    uscc = getattr(subject, "uscc", None)
    if bool(id_number) == bool(uscc):
        raise Problem(422, "invalid_subject", "查询对象应为身份证号码或统一社会信用代码之一")
    kind, value = ("id_number", id_number) if id_number else ("uscc", uscc)
    assert isinstance(value, str)
    if wanted is not None and kind != wanted:
        need = "公民身份号码" if wanted == "id_number" else "统一社会信用代码"
        raise Problem(422, "invalid_subject", f"该信息项的查询对象应为{need}")
    # The same normalising the checks below apply (full-width digits, spaces, dashes), so a
    # subject that passes them is also looked up as the number it is.
    value = normalize_id_number(value) if kind == "id_number" else normalize_uscc(value)
    if kind == "id_number":
        today = datetime.now(zone_named()).date()
        errors = [p for p in check_id_number(value, today) if p.severity == "error"]
        if errors:
            raise Problem(422, "invalid_subject", f"身份证号码无效：{errors[0].message}")
    else:
        problems = [p for p in check_uscc(value) if not p.warning]
        if problems:
            raise Problem(422, "invalid_subject", f"统一社会信用代码无效：{problems[0].message}")
    return kind, value
