"""Clerk login: password hashing (scrypt), lock-out after repeated failures, training accounts.

Passwords are stored only as ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` strings (per-user random salt,
cost parameters kept in the string so they can be raised later without breaking old hashes).
After :data:`MAX_FAILURES` consecutive failures a name is locked for :data:`LOCK_DURATION` (the
count is kept in one write transaction, so concurrent guesses are all counted; names that are no
account are counted in memory and lock the same way). Every failure gets one message. The clock
is injected so tests need not wait. Audit entries never contain a password, and name the account
only when it exists.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError
from clerkapp.infra.store.clerks import UNKNOWN_ACTOR, Role

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=5)
# scrypt cost: n=2**14, r=8 needs 16 MiB and ~50 ms per check on a counter PC — slow enough to
# make guessing expensive, fast enough for a clerk. (OWASP minimum for scrypt is n=2**17 with
# r=8, p=1 for servers; a workstation store is not an online target, so we keep the start snappy.)
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_KEY_BYTES = 32

DEMO_PASSWORD = "demo123"


def role_label(role: Role) -> str:
    """The role as shown in the header."""
    return (
        QT_TRANSLATE_NOOP("Auth", "窗口人员")
        if role is Role.CLERK
        else QT_TRANSLATE_NOOP("Auth", "科室负责人")
    )


@dataclass(frozen=True)
class Clerk:
    """A logged-in clerk (never carries the password hash)."""

    username: str
    display_name: str
    role: Role


@dataclass(frozen=True)
class DemoAccount:
    """A training account shown on the training banner."""

    username: str
    display_name: str
    role: Role
    password: str = DEMO_PASSWORD


DEMO_ACCOUNTS = (
    DemoAccount("demo", "演示窗口人员", Role.CLERK),
    DemoAccount("demo-sup", "演示科室负责人", Role.SUPERVISOR),
)


#: The one message of every failed log-in: unknown user, wrong password, disabled account, a
#: training account outside training mode (nobody learns which names exist, nor attempts left).
LOGIN_FAILED_MESSAGE = QT_TRANSLATE_NOOP("Auth", "用户名或密码不正确。")
#: Once :data:`MAX_FAILURES` failures are counted for a name — any name, known or not.
LOCKED_MESSAGE = QT_TRANSLATE_NOOP(
    "Auth", "登录失败次数过多，请 {minutes} 分钟后再试或联系科室负责人。"
)
#: User names no account may take (the training accounts and the audit's unknown actor).
_DEMO_NAMES = frozenset(a.username for a in DEMO_ACCOUNTS)
RESERVED_NAMES = frozenset({UNKNOWN_ACTOR, *_DEMO_NAMES})
#: How many unknown names' failures are remembered (in memory only, never stored).
_UNKNOWN_NAMES_KEPT = 4096


class LoginFailedError(ClerkAppError):
    """A failed log-in (one message for every reason, so user names cannot be probed).
    ``attempts_left`` is always None: it would tell that the name exists."""

    def __init__(self, message: str, *, user_message: str, attempts_left: int | None = None):
        super().__init__(message, user_message=user_message)
        self.attempts_left = attempts_left


class AccountLockedError(ClerkAppError):
    """Too many failures for the typed name: refused until ``until``."""

    def __init__(self, message: str, *, user_message: str, until: datetime) -> None:
        super().__init__(message, user_message=user_message)
        self.until = until
        self.minutes = 0  # whole minutes left, set where raised


class ClerkAccounts(Protocol):
    """What login needs from the store (the clerks table)."""

    def get_clerk(self, username: str) -> dict[str, Any] | None:
        """The clerk row (username, display_name, role, password_hash, failed_logins,
        locked_until ISO string or None, active), or None."""

    def add_clerk(self, username: str, display_name: str, role: str, password_hash: str) -> None:
        """Create a clerk account."""

    def count_login_failure(
        self, username: str, now: datetime, max_failures: int, lock_for: timedelta
    ) -> tuple[int, str | None]:
        """Count one failure atomically (one write transaction, so concurrent wrong guesses
        are all counted); the failures now and, once locked, until when (ISO 8601)."""

    def record_login_success(self, username: str) -> None:
        """Reset the failure count and any lock."""


AuditFn = Callable[[str, dict[str, Any]], None]


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A self-describing scrypt hash of ``password`` with a fresh random salt."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt, n, r, p)
    return "$".join(["scrypt", str(n), str(r), str(p), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time compare; False for a bad string)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * 1024 * 1024,
        dklen=_KEY_BYTES,
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


MIN_PASSWORD_LENGTH = 10
PASSWORD_POLICY = QT_TRANSLATE_NOOP(
    "Auth", "密码至少 {min_password_length} 个字符，且不能与用户名相同。"
).format(min_password_length=MIN_PASSWORD_LENGTH)


def check_password_policy(username: str, password: str) -> None:
    """Refuse a password shorter than :data:`MIN_PASSWORD_LENGTH` or equal to the user name
    (:class:`ClerkAppError` whose message states the policy)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ClerkAppError(
            "password too short",
            user_message=QT_TRANSLATE_NOOP("Auth", "密码太短。{password_policy}").format(
                password_policy=PASSWORD_POLICY
            ),
        )
    if password.strip().casefold() == username.strip().casefold():
        raise ClerkAppError("password equals user name", user_message=PASSWORD_POLICY)


class _UnknownNames:
    """Failures of names that are no account, in memory only: they lock like an account's, so
    the answers of a known and an unknown name cannot be told apart."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[int, datetime | None]] = {}

    def locked_until(self, name: str, now: datetime) -> datetime | None:
        with self._lock:
            _failures, until = self._seen.get(name, (0, None))
            return until if until is not None and now < until else None

    def fail(self, name: str, now: datetime) -> tuple[int, datetime | None]:
        with self._lock:
            failures, until = self._seen.pop(name, (0, None))
            if until is not None and now >= until:
                failures, until = 0, None  # the lock has expired: a fresh start
            failures += 1
            if failures >= MAX_FAILURES and until is None:
                until = now + LOCK_DURATION
            self._seen[name] = (failures, until)  # newest last
            while len(self._seen) > _UNKNOWN_NAMES_KEPT:
                del self._seen[next(iter(self._seen))]
            return failures, until


class AuthService:
    """Log clerks in; lock a name after repeated failures. Outside training mode (``training``
    False) the training accounts are refused like an unknown name."""

    def __init__(
        self,
        accounts: ClerkAccounts,
        clock: Callable[[], datetime],
        audit: AuditFn | None = None,
        *,
        training: bool = False,
    ) -> None:
        self._accounts = accounts
        self._clock = clock
        self._audit = audit or (lambda _event, _data: None)
        self.training = training
        self._unknown = _UnknownNames()

    def login(self, username: str, password: str) -> Clerk:
        """The clerk, if the account exists, is active (a training account: only in training
        mode), the password is right and the name is not locked.

        Every failure raises :class:`LoginFailedError` with :data:`LOGIN_FAILED_MESSAGE`; a name
        (known or not) with :data:`MAX_FAILURES` failures raises :class:`AccountLockedError`
        for :data:`LOCK_DURATION`. The audit names the account only when it exists.
        """
        username = username.strip()
        now = self._clock()
        row = self._accounts.get_clerk(username)
        actor = username if row is not None else None  # never the typed text of no account
        until = (
            self._unknown.locked_until(username, now)
            if row is None
            else _still_locked(row.get("locked_until"), now)
        )
        if until is not None:
            verify_password(password, _dummy_hash())  # the same time as any other answer
            self._audit("login_refused", {"username": actor, "reason": "locked"})
            raise _locked(until, now)
        reason = _refusal(row, self.training)
        stored = str(row["password_hash"]) if row is not None and reason is None else None
        # A dummy check when there is nothing to check: timing does not reveal the reason.
        right = verify_password(password, stored or _dummy_hash()) and stored is not None
        if row is not None and right:
            # Guesses running at the same time may have locked the name meanwhile.
            now_row = self._accounts.get_clerk(username)
            until = _still_locked(now_row.get("locked_until") if now_row else None, now)
            if until is not None:
                self._audit("login_refused", {"username": username, "reason": "locked"})
                raise _locked(until, now)
            self._accounts.record_login_success(username)
            self._audit("login", {"username": username})
            return Clerk(username, str(row["display_name"]), Role(str(row["role"])))
        if row is None:
            failures, locked = self._unknown.fail(username, now)
            locked_text = locked.isoformat() if locked is not None else None
        else:
            failures, locked_text = self._accounts.count_login_failure(
                username, now, MAX_FAILURES, LOCK_DURATION
            )
        self._audit(
            "login_failed",
            {"username": actor, "reason": reason or "wrong_password", "failures": failures},
        )
        until = _still_locked(locked_text, now)
        if until is not None:
            if failures == MAX_FAILURES:  # the failure that locked it (once, not per guess)
                self._audit("account_locked", {"username": actor, "until": until.isoformat()})
            raise _locked(until, now)
        raise LoginFailedError("login failed", user_message=LOGIN_FAILED_MESSAGE)

    def ensure_demo_accounts(self) -> list[DemoAccount]:
        """Create the training accounts that do not exist yet; returns all of them. Only in
        training mode (refused otherwise)."""
        if not self.training:
            raise ClerkAppError(
                "demo accounts outside training",
                user_message=QT_TRANSLATE_NOOP("Auth", "演示账号仅在培训模式下可用。"),
            )
        for account in DEMO_ACCOUNTS:
            if self._accounts.get_clerk(account.username) is None:
                self._accounts.add_clerk(
                    account.username,
                    account.display_name,
                    account.role.value,
                    hash_password(account.password),
                )
        return list(DEMO_ACCOUNTS)

    def add_clerk(self, username: str, display_name: str, role: Role, password: str) -> None:
        """Create a clerk account (the password policy checked; stored only as a scrypt hash).
        Account administration with its checks and audit is :mod:`clerkapp.app.accounts`."""
        check_password_policy(username, password)
        self._accounts.add_clerk(username, display_name, role.value, hash_password(password))
        self._audit("clerk_added", {"username": username, "role": role.value})


def _refusal(row: dict[str, Any] | None, training: bool) -> str | None:
    """Why an account may not log in whatever the password (None: it may)."""
    if row is None:
        return "unknown"
    if not row.get("active", True):
        return "disabled"
    if not training and str(row["username"]) in _DEMO_NAMES:
        return "training_account"
    return None


def _still_locked(value: object, now: datetime) -> datetime | None:
    until = _parse_time(value)
    return until if until is not None and now < until else None


def _locked(until: datetime, now: datetime) -> AccountLockedError:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    error = AccountLockedError(
        "name locked", user_message=LOCKED_MESSAGE.format(minutes=minutes), until=until
    )
    error.minutes = minutes
    return error


def _parse_time(value: object) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@functools.cache
def _dummy_hash() -> str:
    # Made on first use, not at import, to keep start-up fast.
    return hash_password("not-a-password")
