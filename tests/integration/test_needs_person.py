"""需人工处理 against the real sandbox over HTTP and a real SQLite store: operations the platform
refused (a 4xx, injected with the sandbox's fault rules) are listed with their reason and
history, retried, edited (a verification's question) or cancelled — each an audited transaction
that leaves the case's proof where the clerk can act on it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.needs_person import NeedsPersonDesk
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import ProofState
from clerkapp.errors import StoreError, ValidationError
from clerkapp.infra.platform import PlatformClient
from clerkapp.infra.process_lock import sync_lock_path
from clerkapp.infra.store import OutboxState
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import RENTAL, START, sandbox_client, service
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

VEHICLE = f"{RENTAL}.vehicle"
HOMESTEAD = f"{RENTAL}.homestead"


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(START)


@pytest.fixture
def svc(tmp_path: Path, clock: SteppingClock) -> Iterator[CaseService]:
    s = service(tmp_path, clock)
    yield s
    s.store.close()


@pytest.fixture
def client(sandbox: Any) -> Iterator[PlatformClient]:  # noqa: F811
    with sandbox_client(sandbox) as c:
        yield c


def _worker(svc: CaseService, client: PlatformClient, clock: SteppingClock) -> SyncWorker:
    return SyncWorker(svc.store, svc, client, clock)


def _lookups_refused(svc: CaseService, worker: SyncWorker, clock: SteppingClock) -> str:
    """A case whose look-ups go through the sync worker (the fan-out's lease ran out)."""
    case = svc.open_case(RENTAL, "person", demo.LI_MING, "李明", "wang")
    svc.begin_lookups(case.id, "wang")
    clock.advance(timedelta(minutes=1))
    worker.drain()
    return case.id


def refused(words: str, action: Any) -> None:
    """``action`` raises a ValidationError whose message for the clerk says ``words``."""
    with pytest.raises(ValidationError) as info:
        action()
    assert words in info.value.user_message


def _audit_clean(svc: CaseService) -> list[Any]:
    entries = [e for e in svc.store.audit.entries() if e.action.startswith("outbox_")]
    text = json.dumps([e.data for e in entries], ensure_ascii=False)
    assert demo.LI_MING not in text and "李明" not in text  # no personal data in the trail
    assert svc.store.audit.verify().ok
    return entries


def test_a_refused_lookup_is_listed_retried_and_answered(
    svc: CaseService,
    client: PlatformClient,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    desk = NeedsPersonDesk(svc)
    worker = _worker(svc, client, clock)
    sandbox.set_fault("vehicle.ownership", "error", status=422)
    case_id = _lookups_refused(svc, worker, clock)

    [item] = desk.items()
    assert item.kind == "lookup" and item.case_id == case_id and item.kind_label == "数据查询"
    assert item.proof_name == svc.catalogue.proofs[VEHICLE].name
    assert "模拟故障 422" in item.reason and item.code == "injected_refusal"
    assert item.can_retry and item.editable == {}  # a look-up's subject is the case's person
    assert "李*" in item.case_label and demo.LI_MING not in item.case_label  # masked
    assert item.history[0].what == "写入待发送队列"
    assert item.history[1].what.startswith("平台未受理（第 1 次发送）")
    proof = svc.get_case(case_id).proofs[VEHICLE]
    assert proof.state is ProofState.PENDING and proof.error  # the clerk can act on it

    desk.retry(item.row_id, "wang")  # still refused by the platform
    assert svc.get_case(case_id).proofs[VEHICLE].state is ProofState.QUEUED
    assert svc.store.outbox.get(item.row_id).state is OutboxState.OPEN  # type: ignore[union-attr]
    assert worker.drain().needs_person == 1
    again = desk.item(item.row_id)
    assert again.attempts == 2
    steps = [h.what.split("（")[0].split("：")[0] for h in again.history]
    assert steps == ["写入待发送队列", "平台未受理", "重新发送", "平台未受理"]
    assert again.history[2].actor == "wang"

    sandbox.clear_faults()
    desk.retry(item.row_id, "wang")
    assert worker.drain().sent == 1
    assert svc.get_case(case_id).proofs[VEHICLE].state is ProofState.SATISFIED
    assert desk.items() == [] and desk.count() == 0
    entries = _audit_clean(svc)
    assert [e.action for e in entries] == [
        "outbox_needs_person",
        "outbox_requeued",
        "outbox_needs_person",
        "outbox_requeued",
    ]
    assert {e.data["outbox_id"] for e in entries} == {item.row_id}


def test_a_refused_verification_is_edited_and_the_department_asked(
    svc: CaseService,
    client: PlatformClient,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    desk = NeedsPersonDesk(svc)
    worker = _worker(svc, client, clock)
    case = svc.open_case(RENTAL, "person", demo.LI_MING, "李明", "wang")
    row = svc.request_verification(case.id, HOMESTEAD, "wang")
    clock.advance(timedelta(minutes=1))
    sandbox.set_fault("verification", "error", status=422)
    worker.drain()
    [item] = [i for i in desk.items() if i.kind == "verification"]
    assert item.row_id == row.id and item.kind_label == "部门核验申请"
    assert item.editable == {
        "department": "金华市自然资源和规划局",
        "question": row.payload["question"],
    }
    sandbox.clear_faults()
    refused("没有修改", lambda: desk.edit(row.id, "wang", {"question": row.payload["question"]}))
    refused("不能为空", lambda: desk.edit(row.id, "wang", {"department": "  "}))
    question = "申请人及其家庭成员在金华市区是否有宅基地审批建房记录？"
    desk.edit(row.id, "wang", {"question": question})
    edited = svc.store.outbox.get(row.id)
    assert edited is not None and edited.state is OutboxState.OPEN
    assert edited.payload["question"] == question
    assert edited.idempotency_key == f"{row.idempotency_key}:edit1"  # a new request
    worker.drain()
    proof = svc.get_case(case.id).proofs[HOMESTEAD]
    assert proof.state is ProofState.AWAITING_DEPT and proof.ticket  # the department has it
    [edit] = [e for e in _audit_clean(svc) if e.action == "outbox_edited"]
    assert edit.data == {"outbox_id": row.id, "kind": "verification", "fields": ["question"]}
    assert edit.actor == "wang" and edit.case_id == case.id


def test_a_cancelled_verification_puts_the_proof_back_to_pending(
    svc: CaseService,
    client: PlatformClient,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    desk = NeedsPersonDesk(svc)
    worker = _worker(svc, client, clock)
    case = svc.open_case(RENTAL, "person", demo.LI_MING, "李明", "wang")
    row = svc.request_verification(case.id, HOMESTEAD, "wang")
    clock.advance(timedelta(minutes=1))
    sandbox.set_fault("verification", "error", status=403)
    worker.drain()
    assert svc.get_case(case.id).proofs[HOMESTEAD].state is ProofState.AWAITING_DEPT
    refused("撤销原因", lambda: desk.cancel(row.id, "wang", " "))
    desk.cancel(row.id, "wang", f"部门名称有误，改收纸质证明 {demo.LI_MING}")
    proof = svc.get_case(case.id).proofs[HOMESTEAD]
    assert proof.state is ProofState.PENDING and proof.ticket is None
    assert proof.error is not None and "部门核验请求已撤销" in proof.error
    assert demo.LI_MING not in proof.error  # masked even in the clerk's own words
    closed = svc.store.outbox.get(row.id)
    assert closed is not None and closed.state is OutboxState.SENT
    assert closed.answer == {"cancelled": "by_person"}
    with pytest.raises(StoreError):
        desk.retry(row.id, "wang")  # gone from the list
    actions = [e.action for e in svc.store.audit.entries(case.id)]
    assert "verification_withdrawn" in actions and actions[-1] == "outbox_cancelled"
    [cancel] = [e for e in _audit_clean(svc) if e.action == "outbox_cancelled"]
    assert cancel.data["reason"].startswith("部门名称有误")


def test_a_lookup_done_another_way_is_not_sent_again(
    svc: CaseService,
    client: PlatformClient,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    desk = NeedsPersonDesk(svc)
    worker = _worker(svc, client, clock)
    sandbox.set_fault("vehicle.ownership", "error", status=422)
    case_id = _lookups_refused(svc, worker, clock)
    sandbox.clear_faults()
    svc.begin_lookups(case_id, "wang")  # the clerk pressed F5 on the board: a new request
    clock.advance(timedelta(minutes=1))
    worker.drain()
    assert svc.get_case(case_id).proofs[VEHICLE].state is ProofState.SATISFIED
    [item] = desk.items()
    assert not item.can_retry and "已另行办理" in item.retry_block
    refused("已另行办理", lambda: desk.retry(item.row_id, "wang"))
    desk.cancel(item.row_id, "demo", "已重新查询")
    assert svc.get_case(case_id).proofs[VEHICLE].state is ProofState.SATISFIED  # untouched
    assert desk.items() == []


def test_a_clerk_sees_this_workstations_cases_a_supervisor_all(svc: CaseService) -> None:
    from clerkapp.app.auth import Clerk, Role

    case = svc.open_case(RENTAL, "person", demo.LI_MING, "李明", "wang")
    row = svc.request_verification(case.id, HOMESTEAD, "wang")
    svc.store.outbox.mark_needs_person(row.id, "injected_refusal: 部门核验服务未受理本次请求")
    with svc.store.atomic():
        svc.store.conn.execute("UPDATE cases SET workstation = 'WIN-09' WHERE id = ?", (case.id,))
    desk = NeedsPersonDesk(svc)
    clerk = Clerk("wang", "王晓", Role.CLERK)
    supervisor = Clerk("sup", "李科长", Role.SUPERVISOR)
    assert desk.items(clerk) == []
    assert [i.row_id for i in desk.items(supervisor)] == [row.id]


HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from clerkapp.infra.process_lock import ProcessLock
    lock = ProcessLock(Path(sys.argv[1]))
    assert lock.acquire(5)
    print("held", flush=True)
    sys.stdin.readline()
    """
)


def test_one_drain_at_a_time_between_processes(
    svc: CaseService, client: PlatformClient, clock: SteppingClock
) -> None:
    svc.open_case(RENTAL, "person", demo.LI_MING, "李明", "wang")
    clock.advance(timedelta(minutes=1))
    lock_file = sync_lock_path(svc.store.path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        worker = SyncWorker(svc.store, svc, client, clock, lock_wait_s=0.3)
        busy = worker.drain()
        assert busy.busy and busy.handled == 0
        assert svc.store.outbox.pending_count() > 0  # nothing sent while the other drains
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(10)
    report = worker.drain()
    assert not report.busy and report.sent > 0
