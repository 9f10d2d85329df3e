"""Changing the applicant's contact on a case in progress (issue 9), over the real case service,
store and sandbox: a mistyped mobile number corrected after 受理 — the notice not yet sent
re-addressed, the new number told, the platform receiving nothing for the old one; bad input
said precisely with nothing saved; a decided or ended case refused with its way back, and the
decided case's phone corrected through 更正 of its paper (four-eyes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.approvals import ApprovalService
from clerkapp.app.auth import AuthService
from clerkapp.app.case_contact import ContactChangeRefused
from clerkapp.app.case_support import operation_scope
from clerkapp.app.clock import SteppingClock
from clerkapp.app.document_acts import ActRequest, DocumentAction
from clerkapp.app.documents import DocumentDesk
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Decision
from clerkapp.core.contact import ContactError, Delivery, check_contact
from clerkapp.core.platform_types import VerificationState, VerificationStatus
from clerkapp.errors import ValidationError
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings
from clerkapp.infra.store import ClerkAccounts
from tests.integration.case_fixtures import (
    PERSON_ID,
    RENTAL,
    START,
    answer,
    confirm_identity,
    sandbox_client,
    service,
)
from tests.integration.documents_cases import pdf_text
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox

HOMESTEAD = f"{RENTAL}.homestead"
GOOD: dict[str, tuple[str, dict[str, object] | None]] = {
    f"{RENTAL}.family_economic": (
        "family_economic.status",
        {"monthly_income_per_capita": 1800, "assets_total": 2e4},
    ),
    f"{RENTAL}.social_insurance": (
        "social_insurance.person",
        {"insured": True, "months_contributed": 40},
    ),
    f"{RENTAL}.vehicle": ("vehicle.ownership", None),
}
TYPED = "13857901243"  # what the clerk typed at opening: the last two digits swapped
RIGHT = "13857901234"


def _accept(svc: Any, case_id: str) -> None:
    """Look-ups answered, the department asked, 受理 (a notice is queued)."""
    confirm_identity(svc, case_id)
    for row in svc.begin_lookups(case_id, "wang"):
        item, record = GOOD[row.payload["proof_code"]]
        svc.record_lookup_answer(
            case_id, row.payload["proof_code"], answer(item, record), outbox_id=row.id
        )
    asked = svc.request_verification(case_id, HOMESTEAD, "wang")
    queued = VerificationStatus("T-CON", VerificationState.QUEUED)
    svc.record_verification_status(case_id, HOMESTEAD, queued, outbox_id=asked.id)
    svc.decide(case_id, Decision.ACCEPT, None, "wang")


def _approve(svc: Any, case_id: str) -> None:
    case = svc.get_case(case_id)
    poll = svc.store.outbox.by_key(f"{operation_scope(case)}:poll:T-CON")
    done = VerificationStatus(
        "T-CON", VerificationState.ANSWERED, confirmed=True, department="金华市自然资源和规划局"
    )
    svc.record_verification_status(case_id, HOMESTEAD, done, outbox_id=poll.id)
    svc.decide(case_id, Decision.APPROVE, None, "wang")


def _notices(sb: SandboxHandle, token: str) -> list[dict[str, Any]]:
    data = requests.get(f"{sb.url}/sandbox/sms.json", timeout=5).json()
    return [n for n in reversed(data["notifications"]) if n["token"] == token]


def _audit_text(svc: Any, case_id: str) -> str:
    return json.dumps([e.data for e in svc.store.audit.entries(case_id)], ensure_ascii=False)


def test_a_mistyped_mobile_corrected_after_acceptance_reaches_the_platform(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    typed = check_contact(TYPED, "", Delivery.SMS)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=typed)
    _accept(svc, case.id)  # the 受理 notice waits in the outbox for the mistyped number
    waiting = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "notification"]
    assert [(r.payload["event"], r.payload["phone"]) for r in waiting] == [("accepted", TYPED)]

    changed = svc.change_contact(case.id, "138-5790-1234", "", Delivery.SMS, "wang")
    assert changed.contact == check_contact(RIGHT, "", Delivery.SMS)
    assert svc.get_case(case.id).contact.phone == RIGHT  # stored
    rows = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "notification"]
    assert [(r.payload["event"], r.state) for r in rows] == [
        ("accepted", "sent"),  # closed unsent: nothing goes to the wrong number
        ("accepted", "open"),
        ("contact_changed", "open"),
    ]
    assert rows[0].answer == {"cancelled": "contact_changed"}
    assert TYPED not in str(rows[0].payload)  # the closed row's number is scrubbed
    assert [r.payload["phone"] for r in rows[1:]] == [RIGHT, RIGHT]
    entry = [e for e in svc.store.audit.entries(case.id) if e.action == "contact_changed"]
    assert len(entry) == 1 and entry[0].actor == "wang"
    assert entry[0].data == {
        "fields": ["phone"],
        "delivery": "sms",
        "notices_readdressed": 1,
        "platform_told": True,
    }
    audit = _audit_text(svc, case.id)
    assert RIGHT not in audit and TYPED not in audit and "1234" not in audit

    with sandbox_client(sandbox) as client:
        report = SyncWorker(svc.store, svc, client, clock).drain()
        assert report.needs_person == 0 and report.retry == 0, report
        notices = _notices(sandbox, case.tracking_token)
        assert [(n["event"], n["phone"]) for n in notices] == [
            ("accepted", RIGHT),
            ("contact_changed", RIGHT),
        ]
        told = notices[1]["text"]
        assert "短信通知号码已更新为本号码" in told and "陈*您好" in told
        assert PERSON_ID not in told and "陈小梅" not in told
        # the decision's notice goes to the corrected number
        _approve(svc, case.id)
        SyncWorker(svc.store, svc, client, clock).drain()
    notices = _notices(sandbox, case.tracking_token)
    events = [n["event"] for n in notices]
    assert events == ["accepted", "contact_changed", "verification", "approved"]
    assert {n["phone"] for n in notices} == {RIGHT}


def test_bad_contact_is_said_precisely_and_nothing_is_saved(tmp_path: Path) -> None:
    svc = service(tmp_path)
    first = check_contact(RIGHT, "", Delivery.SMS)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=first)
    before = [e.action for e in svc.store.audit.entries(case.id)]
    outbox = len(svc.store.outbox.for_case(case.id))
    cases = [
        ("1385790123", Delivery.SMS, "phone", "手机号码应为11位数字，现为10位"),
        ("0579-82345678", Delivery.SMS, "phone", "短信通知须填写手机号码，固定电话收不到短信"),
        ("", Delivery.MAIL, "address", "选择邮寄送达须填写邮寄地址"),
    ]
    for phone, way, field, words in cases:
        with pytest.raises(ContactError) as info:
            svc.change_contact(case.id, phone, "", way, "wang")
        assert info.value.field == field and info.value.user_message == words
    with pytest.raises(ValidationError) as same:
        svc.change_contact(case.id, "138 5790 1234", "", "sms", "wang")
    assert same.value.user_message == "联系方式没有改变"
    assert svc.get_case(case.id).contact == first
    assert [e.action for e in svc.store.audit.entries(case.id)] == before
    assert len(svc.store.outbox.for_case(case.id)) == outbox


def test_counter_delivery_phone_corrected_without_any_notice(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(
        RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=check_contact(TYPED, "", "counter")
    )
    svc.change_contact(case.id, RIGHT, "金华市婺城区八一南街 1 号", Delivery.MAIL, "wang")
    stored = svc.get_case(case.id).contact
    assert (stored.phone, stored.delivery) == (RIGHT, Delivery.MAIL)
    assert stored.address == "金华市婺城区八一南街 1 号"
    assert not [r for r in svc.store.outbox.for_case(case.id) if r.kind == "notification"]
    entry = next(e for e in svc.store.audit.entries(case.id) if e.action == "contact_changed")
    assert entry.data["fields"] == ["phone", "address", "delivery"]
    assert entry.data["platform_told"] is False
    assert "八一南街" not in _audit_text(svc, case.id)


def test_an_ended_case_is_refused_with_the_way_back(tmp_path: Path) -> None:
    svc = service(tmp_path)
    sms = check_contact(TYPED, "", Delivery.SMS)
    approved = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=sms)
    _accept(svc, approved.id)
    _approve(svc, approved.id)
    withdrawn = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=sms)
    svc.withdraw(withdrawn.id, "申请人撤回", "wang")
    audit = {c: len(svc.store.audit.entries(c)) for c in (approved.id, withdrawn.id)}
    with pytest.raises(ContactChangeRefused) as decided:
        svc.change_contact(approved.id, RIGHT, "", Delivery.SMS, "wang")
    assert "办件已办结，不能再修改联系方式" in decided.value.user_message
    assert "申请“更正”（须负责人审批" in decided.value.user_message
    with pytest.raises(ContactChangeRefused) as ended:
        svc.change_contact(withdrawn.id, RIGHT, "", Delivery.SMS, "wang")
    assert ended.value.user_message.startswith("办件已撤回，已经终止")
    assert "在新办件中登记正确的联系方式" in ended.value.user_message
    for case_id, count in audit.items():
        assert svc.get_case(case_id).contact.phone == TYPED
        assert len(svc.store.audit.entries(case_id)) == count


def test_a_decided_case_phone_is_corrected_on_its_paper(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    accounts = ClerkAccounts(svc.store, clock, workstation="TRAIN-01")
    auth = AuthService(accounts, clock, audit=accounts.audit, training=True)
    auth.ensure_demo_accounts()
    approvals = ApprovalService(svc, auth)
    settings = DocumentSettings(progress_base_url=sandbox.url)
    desk = DocumentDesk(svc, lambda: svc.catalogue, settings, clock)
    sms = check_contact(TYPED, "", Delivery.SMS)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "demo", contact=sms)
    _accept(svc, case.id)
    _approve(svc, case.id)
    built = desk.build(case.id, DocumentKind.DECISION, "demo")
    desk.record(built, "demo")
    assert "联系电话：138****1243" in pdf_text(built.pdf)

    def ask(phone: str) -> ActRequest:
        changes = {"phone": phone}
        return ActRequest(
            case.id, built.number, DocumentAction.CORRECT, "电话录错", "demo", changes
        )

    with pytest.raises(ValidationError) as bad:
        approvals.carry_out_now(ask("0579-8234567"), "demo-sup", "demo123")
    assert bad.value.user_message == "更正后的联系电话：短信通知须填写手机号码，固定电话收不到短信"
    outcome = approvals.carry_out_now(ask("138 5790 1234"), "demo-sup", "demo123")
    assert outcome.new_number and outcome.new_number != built.number
    assert svc.get_case(case.id).contact.phone == RIGHT
    corrected = desk.build(case.id, DocumentKind.DECISION, "demo")
    assert corrected.number == outcome.new_number
    assert "联系电话：138****1234" in pdf_text(corrected.pdf)
    entry = next(e for e in svc.store.audit.entries(case.id) if e.action == "document_corrected")
    assert entry.data["fields"] == ["phone"] and RIGHT not in _audit_text(svc, case.id)


def test_a_notice_held_for_a_person_goes_to_the_corrected_number(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    """A notice the platform refused waits in 需人工处理; correcting the number closes it there
    and sends it again to the new number (the list has nothing left to handle)."""
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    typed = check_contact(TYPED, "", Delivery.SMS)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=typed)
    _accept(svc, case.id)
    [held] = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "notification"]
    svc.store.outbox.mark_needs_person(held.id, "invalid_phone: 短信只能发送到11位手机号码")
    svc.change_contact(case.id, RIGHT, "", Delivery.SMS, "wang")
    assert not [r for r in svc.store.outbox.needs_person() if r.case_id == case.id]
    with sandbox_client(sandbox) as client:
        report = SyncWorker(svc.store, svc, client, clock).drain()
    assert report.needs_person == 0, report
    notices = _notices(sandbox, case.tracking_token)
    assert [(n["event"], n["phone"]) for n in notices] == [
        ("accepted", RIGHT),
        ("contact_changed", RIGHT),
    ]
