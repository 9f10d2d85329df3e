"""The sandbox audit is written in the data call's transaction and appended to its file after the
commit: a kill in between (or mid-line) is made good at the next start."""

from __future__ import annotations

import json
from pathlib import Path

from clerkapp.sandbox.audit import SandboxAudit
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.store import StateStore

CALLER = Caller("TRAIN-01", "wangxiao", "matter:zjj.public_rental", "C-1", "rid")


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_entry_reaches_the_file_only_when_its_transaction_commits(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "sandbox.sqlite3")
    audit = SandboxAudit(tmp_path, store)
    try:
        with store.transaction():
            audit.record(CALLER, "progress_event", outcome="accepted")
            assert audit.path.read_text(encoding="utf-8") == ""  # not before the commit
        assert [e["action"] for e in _lines(audit.path)] == ["progress_event"]
        try:
            with store.transaction():
                audit.record(CALLER, "lookup", outcome="found")
                raise RuntimeError("the call failed")
        except RuntimeError:
            pass
        assert len(_lines(audit.path)) == 1  # rolled back: no line
        audit.record(CALLER, "refused", outcome="bad_signature")  # outside a transaction
        assert [e["seq"] for e in _lines(audit.path)] == [1, 2]  # no gap: rolled back too
    finally:
        audit.close()
        store.close()


def test_start_up_appends_committed_entries_the_file_lacks_and_cuts_a_torn_line(
    tmp_path: Path,
) -> None:
    store = StateStore(tmp_path / "sandbox.sqlite3")
    audit = SandboxAudit(tmp_path, store)
    audit.record(CALLER, "progress_register", outcome="created")
    audit.close()
    # Killed after the COMMIT of two more entries: one never written, one written in half.
    with store.transaction() as conn:
        for action in ("lookup", "credit_report"):
            entry = {"at": "2026-12-07T00:00:00.000+00:00", "action": action, "case": "C-1"}
            conn.execute("INSERT INTO audit_log (line) VALUES (?)", (json.dumps(entry),))
    with audit.path.open("a", encoding="utf-8") as fh:
        fh.write('{"seq": 2, "at": "2026-12-07T00:00:00.000+00:00", "act')
    again = SandboxAudit(tmp_path, store)
    try:
        entries = _lines(again.path)
        assert [(e["seq"], e["action"]) for e in entries] == [
            (1, "progress_register"),
            (2, "lookup"),
            (3, "credit_report"),
        ]
        assert store.all("SELECT seq FROM audit_log") == []  # the file holds them now
        again.record(CALLER, "progress_event", outcome="accepted")
        assert _lines(again.path)[-1]["seq"] == 4  # the sequence goes on
    finally:
        again.close()
        store.close()
