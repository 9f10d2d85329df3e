"""The verified point of the audit chain (issue 13: start-up checks only what is new).

At start-up the application checks the entries written since the last check instead of the
whole trail (a year of a window is about a million entries): :func:`verify_since_checkpoint`.
Where the last check ended is kept in ``meta`` (key ``audit_verified``): the chain id, the
entry's seq and hash, when — and an HMAC of them under the workstation's audit key, the key
the chain itself is keyed with, so nobody without the key can move the point forward past
entries they changed.

What the start-up check covers: every entry after the point (links, keyed hashes), that the
entry at the point still has the hash it had (the new entries chain onto it), the head kept in
``meta``, the platform's anchors as kept in the store, and the cases the new entries concern.
What it leaves to the full check (``clerkapp audit verify``, always the whole trail): entries
before the point. Rewriting those needs the key too (each entry's HMAC) — and a full check also
tells whether the point itself holds (:func:`checkpoint_findings`), so rewriting old entries
*and* the point is still named by the full check.
"""

from __future__ import annotations

import hmac
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clerkapp.infra.secret_vault import AuditKey
from clerkapp.infra.store.audit_chain import (
    AuditAnchor,
    ChainMarker,
    MarkerDamaged,
    canonical,
    read_marker,
)
from clerkapp.infra.store.audit_verify import (
    AuditReport,
    check_anchors,
    check_cases,
    check_head,
    verify_trail,
    walk_chain,
)

CHECKPOINT_KEY = "audit_verified"
_PURPOSE = "audit-verified"  # domain separation: a point's HMAC is never an entry's hash


@dataclass(frozen=True)
class Checkpoint:
    """The chain ``chain`` held up to entry ``seq`` (hash ``head``) when checked at ``at``."""

    chain: str
    seq: int
    head: str
    at: str
    mac: str = ""

    def _signed(self) -> bytes:
        return canonical(
            {
                "at": self.at,
                "chain": self.chain,
                "head": self.head,
                "purpose": _PURPOSE,
                "seq": self.seq,
            }
        ).encode()

    def signed(self, key: bytes) -> Checkpoint:
        """The same point with its HMAC under ``key``."""
        mac = hmac.digest(key, self._signed(), "sha256").hex()
        return Checkpoint(self.chain, self.seq, self.head, self.at, mac)

    def holds_under(self, key: bytes) -> bool:
        """Whether the point was written with ``key`` and not changed since."""
        expected = hmac.digest(key, self._signed(), "sha256").hex()
        return hmac.compare_digest(expected, self.mac)

    def to_text(self) -> str:
        """As kept in ``meta``."""
        return canonical(
            {
                "at": self.at,
                "chain": self.chain,
                "head": self.head,
                "mac": self.mac,
                "seq": self.seq,
            }
        )


def read_checkpoint(conn: sqlite3.Connection) -> Checkpoint | None:
    """The stored point (None: none, or not readable — a full check then runs)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (CHECKPOINT_KEY,)).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(str(row[0]))
        return Checkpoint(
            str(data["chain"]),
            int(data["seq"]),
            str(data["head"]),
            str(data["at"]),
            str(data["mac"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def write_checkpoint(conn: sqlite3.Connection, point: Checkpoint, key: bytes) -> None:
    """Keep ``point`` (signed under ``key``), joining the caller's transaction."""
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (CHECKPOINT_KEY, point.signed(key).to_text()),
    )


def checkpoint_findings(conn: sqlite3.Connection, marker: ChainMarker, key: bytes) -> list[str]:
    """What is wrong with the stored point, in words (a full check: [] when it holds or when
    there is none)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (CHECKPOINT_KEY,)).fetchone()
    if row is None:
        return []
    point = read_checkpoint(conn)
    if point is None or not point.holds_under(key) or point.chain != marker.chain:
        return ["审计核对点被改动（与本机审计密钥不符）：上次启动核对的位置被改写"]
    found = conn.execute("SELECT hash FROM audit WHERE seq = ?", (point.seq,)).fetchone()
    if point.seq > 0 and (found is None or str(found[0]) != point.head):
        return [f"第 {point.seq} 条与上次核对时的哈希不符（该条或之前的记录在核对后被改写或删除）"]
    return []


def usable_checkpoint(
    conn: sqlite3.Connection, marker: ChainMarker, key: bytes
) -> tuple[Checkpoint | None, list[str]]:
    """The point to start from (None: check the whole trail) and what is wrong with it."""
    point = read_checkpoint(conn)
    if point is None:
        return None, []
    problems = checkpoint_findings(conn, marker, key)
    if problems or point.seq < marker.keyed_from:
        return None, problems
    return point, []


def verify_since_checkpoint(
    conn: sqlite3.Connection,
    key: AuditKey | None,
    anchors: Sequence[AuditAnchor] = (),
    *,
    key_problem: str | None = None,
) -> AuditReport:
    """The start-up check: from the stored point on when there is one that holds (see the
    module docstring), else the whole trail (:func:`verify_trail`). ``report.since`` is the
    entry the check started after (0: the whole trail)."""
    conn.row_factory = sqlite3.Row
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    try:
        marker = read_marker(conn)
    except MarkerDamaged:
        marker = None
    usable = None
    if marker is not None and key is not None and key.key_id == marker.key_id:
        usable = key.key if marker.holds_under(key.key) else None
    point, problems = (
        (None, [])
        if usable is None or marker is None
        else (usable_checkpoint(conn, marker, usable))
    )
    if point is None or marker is None or usable is None:
        report = verify_trail(conn, key, anchors, key_problem=key_problem)
        return replace(report, findings=(*report.findings, *problems)) if problems else report
    walk = walk_chain(conn, marker.keyed_from, usable, version, after=point.seq, head=point.head)
    # The last seq, not count(*): counting a million rows is the full check's (gaps before
    # the point are its to find); after the point the walk has seen every seq.
    count = int(conn.execute("SELECT max(seq) FROM audit").fetchone()[0] or 0)
    broken = walk.broken
    if broken is None:
        broken = check_head(conn, walk.intact, walk.head, walk.last)
    findings = list(check_anchors(conn, anchors, count))
    # By seq (the table's own order), not DISTINCT (which the case_id index would answer by
    # reading all of it).
    rows = conn.execute("SELECT case_id FROM audit WHERE seq > ?", (point.seq,))
    touched = sorted({str(r[0]) for r in rows if r[0] is not None})
    findings.extend(check_cases(conn, touched))
    return AuditReport(
        intact=walk.intact,
        broken=broken,
        findings=tuple(findings),
        count=count,
        keyed_from=marker.keyed_from,
        key_id=marker.key_id,
        chain=marker.chain,
        anchors_checked=len(anchors),
        since=point.seq,
    )
