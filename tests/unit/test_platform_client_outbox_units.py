"""Pure pieces of the sync worker and the client: lanes, backoff, retry waits, row contexts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clerkapp.app.outbox_send import Backoff, context_of, send, stored_answer
from clerkapp.app.sync import SyncReport, lanes
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.infra.platform import Credentials, PlatformClient, RetryPolicy
from clerkapp.infra.store.outbox import OutboxRow, OutboxState

NOW = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def row(row_id: int, kind: str, case: str | None, **payload: Any) -> OutboxRow:
    return OutboxRow(
        id=row_id, kind=kind, case_id=case, payload=payload, idempotency_key=f"k{row_id}",
        state=OutboxState.OPEN, attempts=0, next_attempt_at=NOW, last_error=None, answer=None,
        created_at=NOW, sent_at=None,
    )  # fmt: skip


def test_progress_rows_of_a_case_share_one_ordered_lane_others_run_alone() -> None:
    rows = [
        row(5, "progress_event", "A"),
        row(1, "lookup", "A"),
        row(3, "progress_register", "A"),
        row(4, "progress_event", "B"),
        row(2, "lookup", "A"),
        row(6, "progress_event", "A"),
    ]
    grouped = sorted(([r.id for r in lane] for lane in lanes(rows)), key=lambda ids: ids[0])
    assert grouped == [[1], [2], [3, 5, 6], [4]]


@given(st.integers(min_value=0, max_value=60))
def test_outbox_backoff_grows_and_is_capped(attempts: int) -> None:
    backoff = Backoff(base_s=5, cap_s=600)
    delay = (backoff.next_at(NOW, attempts) - NOW).total_seconds()
    expected = min(600, 5 * 2 ** min(attempts, 20))
    assert expected / 2 <= delay <= expected


@given(st.integers(min_value=1, max_value=30))
def test_client_retry_wait_is_bounded(retry: int) -> None:
    policy = RetryPolicy(attempts=4, base_s=0.2, cap_s=2.0)
    assert 0 <= policy.delay(retry) <= min(2.0, 0.2 * 2 ** (retry - 1))


def test_context_comes_from_the_row() -> None:
    ctx = context_of(row(1, "lookup", "C-1", official="wangxiao", purpose="matter:X"))
    assert (ctx.official, ctx.purpose, ctx.case_id) == ("wangxiao", "matter:X", "C-1")
    bare = context_of(row(2, "progress_event", None, matter_code="M"))
    assert (bare.official, bare.purpose, bare.case_id) == ("system", "matter:M", "-")


def test_a_row_this_build_cannot_read_is_an_outcome_not_a_crash() -> None:
    with PlatformClient("http://127.0.0.1:9", Credentials("TRAIN-01", "x")) as client:
        outcome = send(client, row(1, "lookup", "C-1", official="a", purpose="b"))  # no item
    assert not outcome.ok and isinstance(outcome.error, KeyError)


def test_stored_answer_is_json_friendly() -> None:
    answer = LookupAnswer("vehicle.ownership", False, None, Provenance("车辆", "vehicle", "t", "R"))
    assert stored_answer(answer) == {
        "item": "vehicle.ownership", "found": False, "record": None,
        "provenance": {"registry": "车辆", "registry_code": "vehicle", "as_of": "t",
                       "receipt_id": "R"},
    }  # fmt: skip
    assert stored_answer(None) is None and stored_answer({"a": 1}) == {"a": 1}


def test_report_counts() -> None:
    report = SyncReport()
    report.count("lookup", "sent")
    report.count("lookup", "retry")
    report.count("progress_event", "needs_person")
    assert (report.sent, report.retry, report.needs_person, report.handled) == (1, 1, 1, 3)
    assert report.by_kind == {"lookup": 2, "progress_event": 1}
    assert timedelta(0) == timedelta(seconds=report.seconds)
