"""Issue 12: several worker processes serve one platform database — ``clerkapp platform serve
--workers 2 --database …`` as its own process, on either engine, with workstations sending
summaries at once (several summaries of one case racing each other, retries with the same key):
every summary applied once, each case at its latest, the rollups equal to a rebuild from the
summaries, the figures the same whichever worker answers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.sandbox import rollups
from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION
from clerkapp.sandbox.platform_db import PlatformDb
from tests.platform_db_fixture import engine_url, postgres_url
from tests.sandbox_fixture import OTHER_SECRET, OTHER_WORKSTATION, sign_headers

__all__ = ["engine_url", "postgres_url"]

ROOT = Path(__file__).resolve().parents[2]
STATIONS = {TRAINING_WORKSTATION: TRAINING_SECRET, OTHER_WORKSTATION: OTHER_SECRET}
CASES = 12
SEQS = 3


@pytest.fixture(scope="module")
def served(engine_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The platform served by two worker processes on ``engine_url``; its URL."""
    folder = tmp_path_factory.mktemp("workers")
    data = folder / "data"
    data.mkdir()
    (data / "workstations.json").write_text(
        json.dumps({OTHER_WORKSTATION: OTHER_SECRET}), encoding="utf-8"
    )
    ready = folder / "ready"
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    command += ["--data", str(data), "--ready-file", str(ready), "--people", "50"]
    command += ["--workers", "2", "--database", engine_url]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while not (ready.exists() and ready.read_text(encoding="utf-8").strip()):
            assert process.poll() is None, "the platform did not start"
            assert time.monotonic() < deadline, "the platform did not start in time"
            time.sleep(0.05)  # polling the ready file with a deadline
        yield ready.read_text(encoding="utf-8").strip()
    finally:
        process.terminate()
        process.wait(30)


def _post(url: str, station: str, body: dict[str, Any], key: str) -> requests.Response:
    raw = json.dumps(body).encode()
    path = "/api/v1/case-summaries"
    headers = sign_headers(
        "POST",
        path,
        raw,
        workstation=station,
        secret=STATIONS[station],
        official="wang",
        purpose="supervision",
        case="-",
        idempotency_key=key,
    )
    headers["Content-Type"] = "application/json"
    return requests.post(url + path, data=raw, headers=headers, timeout=60)


def _summary(case: int, seq: int) -> dict[str, Any]:
    states = ("open", "accepted", "approved")
    return {
        "case_id": f"W-{case}",
        "seq": seq,
        "event": states[seq - 1],
        "matter": "zjj.public_rental",
        "office": "zjj",
        "window": "",
        "clerk": f"clerk-{seq}",  # the case moves between clerks: its rollups move with it
        "state": states[seq - 1],
        "decision": "approve" if seq == SEQS else None,
        "opened_at": "2026-11-02T09:00:00+08:00",
        "accepted_at": "2026-11-02T09:10:00+08:00" if seq > 1 else None,
        "decided_at": "2026-11-03T09:10:00+08:00" if seq == SEQS else None,
        "promised_date": "2026-11-06",
        "at": "2026-11-02T09:00:00+08:00",
        "proofs": [{"code": "p1", "method": "data_query", "state": "satisfied"}],
    }


_TABLES = (*rollups.LEVELS, *rollups.HISTOGRAMS)


def _kept(db: PlatformDb, table: str, key: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """A rollup's rows that count (a case that moved leaves its old key at zero; a histogram's
    count is its last column)."""
    rows = db.query(f"SELECT * FROM {table}")
    if table in dict(rollups.HISTOGRAMS):
        return sorted(r for r in rows if r[-1])
    return sorted(r for r in rows if any(r[len(key) :]))


def test_two_workers_apply_racing_summaries_once(served: str, engine_url: str) -> None:
    jobs = [
        (station, case, seq, attempt)
        for station in STATIONS
        for case in range(CASES)
        for seq in range(SEQS, 0, -1)  # the latest first: earlier ones arrive late
        for attempt in range(2)  # and each is sent twice (a retry with its key)
    ]

    def send(job: tuple[str, int, int, int]) -> int:
        station, case, seq, _ = job
        key = f"{station}:W-{case}:{seq}"
        return _post(served, station, _summary(case, seq), key).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(send, jobs))
    assert set(statuses) == {201}

    db = PlatformDb(engine_url)
    try:
        assert db.query("SELECT COUNT(*) FROM summary_events") == [(len(STATIONS) * CASES * SEQS,)]
        assert db.query("SELECT COUNT(*), MIN(seq), MIN(clerk) FROM case_summaries") == [
            (len(STATIONS) * CASES, SEQS, f"clerk-{SEQS}")
        ]
        live = {table: _kept(db, table, key) for table, key in _TABLES}
        with db.transaction() as cur:
            for statement in rollups.REBUILD:
                cur.execute(statement)
        assert {table: _kept(db, table, key) for table, key in _TABLES} == live
    finally:
        db.close()
