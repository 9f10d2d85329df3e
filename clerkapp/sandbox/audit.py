"""The sandbox's append-only audit of who asked about whom, for what purpose (JSON lines).

Subjects are never written in clear: an HMAC with a salt kept in the data directory lets a
trainer see that two calls were about the same person without the file revealing the person
(a plain SHA-256 of an 18-digit ID number is easy to reverse by trying all of them).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clerkapp.sandbox.auth import Caller

# An ID number (18 characters or a legacy 15 digits) inside a header a client sent, e.g. a case
# reference: the audit keeps who asked about whom, but a person only as a pseudonym.
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(?:[1-9]\d{16}[\dXx]|[1-9]\d{14})(?![0-9A-Za-z])")


def _scrub(text: str) -> str:
    return _ID_LIKE.sub("[身份证号码已隐去]", text)


class SandboxAudit:
    """Appends one JSON line per data call to ``audit.jsonl`` in the data directory."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        salt_path = data_dir / "audit-salt"
        if not salt_path.exists():
            salt_path.write_text(secrets.token_hex(32), encoding="ascii")
        self._salt = bytes.fromhex(salt_path.read_text(encoding="ascii").strip())
        self.path = data_dir / "audit.jsonl"
        self._lock = threading.Lock()
        self._file = self.path.open("a", encoding="utf-8")

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
        line = json.dumps(entry, ensure_ascii=False) + "\n"
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
