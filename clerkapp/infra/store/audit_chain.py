"""The keyed audit chain: its format marker and its anchors.

From schema 5 on, each audit entry's hash is ``HMAC-SHA256(audit key, prev_hash + canonical JSON
of the entry)`` under the workstation's audit key (:func:`clerkapp.infra.secret_vault.audit_key`),
which the data directory alone does not give when an OS keyring exists. Entries written before
the store was migrated keep their plain SHA-256 links and verify as what they are.

The marker (``meta`` key ``audit_chain``) says from which entry on the chain is keyed, under which
key (its public id) and which chain this is (a random id the platform's anchors are kept under);
it carries its own HMAC, so moving the keyed start or swapping the chain id needs the key.

An anchor is the chain head (entry count and head hash) as the platform confirmed it at a sync:
counts and hashes only, never personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Any

from clerkapp.infra import secret_vault

MARKER_KEY = "audit_chain"
FORMAT = "hmac-sha256"


def canonical(value: Any) -> str:
    """Sorted, compact JSON (the same as the audit trail's canonical form)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def keyed_entry_hash(key: bytes, prev_hash: str, content_json: str) -> str:
    """The keyed chain hash of one entry (``content_json``: its canonical JSON)."""
    return hmac.digest(key, (prev_hash + content_json).encode(), "sha256").hex()


@dataclass(frozen=True)
class ChainMarker:
    """Where the keyed chain starts (``keyed_from``: the first keyed entry's seq), under which key
    and in which chain; ``mac`` binds them together under the key."""

    chain: str
    key_id: str
    keyed_from: int
    mac: str
    format: str = FORMAT

    def _signed(self) -> str:
        return canonical(
            {
                "chain": self.chain,
                "format": self.format,
                "key_id": self.key_id,
                "keyed_from": self.keyed_from,
            }
        )

    def holds_under(self, key: bytes) -> bool:
        """Whether the marker is the one written with ``key`` (not moved or swapped)."""
        expected = hmac.digest(key, self._signed().encode(), "sha256").hex()
        return hmac.compare_digest(expected, self.mac)

    def to_text(self) -> str:
        """As kept in ``meta``."""
        return canonical({**json.loads(self._signed()), "mac": self.mac})


class MarkerDamaged(ValueError):
    """The ``audit_chain`` marker is there but not readable."""


def parse_marker(text: str | None) -> ChainMarker | None:
    """The marker from its ``meta`` text (None: absent). Raises :class:`MarkerDamaged`."""
    if text is None:
        return None
    try:
        data = json.loads(text)
        marker = ChainMarker(
            chain=str(data["chain"]),
            key_id=str(data["key_id"]),
            keyed_from=int(data["keyed_from"]),
            mac=str(data["mac"]),
            format=str(data["format"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise MarkerDamaged(str(exc)) from exc
    return marker


def read_marker(conn: sqlite3.Connection) -> ChainMarker | None:
    """The store's marker (None: the store predates the keyed chain, or it was deleted)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (MARKER_KEY,)).fetchone()
    return parse_marker(None if row is None else str(row[0]))


def start_keyed_chain(conn: sqlite3.Connection) -> ChainMarker:
    """Migration 5: from the next entry on, chain under this workstation's audit key (created in
    the vault when there is none); entries already written stay plain SHA-256."""
    key = secret_vault.audit_key()
    assert key is not None
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    marker = ChainMarker(
        chain=secrets.token_hex(8),
        key_id=key.key_id,
        keyed_from=int(last or 0) + 1,
        mac="",
    )
    signed = hmac.digest(key.key, marker._signed().encode(), "sha256").hex()
    marker = ChainMarker(marker.chain, marker.key_id, marker.keyed_from, signed)
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (MARKER_KEY, marker.to_text()),
    )
    return marker


@dataclass(frozen=True)
class AuditAnchor:
    """The chain head the platform confirmed: ``count`` entries ending in ``head`` at ``at``
    (UTC text), for ``workstation``'s chain ``chain``."""

    chain: str
    count: int
    head: str
    at: str
    workstation: str

    def as_json(self) -> dict[str, Any]:
        """The anchor as sent to and kept by the platform."""
        return {
            "chain": self.chain,
            "count": self.count,
            "head": self.head,
            "at": self.at,
            "workstation": self.workstation,
        }

    @classmethod
    def from_json(cls, data: Any) -> AuditAnchor | None:
        """An anchor read back from the platform or the store; None when not one."""
        if not isinstance(data, dict):
            return None
        try:
            count = data["count"]
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                return None
            head = str(data["head"])
            if len(head) != 64 or any(c not in "0123456789abcdef" for c in head):
                return None
            return cls(
                chain=str(data["chain"]),
                count=count,
                head=head,
                at=str(data["at"]),
                workstation=str(data.get("workstation", "")),
            )
        except (KeyError, TypeError):
            return None


def local_anchors(conn: sqlite3.Connection, chain: str) -> list[AuditAnchor]:
    """The anchors the platform confirmed, as kept in the store (oldest first)."""
    try:
        rows = conn.execute(
            "SELECT chain, count, head, at, workstation FROM audit_anchors"
            " WHERE chain = ? ORDER BY count, id",
            (chain,),
        ).fetchall()
    except sqlite3.OperationalError:  # a store from before schema 5
        return []
    return [AuditAnchor(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


def anchor_digest(anchor: AuditAnchor) -> str:
    """A short idempotency scope of one anchor (same head, same key)."""
    return hashlib.sha256(canonical(anchor.as_json()).encode()).hexdigest()[:24]
