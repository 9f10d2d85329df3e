"""Batch delivery (issue 13; docs/CONTRACTS.md "Batch delivery") over real HTTP against the
sandbox: one ``POST /api/v1/batch`` carries many operations, each with its own Idempotency-Key,
purpose binding and answer — exactly once per operation, as for single requests."""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app import sync_batch
from clerkapp.app.sync import SyncWorker
from clerkapp.infra.platform import (
    CallContext,
    Credentials,
    PlatformClient,
    PlatformUnavailable,
    RetryPolicy,
    person,
)
from clerkapp.infra.platform import batch as batch_module
from clerkapp.infra.platform import operations as ops
from clerkapp.infra.platform.batch import BatchTooLarge, OperationResult
from clerkapp.infra.store import Store
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import sandbox_client
from tests.integration.test_sync_drain import NoCaseRecorder, enqueue_case, events_of
from tests.sandbox_fixture import PURPOSE, SandboxHandle, sandbox  # noqa: F401

pytestmark = pytest.mark.sandbox

AT = "2026-12-07T09:00:00+08:00"


@pytest.fixture
def client(sandbox: SandboxHandle) -> Iterator[PlatformClient]:  # noqa: F811
    batch_module.forget()
    with sandbox_client(sandbox) as c:
        yield c
    batch_module.forget()


def _case() -> tuple[CallContext, str]:
    """A fresh case (context) and a fresh progress token."""
    return CallContext("王小", PURPOSE, f"B-{uuid.uuid4().hex[:10]}"), secrets.token_urlsafe(24)


def _register(ctx: CallContext, token: str) -> ops.Operation:
    code = "B" + secrets.token_hex(5).upper()
    return ops.progress_register(token, code, "测试事项", "测试窗口", None, ctx, str(uuid.uuid4()))


def _event(ctx: CallContext, token: str, status: str, key: str | None = None) -> ops.Operation:
    return ops.progress_event(token, status, f"步骤 {status}", AT, ctx, key or str(uuid.uuid4()))


def _lookup(ctx: CallContext, item: str = "population.basic") -> ops.Operation:
    fields = ["name"] if item == "population.basic" else []
    return ops.lookup(item, person(demo.LI_MING), fields, ctx, str(uuid.uuid4()))


def _statuses(results: list[OperationResult]) -> list[int]:
    return [r.status for r in results]


def _audit_count(sandbox: SandboxHandle, case: str, action: str) -> int:  # noqa: F811
    return sum(1 for e in sandbox.state.audit.tail(10000, case) if e["action"] == action)


def test_each_operation_has_its_own_answer_in_order_and_a_resent_batch_does_nothing_twice(
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    stranger = CallContext("王小", PURPOSE, f"B-unregistered-{uuid.uuid4().hex[:6]}")
    batch = [
        _register(ctx, token),
        _event(ctx, token, "accepted"),
        _lookup(ctx),
        _lookup(ctx, "no.such_item"),  # refused on its own (422), the others are not
        _lookup(stranger),  # a case nobody registered: refused (403), not remembered
        _event(ctx, token, "reviewing"),
    ]
    first = client.send_batch(batch)
    assert _statuses(first) == [201, 201, 200, 422, 403, 201]
    assert first[2].answer.found and first[2].answer.record == {"name": "李明"}
    assert first[3].error is not None and first[3].error.code == "unknown_item"
    assert first[4].error is not None and first[4].error.code == "case_not_registered"
    assert not any(r.replayed for r in first)
    assert events_of(sandbox.url, token) == ["accepted", "reviewing"]

    again = client.send_batch(batch)  # the whole batch resent (its answer lost, say)
    assert _statuses(again) == _statuses(first)
    assert [r.replayed for r in again] == [True, True, True, True, False, True]
    assert again[2].answer == first[2].answer  # the stored answer, receipt id and all
    assert events_of(sandbox.url, token) == ["accepted", "reviewing"]
    assert _audit_count(sandbox, ctx.case_id, "lookup") == 1  # the good look-up, done once


def test_a_case_must_be_registered_before_its_calls_in_the_batch(
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    early, late = _lookup(ctx), _lookup(ctx)
    results = client.send_batch([early, _register(ctx, token), late])
    # Applied in order: before its registration the case is unknown to the platform.
    assert _statuses(results) == [403, 201, 200]
    assert results[0].error is not None and results[0].error.code == "case_not_registered"
    # The refusal was not remembered: sent again now, the same key is done (not replayed).
    retried = client.send_batch([early])
    assert _statuses(retried) == [200] and not retried[0].replayed


def test_a_key_is_one_operation_whether_sent_alone_or_in_a_batch(
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    client.perform(_register(ctx, token))
    key = str(uuid.uuid4())
    client.progress_event(token, "accepted", "步骤 accepted", AT, context=ctx, idempotency_key=key)
    results = client.send_batch([_event(ctx, token, "accepted", key)])
    assert results[0].status == 201 and results[0].replayed  # the single call's stored answer
    # The same key with another body is refused; its neighbour is not.
    other = _event(ctx, token, "reviewing")
    results = client.send_batch([_event(ctx, token, "changed", key), other])
    assert results[0].status == 422 and results[0].error is not None
    assert results[0].error.code == "idempotency_conflict"
    assert results[1].status == 201 and not results[1].replayed
    assert events_of(sandbox.url, token) == ["accepted", "reviewing"]


def test_an_answer_lost_after_the_work_is_resent_whole_or_in_part_and_applied_once(
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    lost = sandbox.state.faults.lost
    with PlatformClient(
        sandbox.url,
        Credentials(sandbox.workstation, sandbox.secret),
        retry=RetryPolicy(attempts=1),
        extra_headers={"X-Sandbox-Fault": "after"},  # the connection drops after the commit
    ) as dropping:
        first = [_register(ctx, token), *(_event(ctx, token, f"s{n}") for n in range(3))]
        with pytest.raises(PlatformUnavailable):
            dropping.send_batch(first)
    assert sandbox.state.faults.lost == lost + 1
    assert events_of(sandbox.url, token) == ["s0", "s1", "s2"]  # done, although unanswered
    with sandbox_client(sandbox) as client:
        # Only what had no answer, with new work behind it: the old keys are replayed.
        tail = [first[2], first[3], _event(ctx, token, "s3")]
        part = client.send_batch(tail)
        assert [(r.status, r.replayed) for r in part] == [(201, True), (201, True), (201, False)]
        # Everything again (a client that resends whole batches): nothing is done twice.
        whole = client.send_batch([*first, tail[2]])
        assert all(r.replayed for r in whole) and _statuses(whole) == [201] * 5
    assert events_of(sandbox.url, token) == ["s0", "s1", "s2", "s3"]


def test_an_operation_after_a_failed_one_of_its_lane_is_skipped_not_done(
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    bad = ops.progress_register(token, "x", "测试事项", "测试窗口", None, ctx, str(uuid.uuid4()))
    then = _event(ctx, token, "accepted")
    neighbour_ctx, neighbour_token = _case()
    results = client.send_batch(
        [bad, then, _register(neighbour_ctx, neighbour_token)], depends_on=[None, 0, None]
    )
    assert _statuses(results) == [422, 424, 201]
    assert results[1].skipped and results[1].error is not None and results[1].error.retryable
    # Skipped means not done and not remembered: sent after a good registration, it is done.
    fixed = client.send_batch([_register(ctx, token), then], depends_on=[None, 0])
    assert _statuses(fixed) == [201, 201] and not fixed[1].replayed
    assert events_of(sandbox.url, token) == ["accepted"]


def test_per_item_faults_fail_only_their_operations_and_are_not_remembered(
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    down, up = _lookup(ctx, "marriage.record"), _lookup(ctx)
    sandbox.set_fault("marriage.record", "error", status=503)
    results = client.send_batch([_register(ctx, token), down, up])
    assert _statuses(results) == [201, 503, 200]
    assert results[1].error is not None and results[1].error.retryable
    sandbox.clear_faults()
    again = client.send_batch([down])
    assert _statuses(again) == [200] and not again[0].replayed


def _raw_batch(sandbox: SandboxHandle, body: Any) -> Any:  # noqa: F811
    return sandbox.call(
        "POST", "/api/v1/batch", body, official="batch", purpose="batch", case="-", register=False
    )


def test_batches_are_bounded_in_count_and_bytes_with_a_clear_refusal(
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ctx, token = _case()
    limit = sandbox.state.settings.batch_max_operations
    too_many = [_event(ctx, token, f"s{n}") for n in range(limit + 1)]
    with pytest.raises(BatchTooLarge):
        client.send_batch(too_many)
    raw = {
        "operations": [
            {
                "method": op.method,
                "path": "/api/v1" + op.path,
                "idempotency_key": op.idempotency_key,
                "official": "x",
                "purpose": PURPOSE,
                "case": ctx.case_id,
                "body": op.payload.decode(),
            }
            for op in too_many
        ]
    }
    answer = _raw_batch(sandbox, raw)
    assert answer.status_code == 413 and answer.json()["code"] == "batch_too_large"
    assert str(limit) in answer.json()["detail"]
    huge = {"operations": [{**raw["operations"][0], "body": "x" * (1024 * 1024)}]}
    answer = _raw_batch(sandbox, huge)
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"
    # One operation over the single-call limit is refused alone; its neighbours are done.
    fat = ops.progress_register(token, "B1234567", "测试" * 20000, "窗口", None, ctx, "fat-1")
    results = client.send_batch([fat, _register(ctx, token)])
    assert _statuses(results) == [413, 201]
    assert events_of(sandbox.url, token) == []  # nothing of the refused batches was done


def test_a_malformed_batch_is_refused_whole(sandbox: SandboxHandle) -> None:  # noqa: F811
    assert _raw_batch(sandbox, {"operations": []}).json()["code"] == "invalid_batch"
    same = {
        "method": "POST",
        "path": "/api/v1/lookups",
        "idempotency_key": "k",
        "official": "x",
        "purpose": PURPOSE,
        "case": "C-1",
        "body": "{}",
    }
    answer = _raw_batch(sandbox, {"operations": [same, same]})
    assert answer.status_code == 422 and "幂等键" in answer.json()["detail"]
    answer = _raw_batch(sandbox, {"operations": [{**same, "depends_on": 0}]})
    assert answer.status_code == 422 and "depends_on" in answer.json()["detail"]
    # The batch's purpose is its own: a matter's purpose is no batch's.
    refused = sandbox.call(
        "POST", "/api/v1/batch", {"operations": [same]}, case="C-1", register=False
    )
    assert refused.status_code == 403


def test_the_drain_falls_back_to_single_requests_on_a_platform_without_batches(
    tmp_path: Path,
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    sandbox.settings(batch=False)  # a platform without POST /batch answers 404
    now = datetime.now(UTC) - timedelta(seconds=1)
    with Store(tmp_path / "fallback.sqlite3") as store:
        tokens = [enqueue_case(store, f"FB-{uuid.uuid4().hex[:6]}", 3, now) for _ in range(4)]
        worker = SyncWorker(store, NoCaseRecorder(), client, lambda: datetime.now(UTC))
        report = worker.drain()
        assert report.sent == 16 and store.outbox.counts() == {"sent": 16}
        assert not client.batch_supported  # remembered for this platform's URL
        # ... also by another client of the same platform (the worker's next drain).
        with sandbox_client(sandbox) as other:
            assert not other.batch_supported
    for token in tokens:
        assert events_of(sandbox.url, token) == ["s0", "s1", "s2"]


def test_the_drain_sends_batches_and_records_every_answer_once(
    tmp_path: Path,
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    now = datetime.now(UTC) - timedelta(seconds=1)
    with Store(tmp_path / "batches.sqlite3") as store:
        tokens = [enqueue_case(store, f"BD-{uuid.uuid4().hex[:6]}", 4, now) for _ in range(30)]
        bad_case = f"BD-bad-{uuid.uuid4().hex[:6]}"
        bad = enqueue_case(store, bad_case, 2, now)
        with store.atomic():  # a registration the platform refuses (4xx): a person looks
            row = store.outbox.for_case(bad_case)[0]
            payload = {**row.payload, "short_code": "x"}
            store.conn.execute(
                "UPDATE outbox SET payload = ? WHERE id = ?",
                (json.dumps(payload, ensure_ascii=False), row.id),
            )
        batches0 = _audit_batches(sandbox)
        worker = SyncWorker(
            store,
            NoCaseRecorder(),
            client,
            lambda: datetime.now(UTC),
            batch_operations=50,
            anchor_audit=False,
        )
        report = worker.drain()
        assert report.sent == 150 and report.needs_person == 1 and report.deferred == 2
        assert store.outbox.counts() == {"sent": 150, "needs_person": 1, "open": 2}
        assert 3 <= _audit_batches(sandbox) - batches0 <= 8  # 155 operations in a few requests
    for token in tokens:
        assert events_of(sandbox.url, token) == ["s0", "s1", "s2", "s3"]
    assert events_of(sandbox.url, bad) == []


def _audit_batches(sandbox: SandboxHandle) -> int:  # noqa: F811
    """Batch requests the sandbox served: distinct request ids of its operations' entries."""
    ids = {
        e["request_id"].split("#")[0]
        for e in sandbox.state.audit.tail(100000)
        if "#" in e["request_id"]
    }
    return len(ids)


def test_a_parcel_over_the_byte_bound_goes_in_several_batch_requests(
    tmp_path: Path,
    client: PlatformClient,
    sandbox: SandboxHandle,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_batch, "BATCH_BYTES", 600)  # about one case's lane (4 bodies)
    now = datetime.now(UTC) - timedelta(seconds=1)
    with Store(tmp_path / "bytes.sqlite3") as store:
        tokens = [enqueue_case(store, f"BB-{uuid.uuid4().hex[:6]}", 3, now) for _ in range(10)]
        batches0 = _audit_batches(sandbox)
        worker = SyncWorker(
            store, NoCaseRecorder(), client, lambda: datetime.now(UTC), anchor_audit=False
        )
        assert worker.drain().sent == 40
        assert 5 <= _audit_batches(sandbox) - batches0 <= 10  # one parcel, cut by its bytes
    for token in tokens:
        assert events_of(sandbox.url, token) == ["s0", "s1", "s2"]
