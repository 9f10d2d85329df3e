"""Clerk accounts: storage only. The password KDF and the lock-out policy live in
``clerkapp.app.auth``; this module keeps the hash, the failure count and the lock.
:class:`ClerkAccounts` adapts it to the login service's protocol and audits log-ins, failures,
lock-outs and log-outs (never a password)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra.store.audit import contains_id_number
from clerkapp.infra.store.db import db_time, parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store


#: The audit's actor of a failed log-in whose typed name is no account (the typed text may be a
#: password typed into the wrong box: it is never stored).
UNKNOWN_ACTOR = "unknown"


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
                    f"clerk {username!r} exists",
                    user_message=QT_TRANSLATE_NOOP("Store", "账号 {username} 已存在。").format(
                        username=username
                    ),
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

    def count_failure(
        self, username: str, *, now: datetime, max_failures: int, lock_for: timedelta
    ) -> tuple[int, str | None]:
        """Count one failed log-in in one write transaction (``BEGIN IMMEDIATE``: concurrent
        failures, from threads or processes, are each counted). The lock starts at the failure
        that reaches ``max_failures``; an expired lock starts the count again. Returns the
        failures and the lock's end (ISO 8601) while it holds."""
        with self._store.atomic():
            row = self._store.conn.execute(
                "SELECT failed_attempts, locked_until FROM clerks WHERE username = ?", (username,)
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"no clerk {username!r}",
                    user_message=QT_TRANSLATE_NOOP("Store", "账号 {username} 不存在。").format(
                        username=username
                    ),
                )
            failures, locked_until = int(row[0] or 0), row[1] or None
            until = datetime.fromisoformat(locked_until) if locked_until else None
            if until is not None and now >= until:
                failures, locked_until = 0, None
            failures += 1
            if locked_until is None and failures >= max_failures:
                locked_until = (now + lock_for).isoformat()
            self._store.conn.execute(
                "UPDATE clerks SET failed_attempts = ?, locked_until = ? WHERE username = ?",
                (failures, locked_until, username),
            )
        return failures, locked_until

    def set_password_hash(self, username: str, password_hash: str) -> None:
        """A new password (its hash): failures and any lock are cleared."""
        self._update(
            username,
            "password_hash = ?, failed_attempts = 0, locked_until = NULL",
            (password_hash,),
        )

    def set_active(self, username: str, active: bool) -> None:
        """Enable or disable an account (a disabled one cannot log in)."""
        self._update(username, "active = ?", (1 if active else 0,))

    def set_role(self, username: str, role: Role | str) -> None:
        """Change an account's role."""
        self._update(username, "role = ?", (Role(role).value,))

    def remove(self, username: str) -> bool:
        """Delete an account (the training accounts outside training); whether it existed."""
        with self._store.atomic():
            cursor = self._store.conn.execute("DELETE FROM clerks WHERE username = ?", (username,))
        return cursor.rowcount == 1

    def count(self, *, role: Role | None = None, active_only: bool = False) -> int:
        """How many accounts (of ``role``; only the active ones)."""
        sql, params = "SELECT COUNT(*) FROM clerks WHERE 1 = 1", []
        if role is not None:
            sql, params = sql + " AND role = ?", [Role(role).value]
        if active_only:
            sql += " AND active = 1"
        with self._store.read():
            return int(self._store.conn.execute(sql, params).fetchone()[0])

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
                raise StoreError(
                    f"no clerk {username!r}",
                    user_message=QT_TRANSLATE_NOOP("Store", "账号 {username} 不存在。").format(
                        username=username
                    ),
                )


# AuthService event names → audit actions.
_AUTH_ACTIONS = {
    "login": "login",
    "login_failed": "login_failed",
    "account_locked": "lockout",
    "lockout": "lockout",
    "logout": "logout",
    "login_refused": "login_failed",
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
            "active": clerk.active,
        }

    def add_clerk(self, username: str, display_name: str, role: str, password_hash: str) -> None:
        """Create a clerk account."""
        self._store.clerks.add(username, display_name, role, password_hash, now=self._clock())

    def record_login_failure(
        self, username: str, failed_logins: int, locked_until: str | None
    ) -> None:
        """Store the failure count and, once locked, until when."""
        self._store.clerks.record_failure(username, failed_logins, locked_until)

    def count_login_failure(
        self, username: str, now: datetime, max_failures: int, lock_for: timedelta
    ) -> tuple[int, str | None]:
        """Count one failure atomically (see :meth:`ClerkRepository.count_failure`)."""
        return self._store.clerks.count_failure(
            username, now=now, max_failures=max_failures, lock_for=lock_for
        )

    def record_login_success(self, username: str) -> None:
        """Reset the failure count and any lock."""
        self._store.clerks.record_success(username, now=self._clock())

    def audit(self, event: str, data: dict[str, Any]) -> None:
        """Append a log-in event to the audit trail (the clerk's username is the actor; a
        ``username`` of None — a name that is no account — is recorded as
        :data:`UNKNOWN_ACTOR`, never the typed text; the audit never sees a password)."""
        action = _AUTH_ACTIONS.get(event, "auth_event")
        payload = {k: v for k, v in data.items() if k not in {"username", "password"}}
        actor = str(data.get("username") or "") or None
        if "username" in data and actor is None:
            actor = UNKNOWN_ACTOR
        if actor is not None and contains_id_number(actor):
            actor = UNKNOWN_ACTOR  # an ID number is never an account's name
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
