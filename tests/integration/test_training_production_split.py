"""Training and production never mix (issue 10 part 5), against two real sandbox processes:
one is the training sandbox, the other stands for the real platform with a workstation of its
own. Work queued in training while the training sandbox is down stays in the training store
when the workstation is configured: the CLI says so, a production sync sends none of it (the
production platform's audit counts the calls), production work goes to production only; back
in training mode the training work is where it was and drains to the training sandbox. Also the
upgrade of a pre-split store, and a training row copied into the production store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.case_platform import LOOKUP_LEASE
from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.infra.paths import store_file
from clerkapp.infra.platform import RetryPolicy
from clerkapp.infra.store import Store
from clerkapp.infra.store.outbox import TRAINING_TARGET, platform_target
from tests.integration.case_fixtures import OTHER_ID, PERSON_ID, RENTAL, catalogue

pytestmark = pytest.mark.sandbox

ROOT = Path(__file__).resolve().parents[2]
PROD_WS = "JH-RS-07"
PROD_SECRET = "production-secret-of-jh-rs-07"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class SandboxProcess:
    """``clerkapp platform serve`` in a process of its own, on a fixed port."""

    def __init__(self, data: Path, workstations: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = data
        data.mkdir(parents=True, exist_ok=True)
        if workstations:
            (data / "workstations.json").write_text(json.dumps(workstations), encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        ready = self.data.parent / f"{self.data.name}.ready"
        ready.unlink(missing_ok=True)
        log = (self.data.parent / f"{self.data.name}.log").open("ab")
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "clerkapp", "platform", "serve"),
                *("--port", str(self.port), "--data", str(self.data), "--people", "200"),
                *("--ready-file", str(ready)),
            ],
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        log.close()
        proc = self.proc
        _wait(lambda: ready.exists() or proc.poll() is not None, "the sandbox to listen")
        assert proc.poll() is None, (self.data.parent / f"{self.data.name}.log").read_text()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def audit(self) -> list[dict[str, Any]]:
        """The calls this sandbox heard about cases (its audit), without the workstation's audit
        anchors (system calls of the production store's own trail, no case's work)."""
        return [c for c in self._audit() if c.get("purpose") != "audit-anchor"]

    def _audit(self) -> list[dict[str, Any]]:
        """Every call the platform recorded (workstation, action, case)."""
        answer = requests.get(f"{self.url}/sandbox/audit", params={"limit": 10000}, timeout=10)
        answer.raise_for_status()
        entries: list[dict[str, Any]] = answer.json()["entries"]
        return entries


@pytest.fixture
def sandboxes(tmp_path: Path) -> Iterator[tuple[SandboxProcess, SandboxProcess]]:
    """(training sandbox — not started —, the production platform — running)."""
    training = SandboxProcess(tmp_path / "training-sandbox")
    production = SandboxProcess(tmp_path / "production", {PROD_WS: PROD_SECRET})
    production.start()
    try:
        yield training, production
    finally:
        training.stop()
        production.stop()


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERKAPP_HOME": str(home), "CLERKAPP_NO_KEYRING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "platform", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def _context(home: Path, url: str | None = None) -> AppContext:
    ctx = AppContext(home, catalogue=catalogue())
    if url is not None:
        ctx.use_platform_url(url)
    return ctx


def _drain(ctx: AppContext) -> None:
    """One drain of the sync worker, after the look-ups' lease for the fan-out has run out
    (as after a crash of the app: the sync worker sends them), what waited out a retry due."""
    ctx.client.retry = RetryPolicy(attempts=1, base_s=0.01, cap_s=0.02, budget_s=5)
    later = ctx.clock() + LOOKUP_LEASE + timedelta(seconds=1)
    ctx.store.outbox.retry_now(later)  # as the app does when the platform answers again
    SyncWorker(ctx.store, ctx.case_service, ctx.client, lambda: later).drain()


def _queue_work(ctx: AppContext, applicant: str, name: str) -> str:
    case = ctx.case_service.open_case(RENTAL, "person", applicant, name, "demo")
    ctx.case_service.begin_lookups(case.id, "demo")
    return case.id


def test_training_work_stays_in_training_and_production_gets_only_its_own(
    clerkapp_home: Path, sandboxes: tuple[SandboxProcess, SandboxProcess]
) -> None:
    training_box, production = sandboxes
    # In training, the training sandbox down: the work is queued.
    ctx = _context(clerkapp_home, training_box.url)
    training_case = _queue_work(ctx, PERSON_ID, "张三")
    before = ctx.store.outbox.pending_count()
    assert before >= 2  # the progress registration and the look-ups
    _drain(ctx)  # the sandbox is down: everything stays queued
    queued = ctx.store.outbox.pending_count()
    assert queued == before + 1  # nothing sent; the audit chain's head waits to be anchored too
    assert ctx.store.path == store_file(clerkapp_home, training=True)
    ctx.close()

    done = _cli(
        clerkapp_home,
        *("configure", "--url", production.url, "--workstation", PROD_WS, "--secret-stdin"),
        stdin=PROD_SECRET + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert f"培训模式中有 1 件未办结、{queued} 项待发送的操作" in done.stdout
    assert "不会发送到正式平台" in done.stdout
    assert "clerkapp platform training" in done.stdout

    # Production: a store of its own, nothing of training in it; its work goes to production.
    ctx = _context(clerkapp_home)
    assert not ctx.training and ctx.store.path == clerkapp_home / "clerkapp.sqlite3"
    assert ctx.store.outbox.pending_count() == 0
    assert ctx.store.cases.summaries(limit=100) == []
    production_case = _queue_work(ctx, OTHER_ID, "李四")
    produced = ctx.store.outbox.pending_count()
    assert {r.target for r in ctx.store.outbox.for_case(production_case)} == {
        platform_target(production.url, training=False)
    }
    _drain(ctx)
    assert ctx.store.outbox.pending_count() == 0 and ctx.store.outbox.needs_person() == []
    ctx.close()
    calls = production.audit()
    assert len(calls) >= produced
    assert {c["workstation"] for c in calls} == {PROD_WS}
    assert {c["case"] for c in calls} == {production_case}
    assert training_case not in json.dumps(calls)

    # Back to training: the training work is as it was and drains to the training sandbox.
    back = _cli(clerkapp_home, "training")
    assert back.returncode == 0, back.stderr
    assert f"培训库中有 1 件未办结、{queued} 项待发送的操作，将继续发送到培训沙箱" in back.stdout
    training_box.start()
    ctx = _context(clerkapp_home, training_box.url)
    assert [s.id for s in ctx.store.cases.summaries(limit=100)] == [training_case]
    assert ctx.store.outbox.pending_count() == queued
    _drain(ctx)
    assert ctx.store.outbox.pending_count() == 0 and ctx.store.outbox.needs_person() == []
    ctx.close()
    trained = training_box.audit()
    assert {c["case"] for c in trained} == {training_case}
    assert {c["workstation"] for c in trained} == {"TRAIN-01"}
    assert len(production.audit()) == len(calls)  # production heard nothing more


def test_a_training_row_copied_into_production_is_held_with_its_reason(
    clerkapp_home: Path, sandboxes: tuple[SandboxProcess, SandboxProcess]
) -> None:
    _, production = sandboxes
    done = _cli(
        clerkapp_home,
        *("configure", "--url", production.url, "--workstation", PROD_WS, "--secret-stdin"),
        stdin=PROD_SECRET + "\n",
    )
    assert done.returncode == 0, done.stderr
    ctx = _context(clerkapp_home)
    case_id = _queue_work(ctx, PERSON_ID, "张三")
    with ctx.store.atomic() as db:  # as if copied by hand from the training store
        db.execute("UPDATE outbox SET target = ? WHERE case_id = ?", (TRAINING_TARGET, case_id))
    rows = len(ctx.store.outbox.for_case(case_id))
    _drain(ctx)
    held = ctx.store.outbox.needs_person()
    assert len(held) == rows
    assert all(r.last_error and r.last_error.startswith("wrong_platform:") for r in held)
    assert all("培训模式中排队" in (r.last_error or "") for r in held)
    ctx.close()
    assert production.audit() == []


def _legacy_store(home: Path, cases: list[tuple[str, str]]) -> dict[str, str]:
    """A store as written before the split: at ``home/clerkapp.sqlite3``, rows unstamped; one
    case per (workstation, applicant). Returns workstation → case id."""
    from clerkapp.app.case_service import CaseService
    from clerkapp.app.clock import local_now

    made = {}
    with Store(home / "clerkapp.sqlite3") as store:
        store.clerks.add("demo", "演示窗口人员", "clerk", "x", now=local_now())
        for workstation, applicant in cases:
            svc = CaseService(store, catalogue(), local_now, workstation=workstation)
            case = svc.open_case(RENTAL, "person", applicant, "张三", "demo")
            svc.begin_lookups(case.id, "demo")
            made[workstation] = case.id
        with store.atomic() as db:
            db.execute("UPDATE outbox SET target = NULL")
    return made


def test_upgrade_a_store_of_training_work_only_becomes_the_training_store(
    clerkapp_home: Path, sandboxes: tuple[SandboxProcess, SandboxProcess]
) -> None:
    _, production = sandboxes
    clerkapp_home.mkdir(parents=True, exist_ok=True)
    made = _legacy_store(clerkapp_home, [("TRAIN-01", PERSON_ID)])
    archived = clerkapp_home / "documents" / made["TRAIN-01"] / "receipt.pdf"
    archived.parent.mkdir(parents=True)
    archived.write_bytes(b"%PDF-1.7 training receipt")
    done = _cli(
        clerkapp_home,
        *("configure", "--url", production.url, "--workstation", PROD_WS, "--secret-stdin"),
        stdin=PROD_SECRET + "\n",
    )
    assert "培训模式中有 1 件未办结" in done.stdout
    assert not (clerkapp_home / "clerkapp.sqlite3").exists()
    # Its documents went with it: the store records them relative to its own folder.
    moved = clerkapp_home / "training" / "documents" / made["TRAIN-01"] / "receipt.pdf"
    assert moved.read_bytes() == b"%PDF-1.7 training receipt" and not archived.exists()
    ctx = _context(clerkapp_home)
    # Nothing of training in the production store: no case, no operation, no demo account.
    assert ctx.store.outbox.pending_count() == 0 and ctx.store.clerks.list_all() == []
    assert ctx.store.cases.summaries(limit=100) == []
    _drain(ctx)
    ctx.close()
    assert production.audit() == []
    with Store(store_file(clerkapp_home, training=True)) as store:
        rows = store.outbox.for_case(made["TRAIN-01"])
        assert rows and all(r.state == "open" for r in rows)
    use = _cli(clerkapp_home, "training")
    assert use.returncode == 0
    ctx2 = _context(clerkapp_home)
    assert {r.target for r in ctx2.store.outbox.for_case(made["TRAIN-01"])} == {TRAINING_TARGET}
    ctx2.close()


def test_upgrade_a_mixed_store_sends_only_the_configured_workstations_rows(
    clerkapp_home: Path, sandboxes: tuple[SandboxProcess, SandboxProcess]
) -> None:
    _, production = sandboxes
    clerkapp_home.mkdir(parents=True, exist_ok=True)
    made = _legacy_store(
        clerkapp_home, [("TRAIN-01", PERSON_ID), (PROD_WS, OTHER_ID), ("OLD-03", PERSON_ID)]
    )
    done = _cli(
        clerkapp_home,
        *("configure", "--url", production.url, "--workstation", PROD_WS, "--secret-stdin"),
        stdin=PROD_SECRET + "\n",
    )
    assert done.returncode == 0, done.stderr
    ctx = _context(clerkapp_home)
    assert ctx.store.path == clerkapp_home / "clerkapp.sqlite3"  # kept: not training only
    _drain(ctx)
    outbox = ctx.store.outbox
    assert all(r.state == "sent" for r in outbox.for_case(made[PROD_WS]))
    for workstation, words in (("TRAIN-01", "培训模式中排队"), ("OLD-03", "无法确定")):
        rows = outbox.for_case(made[workstation])
        assert rows and all(r.state == "needs_person" for r in rows)
        assert all(words in (r.last_error or "") for r in rows)
    ctx.close()
    assert {c["case"] for c in production.audit()} == {made[PROD_WS]}


def test_discard_training_deletes_the_training_store_only_outside_training(
    clerkapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _context(clerkapp_home, "http://127.0.0.1:9")  # nothing listens: work is queued
    _queue_work(ctx, PERSON_ID, "张三")
    queued = ctx.store.outbox.pending_count()
    ctx.close()
    refused = _cli(clerkapp_home, "discard-training", "--yes")
    assert refused.returncode == 1 and "培训模式中不能删除培训库" in refused.stderr
    monkeypatch.setenv("CLERKAPP_NO_KEYRING", "1")
    from clerkapp.infra.settings import configure_platform

    configure_platform("http://127.0.0.1:9", PROD_WS, PROD_SECRET)
    shown = _cli(clerkapp_home, "discard-training")
    assert shown.returncode == 0 and f"1 件未办结、{queued} 项待发送的操作" in shown.stdout
    assert store_file(clerkapp_home, training=True).exists()  # only shown, not deleted
    gone = _cli(clerkapp_home, "discard-training", "--yes")
    assert gone.returncode == 0 and "已删除培训库" in gone.stdout
    assert not (clerkapp_home / "training").exists()
    again = _cli(clerkapp_home, "discard-training", "--yes")
    assert again.returncode == 0 and "没有培训库" in again.stdout


def test_a_store_of_this_version_is_never_taken_for_a_pre_split_one(
    clerkapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A production workstation configured under the training workstation's id writes only
    TRAIN-01 entries: its store must still stay the production store at the next start."""
    monkeypatch.setenv("CLERKAPP_NO_KEYRING", "1")
    from clerkapp.infra.settings import configure_platform

    configure_platform("http://127.0.0.1:9", "TRAIN-01", "a-secret")
    ctx = _context(clerkapp_home)
    case_id = _queue_work(ctx, PERSON_ID, "张三")
    ctx.close()
    ctx = _context(clerkapp_home)
    assert ctx.store.path == clerkapp_home / "clerkapp.sqlite3"
    assert [s.id for s in ctx.store.cases.summaries(limit=100)] == [case_id]
    assert not store_file(clerkapp_home, training=True).exists()
    ctx.close()
