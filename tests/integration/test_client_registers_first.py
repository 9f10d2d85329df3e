"""The platform answers nothing about a case before the case's progress registration (issue 11):
the client sends a case's registration before its other calls — the sync worker's drain and the
counter's fan-out alike — and while the registration cannot go, the other calls wait unsent.
Real case service over a real SQLite file, the sandbox over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.lookups import ANSWERED, QUEUED, LookupRunner
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import ProofState
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.paths import resources_dir
from clerkapp.infra.platform import PlatformClient
from clerkapp.infra.store import Store
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import sandbox_client
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

CHINA = timezone(timedelta(hours=8))
MIN_LIVING = "mzj.minimum_living"


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(datetime.now(CHINA), step=timedelta(milliseconds=10))


@pytest.fixture
def service(tmp_path: Path, clock: SteppingClock) -> Iterator[CaseService]:
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json", full=False)
    with Store(tmp_path / "clerkapp.sqlite3") as store:
        yield CaseService(store, catalogue, clock, workstation="TRAIN-01")


@pytest.fixture
def client(sandbox: Any) -> Iterator[PlatformClient]:  # noqa: F811
    with sandbox_client(sandbox) as c:
        yield c


def _asked(sandbox: Any, case_id: str, since: int = 0) -> list[str]:  # noqa: F811
    """What the platform's audit shows of the case, in order (refused calls included), from
    its ``since``-th entry (case numbers restart in every test's store)."""
    answer = requests.get(f"{sandbox.url}/sandbox/audit", params={"case": case_id}, timeout=5)
    answer.raise_for_status()
    return [str(e["action"]) for e in answer.json()["entries"]][since:]


def test_the_drain_sends_a_cases_registration_before_its_look_ups(
    service: CaseService,
    client: PlatformClient,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(MIN_LIVING, "person", demo.LI_MING, "李明", "wangxiao")
    seen = len(_asked(sandbox, case.id))
    clock.advance(timedelta(minutes=1))  # the identity question's counter lease is over
    worker = SyncWorker(service.store, service, client, clock)

    sandbox.set_fault("progress", "error", status=503)  # the registration cannot go
    report = worker.drain()
    assert report.retry == 1 and report.deferred >= 1 and report.needs_person == 0
    assert "lookup" not in _asked(sandbox, case.id, seen)  # the identity question waited, unsent
    open_kinds = {r.kind for r in service.store.outbox.for_case(case.id) if r.state == "open"}
    # The case's entry in the platform's case index (issue 9) waits for the registration too.
    # So does its summary for supervision (issue 12).
    assert open_kinds == {"lookup", "progress_register", "case_index", "case_summary"}

    sandbox.clear_faults()
    clock.advance(timedelta(minutes=15))  # past the registration's retry
    report = worker.drain()
    assert report.needs_person == 0
    asked = _asked(sandbox, case.id, seen)
    assert asked[0] == "progress_register" and "lookup" in asked and "refused" not in asked
    assert all(r.state == "sent" for r in service.store.outbox.for_case(case.id))


def test_the_fan_out_registers_the_case_first_or_queues_its_look_ups(
    service: CaseService,
    client: PlatformClient,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(MIN_LIVING, "person", demo.LI_MING, "李明", "wangxiao")
    seen = len(_asked(sandbox, case.id))
    with ThreadPoolExecutor(4) as pool:
        runner = LookupRunner(client, service, pool, clock=clock)
        sandbox.set_fault("progress", "error", status=503)
        offline = runner.run(case.id, clerk="wangxiao")
        assert offline.proofs and all(p.state == QUEUED for p in offline.proofs.values())
        assert offline.credit is None and offline.credit_error is not None
        assert all(p.user_message for p in offline.proofs.values())
        assert _asked(sandbox, case.id, seen) == []  # nothing about the case reached the platform
        queued = service.get_case(case.id).proofs
        assert all(queued[code].state is ProofState.QUEUED for code in offline.proofs)

        sandbox.clear_faults()
        online = runner.run(case.id, clerk="wangxiao")
    assert online.all_answered and all(p.state == ANSWERED for p in online.proofs.values())
    assert online.credit is not None
    asked = _asked(sandbox, case.id, seen)
    assert asked[0] == "progress_register" and "refused" not in asked
    assert asked.count("lookup") == len(online.proofs) and "credit_check" in asked
