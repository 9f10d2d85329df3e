"""The look-up fan-out and the sync worker with real cases: the case service over a real SQLite
file, the sandbox over real HTTP."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.lookups import ANSWERED, CREDIT, FAILED, IN_FLIGHT, QUEUED, LookupRunner
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import ProofState
from clerkapp.core.catalogue import Catalogue
from clerkapp.core.identity import IDENTITY_CHECK
from clerkapp.core.platform_types import LookupAnswer
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.paths import resources_dir
from clerkapp.infra.platform import Credentials, PlatformClient
from clerkapp.infra.store import Store
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import FAST_RETRY, sandbox_client
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

CHINA = timezone(timedelta(hours=8))
MIN_LIVING = "mzj.minimum_living"  # four data-query proofs and a pledge
RENTAL = "zjj.public_rental"  # three data queries and a department verification


def _catalogue() -> Catalogue:
    return read_catalogue(resources_dir() / "catalogue" / "canonical.json", full=False)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(datetime.now(CHINA), step=timedelta(milliseconds=10))


@pytest.fixture
def service(tmp_path: Path, clock: SteppingClock) -> Iterator[CaseService]:
    with Store(tmp_path / "clerkapp.sqlite3") as store:
        yield CaseService(store, _catalogue(), clock, workstation="TRAIN-01")


@pytest.fixture
def client(sandbox: Any) -> Iterator[PlatformClient]:  # noqa: F811
    with sandbox_client(sandbox) as c:
        yield c


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(8, thread_name_prefix="test-lookups") as executor:
        yield executor


class BarrierClient(PlatformClient):
    """Look-ups wait for each other before going out: only a concurrent fan-out gets through
    (a sequential one breaks the barrier after its timeout)."""

    def __init__(self, *args: Any, parties: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.barrier = threading.Barrier(parties, timeout=10)
        self.threads: set[str] = set()

    def lookup(self, *args: Any, **kwargs: Any) -> LookupAnswer:
        self.threads.add(threading.current_thread().name)
        self.barrier.wait()
        return super().lookup(*args, **kwargs)


def test_all_lookups_of_a_case_run_at_once_and_are_recorded(
    service: CaseService,
    pool: ThreadPoolExecutor,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(MIN_LIVING, "person", demo.LI_MING, "李明", "wangxiao")
    progress: list[tuple[str, str]] = []
    with BarrierClient(
        sandbox.url, Credentials(sandbox.workstation, sandbox.secret), parties=4, retry=FAST_RETRY
    ) as client:
        run = LookupRunner(client, service, pool, clock=clock).run(
            case.id,
            clerk="wangxiao",
            on_progress=lambda code, state: progress.append((code, state)),
        )
        assert len(client.threads) == 4  # four threads, none of them this one
        assert threading.current_thread().name not in client.threads
    assert run.all_answered and len(run.proofs) == 4
    assert run.credit is not None and run.credit.listed is False  # the matter has a pledge
    stored = service.get_case(case.id)
    assert stored.credit_listed is False
    for code in run.proofs:
        assert (code, IN_FLIGHT) in progress and (code, ANSWERED) in progress
        proof = stored.proofs[code]
        assert proof.state in (ProofState.SATISFIED, ProofState.NOT_SATISFIED)
        assert proof.evidence is not None and proof.evidence.receipt_id
    assert (CREDIT, ANSWERED) in progress
    rows = [r for r in service.store.outbox.for_case(case.id) if r.kind == "lookup"]
    proofs = [r for r in rows if r.payload["proof_code"] != IDENTITY_CHECK]
    assert len(proofs) == 4 and all(r.state == "sent" and r.answer for r in proofs)
    # The identity question written at opening is left to the sync worker (the counter's
    # fan-out sends it beside the proofs: tests/integration/test_identity_check.py).
    [identity] = [r for r in rows if r.payload["proof_code"] == IDENTITY_CHECK]
    assert identity.state == "open"


def test_one_failure_never_blocks_the_others_and_the_sync_worker_finishes_it(
    service: CaseService,
    client: PlatformClient,
    pool: ThreadPoolExecutor,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(MIN_LIVING, "person", demo.LI_MING, "李明", "wangxiao")
    codes = {
        service.catalogue.proofs[c].query.item: c  # type: ignore[union-attr]
        for c in service.catalogue.matters[MIN_LIVING].proofs
        if service.catalogue.proofs[c].query
    }
    sandbox.set_fault("vehicle.ownership", "error", status=503)  # registry down: retry later
    sandbox.set_fault("realestate.holdings", "error", status=403)  # refused: a person decides
    run = LookupRunner(client, service, pool, clock=clock).run(case.id, clerk="wangxiao")
    vehicle, realestate = codes["vehicle.ownership"], codes["realestate.holdings"]
    assert run.proofs[vehicle].state == QUEUED
    assert "车辆登记库暂时无法访问" in run.proofs[vehicle].user_message
    assert run.proofs[realestate].state == FAILED
    others = set(run.proofs) - {vehicle, realestate}
    assert len(others) == 2 and all(run.proofs[c].state == ANSWERED for c in others)
    stored = service.get_case(case.id)
    assert stored.proofs[vehicle].state is ProofState.QUEUED
    assert stored.proofs[realestate].state is ProofState.PENDING
    assert stored.proofs[realestate].error
    # The registry is back; the sync worker sends the queued look-up when it falls due.
    sandbox.clear_faults()
    worker = SyncWorker(service.store, service, client, clock)
    clock.advance(timedelta(minutes=15))
    report = worker.drain()
    # the queued vehicle look-up, and the identity question written when the case was opened
    assert report.by_kind["lookup"] == 2 and report.needs_person == 0
    assert service.get_case(case.id).identity_outcome.value == "matched"  # 李明 as registered
    assert service.get_case(case.id).proofs[vehicle].state in (
        ProofState.SATISFIED,
        ProofState.NOT_SATISFIED,
    )
    (stuck,) = [r for r in service.store.outbox.needs_person() if r.kind == "lookup"]
    assert stuck.payload["proof_code"] == realestate


def test_dishonest_applicant_is_found_by_the_credit_check(
    service: CaseService, client: PlatformClient, pool: ThreadPoolExecutor, clock: SteppingClock
) -> None:
    case = service.open_case(MIN_LIVING, "person", demo.ZHAO_QIANG, "赵强", "wangxiao")
    run = LookupRunner(client, service, pool, clock=clock).run(case.id, clerk="wangxiao")
    assert run.credit is not None and run.credit.listed and run.credit.entry
    assert service.get_case(case.id).credit_listed is True


def test_verification_round_trip_through_the_outbox(
    service: CaseService,
    client: PlatformClient,
    pool: ThreadPoolExecutor,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(RENTAL, "person", demo.LI_MING, "李明", "wangxiao")
    homestead = next(
        c
        for c in service.catalogue.matters[RENTAL].proofs
        if service.catalogue.proofs[c].verify is not None
        and service.catalogue.proofs[c].method.value == "dept_verify"
    )
    service.request_verification(case.id, homestead, "wangxiao")
    worker = SyncWorker(service.store, service, client, clock)
    first = worker.drain()  # progress registration + the verification request
    assert first.by_kind["verification"] == 1 and first.by_kind["progress_register"] == 1
    proof = service.get_case(case.id).proofs[homestead]
    assert proof.state is ProofState.AWAITING_DEPT and proof.ticket
    # The department answers after a short delay; the poll row keeps asking until it does.
    deadline = time.monotonic() + 20
    while service.get_case(case.id).proofs[homestead].state is ProofState.AWAITING_DEPT:
        assert time.monotonic() < deadline, "verification never answered"
        clock.advance(timedelta(minutes=1))
        worker.drain()
        time.sleep(0.1)  # polling the sandbox's department with a deadline
    assert service.get_case(case.id).proofs[homestead].state is ProofState.CONFIRMED
    polls = [r for r in service.store.outbox.for_case(case.id) if r.kind == "verification_poll"]
    assert len(polls) == 1 and polls[0].state == "sent"
