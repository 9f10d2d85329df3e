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
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
from tests.integration.test_audit_tampering import _rechain_plainly, _sql
from tests.integration.test_sandbox_cli import ROOT, _wait_until_ready
from tests.sandbox_fixture import sign_headers

pytestmark = pytest.mark.sandbox

WIN01, SECRET01 = "WIN-01", "win-01-production-secret-4f7a"
WIN07, SECRET07 = "WIN-07", "win-07-production-secret-9c2e"
RENTAL = "zjj.public_rental"
PURPOSE = f"matter:{RENTAL}"
ONE_MESSAGE = "用户名或密码不正确。"


@dataclass
class Platform:
    """The production sandbox process."""

    data: Path
    proc: subprocess.Popen[str]
    url: str


def _serve(data: Path) -> Platform:
    ready = data.parent / f"ready-{uuid.uuid4().hex}.txt"
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    command += ["--data", str(data), "--ready-file", str(ready), "--verify-delay-s", "0"]
    command += ["--people", "200"]
    proc = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _wait_until_ready(proc, ready)
    return Platform(data, proc, ready.read_text(encoding="utf-8").strip())


def _stop(platform: Platform) -> None:
    platform.proc.terminate()
    platform.proc.communicate(timeout=30)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    data = tmp_path / "platform"
    data.mkdir()
    stations = {WIN01: SECRET01, WIN07: SECRET07}
    (data / "workstations.json").write_text(json.dumps(stations), encoding="utf-8")
    running = _serve(data)
    try:
        yield running
    finally:
        if running.proc.poll() is None:
            _stop(running)


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _no_traceback(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout + result.stderr


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
    bad = _cli(
        "platform",
        "configure",
        "--url",
        "http://10.0.0.5:8765",
        "--workstation",
        WIN01,
        "--secret-stdin",
        stdin=SECRET01 + "\n",
    )
    assert bad.returncode == 1 and "https" in _no_traceback(bad)
    done = _cli(
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
    assert done.returncode == 0, _no_traceback(done)
    assert "文件" in done.stdout + done.stderr  # keyring vs file fallback said (no keyring here)
    assert SECRET01 not in (home / "settings.json").read_text(encoding="utf-8")
    for user, name, role, password in (
        ("chief", "王主任", "supervisor", "chief-password-01"),
        ("zhang", "张三", "clerk", "zhang-password-01"),
        ("li", "李四", "clerk", "li-password-0001"),
    ):
        added = _cli(
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
        assert added.returncode == 0, _no_traceback(added)
    reserved = _cli(
        "clerks", "add", "demo", "--name", "x", "--password-stdin", stdin="demo-password-1\n"
    )
    assert reserved.returncode == 1 and "保留" in _no_traceback(reserved)
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


def _tamperings(home: Path, work: Path, refused: Case) -> dict[str, str]:
    """Each tampering on a fresh copy of the synced store; what verify said of each."""
    count = 0

    def truncate_fix_head(p: Path) -> None:
        conn = sqlite3.connect(p)
        with conn:
            conn.execute("DELETE FROM audit WHERE seq > ?", (count - 5,))
            (head,) = conn.execute("SELECT hash FROM audit WHERE seq = ?", (count - 5,)).fetchone()
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{count - 5}:{head}",)
            )
        conn.close()

    def swap(p: Path) -> None:
        cols = "at, actor, workstation, case_id, action, data, prev_hash, hash"
        conn = sqlite3.connect(p)
        with conn:
            a = conn.execute(f"SELECT {cols} FROM audit WHERE seq = 10").fetchone()
            b = conn.execute(f"SELECT {cols} FROM audit WHERE seq = 11").fetchone()
            sets = ", ".join(f"{c.strip()} = ?" for c in cols.split(","))
            conn.execute(f"UPDATE audit SET {sets} WHERE seq = 10", b)
            conn.execute(f"UPDATE audit SET {sets} WHERE seq = 11", a)
        conn.close()

    def edit_rechain(p: Path) -> None:
        _sql(p, "UPDATE audit SET actor = 'chief' WHERE seq = 20")
        _rechain_plainly(p, 20)

    def forge_all(p: Path) -> None:  # no key, no marker, no local anchors: a plain chain
        _sql(
            p,
            "DELETE FROM meta WHERE key = 'audit_chain'",
            "DELETE FROM audit_anchors",
            "UPDATE audit SET data = '{}' WHERE seq = 3",
        )
        _rechain_plainly(p, 1)

    tamperings: dict[str, Callable[[Path], object]] = {
        "edit + re-chain": edit_rechain,
        "truncate (head fixed)": truncate_fix_head,
        "truncate (head kept)": lambda p: _sql(p, f"DELETE FROM audit WHERE seq > {count - 5}"),
        "wipe": lambda p: _sql(
            p,
            "DELETE FROM audit",
            "DELETE FROM meta WHERE key = 'audit_head'",
            "DELETE FROM audit_anchors",
        ),
        "swap": swap,
        "delete": lambda p: _sql(p, "DELETE FROM audit WHERE seq = 15"),
        "cases edit": lambda p: _sql(
            p,
            f"UPDATE cases SET state = 'approved', json = replace(json, '\"refused\"', "
            f"'\"approved\"') WHERE id = '{refused.id}'",
        ),
        "marker removed, re-chained plainly": forge_all,
        "empty file": lambda p: p.write_bytes(b""),
        "damaged page": lambda p: p.write_bytes(
            p.read_bytes()[: 4096 * 2] + b"\xff" * 4096 + p.read_bytes()[4096 * 3 :]
        ),
    }
    source = sqlite3.connect(home / "clerkapp.sqlite3")
    (count,) = source.execute("SELECT max(seq) FROM audit").fetchone()
    said: dict[str, str] = {}
    for n, (name, tamper) in enumerate(tamperings.items()):
        copy = work / f"t{n}.sqlite3"
        target = sqlite3.connect(copy)
        source.backup(target)
        target.close()
        tamper(copy)
        before, mtime = copy.read_bytes(), copy.stat().st_mtime_ns
        result = _cli("audit", "verify", "--db", str(copy))
        said[name] = _no_traceback(result)
        assert result.returncode == 1, (name, said[name])
        assert copy.read_bytes() == before and copy.stat().st_mtime_ns == mtime, name
        assert not [p for p in work.iterdir() if p.name.startswith(copy.name + "-")], name
    source.close()
    return said


def _platform_that_lost_its_anchors(home: Path, tmp_path: Path, work: Path) -> None:
    """The workstation pointed at a platform without its anchors (a new one, or one that lost
    them): the anchors the store kept as confirmed still catch a truncation, and verify says
    the platform lacks them."""
    data = tmp_path / "other-platform"
    data.mkdir()
    (data / "workstations.json").write_text(json.dumps({WIN01: SECRET01}), encoding="utf-8")
    other = _serve(data)
    try:
        done = _cli(
            "platform",
            "configure",
            "--url",
            other.url,
            "--workstation",
            WIN01,
            "--secret-stdin",
            stdin=SECRET01 + "\n",
        )
        assert done.returncode == 0, _no_traceback(done)
        intact = _cli("audit", "verify")
        said = _no_traceback(intact)
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
        truncated = _cli("audit", "verify", "--db", str(copy))
        said = _no_traceback(truncated)
        assert truncated.returncode == 1, said
        assert "末尾记录被截断或删除" in said
    finally:
        _stop(other)


def _signed(
    platform: Platform,
    method: str,
    path: str,
    body: object = None,
    *,
    workstation: str = WIN01,
    secret: str = SECRET01,
    purpose: str = PURPOSE,
    case: str = "-",
    timestamp: float | str | None = None,
    request_id: str | None = None,
) -> tuple[bytes, dict[str, str]]:
    raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
    key = str(uuid.uuid4()) if method in ("POST", "PUT") else None
    headers = sign_headers(
        method,
        path.split("?")[0],
        raw,
        workstation=workstation,
        secret=secret,
        official="zhang",
        purpose=purpose,
        case=case,
        timestamp=timestamp,
        request_id=request_id,
        idempotency_key=key,
    )
    if body is not None:
        headers["Content-Type"] = "application/json"
    return raw, headers


def _send(platform: Platform, method: str, path: str, body: object = None, **kw: object) -> int:
    raw, headers = _signed(platform, method, path, body, **kw)  # type: ignore[arg-type]
    return requests.request(
        method, platform.url + path, data=raw, headers=headers, timeout=10
    ).status_code


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
        _send(
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
        "WIN-07 polls WIN-01's ticket": _send(
            platform, "GET", f"/api/v1/verifications/{ticket}", case=own, **w07
        ),
        "WIN-07 overwrites WIN-01's progress": _send(
            platform, "PUT", f"/api/v1/progress/{token}", registration, case=own, **w07
        ),
        "WIN-07 appends to WIN-01's case": _send(
            platform, "POST", f"/api/v1/progress/{token}/events", event, case=approved.id, **w07
        ),
        "WIN-07 looks up under WIN-01's case": _send(
            platform, "POST", "/api/v1/lookups", lookup, case=approved.id, **w07
        ),
        "purpose curiosity": _send(
            platform, "POST", "/api/v1/lookups", lookup, case=approved.id, purpose="curiosity"
        ),
        "purpose: a case never registered": _send(
            platform, "POST", "/api/v1/lookups", lookup, case="20261208-WIN01-9999"
        ),
        "X-Timestamp nan": _send(
            platform, "GET", "/api/v1/items", purpose="catalogue", timestamp="nan"
        ),
        "wrong secret": _send(platform, "GET", "/api/v1/items", purpose="catalogue", secret="x"),
    }
    _raw, headers = _signed(platform, "GET", "/api/v1/items", purpose="catalogue")
    assert requests.get(platform.url + "/api/v1/items", headers=headers, timeout=10).ok
    statuses["replay"] = requests.get(
        platform.url + "/api/v1/items", headers=headers, timeout=10
    ).status_code
    for path in ("/dept", "/p?code=ABCD2345EFGH", "/api/v1/items"):
        statuses[f"Host evil.example {path}"] = requests.get(
            platform.url + path, headers={**headers, "Host": "evil.example"}, timeout=10
        ).status_code
    _stop(platform)
    restarted = _serve(platform.data)
    try:
        statuses["replay after a restart"] = requests.get(
            restarted.url + "/api/v1/items", headers=headers, timeout=10
        ).status_code
    finally:
        _stop(restarted)
    return statuses


def test_issue11_done_when(clerkapp_home: Path, platform: Platform, tmp_path: Path) -> None:
    umask = os.umask(0o022)  # a session's usual umask: the app makes its files private
    try:
        refused, approved = _day_at_the_counter(clerkapp_home, platform)
    finally:
        os.umask(umask)
    verified = _cli("audit", "verify")
    said = _no_traceback(verified)
    assert verified.returncode == 0, said
    assert "审计链完整" in said and "已向平台取得存证" in said
    _outbox_keeps_no_id_number(clerkapp_home)
    _owner_only(clerkapp_home)

    work = tmp_path / "tampered"
    work.mkdir()
    said_of = _tamperings(clerkapp_home, work, refused)
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
