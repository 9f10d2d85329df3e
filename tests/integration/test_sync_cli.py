"""`clerkapp sync` as a subprocess with a temporary $CLERKAPP_HOME against the real sandbox:
exit 0 when all was sent, 4 when the platform refused something (需人工处理), 3 when it cannot
be reached (offline: nothing changes), 1 with words for a misuse; --json is one object with
counts and items and no personal data; training mode and a configured (production) workstation."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import local_now
from clerkapp.app.training_store import open_mode_store
from clerkapp.infra.catalogue_io import load_catalogue
from clerkapp.infra.paths import data_dir, database_path
from clerkapp.infra.settings import load_settings
from clerkapp.infra.store import OutboxState, Store, db_time
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import RENTAL
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

ROOT = Path(__file__).resolve().parents[2]


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERKAPP_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def _queued_case(workstation: str = "TRAIN-01") -> str:
    """A case opened at the counter while offline: its identity question and progress
    registration wait in the outbox, due now (the counter's lease has run out)."""
    # The store of the mode in use, as the app opens it (rows stamped with the mode's platform).
    with open_mode_store(data_dir(), load_settings()) as store:
        service = CaseService(store, load_catalogue(), local_now, workstation=workstation)
        case = service.open_case(RENTAL, "person", demo.LI_MING, "李明", "demo")
        with store.atomic():
            store.conn.execute(
                "UPDATE outbox SET next_attempt_at = ?",
                (db_time(local_now() - timedelta(seconds=1)),),
            )
        return case.id


def _rows() -> list[Any]:
    with Store(database_path()) as store:
        return [r for case in store.cases.summaries() for r in store.outbox.for_case(case.id)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def _json(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert demo.LI_MING not in done.stdout and "李明" not in done.stdout  # no personal data
    result: dict[str, Any] = json.loads(done.stdout)
    assert result["exit_code"] == done.returncode
    return result


def test_training_sync_sends_everything_then_has_nothing_to_do(
    clerkapp_home: Path,
    sandbox: Any,  # noqa: F811
) -> None:
    case_id = _queued_case()
    done = _cli(clerkapp_home, "sync", "--json", "--sandbox-url", sandbox.url)
    assert done.returncode == 0, done.stdout + done.stderr
    result = _json(done)
    assert result["platform"] == "online"
    # the case's four operations (registration, identity question, the platform's case index,
    # its summary for supervision: issue 12), then the audit chain's head anchored on the platform
    assert result["counts"] == {"sent": 5, "waiting": 0, "needs_person": 0}
    kinds = sorted(i["kind"] for i in result["sent"])
    assert kinds == ["audit_anchor", "case_index", "case_summary", "lookup", "progress_register"]
    assert {i["case_id"] for i in result["sent"] if i["kind"] != "audit_anchor"} == {case_id}
    assert all(r.state is OutboxState.SENT for r in _rows())
    with Store(database_path()) as store:
        actors = {e.actor for e in store.audit.entries(case_id) if e.action == "identity_checked"}
    assert actors == {"system"}  # nobody is logged in: the scheduled task acts as system

    again = _cli(clerkapp_home, "sync", "--once", "--sandbox-url", sandbox.url)
    assert again.returncode == 0, again.stderr
    assert "已发送 0 项" in again.stdout and "需人工处理 0 项" in again.stdout


def test_a_refused_operation_exits_4_and_names_it(
    clerkapp_home: Path,
    sandbox: Any,  # noqa: F811
) -> None:
    case_id = _queued_case()
    sandbox.set_fault("progress", "error", status=422)
    done = _cli(clerkapp_home, "sync", "--sandbox-url", sandbox.url)
    assert done.returncode == 4, done.stdout + done.stderr
    # the audit anchor went; the registration is refused and the look-up waits behind it
    assert "已发送 1 项" in done.stdout and "需人工处理 1 项" in done.stdout
    assert "审计链存证" in done.stdout
    assert f"办件进度登记 {case_id}" in done.stdout and "模拟故障 422" in done.stdout
    result = _json(_cli(clerkapp_home, "sync", "--json", "--sandbox-url", sandbox.url))
    [item] = result["needs_person"]
    assert item["kind"] == "progress_register" and item["case_id"] == case_id
    assert item["code"] == "injected_refusal" and result["counts"]["sent"] == 0


def test_offline_exits_3_and_changes_nothing(clerkapp_home: Path) -> None:
    _queued_case()
    before = _rows()
    url = f"http://127.0.0.1:{_free_port()}"
    done = _cli(clerkapp_home, "sync", "--json", "--sandbox-url", url)
    assert done.returncode == 3, done.stdout + done.stderr
    result = _json(done)
    assert result["platform"] == "offline" and "平台无法连接" in result["platform_note"]
    assert result["counts"] == {"sent": 0, "waiting": 4, "needs_person": 0}  # + its summary
    assert {i["why"] for i in result["waiting"]} == {"offline"}
    assert _rows() == before  # not even an attempt counted

    text = _cli(clerkapp_home, "sync", "--once", "--sandbox-url", url)
    assert text.returncode == 3 and "等待发送 4 项" in text.stdout


def test_production_workstation_syncs_with_its_platform(
    clerkapp_home: Path,
    sandbox: Any,  # noqa: F811
) -> None:
    configured = _cli(
        clerkapp_home,
        "platform",
        "configure",
        "--url",
        sandbox.url,
        "--workstation",
        sandbox.workstation,
        "--secret-stdin",
        stdin=sandbox.secret + "\n",
    )
    assert configured.returncode == 0, configured.stderr
    _queued_case(sandbox.workstation)
    done = _cli(clerkapp_home, "sync", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    # the case's four operations (with its summary, issue 12) and the audit anchor
    assert _json(done)["counts"]["sent"] == 5

    misuse = _cli(clerkapp_home, "sync", "--sandbox-url", sandbox.url)
    assert misuse.returncode == 1 and "只用于培训模式" in misuse.stderr


def test_no_store_yet_is_nothing_to_send(clerkapp_home: Path) -> None:
    done = _cli(clerkapp_home, "sync", "--json")
    assert done.returncode == 0, done.stderr
    assert _json(done)["counts"] == {"sent": 0, "waiting": 0, "needs_person": 0}


def test_a_retryable_failure_waits_with_its_backoff(
    tmp_path: Path,
    sandbox: Any,  # noqa: F811
) -> None:
    from clerkapp.app.clock import SteppingClock
    from clerkapp.app.sync_run import run_sync, summary_lines
    from tests.integration.case_fixtures import START, sandbox_client, service

    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    case = svc.open_case(RENTAL, "person", demo.LI_MING, "李明", "demo")
    clock.advance(timedelta(minutes=1))  # the counter's lease on the identity question ran out
    sandbox.set_fault("progress", "error", status=503)
    with sandbox_client(sandbox) as client:
        run = run_sync(svc, client, training=True)
    svc.store.close()
    assert run.exit_code == 3 and run.platform == "online"
    # Nothing of the case went: its look-up waits behind the registration (the platform would
    # refuse a call for a case it does not know); only the audit chain's anchor was sent.
    assert [i["kind"] for i in run.sent] == ["audit_anchor"]
    waits = {i["kind"]: i for i in run.waiting}
    assert set(waits) == {"progress_register", "lookup", "case_index", "case_summary"}
    assert waits["lookup"]["case_id"] == case.id
    wait = waits["progress_register"]
    assert wait["why"] == "backoff"
    assert "暂时无法访问" in wait["reason"] and "后重试" in wait["reason"]
    assert any("等待发送 4 项" in line for line in summary_lines(run))
