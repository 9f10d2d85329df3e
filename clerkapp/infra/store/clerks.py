"""Clerk accounts: storage only. The password KDF and the lock-out policy live in
``clerkapp.app.auth``; this module keeps the hash, the failure count and the lock.
:class:`ClerkAccounts` adapts it to the login service's protocol and audits log-ins, failures,
lock-outs and log-outs (never a password)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clerkapp.errors import StoreError
from clerkapp.infra.store.audit import contains_id_number
from clerkapp.infra.store.db import db_time, parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store


class Role(StrEnum):
    """What a clerk may do: supervisors also run ex-post checks and override."""

    CLERK = "clerk"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Clerk:
    """A clerk account as stored (``password_hash`` is the KDF output, opaque here)."""

    username: str
    display_name: str
    role: Role
    password_hash: str
    failed_attempts: int
    locked_until: str | None  # ISO 8601 as the login policy wrote it
    last_login_at: datetime | None
    office: str
    window: str
    active: bool


class ClerkRepository:
    """Clerk accounts of a store (storage only; callers audit through :class:`ClerkAccounts`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(
        self,
        username: str,
        display_name: str,
        role: Role | str,
        password_hash: str,
        *,
        now: datetime,
        office: str = "",
        window: str = "",
    ) -> Clerk:
        """Create an account; an existing username raises :class:`StoreError`."""
        role = Role(role)
        with self._store.atomic():
            if self.get(username) is not None:
                raise StoreError(
                    f"clerk {username!r} exists", user_message=f"账号 {username} 已存在。"
                )
            self._store.conn.execute(
                "INSERT INTO clerks(username, display_name, role, password_hash, failed_attempts,"
                " active, created_at, office, window) VALUES (?, ?, ?, ?, 0, 1, ?, ?, ?)",
                (username, display_name, role.value, password_hash, db_time(now), office, window),
            )
        clerk = self.get(username)
        assert clerk is not None
        return clerk

    def get(self, username: str) -> Clerk | None:
        """An account by username."""
        with self._store.read() as db:
            rows = list(db.query("SELECT * FROM clerks WHERE username = ?", [username]))
        return _clerk(rows[0]) if rows else None

    def list_all(self) -> list[Clerk]:
        """All accounts, by username."""
        with self._store.read() as db:
            return [_clerk(r) for r in db.query("SELECT * FROM clerks ORDER BY username")]

    def record_failure(self, username: str, failed_attempts: int, locked_until: str | None) -> None:
        """Store the failure count and, once locked, until when (ISO 8601, as the policy gave)."""
        self._update(
            username, "failed_attempts = ?, locked_until = ?", (failed_attempts, locked_until)
        )

    def record_success(self, username: str, *, now: datetime) -> None:
        """A successful log-in: reset failures and lock, remember when."""
        self._update(
            username,
            "failed_attempts = 0, locked_until = NULL, last_login_at = ?",
            (db_time(now),),
        )

    def _update(self, username: str, assignments: str, params: tuple[Any, ...]) -> None:
        with self._store.atomic():
            cursor = self._store.conn.execute(
                f"UPDATE clerks SET {assignments} WHERE username = ?", (*params, username)
            )
            if cursor.rowcount != 1:
                raise StoreError(f"no clerk {username!r}", user_message=f"账号 {username} 不存在。")


# AuthService event names → audit actions.
_AUTH_ACTIONS = {
    "login": "login",
    "login_failed": "login_failed",
    "account_locked": "lockout",
    "lockout": "lockout",
    "logout": "logout",
    "clerk_added": "clerk_added",
}


class ClerkAccounts:
    """The store side of ``clerkapp.app.auth.ClerkAccounts`` (dict rows, ISO times), plus
    :meth:`audit` to pass as ``AuthService(..., audit=accounts.audit)``."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime], *, workstation: str | None = None
    ) -> None:
        self._store = store
        self._clock = clock
        self._workstation = workstation

    def get_clerk(self, username: str) -> dict[str, Any] | None:
        """The clerk row with the keys the login policy reads (``failed_logins``,
        ``locked_until`` as stored ISO text)."""
        clerk = self._store.clerks.get(username)
        if clerk is None:
            return None
        return {
            "username": clerk.username,
            "display_name": clerk.display_name,
            "role": clerk.role.value,
            "password_hash": clerk.password_hash,
            "failed_logins": clerk.failed_attempts,
            "locked_until": clerk.locked_until,
            "office": clerk.office,
            "window": clerk.window,
        }

    def add_clerk(self, username: str, display_name: str, role: str, password_hash: str) -> None:
        """Create a clerk account."""
        self._store.clerks.add(username, display_name, role, password_hash, now=self._clock())

    def record_login_failure(
        self, username: str, failed_logins: int, locked_until: str | None
    ) -> None:
        """Store the failure count and, once locked, until when."""
        self._store.clerks.record_failure(username, failed_logins, locked_until)

    def record_login_success(self, username: str) -> None:
        """Reset the failure count and any lock."""
        self._store.clerks.record_success(username, now=self._clock())

    def audit(self, event: str, data: dict[str, Any]) -> None:
        """Append a log-in event to the audit trail (the clerk's username is the actor; the
        audit never sees a password)."""
        action = _AUTH_ACTIONS.get(event, "auth_event")
        payload = {k: v for k, v in data.items() if k not in {"username", "password"}}
        actor = str(data.get("username") or "") or None
        if actor is not None and contains_id_number(actor):
            actor = "(unknown)"  # someone typed an ID number into the username field
        if action == "auth_event":
            payload["event"] = event
        self._store.audit.append(
            action,
            at=self._clock(),
            actor=actor,
            workstation=self._workstation,
            data=payload,
        )


def _clerk(row: dict[str, Any]) -> Clerk:
    return Clerk(
        username=str(row["username"]),
        display_name=str(row["display_name"]),
        role=Role(row["role"]),
        password_hash=str(row["password_hash"]),
        failed_attempts=int(row["failed_attempts"] or 0),
        locked_until=row["locked_until"] or None,
        last_login_at=parse_db_time(row["last_login_at"]) if row["last_login_at"] else None,
        office=str(row.get("office") or ""),
        window=str(row.get("window") or ""),
        active=bool(row["active"]),
    )
