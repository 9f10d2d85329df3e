"""The sandbox's append-only audit of who asked about whom, for what purpose (JSON lines).

Subjects are never written in clear: an HMAC with a salt kept in the data directory lets a
trainer see that two calls were about the same person without the file revealing the person
(a plain SHA-256 of an 18-digit ID number is easy to reverse by trying all of them).

Given the state store, an entry is first written in the store's current transaction (table
``audit_log``, numbered ``seq``) and appended to the file once that transaction commits: a data
call's audit entry exists exactly when its work and idempotent answer do. At start-up, entries a
kill kept from reaching the file are appended (and a torn last line is cut off), so the file has
every committed entry once, in ``seq`` order.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.store import StateStore

#: How much of the file's end is read at start-up to find its last entry.
_TAIL_BYTES = 64 * 1024

# An ID number (18 characters or a legacy 15 digits) inside a header a client sent, e.g. a case
# reference: the audit keeps who asked about whom, but a person only as a pseudonym.
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(?:[1-9]\d{16}[\dXx]|[1-9]\d{14})(?![0-9A-Za-z])")


def _scrub(text: str) -> str:
    return _ID_LIKE.sub("[身份证号码已隐去]", text)


class SandboxAudit:
    """Appends one JSON line per data call to ``audit.jsonl`` in the data directory."""

    def __init__(self, data_dir: Path, store: StateStore | None = None) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        salt_path = data_dir / "audit-salt"
        if not salt_path.exists():
            salt_path.write_text(secrets.token_hex(32), encoding="ascii")
        self._salt = bytes.fromhex(salt_path.read_text(encoding="ascii").strip())
        self.path = data_dir / "audit.jsonl"
        self._lock = threading.Lock()
        self._store = store
        if store is not None:
            self._catch_up(store)
        self._file = self.path.open("a", encoding="utf-8")

    def _catch_up(self, store: StateStore) -> None:
        """Append the committed entries the file lacks (a kill after COMMIT, before the file
        write); then forget the store's copies (the file is the audit)."""
        last = 0
        if self.path.exists():
            with self.path.open("rb+") as fh:
                size = fh.seek(0, 2)
                fh.seek(max(0, size - _TAIL_BYTES))
                tail = fh.read()
                if tail and not tail.endswith(b"\n"):  # a torn last line: cut it off
                    cut = tail.rfind(b"\n") + 1
                    fh.truncate(size - len(tail) + cut)
                    tail = tail[:cut]
            for raw in reversed(tail.splitlines()):
                try:
                    last = int(json.loads(raw).get("seq", 0))
                except (ValueError, AttributeError):
                    continue
                break
        missing = store.all("SELECT seq, line FROM audit_log WHERE seq > ? ORDER BY seq", (last,))
        if missing:
            with self.path.open("a", encoding="utf-8") as fh:
                for row in missing:
                    fh.write(_line(row["seq"], row["line"]))
                fh.flush()
                os.fsync(fh.fileno())
        store.execute("DELETE FROM audit_log")  # the sequence itself lives on (AUTOINCREMENT)

    def subject_hash(self, subject: str) -> str:
        """The pseudonym of a subject (ID number or USCC) in this sandbox's audit."""
        return hmac.new(self._salt, subject.encode(), hashlib.sha256).hexdigest()[:32]

    def record(
        self,
        caller: Caller,
        action: str,
        *,
        item: str = "",
        subject: str = "",
        receipt_id: str = "",
        outcome: str = "",
    ) -> None:
        """Append one entry; flushed at once so a killed process keeps it."""
        entry = {
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "workstation": _scrub(caller.workstation),
            "official": _scrub(caller.official),
            "purpose": _scrub(caller.purpose),
            "case": _scrub(caller.case),
            "request_id": _scrub(caller.request_id),
            "action": action,
            "item": item,
            "subject_hash": self.subject_hash(subject) if subject else "",
            "receipt_id": receipt_id,
            "outcome": outcome,
        }
        text = json.dumps(entry, ensure_ascii=False)
        if self._store is None:
            self._write(text + "\n")
            return
        if self._store.in_transaction:  # the data call's: one statement joins it as it is
            seq = self._store.insert("INSERT INTO audit_log (line) VALUES (?)", (text,))
            self._store.after_commit(lambda: self._write(_line(seq, text)))
            return
        with self._store.atomic() as conn:  # on its own (a refusal): written on its commit
            made = conn.execute("INSERT INTO audit_log (line) VALUES (?)", (text,)).lastrowid
            assert made is not None
            self._store.after_commit(lambda: self._write(_line(made, text)))

    def _write(self, line: str) -> None:
        with self._lock:
            self._file.write(line)
            self._file.flush()

    def tail(self, limit: int = 200, case: str | None = None) -> list[dict[str, Any]]:
        """The latest entries, newest last (optionally only those of one case)."""
        keep: deque[dict[str, Any]] = deque(maxlen=max(1, limit))
        with self._lock:
            self._file.flush()
            with self.path.open(encoding="utf-8") as fh:
                for line in fh:
                    entry = json.loads(line)
                    if case is None or entry.get("case") == case:
                        keep.append(entry)
        return list(keep)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._file.close()


def _line(seq: int, text: str) -> str:
    """A file line: the entry with its sequence number first."""
    return f'{{"seq": {seq}, {text[1:]}\n'
