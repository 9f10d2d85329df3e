"""The sandbox applies an operation and stores its idempotent answer in one transaction: a
process that dies between the work and the answer kept neither; the after-work faults lose an
answer that was committed, and the retry with the same key gets the stored one."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
import requests

from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.server import ThreadedSandbox
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

ROOT = Path(__file__).resolve().parents[2]
EVENT = {"status": "accepted", "label": "已受理", "at": "2026-11-27T09:30:00+08:00"}

DIES_BEFORE_COMMIT = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from clerkapp.sandbox.config import SandboxSettings
    from clerkapp.sandbox.server import ThreadedSandbox
    from clerkapp.sandbox.state import SandboxState
    from tests.sandbox_fixture import SandboxHandle

    data, key = Path(sys.argv[1]), sys.argv[2]
    server = ThreadedSandbox(SandboxSettings(data_dir=data, people=50)).start()
    handle = SandboxHandle(server, data)
    token = handle.register_case("C-ONCE")
    print(token, flush=True)
    remember = SandboxState.remember

    def remember_then_die(self, request, caller, body, response):
        remember(self, request, caller, body, response)
        if request.url.path.endswith("/events"):
            os._exit(9)  # the work and its answer written, not committed

    SandboxState.remember = remember_then_die
    event = json.loads(sys.argv[3])
    handle.call("POST", f"/api/v1/progress/{token}/events", event, case="C-ONCE",
                idempotency_key=key, register=False)
    sys.exit(3)  # not reached
    """
)


def test_killed_between_the_work_and_its_stored_answer_keeps_neither(tmp_path: Path) -> None:
    data, key = tmp_path / "sandbox", str(uuid.uuid4())
    died = subprocess.run(
        [sys.executable, "-c", DIES_BEFORE_COMMIT, str(data), key, json.dumps(EVENT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert died.returncode == 9, died.stderr
    token = died.stdout.strip()
    with sqlite3.connect(data / "sandbox.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM progress").fetchone() == (1,)
        assert conn.execute("SELECT COUNT(*) FROM progress_events").fetchone() == (0,)
        assert conn.execute(
            "SELECT COUNT(*) FROM idempotency WHERE key = ?", (key,)
        ).fetchone() == (0,)
    audit = (data / "audit.jsonl").read_text(encoding="utf-8")
    assert '"progress_register"' in audit and '"progress_event"' not in audit

    server = ThreadedSandbox(SandboxSettings(data_dir=data, people=50)).start()
    handle = SandboxHandle(server, data)
    try:
        path = f"/api/v1/progress/{token}/events"
        first = handle.call("POST", path, EVENT, case="C-ONCE", idempotency_key=key, register=False)
        assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
        again = handle.call("POST", path, EVENT, case="C-ONCE", idempotency_key=key, register=False)
        assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
        assert again.json() == first.json()
        page = handle.progress(token)
        assert page is not None and [e["label"] for e in page["events"]] == ["已受理"]
        entries = [e for e in handle.state.audit.tail(50) if e["action"] == "progress_event"]
        assert len(entries) == 1
    finally:
        handle.close()
        server.stop()
    # Every audit line once, numbered in order (the file is caught up at start-up).
    seqs = [json.loads(line)["seq"] for line in (data / "audit.jsonl").open(encoding="utf-8")]
    assert seqs == sorted(set(seqs))


def test_after_502_commits_the_work_and_the_retry_gets_the_stored_answer(
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    token = sandbox.register_case(f"C-A502-{uuid.uuid4().hex[:8]}")
    assert token is not None
    key = str(uuid.uuid4())
    path = f"/api/v1/progress/{token}/events"
    lost = sandbox.state.faults.lost
    kwargs = {"case": _case_of(sandbox, token), "idempotency_key": key, "register": False}
    first = sandbox.call("POST", path, EVENT, headers={"X-Sandbox-Fault": "after-502"}, **kwargs)
    assert first.status_code == 502 and first.json()["retryable"] is True
    assert sandbox.state.faults.lost == lost + 1
    page = sandbox.progress(token)
    assert page is not None and len(page["events"]) == 1  # done, although the answer said 502
    retry = sandbox.call("POST", path, EVENT, **kwargs)
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    page = sandbox.progress(token)
    assert page is not None and len(page["events"]) == 1


def test_after_rule_drops_the_connection_once_and_the_replay_is_delivered(
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    token = sandbox.register_case(f"C-DROP-{uuid.uuid4().hex[:8]}")
    assert token is not None
    sandbox.set_fault("progress", "after", status=0)
    faults = sandbox.http.get(f"{sandbox.url}/sandbox/faults", timeout=5).json()
    assert faults["rules"] == [
        {"target": "progress", "kind": "after", "status": 0, "latency_ms": 0}
    ]
    key, path = str(uuid.uuid4()), f"/api/v1/progress/{token}/events"
    kwargs = {"case": _case_of(sandbox, token), "idempotency_key": key, "register": False}
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        sandbox.call("POST", path, EVENT, **kwargs)
    # The rule stays on, yet the retry is a replay: a replay is never lost.
    retry = sandbox.call("POST", path, EVENT, **kwargs)
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    page = sandbox.progress(token)
    assert page is not None and [e["label"] for e in page["events"]] == ["已受理"]
    after = sandbox.http.get(f"{sandbox.url}/sandbox/faults", timeout=5).json()
    assert after["answers_lost"] >= 1 and after["replayed"] >= 1


def _case_of(handle: SandboxHandle, token: str) -> str:
    row = handle.state.store.one("SELECT case_id FROM progress_owners WHERE token = ?", (token,))
    assert row is not None
    return str(row["case_id"])
