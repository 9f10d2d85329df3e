"""Accounts of a real office (issue 11): one message for every failed log-in, the lock-out counted
atomically (threads), unknown names locked alike and never stored, disabled and training accounts
refused, account administration with its audit and the last supervisor kept — on a real store."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clerkapp.app.accounts import AccountAdmin
from clerkapp.app.auth import (
    LOCK_DURATION,
    LOCKED_MESSAGE,
    LOGIN_FAILED_MESSAGE,
    MAX_FAILURES,
    AccountLockedError,
    AuthService,
    LoginFailedError,
)
from clerkapp.app.context import AppContext
from clerkapp.errors import ClerkAppError
from clerkapp.infra.store import ClerkAccounts, Role, Store

PASSWORD = "counter-pass-2026"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.sqlite3") as opened:
        yield opened


def _auth(store: Store, clock: Clock, *, training: bool = False) -> AuthService:
    accounts = ClerkAccounts(store, clock, workstation="JH-RS-03")
    return AuthService(accounts, clock, audit=accounts.audit, training=training)


def _admin(store: Store, clock: Clock, actor: str = "chief") -> AccountAdmin:
    return AccountAdmin(store, clock, actor=actor, workstation="JH-RS-03")


def _failure(auth: AuthService, username: str, password: str) -> ClerkAppError:
    with pytest.raises((LoginFailedError, AccountLockedError)) as failed:
        auth.login(username, password)
    return failed.value


def test_every_failure_has_the_same_message(store: Store) -> None:
    clock = Clock()
    admin = _admin(store, clock)
    admin.add("chief", "王主任", Role.SUPERVISOR, PASSWORD)
    admin.add("li", "李四", Role.CLERK, PASSWORD)
    admin.set_active("li", False)
    _auth(store, clock, training=True).ensure_demo_accounts()
    auth = _auth(store, clock)  # outside training
    messages = {
        "wrong password": _failure(auth, "chief", "wrong-pass").user_message,
        "unknown user": _failure(auth, "nobody", PASSWORD).user_message,
        "disabled, right password": _failure(auth, "li", PASSWORD).user_message,
        "training account": _failure(auth, "demo", "demo123").user_message,
    }
    assert set(messages.values()) == {LOGIN_FAILED_MESSAGE}, messages
    assert auth.login("chief", PASSWORD).role is Role.SUPERVISOR
    admin.set_active("li", True)
    assert auth.login("li", PASSWORD).username == "li"


def test_unknown_and_known_names_lock_alike_and_the_typed_name_is_kept_only_if_it_exists(
    store: Store,
) -> None:
    clock = Clock()
    _admin(store, clock).add("chief", "王主任", Role.SUPERVISOR, PASSWORD)
    auth = _auth(store, clock)
    answers: dict[str, list[str]] = {"chief": [], "pa55-typed-as-name": []}
    for name, texts in answers.items():
        for _ in range(MAX_FAILURES + 1):
            texts.append(_failure(auth, name, "wrong-pass").user_message)
    locked = LOCKED_MESSAGE.format(minutes=5)
    expected = [LOGIN_FAILED_MESSAGE] * (MAX_FAILURES - 1) + [locked, locked]
    assert answers["chief"] == answers["pa55-typed-as-name"] == expected
    # Locked means locked: the right password too, for both.
    assert _failure(auth, "chief", PASSWORD).user_message == locked
    clock.now += LOCK_DURATION
    assert auth.login("chief", PASSWORD).username == "chief"
    assert _failure(auth, "pa55-typed-as-name", "x").user_message == LOGIN_FAILED_MESSAGE

    entries = store.audit.entries()
    actors = {e.actor for e in entries if e.action in {"login_failed", "lockout"}}
    assert actors == {"chief", "unknown"}
    dump = " ".join(f"{e.actor} {e.data}" for e in entries)
    assert "pa55-typed-as-name" not in dump and "wrong-pass" not in dump
    assert store.audit.verify().ok


def test_twelve_concurrent_wrong_guesses_lock_the_account(store: Store) -> None:
    clock = Clock()
    _admin(store, clock).add("chief", "王主任", Role.SUPERVISOR, PASSWORD)
    auth = _auth(store, clock)
    start = threading.Barrier(12)
    outcomes: list[str] = []

    def guess(n: int) -> None:
        start.wait()
        try:
            auth.login("chief", f"guess-{n:04d}")
        except AccountLockedError:
            outcomes.append("locked")
        except LoginFailedError:
            outcomes.append("failed")

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 12
    stored = store.clerks.get("chief")
    assert stored is not None and stored.failed_attempts == 12 and stored.locked_until
    assert "locked" in outcomes  # at least the guess that reached the limit says so
    with pytest.raises(AccountLockedError):
        auth.login("chief", PASSWORD)
    lockouts = [e for e in store.audit.entries() if e.action == "lockout"]
    assert len(lockouts) == 1


def test_administration_is_audited_and_keeps_a_supervisor(store: Store) -> None:
    clock = Clock()
    admin = _admin(store, clock, actor="cli")
    admin.add("chief", "王主任", Role.SUPERVISOR, PASSWORD)
    admin.add("wang", "王晓", Role.CLERK, PASSWORD)
    _refused(lambda: admin.add("wang", "王晓", Role.CLERK, PASSWORD), "已存在")
    _refused(lambda: admin.add("zhao", "赵六", Role.CLERK, "short"), "至少 10 个字符")
    _refused(
        lambda: admin.add("zhao-liu-01", "赵六", Role.CLERK, "zhao-liu-01"), "不能与用户名相同"
    )
    _refused(lambda: admin.add("demo", "演示", Role.CLERK, PASSWORD), "保留")
    _refused(lambda: admin.set_active("nobody", False), "没有账号")
    _refused(lambda: admin.set_active("chief", False), "最后一个启用的科室负责人")
    _refused(lambda: admin.set_role("chief", Role.CLERK), "最后一个启用的科室负责人")
    admin.set_role("wang", Role.SUPERVISOR)
    admin.set_role("chief", Role.CLERK)  # another supervisor remains: allowed
    admin.reset_password("chief", "another-pass-99")
    auth = _auth(store, clock)
    assert auth.login("chief", "another-pass-99").role is Role.CLERK
    _refused(lambda: admin.add_first_supervisor("first", "第一", PASSWORD), "已有账号")

    changes = [
        (e.actor, e.data.get("account"), e.data.get("change"))
        for e in store.audit.entries()
        if e.action in {"clerk_added", "clerk_updated"}
    ]
    assert changes == [
        ("cli", "chief", None),
        ("cli", "wang", None),
        ("cli", "wang", "role"),
        ("cli", "chief", "role"),
        ("cli", "chief", "password_reset"),
    ]
    dump = " ".join(str(e.data) for e in store.audit.entries())
    assert PASSWORD not in dump and "another-pass-99" not in dump


def _refused(act: Callable[[], object], words: str) -> None:
    with pytest.raises(ClerkAppError) as refused:
        act()
    assert words in refused.value.user_message


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "CLERKAPP_HOME": str(home)},
        check=False,
        timeout=60,
    )


def test_a_configured_workstation_refuses_the_training_accounts(clerkapp_home: Path) -> None:
    # Training first: the demo accounts exist and work.
    training = AppContext(clerkapp_home)
    assert training.login("demo", "demo123").username == "demo"
    training.close()
    done = _cli(
        clerkapp_home,
        *("platform", "configure", "--url", "http://127.0.0.1:8799", "--workstation", "JH-RS-03"),
        "--secret-stdin",
        stdin="workstation-secret-4711\n",
    )
    assert done.returncode == 0, done.stderr
    context = AppContext(clerkapp_home)
    try:
        assert not context.training
        for name in ("demo", "demo-sup"):
            with pytest.raises(LoginFailedError) as refused:
                context.login(name, "demo123")
            assert refused.value.user_message == LOGIN_FAILED_MESSAGE
            assert context.store.clerks.get(name) is None  # removed, not only refused
        assert context.needs_first_supervisor()
        with pytest.raises(ClerkAppError):
            context.auth.ensure_demo_accounts()
    finally:
        context.close()


def test_clerks_cli_end_to_end(clerkapp_home: Path) -> None:
    added = _cli(
        clerkapp_home,
        *("clerks", "add", "chief", "--name", "王主任", "--role", "supervisor"),
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "已添加账号 chief" in added.stdout
    short = _cli(
        clerkapp_home, "clerks", "add", "li", "--name", "李四", "--password-stdin", stdin="abc\n"
    )
    assert short.returncode == 1 and "至少 10 个字符" in short.stderr
    assert "Traceback" not in short.stderr
    duplicate = _cli(
        clerkapp_home,
        *("clerks", "add", "chief", "--name", "X", "--password-stdin"),
        stdin=PASSWORD + "\n",
    )
    assert duplicate.returncode == 1 and "已存在" in duplicate.stderr
    last = _cli(clerkapp_home, "clerks", "disable", "chief")
    assert last.returncode == 1 and "最后一个启用的科室负责人" in last.stderr
    demote = _cli(clerkapp_home, "clerks", "set-role", "chief", "clerk")
    assert demote.returncode == 1 and "最后一个启用的科室负责人" in demote.stderr
    unknown = _cli(clerkapp_home, "clerks", "enable", "nobody")
    assert unknown.returncode == 1 and "没有账号 nobody" in unknown.stderr
    assert (
        _cli(
            clerkapp_home,
            *("clerks", "add", "li", "--name", "李四", "--password-stdin"),
            stdin=PASSWORD + "\n",
        ).returncode
        == 0
    )
    assert _cli(clerkapp_home, "clerks", "disable", "li").returncode == 0
    reset = _cli(
        clerkapp_home,
        *("clerks", "reset-password", "li", "--password-stdin"),
        stdin="brand-new-pass-7\n",
    )
    assert reset.returncode == 0, reset.stderr
    listed = _cli(clerkapp_home, "clerks", "list")
    assert listed.returncode == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in listed.stdout.splitlines()[1:]}
    assert rows["chief"][1:4] == ["王主任", "科室负责人", "启用"]
    assert rows["li"][1:4] == ["李四", "窗口人员", "停用"]
    import json

    as_json = json.loads(_cli(clerkapp_home, "clerks", "list", "--json").stdout)
    assert [(a["username"], a["role"], a["active"]) for a in as_json] == [
        ("chief", "supervisor", True),
        ("li", "clerk", False),
    ]
    # The passwords never reached the store or the trail in clear.
    from clerkapp.infra.paths import database_path

    with Store(database_path()) as store:  # the store of the mode in use (training here)
        dump = " ".join(str(e.data) for e in store.audit.entries())
        assert PASSWORD not in dump and "brand-new-pass-7" not in dump
        assert {e.actor for e in store.audit.entries()} == {"cli"}
        assert store.audit.verify().ok
        context_auth = _auth(store, Clock())
        with pytest.raises(LoginFailedError):  # disabled
            context_auth.login("li", "brand-new-pass-7")
        assert context_auth.login("chief", PASSWORD).username == "chief"


def test_no_password_on_the_command_line() -> None:
    from clerkapp.cli import build_parser

    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["clerks", "add", "x", "--name", "X", "--password", "secret-123456"])
    assert timedelta(minutes=5) == LOCK_DURATION
