"""The parts of issue 11's acceptance story (tests/integration/test_issue11_acceptance.py) that
are tools rather than the story: the production sandbox process, the CLI, the hand-signed calls
and the ten tamperings of a copy of a synced store."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from clerkapp.core.case import Case
from tests.integration.test_audit_tampering import _rechain_plainly, _sql
from tests.integration.test_sandbox_cli import ROOT, _wait_until_ready
from tests.sandbox_fixture import sign_headers

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


def serve(data: Path) -> Platform:
    ready = data.parent / f"ready-{uuid.uuid4().hex}.txt"
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    command += ["--data", str(data), "--ready-file", str(ready), "--verify-delay-s", "0"]
    command += ["--people", "200"]
    proc = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _wait_until_ready(proc, ready)
    return Platform(data, proc, ready.read_text(encoding="utf-8").strip())


def stop(platform: Platform) -> None:
    platform.proc.terminate()
    platform.proc.communicate(timeout=30)


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout + result.stderr


def tamperings(home: Path, work: Path, refused: Case) -> dict[str, str]:
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
        result = cli("audit", "verify", "--db", str(copy))
        said[name] = no_traceback(result)
        assert result.returncode == 1, (name, said[name])
        assert copy.read_bytes() == before and copy.stat().st_mtime_ns == mtime, name
        assert not [p for p in work.iterdir() if p.name.startswith(copy.name + "-")], name
    source.close()
    return said


def signed(
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


def send(platform: Platform, method: str, path: str, body: object = None, **kw: object) -> int:
    raw, headers = signed(platform, method, path, body, **kw)  # type: ignore[arg-type]
    return requests.request(
        method, platform.url + path, data=raw, headers=headers, timeout=10
    ).status_code
