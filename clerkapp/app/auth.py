"""Clerk login: password hashing (scrypt), lock-out after repeated failures, demo accounts.

Passwords are stored only as ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` strings (per-user random salt,
cost parameters kept in the string so they can be raised later without breaking old hashes).
After :data:`MAX_FAILURES` consecutive failures an account is locked for :data:`LOCK_DURATION`;
the clock is injected so tests need not wait. Audit entries never contain a password.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from clerkapp.errors import ClerkAppError
from clerkapp.infra.store.clerks import Role

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
    return "窗口人员" if role is Role.CLERK else "科室负责人"


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


class LoginFailedError(ClerkAppError):
    """Wrong username or password (one message for both, so usernames cannot be probed).
    ``attempts_left`` before the lock-out, when the account exists."""

    def __init__(self, message: str, *, user_message: str, attempts_left: int | None = None):
        super().__init__(message, user_message=user_message)
        self.attempts_left = attempts_left


class AccountLockedError(ClerkAppError):
    """Too many failures: the account is locked until ``until``."""

    def __init__(self, message: str, *, user_message: str, until: datetime) -> None:
        super().__init__(message, user_message=user_message)
        self.until = until
        self.minutes = 0  # whole minutes left, set where raised


class ClerkAccounts(Protocol):
    """What login needs from the store (the clerks table)."""

    def get_clerk(self, username: str) -> dict[str, Any] | None:
        """The clerk row (username, display_name, role, password_hash, failed_logins,
        locked_until ISO string or None), or None."""

    def add_clerk(self, username: str, display_name: str, role: str, password_hash: str) -> None:
        """Create a clerk account."""

    def record_login_failure(
        self, username: str, failed_logins: int, locked_until: str | None
    ) -> None:
        """Store the failure count and, once locked, until when."""

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


class AuthService:
    """Log clerks in and out; lock accounts after repeated failures."""

    def __init__(
        self,
        accounts: ClerkAccounts,
        clock: Callable[[], datetime],
        audit: AuditFn | None = None,
    ) -> None:
        self._accounts = accounts
        self._clock = clock
        self._audit = audit or (lambda _event, _data: None)

    def login(self, username: str, password: str) -> Clerk:
        """The clerk, if the password is right and the account not locked.

        Raises :class:`AccountLockedError` or :class:`LoginFailedError` (Chinese ``user_message``).
        """
        username = username.strip()
        row = self._accounts.get_clerk(username)
        now = self._clock()
        if row is None or not row.get("active", True):
            # Spend the same time as a real check so timing does not reveal unknown names.
            verify_password(password, _dummy_hash())
            self._audit("login_failed", {"username": username, "reason": "unknown"})
            raise LoginFailedError("unknown clerk", user_message="用户名或密码不正确。")
        locked_until = _parse_time(row.get("locked_until"))
        if locked_until is not None and now < locked_until:
            raise _locked(locked_until, now)
        failures = int(row.get("failed_logins") or 0)
        if locked_until is not None:  # the lock has expired: a fresh start
            failures = 0
        if not verify_password(password, str(row["password_hash"])):
            failures += 1
            until = now + LOCK_DURATION if failures >= MAX_FAILURES else None
            self._accounts.record_login_failure(
                username, failures, until.isoformat() if until else None
            )
            self._audit("login_failed", {"username": username, "failures": failures})
            if until is not None:
                self._audit("account_locked", {"username": username, "until": until.isoformat()})
                raise _locked(until, now)
            left = MAX_FAILURES - failures
            raise LoginFailedError(
                "wrong password",
                user_message=f"用户名或密码不正确。再错 {left} 次账号将锁定 5 分钟。",
                attempts_left=left,
            )
        self._accounts.record_login_success(username)
        self._audit("login", {"username": username})
        return Clerk(username, str(row["display_name"]), Role(str(row["role"])))

    def ensure_demo_accounts(self) -> list[DemoAccount]:
        """Create the training accounts that do not exist yet; returns all of them."""
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
        """Create a clerk account (the password is stored only as a scrypt hash)."""
        if len(password) < 6:
            raise ClerkAppError("password too short", user_message="密码至少需要 6 个字符。")
        self._accounts.add_clerk(username, display_name, role.value, hash_password(password))
        self._audit("clerk_added", {"username": username, "role": role.value})


def _locked(until: datetime, now: datetime) -> AccountLockedError:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    error = AccountLockedError(
        "account locked",
        user_message=f"连续输错密码次数过多，账号已锁定，请 {minutes} 分钟后再试。",
        until=until,
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
