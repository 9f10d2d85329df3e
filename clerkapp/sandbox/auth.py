"""Request authentication and purpose binding (docs/CONTRACTS.md "Platform HTTP API").

Each call is signed with the workstation's secret over a canonical string that binds the method,
path, time, nonce, workstation, official, purpose, case, body and Idempotency-Key together
(canonical form version 2, ``X-Signature-Version: 2``), so none of them can be changed or
replayed. The timestamp is whole or decimal seconds (no ``nan``, ``inf``, exponent or sign);
anything outside the window is stale. The nonce cache remembers request ids for twice the window
— in the state store when given one, so a restart forgets none — and a request id seen twice
within it is a replay. What the purpose and case must be is :mod:`clerkapp.sandbox.binding`'s.
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from clerkapp.core.request_signing import SIGNATURE_VERSION, canonical_string
from clerkapp.core.request_signing import signature as sign
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.store import StateStore

AUTH_HEADERS = ("X-Workstation", "X-Request-Id", "X-Timestamp", "X-Signature")
PURPOSE_HEADERS = ("X-Official", "X-Purpose", "X-Case")
#: Seconds since the epoch, whole or with up to 6 decimals: finite, unsigned, at most 12 digits.
MAX_REQUEST_ID = 128
TIMESTAMP_RE = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,6})?")


@dataclass(frozen=True)
class Caller:
    """Who is asking, and why: the purpose binding of one authenticated call."""

    workstation: str
    official: str
    purpose: str
    case: str
    request_id: str


def _refuse(status: int, code: str, detail: str) -> Problem:
    return Problem(status, code, detail, source="auth")


class Authenticator:
    """Checks signatures, purpose headers, the clock window and nonces."""

    def __init__(
        self,
        workstations: Mapping[str, str],
        *,
        window_s: int = 300,
        clock: Callable[[], float] = time.time,
        store: StateStore | None = None,
    ) -> None:
        self._workstations = dict(workstations)
        self._window_s = window_s
        self._clock = clock
        self._store = store  # None: nonces kept in memory only (unit tests)
        self._nonces: dict[tuple[str, str], float] = {}
        self._next_purge = 0.0

    def authenticate(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        body: bytes,
        *,
        keep_nonce: bool = True,
    ) -> Caller:
        """The caller of a signed request, or a :class:`Problem` saying why it is refused.

        ``keep_nonce=False``: a request id already seen is refused here all the same, but the
        caller stores this one itself with :meth:`store_nonce` — inside its data call's
        transaction, which saves the state store a commit per call (issue 10)."""
        # One pass over the headers, then plain dict look-ups (header names are case-blind).
        sent = {name.lower(): value for name, value in headers.items()}

        def header(name: str) -> str:
            return sent.get(name.lower(), "")

        missing_purpose = [h for h in PURPOSE_HEADERS if not header(h).strip()]
        if missing_purpose:
            raise _refuse(
                403,
                "purpose_missing",
                "请求未说明经办人、用途或办件编号（缺少 "
                + "、".join(missing_purpose)
                + "），平台拒绝提供数据",
            )
        missing = [h for h in AUTH_HEADERS if not header(h).strip()]
        if missing:
            raise _refuse(401, "unauthenticated", "请求未签名（缺少 " + "、".join(missing) + "）")
        workstation = header("X-Workstation")
        secret = self._workstations.get(workstation)
        if secret is None:
            raise _refuse(403, "unknown_workstation", "该工作站未在平台登记，无权访问")
        version = header("X-Signature-Version").strip() or "1"
        if version != SIGNATURE_VERSION:
            raise _refuse(
                401,
                "signature_version",
                f"请求签名格式（版本 {version}）平台不再接受：应为版本 {SIGNATURE_VERSION}"
                "（签名须包含幂等键），请升级客户端",
            )
        timestamp = header("X-Timestamp")
        if not TIMESTAMP_RE.fullmatch(timestamp):
            raise _refuse(
                401, "bad_timestamp", "请求时间戳格式错误：应为自 1970 年起的秒数（有限的十进制数）"
            )
        sent_at = float(timestamp)
        if len(header("X-Request-Id")) > MAX_REQUEST_ID:
            raise _refuse(
                401, "bad_request_id", f"请求编号过长（不得超过 {MAX_REQUEST_ID} 个字符）"
            )
        now = self._clock()
        if abs(now - sent_at) > self._window_s:
            raise _refuse(401, "stale", "请求时间与平台时间相差超过 5 分钟，请校准本机时钟后重试")
        caller = Caller(
            workstation=workstation,
            official=header("X-Official"),
            purpose=header("X-Purpose"),
            case=header("X-Case"),
            request_id=header("X-Request-Id"),
        )
        expected = sign(
            secret,
            canonical_string(
                method,
                path,
                timestamp,
                caller.request_id,
                workstation,
                caller.official,
                caller.purpose,
                caller.case,
                body,
                header("Idempotency-Key"),
            ),
        )
        if not hmac.compare_digest(expected, header("X-Signature").strip().lower()):
            raise _refuse(401, "bad_signature", "请求签名校验失败")
        if keep_nonce:
            self._check_nonce(workstation, caller.request_id, now)
        else:
            self._check_unseen(workstation, caller.request_id, now)
        return caller

    def store_nonce(self, caller: Caller, *, quiet: bool = False) -> None:
        """Store the request id of a call authenticated with ``keep_nonce=False`` (in the
        state store's current transaction, if any); refused as a replay when another call
        stored it meanwhile, unless ``quiet`` (storing it again after an undone transaction)."""
        try:
            self._check_nonce(caller.workstation, caller.request_id, self._clock())
        except Problem:
            if not quiet:
                raise

    def _check_unseen(self, workstation: str, request_id: str, now: float) -> None:
        """Refuse a request id already stored (without storing this one)."""
        self._purge(now)
        if self._store is None:
            seen = (workstation, request_id) in self._nonces
        else:
            seen = (
                self._store.one(
                    "SELECT 1 AS seen FROM nonces WHERE workstation = ? AND request_id = ?",
                    (workstation, request_id),
                )
                is not None
            )
        if seen:
            raise _refuse(401, "replayed", "该请求编号已使用过，平台拒绝重放的请求")

    def _purge(self, now: float) -> None:
        # A nonce is kept for twice the window: a request older than the window is stale
        # anyway, so nothing older needs remembering (pruned once per window).
        if now < self._next_purge:
            return
        horizon = now - 2 * self._window_s
        if self._store is not None:
            self._store.execute("DELETE FROM nonces WHERE seen_at < ?", (horizon,))
        else:
            self._nonces = {k: t for k, t in self._nonces.items() if t >= horizon}
        self._next_purge = now + self._window_s

    def _check_nonce(self, workstation: str, request_id: str, now: float) -> None:
        # Only signed requests reach here, so a stranger cannot fill the cache.
        self._purge(now)
        if self._store is not None:
            self._check_stored_nonce(self._store, workstation, request_id, now)
            return
        key = (workstation, request_id)
        if key in self._nonces:
            raise _refuse(401, "replayed", "该请求编号已使用过，平台拒绝重放的请求")
        self._nonces[key] = now

    def _check_stored_nonce(
        self, store: StateStore, workstation: str, request_id: str, now: float
    ) -> None:
        added = store.execute(
            "INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)", (workstation, request_id, now)
        )
        if not added:
            raise _refuse(401, "replayed", "该请求编号已使用过，平台拒绝重放的请求")
