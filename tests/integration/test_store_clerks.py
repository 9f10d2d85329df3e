"""Clerk accounts through the login service: storage, lock-out, and the audit of log-ins
(never a password)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clerkapp.app.auth import MAX_FAILURES, AccountLockedError, AuthService, LoginFailedError
from clerkapp.app.clock import SteppingClock
from clerkapp.errors import StoreError
from clerkapp.infra.store import ClerkAccounts, Role, Store


def test_login_lockout_and_audit(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    clock = SteppingClock(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))
    accounts = ClerkAccounts(store, clock, workstation="TRAIN-01")
    auth = AuthService(accounts, clock, audit=accounts.audit, training=True)
    auth.ensure_demo_accounts()
    demo = store.clerks.get("demo")
    assert demo is not None and demo.role is Role.CLERK and demo.password_hash.startswith("scrypt$")

    assert auth.login("demo", "demo123").username == "demo"
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailedError):
            auth.login("demo", "secret-guess")
    with pytest.raises(AccountLockedError):
        auth.login("demo", "secret-guess")
    locked = store.clerks.get("demo")
    assert locked is not None and locked.failed_attempts == MAX_FAILURES and locked.locked_until
    with pytest.raises(AccountLockedError):
        auth.login("demo", "demo123")
    clock.advance(timedelta(minutes=6))
    auth.login("demo", "demo123")
    unlocked = store.clerks.get("demo")
    assert unlocked is not None and unlocked.failed_attempts == 0 and unlocked.last_login_at

    actions = [e.action for e in store.audit.entries()]
    assert actions.count("login") == 2 and actions.count("lockout") == 1
    assert actions.count("login_failed") == MAX_FAILURES + 1  # and the refusal while locked
    text = " ".join(str(e.data) for e in store.audit.entries())
    assert "secret-guess" not in text and "demo123" not in text
    assert store.audit.verify().ok


def test_unknown_user_typing_an_id_number_is_audited_without_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    clock = SteppingClock(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))
    accounts = ClerkAccounts(store, clock)
    auth = AuthService(accounts, clock, audit=accounts.audit)
    with pytest.raises(LoginFailedError):
        auth.login("330702198503141234", "x")
    [entry] = store.audit.entries()
    assert entry.action == "login_failed" and entry.actor == "unknown"


def test_duplicate_clerk_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    now = datetime(2026, 11, 27, tzinfo=UTC)
    store.clerks.add("li", "李四", "supervisor", "scrypt$x", now=now, office="金华市民中心")
    with pytest.raises(StoreError):
        store.clerks.add("li", "李四", "clerk", "scrypt$y", now=now)
    [clerk] = store.clerks.list_all()
    assert clerk.role is Role.SUPERVISOR and clerk.office == "金华市民中心"
