"""Someone else at the counter (issue 9): an elderly applicant served through a 代办人, a company
through its 经办人 — case service over a real SQLite file, documents read back from real PDFs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.lookups import LookupRunner
from clerkapp.core.case import Decision
from clerkapp.core.present import PersonPresent, PresentRole
from clerkapp.errors import InvalidTransition, ValidationError
from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.platform import PlatformClient
from clerkapp.infra.store import Store
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import catalogue, sandbox_client
from tests.integration.documents_cases import (
    approved_case,
    data_for,
    pdf_text,
    squash,
    survivor_case_with_pledges,
)
from tests.integration.documents_cases import catalogue as canonical
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

CHINA = timezone(timedelta(hours=8))
RENTAL = "zjj.public_rental"
FLEXIBLE = "rsj.flexible_hours"
CHILD = PersonPresent(PresentRole.AGENT, demo.LI_MING, "李明", "子女", True)
HANDLER = PersonPresent(PresentRole.HANDLER, demo.SUN_LI, "孙丽", "", True)


def ask(service: CaseService, client: PlatformClient, case_id: str) -> None:
    """The counter's fan-out sends the identity question (the registry's answer is recorded)."""
    row = service.begin_identity_check(case_id, "wangxiao")
    assert row is not None
    with ThreadPoolExecutor(2) as pool:
        LookupRunner(client, service, pool, clock=service.clock).run_rows(case_id, [row])


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CaseService]:
    clock = SteppingClock(datetime.now(CHINA), step=timedelta(milliseconds=10))
    with Store(tmp_path / "clerkapp.sqlite3") as store:
        yield CaseService(store, catalogue(), clock, workstation="TRAIN-01")


def _open_elderly(service: CaseService, present: PersonPresent | None) -> str:
    return service.open_case(
        RENTAL, "person", demo.ZHANG_GUILAN, "张桂兰", "wangxiao", present=present
    ).id


def test_bad_input_names_the_field_and_saves_nothing(service: CaseService) -> None:
    wrong = demo.LI_MING[:-1] + ("0" if demo.LI_MING[-1] != "0" else "1")
    with pytest.raises(ValidationError) as info:
        _open_elderly(service, replace(CHILD, id_number=wrong))
    assert info.value.user_message.startswith("代办人的公民身份号码：")
    assert wrong not in info.value.user_message
    with pytest.raises(ValidationError) as info:
        _open_elderly(service, replace(CHILD, power_of_attorney_received=False))
    assert "授权委托书" in info.value.user_message
    with pytest.raises(ValidationError) as info:
        _open_elderly(service, replace(CHILD, id_number=demo.ZHANG_GUILAN))
    assert "不能是申请人本人" in info.value.user_message
    assert service.list_cases() == []  # nothing half-opened
    assert service.store.audit.count() == 0


def test_an_agent_is_stored_and_audited_by_role_only(service: CaseService) -> None:
    case_id = _open_elderly(service, replace(CHILD, id_number=demo.LI_MING.lower() + " "))
    stored = service.get_case(case_id)
    assert stored.present == CHILD  # normalised number, the rest as given
    row = service.store.conn.execute("SELECT json FROM cases WHERE id = ?", (case_id,)).fetchone()
    assert json.loads(row[0])["present"]["role"] == "agent"
    audit = json.dumps([e.data for e in service.store.audit.entries(case_id)], ensure_ascii=False)
    assert '"present": "agent"' in audit
    assert demo.LI_MING not in audit and "李明" not in audit and demo.ZHANG_GUILAN not in audit


def test_a_company_through_its_handler(service: CaseService) -> None:
    case = service.open_case(
        FLEXIBLE,
        "business",
        demo.DEMO_BUSINESS,
        "金华示范科技有限公司",
        "wangxiao",
        present=HANDLER,
    )
    assert service.get_case(case.id).present == HANDLER
    with pytest.raises(ValidationError) as info:
        service.open_case(
            FLEXIBLE,
            "business",
            demo.DEMO_BUSINESS,
            "金华示范科技有限公司",
            "wangxiao",
            present=CHILD,
        )
    assert info.value.user_message == "代办人不能代企业申请人办理"


def test_decision_and_receipt_say_who_was_there_masked() -> None:
    case = approved_case(canonical())
    case.present = CHILD
    for kind in (DocumentKind.DECISION, DocumentKind.RECEIPT):
        text = pdf_text(build_pdf(data_for(case, kind)))
        masked = f"李* {demo.LI_MING[:6]}********{demo.LI_MING[-4:]}（子女，持授权委托书）"
        assert squash("代办人：" + masked) in text, kind
        assert demo.LI_MING not in text
    case.present = None
    assert "代办人" not in pdf_text(build_pdf(data_for(case, DocumentKind.DECISION)))


def test_the_pledge_names_its_signer(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        case, records = survivor_case_with_pledges(canonical(), store)
    alone = pdf_text(build_pdf(data_for(case, DocumentKind.PLEDGE, pledges=records)))
    assert squash("承诺签署人：韦秀英（申请人本人）") in alone
    assert squash("承诺人（签字）：") in alone
    case.present = CHILD
    text = pdf_text(build_pdf(data_for(case, DocumentKind.PLEDGE, pledges=records)))
    assert squash(f"代办人：李明 {demo.LI_MING}（子女，持授权委托书）") in text
    assert squash("承诺签署人：李明（代办人，代表申请人韦秀英）") in text
    assert squash("代办人（签字）：") in text and squash("承诺人（签字）") not in text


def test_a_legal_representative_is_checked_against_the_market_registry(
    service: CaseService,
    sandbox: Any,  # noqa: F811
) -> None:
    """The sandbox's registry names 周伟 as the demo company's 法定代表人: 孙丽 presented as the
    legal representative blocks the decision with both names; 周伟 does not."""
    company = "金华市示范科技有限公司"
    wrong = service.open_case(
        FLEXIBLE,
        "business",
        demo.DEMO_BUSINESS,
        company,
        "wangxiao",
        present=PersonPresent(PresentRole.LEGAL_REP, demo.SUN_LI, "孙丽"),
    )
    right = service.open_case(
        FLEXIBLE,
        "business",
        demo.DEMO_BUSINESS,
        company,
        "wangxiao",
        present=PersonPresent(PresentRole.LEGAL_REP, demo.ZHOU_WEI, "周伟"),
    )
    with sandbox_client(sandbox) as client:
        for case_id in (wrong.id, right.id):
            ask(service, client, case_id)
    blocked = service.get_case(wrong.id)
    assert blocked.identity.registered_representative == "周伟"
    message = "法定代表人与市场监管登记不一致：填写 孙丽，登记 周伟"
    assert (blocked.identity_block() or "").startswith(message)
    with pytest.raises(InvalidTransition) as info:
        service.decide(wrong.id, Decision.REFUSE, "测试", "wangxiao", override_reason="测试")
    assert info.value.user_message.startswith(message)
    assert service.get_case(right.id).identity_block() is None
    audit = json.dumps([e.data for e in service.store.audit.entries(wrong.id)], ensure_ascii=False)
    assert "周伟" not in audit and "孙丽" not in audit
