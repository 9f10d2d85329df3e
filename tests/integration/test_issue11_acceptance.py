"""Issue 11's "Done when", end to end in one go, as a new office would meet it.

A real `clerkapp platform serve` process stands for the production platform: it knows the
workstations WIN-01 and WIN-07 by their own secrets (``workstations.json``). A fresh
``$CLERKAPP_HOME`` is configured for it with the real CLI (`platform configure --secret-stdin`),
accounts are made with `clerkapp clerks add` (no training account left: demo/demo123 refused),
a clerk runs two real cases against the platform (look-ups, identity check, a department
verification, progress registration, decision, printing, sync), `clerkapp audit verify` checks
the chain against the platform's anchors, then ten tamperings of copies of that synced store are
each detected read-only, and the platform refuses the cross-workstation, purpose, replay (also
after a restart) and Host cases sent by hand. Delivered outbox rows keep no ID number and every
file of the data directory is its owner's only."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from clerkapp.app.context import AppContext
from clerkapp.app.documents import DocumentDesk
from clerkapp.app.lookups import LookupRunner
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Case, CaseState, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.errors import ClerkAppError
from clerkapp.infra import catalogue_io
from clerkapp.sandbox.demo import LI_MING, WANG_FANG
from tests.integration.issue11_story import (
    SECRET01,
    SECRET07,
    WIN01,
    WIN07,
    Platform,
    cli,
    no_traceback,
    send,
    serve,
    signed,
    stop,
    tamperings,
)
from tests.integration.test_audit_tampering import _sql

pytestmark = pytest.mark.sandbox

RENTAL = "zjj.public_rental"
ONE_MESSAGE = "用户名或密码不正确。"


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    data = tmp_path / "platform"
    data.mkdir()
    stations = {WIN01: SECRET01, WIN07: SECRET07}
    (data / "workstations.json").write_text(json.dumps(stations), encoding="utf-8")
    running = serve(data)
    try:
        yield running
    finally:
        if running.proc.poll() is None:
            stop(running)


def _login_refused(context: AppContext, username: str, password: str) -> str:
    with pytest.raises(ClerkAppError) as refused:
        context.login(username, password)
    return str(refused.value.user_message)


def _run_case(context: AppContext, clerk: str, subject: str, name: str) -> Case:
    """A clerk's case as the wizard runs it: opened, identity check and look-ups sent at once,
    the department asked, the sync worker drained until the case can be decided, decided as
    recommended, its documents printed (archived), the decision's progress event synced."""
    service = context.case_service
    worker = SyncWorker(context.store, service, context.client, context.clock)
    case = service.open_case(RENTAL, "person", subject, name, clerk=clerk)
    for code, proof in case.proofs.items():
        if proof.method is Method.DEPT_VERIFY and proof.state is ProofState.PENDING:
            service.request_verification(case.id, code, clerk)
    with ThreadPoolExecutor(4) as pool:
        runner = LookupRunner(context.client, service, pool, clock=context.clock)
        identity = service.begin_identity_check(case.id, clerk)
        if identity is not None:
            runner.run_rows(case.id, [identity])
        assert runner.run(case.id, clerk=clerk).all_answered
    deadline = time.monotonic() + 60
    while True:
        worker.drain()
        case = service.get_case(case.id)
        decidable = case.recommend().decision.value in ("approve", "refuse")
        if decidable and context.store.outbox.pending_count() == 0:
            break
        assert time.monotonic() < deadline, {c: p.state for c, p in case.proofs.items()}
        time.sleep(0.2)
    assert case.identity_outcome.value == "matched"
    case = service.decide(case.id, case.recommend().decision.value, None, clerk)
    desk = DocumentDesk.for_context(context)
    for kind in desk.kinds(case.id):
        desk.record(desk.build(case.id, kind, clerk), clerk)
    worker.drain()
    assert context.store.outbox.pending_count() == 0
    assert not context.store.outbox.needs_person()
    return case


def _day_at_the_counter(home: Path, platform: Platform) -> tuple[Case, Case]:
    """Configure, make the accounts, log in, run two cases; the two cases."""
    bad = cli(
        "platform",
        "configure",
        "--url",
        "http://10.0.0.5:8765",
        "--workstation",
        WIN01,
        "--secret-stdin",
        stdin=SECRET01 + "\n",
    )
    assert bad.returncode == 1 and "https" in no_traceback(bad)
    done = cli(
        "platform",
        "configure",
        "--url",
        platform.url,
        "--workstation",
        WIN01,
        "--secret-stdin",
        "--office",
        "金华市政务服务中心",
        stdin=SECRET01 + "\n",
    )
    assert done.returncode == 0, no_traceback(done)
    assert "文件" in done.stdout + done.stderr  # keyring vs file fallback said (no keyring here)
    assert SECRET01 not in (home / "settings.json").read_text(encoding="utf-8")
    for user, name, role, password in (
        ("chief", "王主任", "supervisor", "chief-password-01"),
        ("zhang", "张三", "clerk", "zhang-password-01"),
        ("li", "李四", "clerk", "li-password-0001"),
    ):
        added = cli(
            "clerks",
            "add",
            user,
            "--name",
            name,
            "--role",
            role,
            "--password-stdin",
            stdin=password + "\n",
        )
        assert added.returncode == 0, no_traceback(added)
    reserved = cli(
        "clerks", "add", "demo", "--name", "x", "--password-stdin", stdin="demo-password-1\n"
    )
    assert reserved.returncode == 1 and "保留" in no_traceback(reserved)
    if not catalogue_io.bundled_path().exists() and not catalogue_io.installed_path().exists():
        catalogue_io.import_catalogue(catalogue_io.bundled_path().with_name("canonical.json"))

    context = AppContext()
    try:
        assert not context.training and context.workstation == WIN01
        assert not context.needs_first_supervisor()
        assert {c.username for c in context.store.clerks.list_all()} == {"chief", "zhang", "li"}
        # one message for every failure; a password typed as the user name is not the actor
        for user, password in (
            ("demo", "demo123"),
            ("demo-sup", "demo123"),
            ("nobody", "x"),
            ("zhang", "wrong-password"),
            ("zhang-password-01", "zhang"),
        ):
            assert _login_refused(context, user, password) == ONE_MESSAGE
        actors = {r["actor"] for r in context.store.db.query("SELECT actor FROM audit")}
        assert "zhang-password-01" not in actors and "nobody" not in actors
        # lockout after 5 failures: the right password is refused too
        for _ in range(5):
            _login_refused(context, "li", "not-li-password")
        assert "登录失败次数过多" in _login_refused(context, "li", "li-password-0001")
        clerk = context.login("zhang", "zhang-password-01")
        refused = _run_case(context, clerk.username, WANG_FANG, "王芳")
        approved = _run_case(context, clerk.username, LI_MING, "李明")
        context.record_logout(clerk)
        chief = context.login("chief", "chief-password-01")  # switch user
        context.record_logout(chief)
    finally:
        context.close()
    assert (refused.state, approved.state) == (CaseState.REFUSED, CaseState.APPROVED)
    return refused, approved


def _owner_only(home: Path) -> None:
    loose = []
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            continue
        if mode != (0o700 if path.is_dir() else 0o600):
            loose.append(f"{oct(mode)} {path.relative_to(home)}")
    assert loose == []


def _outbox_keeps_no_id_number(home: Path) -> None:
    conn = sqlite3.connect(home / "clerkapp.sqlite3")
    try:
        rows = conn.execute("SELECT payload, answer FROM outbox WHERE state = 'sent'").fetchall()
    finally:
        conn.close()
    assert rows
    for number in (LI_MING, WANG_FANG):
        assert not [r for r in rows if number in (r[0] or "") + (r[1] or "")]


def _platform_that_lost_its_anchors(home: Path, tmp_path: Path, work: Path) -> None:
    """The workstation pointed at a platform without its anchors (a new one, or one that lost
    them): the anchors the store kept as confirmed still catch a truncation, and verify says
    the platform lacks them."""
    data = tmp_path / "other-platform"
    data.mkdir()
    (data / "workstations.json").write_text(json.dumps({WIN01: SECRET01}), encoding="utf-8")
    other = serve(data)
    try:
        done = cli(
            "platform",
            "configure",
            "--url",
            other.url,
            "--workstation",
            WIN01,
            "--secret-stdin",
            stdin=SECRET01 + "\n",
        )
        assert done.returncode == 0, no_traceback(done)
        intact = cli("audit", "verify")
        said = no_traceback(intact)
        assert intact.returncode == 0, said
        assert "平台上没有" in said
        copy = work / "truncated-elsewhere.sqlite3"
        source = sqlite3.connect(home / "clerkapp.sqlite3")
        target = sqlite3.connect(copy)
        source.backup(target)
        target.close()
        (count,) = source.execute("SELECT max(seq) FROM audit").fetchone()
        source.close()
        _sql(copy, f"DELETE FROM audit WHERE seq > {count - 5}")
        conn = sqlite3.connect(copy)
        with conn:
            (head,) = conn.execute("SELECT hash FROM audit WHERE seq = ?", (count - 5,)).fetchone()
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{count - 5}:{head}",)
            )
        conn.close()
        truncated = cli("audit", "verify", "--db", str(copy))
        said = no_traceback(truncated)
        assert truncated.returncode == 1, said
        assert "末尾记录被截断或删除" in said
    finally:
        stop(other)


def _refusals(home: Path, platform: Platform, approved: Case) -> dict[str, int]:
    conn = sqlite3.connect(home / "clerkapp.sqlite3")
    (token,) = conn.execute(
        "SELECT tracking_token FROM cases WHERE id = ?", (approved.id,)
    ).fetchone()
    answers = conn.execute(
        "SELECT answer FROM outbox WHERE kind = 'verification' AND case_id = ?", (approved.id,)
    ).fetchall()
    conn.close()
    ticket = json.loads(answers[0][0])["ticket"]
    # WIN-07 registers a case of its own, then reaches for WIN-01's
    own = "20261208-WIN07-0001"
    registration = {
        "short_code": "W7CASE000001",
        "matter_name": "公共租赁住房申请",
        "office": "x",
        "expected_completion": None,
    }
    w07 = {"workstation": WIN07, "secret": SECRET07}
    assert (
        send(
            platform,
            "PUT",
            f"/api/v1/progress/{uuid.uuid4().hex}{uuid.uuid4().hex}",
            registration,
            case=own,
            **w07,
        )
        == 201
    )
    event = {"status": "approved", "label": "已办结：准予许可", "at": "2026-12-07T21:00:00+00:00"}
    lookup = {"item": "population.basic", "subject": {"id_number": LI_MING}}
    statuses = {
        "WIN-07 polls WIN-01's ticket": send(
            platform, "GET", f"/api/v1/verifications/{ticket}", case=own, **w07
        ),
        "WIN-07 overwrites WIN-01's progress": send(
            platform, "PUT", f"/api/v1/progress/{token}", registration, case=own, **w07
        ),
        "WIN-07 appends to WIN-01's case": send(
            platform, "POST", f"/api/v1/progress/{token}/events", event, case=approved.id, **w07
        ),
        "WIN-07 looks up under WIN-01's case": send(
            platform, "POST", "/api/v1/lookups", lookup, case=approved.id, **w07
        ),
        "purpose curiosity": send(
            platform, "POST", "/api/v1/lookups", lookup, case=approved.id, purpose="curiosity"
        ),
        "purpose: a case never registered": send(
            platform, "POST", "/api/v1/lookups", lookup, case="20261208-WIN01-9999"
        ),
        "X-Timestamp nan": send(
            platform, "GET", "/api/v1/items", purpose="catalogue", timestamp="nan"
        ),
        "wrong secret": send(platform, "GET", "/api/v1/items", purpose="catalogue", secret="x"),
    }
    _raw, headers = signed(platform, "GET", "/api/v1/items", purpose="catalogue")
    assert requests.get(platform.url + "/api/v1/items", headers=headers, timeout=10).ok
    statuses["replay"] = requests.get(
        platform.url + "/api/v1/items", headers=headers, timeout=10
    ).status_code
    for path in ("/dept", "/p?code=ABCD2345EFGH", "/api/v1/items"):
        statuses[f"Host evil.example {path}"] = requests.get(
            platform.url + path, headers={**headers, "Host": "evil.example"}, timeout=10
        ).status_code
    stop(platform)
    restarted = serve(platform.data)
    try:
        statuses["replay after a restart"] = requests.get(
            restarted.url + "/api/v1/items", headers=headers, timeout=10
        ).status_code
    finally:
        stop(restarted)
    return statuses


def test_issue11_done_when(clerkapp_home: Path, platform: Platform, tmp_path: Path) -> None:
    umask = os.umask(0o022)  # a session's usual umask: the app makes its files private
    try:
        refused, approved = _day_at_the_counter(clerkapp_home, platform)
    finally:
        os.umask(umask)
    verified = cli("audit", "verify")
    said = no_traceback(verified)
    assert verified.returncode == 0, said
    assert "审计链完整" in said and "已向平台取得存证" in said
    _outbox_keeps_no_id_number(clerkapp_home)
    _owner_only(clerkapp_home)

    work = tmp_path / "tampered"
    work.mkdir()
    said_of = tamperings(clerkapp_home, work, refused)
    assert len(said_of) == 10
    assert "平台存证" in said_of["truncate (head fixed)"]
    assert "审计记录被清空" in said_of["wipe"]
    assert refused.id in said_of["cases edit"]

    _platform_that_lost_its_anchors(clerkapp_home, tmp_path, work)

    statuses = _refusals(clerkapp_home, platform, approved)
    # another workstation's ticket does not exist for it (404); the rest is refused 403
    expected: dict[str, tuple[int, ...]] = {name: (403,) for name in statuses}
    expected["WIN-07 polls WIN-01's ticket"] = (404,)
    expected.update({"X-Timestamp nan": (401,), "wrong secret": (401,), "replay": (401,)})
    expected["replay after a restart"] = (401,)
    expected.update({n: (421,) for n in statuses if n.startswith("Host")})
    wrong = {n: s for n, s in statuses.items() if s not in expected[n]}
    assert wrong == {}
    assert len(statuses) == 13
