"""Audit anchors over real HTTP: the sandbox keeps each workstation's chain heads and refuses a
chain that went back or changed; the sync worker anchors the head at every drain when it moved;
`clerkapp audit verify` checks against the platform's anchors, or — the platform down — the ones
it confirmed earlier, and says which."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clerkapp.app.audit_anchor import anchor_context, platform_anchors
from clerkapp.app.sync import SyncWorker
from clerkapp.infra.platform import PlatformCallError
from clerkapp.infra.settings import configure_platform
from clerkapp.infra.store.audit_chain import AuditAnchor
from tests.integration.case_fixtures import sandbox_client, service
from tests.sandbox_fixture import SandboxHandle

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "audit", "verify", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ},
    )


def _log(svc: object, n: int, start: int = 0) -> None:
    store = svc.store  # type: ignore[attr-defined]
    for i in range(start, start + n):
        store.audit.append("login", at=T0 + timedelta(minutes=i), actor="wang")


def test_platform_keeps_anchors_and_refuses_a_chain_that_went_back(
    sandbox: SandboxHandle,
) -> None:
    chain = os.urandom(8).hex()
    body = {"chain": chain, "count": 5, "head": "a" * 64, "at": "2026-11-27T01:00:00Z"}
    sign = {"purpose": "audit-anchor", "case": "-", "official": "system"}
    first = sandbox.call("POST", "/api/v1/audit-anchors", body, **sign)
    assert first.status_code == 201, first.text
    assert first.json()["workstation"] == sandbox.workstation and first.json()["count"] == 5
    again = sandbox.call("POST", "/api/v1/audit-anchors", body, **sign)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    changed = sandbox.call("POST", "/api/v1/audit-anchors", {**body, "head": "b" * 64}, **sign)
    assert changed.status_code == 409 and changed.json()["code"] == "anchor_conflict"
    shorter = sandbox.call("POST", "/api/v1/audit-anchors", {**body, "count": 3}, **sign)
    assert shorter.status_code == 409 and shorter.json()["code"] == "anchor_regressed"
    nosy = sandbox.call("POST", "/api/v1/audit-anchors", {**body, "count": 9}, purpose="matter:X")
    assert nosy.status_code == 403
    listed = sandbox.call("GET", f"/api/v1/audit-anchors?chain={chain}", **sign)
    assert [a["count"] for a in listed.json()["anchors"]] == [5]
    with sandbox_client(sandbox) as client:
        [anchor] = platform_anchors(client, chain)
        assert anchor == AuditAnchor(chain, 5, "a" * 64, "2026-11-27T01:00:00Z", "TRAIN-01")
        with pytest.raises(PlatformCallError):
            client.anchor_audit(
                {**body, "count": 4}, context=anchor_context(), idempotency_key=os.urandom(8).hex()
            )


def test_sync_anchors_the_head_when_it_moved(sandbox: SandboxHandle, tmp_path: Path) -> None:
    svc = service(tmp_path)
    _log(svc, 6)
    with sandbox_client(sandbox) as client:
        worker = SyncWorker(svc.store, svc, client, svc.clock)
        assert worker.drain().anchored
        chain, count, head = svc.store.audit.head()
        assert chain is not None and count == 6
        [anchor] = platform_anchors(client, chain)
        assert (anchor.count, anchor.head) == (6, head)
        assert [(a.count, a.head) for a in svc.store.audit.local_anchors()] == [(6, head)]
        assert not worker.drain().anchored  # nothing moved: no second anchor
        _log(svc, 3, start=6)
        assert worker.drain().anchored
        assert [a.count for a in platform_anchors(client, chain)] == [6, 9]
        # The anchor row says nothing personal: counts and hashes.
        rows = svc.store.conn.execute(
            "SELECT payload FROM outbox WHERE kind = 'audit_anchor'"
        ).fetchall()
        assert len(rows) == 2 and all("wang" not in str(r[0]) for r in rows)
    svc.store.close()


def test_verify_against_the_platform_then_offline_against_local_anchors(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    configure_platform(sandbox.url, sandbox.workstation, sandbox.secret)
    svc = service(tmp_path)
    _log(svc, 8)
    with sandbox_client(sandbox) as client:
        assert SyncWorker(svc.store, svc, client, svc.clock).drain().anchored
    svc.store.close()
    path = tmp_path / "store.sqlite3"
    intact = _verify(path)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "存证核对：已向平台取得存证 1 条，最新为第 8 条" in intact.stdout

    # Truncated, the head in meta fixed, the local anchors deleted too: the platform knows.
    conn = sqlite3.connect(path)
    [head] = conn.execute("SELECT hash FROM audit WHERE seq = 5").fetchone()
    with conn:
        conn.execute("DELETE FROM audit WHERE seq > 5")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"5:{head}",))
        conn.execute("DELETE FROM audit_anchors")
    conn.close()
    result = _verify(path)
    assert result.returncode == 1
    assert "已向平台取得存证 1 条" in result.stdout
    assert "审计链只有 5 条，少于" in result.stdout and "平台存证的 8 条" in result.stdout

    # The platform down: the anchors confirmed earlier and kept locally are used, and said so.
    svc2 = service(tmp_path / "second")
    _log(svc2, 4)
    with sandbox_client(sandbox) as client:
        assert SyncWorker(svc2.store, svc2, client, svc2.clock).drain().anchored
    svc2.store.close()
    second = tmp_path / "second" / "store.sqlite3"
    _cut = sqlite3.connect(second)
    with _cut:
        _cut.execute("DELETE FROM audit WHERE seq = 4")
        _cut.execute("DELETE FROM meta WHERE key = 'audit_head'")
    _cut.close()
    configure_platform("http://127.0.0.1:9", sandbox.workstation, sandbox.secret)
    offline = _verify(second)
    assert offline.returncode == 1
    assert "平台无法连接（网络不通或平台未响应），改用本地保存的平台已确认存证 1 条核对" in (
        offline.stdout
    )
    assert "审计链只有 3 条，少于" in offline.stdout


def test_a_workstation_sees_and_moves_only_its_own_anchors(tmp_path: Path) -> None:
    """Two workstations anchoring the same chain id: each keeps its own anchors; neither reads
    or pushes back the other's."""
    from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION, SandboxSettings
    from clerkapp.sandbox.server import ThreadedSandbox

    stations = {TRAINING_WORKSTATION: TRAINING_SECRET, "WIN-07": "win-07-secret"}
    settings = SandboxSettings(
        data_dir=tmp_path, verify_delay_s=0, people=20, workstations=stations
    )
    server = ThreadedSandbox(settings).start()
    handle = SandboxHandle(server, tmp_path)
    sign = {"purpose": "audit-anchor", "case": "-", "official": "system"}
    chain = "c" * 16
    try:
        mine = {"chain": chain, "count": 10, "head": "a" * 64, "at": "2026-11-27T01:00:00Z"}
        assert handle.call("POST", "/api/v1/audit-anchors", mine, **sign).status_code == 201
        # WIN-07 anchors a shorter chain under the same id: its own, not a regression of ours.
        theirs = {**mine, "count": 3, "head": "b" * 64}
        other = {"workstation": "WIN-07", "secret": "win-07-secret"}
        answer = handle.call("POST", "/api/v1/audit-anchors", theirs, **sign, **other)
        assert answer.status_code == 201 and answer.json()["workstation"] == "WIN-07"
        seen = handle.call("GET", f"/api/v1/audit-anchors?chain={chain}", **sign, **other).json()
        assert [(a["workstation"], a["count"]) for a in seen["anchors"]] == [("WIN-07", 3)]
        ours = handle.call("GET", f"/api/v1/audit-anchors?chain={chain}", **sign).json()
        assert [(a["workstation"], a["count"]) for a in ours["anchors"]] == [("TRAIN-01", 10)]
    finally:
        handle.close()
        server.stop()


def test_an_anchor_the_platform_refuses_is_counted_for_a_person(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    """A trail cut back under its anchor (head fixed, local anchors gone): the platform refuses
    the next anchor (anchor_regressed) and the drain's report counts it as needing a person —
    it said needs_person=0, so the header's sync status never heard of it."""
    svc = service(tmp_path)
    _log(svc, 6)
    with sandbox_client(sandbox) as client:
        worker = SyncWorker(svc.store, svc, client, svc.clock)
        assert worker.drain().anchored
        conn = svc.store.conn
        with conn:
            conn.execute("DELETE FROM audit WHERE seq > 3")
            (head,) = conn.execute("SELECT hash FROM audit WHERE seq = 3").fetchone()
            conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"3:{head}",))
            conn.execute("DELETE FROM audit_anchors")
        _log(svc, 1, start=10)  # the chain moved: an anchor is due
        report = worker.drain()
    assert not report.anchored and report.needs_person == 1
    [row] = svc.store.outbox.needs_person()
    assert row.kind == "audit_anchor" and "anchor_regressed" in (row.last_error or "")
    svc.store.close()
