"""The outbox on a real file: idempotent enqueue, due order and leases, retry / sent /
needs-person, and rows surviving a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from clerkapp.infra.store import OutboxState, Store

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def test_same_idempotency_key_twice_is_one_row(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    first = store.outbox.enqueue("lookup", None, {"item": "vehicle.ownership"}, "k", now=NOW)
    again = store.outbox.enqueue("lookup", None, {"item": "other"}, "k", now=NOW)
    assert again == first
    assert again.payload == {"item": "vehicle.ownership"}
    assert store.outbox.pending_count() == 1


def test_due_respects_time_order_kinds_and_leases(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    a = store.outbox.enqueue("lookup", None, {}, "a", now=NOW)
    b = store.outbox.enqueue("progress_event", None, {}, "b", now=NOW)
    c = store.outbox.enqueue(
        "lookup", None, {}, "c", now=NOW, not_before=NOW + timedelta(seconds=30)
    )
    assert [r.id for r in store.outbox.due(NOW)] == [a.id, b.id]
    assert [r.id for r in store.outbox.due(NOW, kinds={"lookup"})] == [a.id]
    assert [r.id for r in store.outbox.due(NOW, limit=1)] == [a.id]
    assert [r.id for r in store.outbox.due(NOW + timedelta(seconds=31))] == [a.id, b.id, c.id]
    store.outbox.lease(a.id, NOW + timedelta(minutes=1))
    assert [r.id for r in store.outbox.due(NOW)] == [b.id]
    assert store.outbox.next_due_at() == NOW


def test_retry_sent_and_needs_person(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    row = store.outbox.enqueue("verification", None, {"q": 1}, "v", now=NOW)
    store.outbox.mark_retry(row.id, "503 registry down", NOW + timedelta(seconds=10))
    retried = store.outbox.get(row.id)
    assert retried is not None
    assert (retried.state, retried.attempts, retried.last_error) == (
        OutboxState.OPEN,
        1,
        "503 registry down",
    )
    assert store.outbox.due(NOW) == []
    store.outbox.mark_sent(row.id, {"ticket": "T-1"}, now=NOW + timedelta(seconds=11))
    sent = store.outbox.get(row.id)
    assert sent is not None and sent.state == OutboxState.SENT and sent.answer == {"ticket": "T-1"}
    assert sent.attempts == 2 and sent.last_error is None
    assert store.outbox.pending_count() == 0

    bad = store.outbox.enqueue("credit_report", None, {}, "r", now=NOW)
    store.outbox.mark_needs_person(bad.id, "400 主体信息不完整")
    assert [r.id for r in store.outbox.needs_person()] == [bad.id]
    assert store.outbox.due(NOW + timedelta(days=1)) == []
    store.outbox.requeue(bad.id, now=NOW)
    assert [r.id for r in store.outbox.due(NOW)] == [bad.id]
    assert store.outbox.counts() == {"open": 1, "sent": 1}


def test_rows_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    row = store.outbox.enqueue("verification_poll", None, {"ticket": "T-9"}, "poll:T-9", now=NOW)
    store.close()
    reopened = Store(path)
    due = reopened.outbox.due(NOW)
    assert [(r.id, r.payload) for r in due] == [(row.id, {"ticket": "T-9"})]
    assert reopened.outbox.enqueue("verification_poll", None, {}, "poll:T-9", now=NOW).id == row.id
