"""Look-ups about a related person (关系人): the survivor allowance asks the population registry
about the deceased insured person, not the widow who applies — case service over a real SQLite
file, the sandbox over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.lookups import LookupRunner
from clerkapp.core.case import CaseState, Decision, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.errors import ValidationError
from clerkapp.infra.store import OutboxKind, Store
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import STROKES, catalogue, png, sandbox_client
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

CHINA = timezone(timedelta(hours=8))
SURVIVOR = "rsj.funeral_survivor"
DEATH = f"{SURVIVOR}.death"
PLEDGES = (f"{SURVIVOR}.marriage", f"{SURVIVOR}.no_income")
CHEN = {"deceased": (demo.CHEN_JIANGUO, "陈建国")}


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CaseService]:
    clock = SteppingClock(datetime.now(CHINA), step=timedelta(milliseconds=10))
    with Store(tmp_path / "clerkapp.sqlite3") as store:
        yield CaseService(store, catalogue(), clock, workstation="TRAIN-01")


def _open(service: CaseService, related: Any = CHEN) -> str:
    return service.open_case(
        SURVIVOR, "person", demo.WEI_XIUYING, "韦秀英", "wangxiao", related=related
    ).id


def test_the_deceased_is_required_and_validated_naming_the_role(service: CaseService) -> None:
    with pytest.raises(ValidationError) as info:
        _open(service, None)
    assert info.value.user_message == "请填写已故参保人员的公民身份号码"
    wrong = demo.CHEN_JIANGUO[:-1] + ("0" if demo.CHEN_JIANGUO[-1] != "0" else "1")
    with pytest.raises(ValidationError) as info:
        _open(service, {"deceased": (wrong, "陈建国")})
    message = info.value.user_message
    assert (
        message
        == "已故参保人员的公民身份号码：身份证号码校验不通过：有数字输错，请对照证件逐位核对"
    )
    assert wrong not in message
    with pytest.raises(ValidationError) as info:
        _open(service, {"deceased": (demo.WEI_XIUYING, "韦秀英")})
    assert "不能是申请人本人" in info.value.user_message
    with pytest.raises(ValidationError) as info:
        _open(service, {"deceased": (demo.CHEN_JIANGUO, "  ")})
    assert info.value.user_message == "请填写已故参保人员的姓名"
    assert service.list_cases() == []  # nothing half-opened


def test_the_death_lookup_and_verification_concern_the_deceased(service: CaseService) -> None:
    case_id = _open(service)
    assert service.get_case(case_id).related["deceased"].id_number == demo.CHEN_JIANGUO
    rows = service.begin_lookups(case_id, "wangxiao")
    assert [r.payload["proof_code"] for r in rows] == [DEATH]
    assert rows[0].payload["subject"] == {"id_number": demo.CHEN_JIANGUO}
    # the department is asked about the deceased too
    service.record_lookup_failure(case_id, DEATH, "平台拒绝", retrying=False, outbox_id=rows[0].id)
    service.switch_method(case_id, DEATH, Method.DEPT_VERIFY, "wangxiao")
    row = service.request_verification(case_id, DEATH, "wangxiao")
    assert row.kind == OutboxKind.VERIFICATION.value
    assert row.payload["subject"] == {"id_number": demo.CHEN_JIANGUO}
    # the credit check (pledges) remains the applicant's
    audit = json.dumps([e.data for e in service.store.audit.entries()], ensure_ascii=False)
    assert demo.CHEN_JIANGUO not in audit and "陈建国" not in audit
    assert demo.WEI_XIUYING not in audit


def test_survivor_allowance_approved_at_the_counter(service: CaseService, sandbox: Any) -> None:  # noqa: F811
    case_id = _open(service)
    client = sandbox_client(sandbox)
    with client, ThreadPoolExecutor(4) as pool:
        run = LookupRunner(client, service, pool, clock=service.clock).run(
            case_id, clerk="wangxiao"
        )
    assert run.all_answered and run.credit is not None and not run.credit.listed
    identity = service.begin_identity_check(case_id, "wangxiao")  # the counter asks at once
    assert identity is not None
    with client, ThreadPoolExecutor(1) as pool:
        LookupRunner(client, service, pool, clock=service.clock).run_rows(case_id, [identity])
    case = service.get_case(case_id)
    assert case.identity_outcome.value == "matched"  # 韦秀英 as the population registry has her
    death = case.proofs[DEATH]
    assert death.state is ProofState.SATISFIED, death.evidence
    assert death.evidence is not None and death.evidence.source == "公安户籍"
    for code in PLEDGES:
        service.sign_pledge(case_id, code, STROKES, png(), "wangxiao")
    assert service.get_case(case_id).recommend().decision is Decision.APPROVE
    decided = service.decide(case_id, Decision.APPROVE, None, "wangxiao")
    assert decided.state is CaseState.APPROVED
    audit = json.dumps([e.data for e in service.store.audit.entries()], ensure_ascii=False)
    assert demo.CHEN_JIANGUO not in audit and "陈建国" not in audit


def test_the_related_person_is_kept_in_the_case_file_only(tmp_path: Path) -> None:
    path = tmp_path / "clerkapp.sqlite3"
    clock = SteppingClock(datetime.now(CHINA), step=timedelta(milliseconds=10))
    with Store(path) as store:
        case_id = _open(CaseService(store, catalogue(), clock, workstation="TRAIN-01"))
    with Store(path) as store:  # a fresh process reading the same file
        person = store.cases.load(case_id).related["deceased"]
        assert (person.id_number, person.name) == (demo.CHEN_JIANGUO, "陈建国")
        row = store.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        names = [d[0] for d in store.conn.execute("SELECT * FROM cases").description]
        columns = dict(zip(names, row, strict=True))
        del columns["json"]
        assert demo.CHEN_JIANGUO not in json.dumps(columns, ensure_ascii=False)
        # listed and searched by the applicant only
        assert [s.applicant_name for s in CaseService(store, catalogue()).list_cases()] == [
            "韦秀英"
        ]
