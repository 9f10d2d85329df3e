"""Issue 9 (any window): the platform's case index against the real sandbox over HTTP — a case
opened at one workstation is found, by the applicant's full number, from another workstation
(matter, state, office, window, dates; nothing personal); the number never goes in a URL and
the platform keeps only a keyed hash of it; the purpose ``case-index`` is bound to its endpoint."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_search import search
from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.outbox_send import CASE_INDEX_PURPOSE
from clerkapp.app.sync import SyncWorker
from clerkapp.infra.platform import CallContext, Credentials, PlatformCallError, PlatformClient
from clerkapp.infra.store import Store
from tests.integration.case_fixtures import (
    FAST_RETRY,
    OTHER_ID,
    PERSON_ID,
    RENTAL,
    START,
    catalogue,
    sandbox_client,
)
from tests.sandbox_fixture import OTHER_SECRET, OTHER_WORKSTATION, sandbox

__all__ = ["sandbox"]


def _workstation(tmp_path: Path, name: str, clock: SteppingClock) -> CaseService:
    return CaseService(
        Store(tmp_path / f"{name}.sqlite3"),
        catalogue(),
        clock,
        workstation=name,
        documents_dir=tmp_path / f"{name}-documents",
    )


def _other_client(sandbox: Any) -> PlatformClient:
    return PlatformClient(
        sandbox.url,
        Credentials(OTHER_WORKSTATION, OTHER_SECRET),
        retry=FAST_RETRY,
        sleep=lambda _: None,
    )


def _index(client: PlatformClient) -> Any:
    def lookup(subject: str) -> list[dict[str, str]]:
        context = CallContext("wang", CASE_INDEX_PURPOSE, "-")
        return client.search_case_index(subject, context=context)

    return lookup


def test_a_case_opened_at_one_window_is_found_from_another(sandbox: Any, tmp_path: Path) -> None:
    clock = SteppingClock(START)
    first = _workstation(tmp_path, "TRAIN-01", clock)
    client = sandbox_client(sandbox)
    case = first.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    first.open_case(RENTAL, "person", OTHER_ID, "李四", "wang")
    index_rows = [r for r in first.store.outbox.for_case(case.id) if r.kind == "case_index"]
    assert len(index_rows) == 1
    SyncWorker(first.store, first, client, clock).drain()

    # Two days later the applicant is at another window (another workstation, another store).
    clock.advance(timedelta(days=2))
    second = _workstation(tmp_path, OTHER_WORKSTATION, clock)
    other = _other_client(sandbox)
    result = search(second.store, second.catalogue, clock().date(), PERSON_ID, index=_index(other))
    assert result.cases == [] and result.elsewhere_error == ""
    [found] = result.elsewhere
    assert found["case_id"] == case.id and found["workstation"] == "TRAIN-01"
    assert found["matter"] == RENTAL and found["state"] == "open"
    assert found["window"] == "TRAIN-01" and found["office"]
    assert found["opened_at"].startswith("2026-11-27")
    # Nothing personal comes back: no name, no number, not even masked.
    assert "张三" not in json.dumps(found, ensure_ascii=False)
    assert PERSON_ID[-4:] not in json.dumps(found) and set(found) == {
        "workstation", "case_id", "matter", "matter_name", "state", "office", "window",
        "opened_at", "updated_at",
    }  # fmt: skip
    # The first workstation does not see its own cases through the index (it holds them).
    assert _index(client)(PERSON_ID) == []
    # A state change reaches the index: the case withdrawn at the first window.
    first.withdraw(case.id, "申请人撤回", "wang")
    SyncWorker(first.store, first, client, clock).drain()
    [again] = _index(other)(PERSON_ID)
    assert again["state"] == "withdrawn"


def test_the_platform_keeps_a_keyed_hash_never_the_number(sandbox: Any, tmp_path: Path) -> None:
    clock = SteppingClock(START)
    first = _workstation(tmp_path, "TRAIN-01", clock)
    first.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    SyncWorker(first.store, first, sandbox_client(sandbox), clock).drain()
    rows = sandbox.state.store.all("SELECT * FROM case_index")
    assert rows and all(PERSON_ID not in json.dumps(r) for r in rows)
    # The sandbox's audit log has no number either (its own keyed hash only).
    log = "".join(p.read_text(encoding="utf-8") for p in sandbox.data_dir.rglob("*.jsonl"))
    assert PERSON_ID not in log
    # Once delivered, the outbox row keeps no number (issue 11 scrub covers the new kind).
    [row] = [r for r in first.store.outbox.for_case(first.store.cases.summaries()[0].id)
             if r.kind == "case_index"]  # fmt: skip
    assert row.state == "sent" and PERSON_ID not in json.dumps(row.payload)


def test_the_index_answers_to_its_purpose_only(sandbox: Any) -> None:
    client = sandbox_client(sandbox)
    with pytest.raises(PlatformCallError) as info:
        client.search_case_index(PERSON_ID, context=CallContext("wang", f"matter:{RENTAL}", "-"))
    assert info.value.code == "purpose_not_allowed"
    # The system purpose is good for the index only.
    with pytest.raises(PlatformCallError) as other:
        client.lookup(
            "population.basic",
            {"id_number": PERSON_ID},
            [],
            context=CallContext("wang", CASE_INDEX_PURPOSE, "-"),
        )
    assert other.value.code == "purpose_not_allowed"


def test_an_unreachable_platform_still_gives_the_local_cases(tmp_path: Path) -> None:
    clock = SteppingClock(START)
    first = _workstation(tmp_path, "TRAIN-01", clock)
    case = first.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    dead = PlatformClient(
        "http://127.0.0.1:9", Credentials("TRAIN-01", "x"), retry=FAST_RETRY, sleep=lambda _: None
    )
    result = search(first.store, first.catalogue, clock().date(), PERSON_ID, index=_index(dead))
    assert [c.case_id for c in result.cases] == [case.id]
    assert result.elsewhere == [] and result.elsewhere_error.startswith("未能查询其他窗口的办件")
