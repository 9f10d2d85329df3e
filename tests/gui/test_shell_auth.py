"""Clerk login against a real store file: scrypt hashes, lock-out with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clerkapp.app.auth import (
    LOCK_DURATION,
    MAX_FAILURES,
    AccountLockedError,
    AuthService,
    LoginFailedError,
    hash_password,
    verify_password,
)
from clerkapp.infra.store.clerks import ClerkAccounts, Role
from clerkapp.infra.store.db import Store


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.sqlite3")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def auth(store: Store, clock: Clock) -> AuthService:
    accounts = ClerkAccounts(store, clock, workstation="TRAIN-01")
    service = AuthService(accounts, clock, audit=accounts.audit, training=True)
    service.add_clerk("wangxiao", "王晓", Role.CLERK, "s3cret-pass")
    return service


def test_hash_is_salted_self_describing_and_verifies() -> None:
    first, second = hash_password("demo123"), hash_password("demo123")
    assert first != second  # per-user salt
    assert first.startswith("scrypt$16384$8$1$")
    assert "demo123" not in first
    assert verify_password("demo123", first)
    assert not verify_password("demo124", first)
    assert not verify_password("demo123", "garbage")


def test_login_success_returns_clerk_without_hash(auth: AuthService) -> None:
    clerk = auth.login("wangxiao", "s3cret-pass")
    assert (clerk.username, clerk.display_name, clerk.role) == ("wangxiao", "王晓", Role.CLERK)
    assert not hasattr(clerk, "password_hash")


def test_wrong_password_and_unknown_user_get_the_same_message(auth: AuthService) -> None:
    with pytest.raises(LoginFailedError) as wrong:
        auth.login("wangxiao", "nope")
    with pytest.raises(LoginFailedError) as unknown:
        auth.login("nobody", "nope")
    assert wrong.value.user_message == unknown.value.user_message == "用户名或密码不正确。"
    assert wrong.value.attempts_left is None and unknown.value.attempts_left is None


def test_lockout_after_five_failures_for_five_minutes(
    auth: AuthService, clock: Clock, store: Store
) -> None:
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailedError):
            auth.login("wangxiao", "wrong")
    with pytest.raises(AccountLockedError) as locked:
        auth.login("wangxiao", "wrong")
    assert locked.value.user_message == "登录失败次数过多，请 5 分钟后再试或联系科室负责人。"
    # Even the right password is refused while locked.
    clock.now += LOCK_DURATION - timedelta(seconds=1)
    with pytest.raises(AccountLockedError):
        auth.login("wangxiao", "s3cret-pass")
    clock.now += timedelta(seconds=2)
    assert auth.login("wangxiao", "s3cret-pass").username == "wangxiao"
    actions = [e.action for e in store.audit.entries()]
    # The five failures, then the refusal of the right password while locked.
    assert actions.count("login_failed") == MAX_FAILURES + 1
    assert actions.count("lockout") == 1
    assert actions[-1] == "login"
    assert store.audit.verify().ok


def test_no_password_reaches_the_audit(auth: AuthService, store: Store) -> None:
    with pytest.raises(LoginFailedError):
        auth.login("wangxiao", "typo-PASSWORD-42")
    auth.login("wangxiao", "s3cret-pass")
    with store.read() as db:
        dump = "\n".join(str(row) for row in db.query("SELECT * FROM audit"))
    assert "typo-PASSWORD-42" not in dump
    assert "s3cret-pass" not in dump


def test_demo_accounts_created_once(auth: AuthService) -> None:
    accounts = auth.ensure_demo_accounts()
    assert [(a.username, a.role) for a in accounts] == [
        ("demo", Role.CLERK),
        ("demo-sup", Role.SUPERVISOR),
    ]
    auth.ensure_demo_accounts()  # second start: nothing to add, no error
    assert auth.login("demo", "demo123").role is Role.CLERK
    assert auth.login("demo-sup", "demo123").role is Role.SUPERVISOR
