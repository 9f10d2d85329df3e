"""Issue 9 (contact and delivery): SMS notices against the real sandbox over HTTP — a case whose
applicant chose 短信通知 queues a ``notification`` row with each state change (受理, the
department's answer, the decision) in the same transaction; the sync worker sends them; the
sandbox records each text and shows it on its trainer page (/sandbox/sms), with the surname
masked and no ID number; a case with 窗口领取 sends none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.case_support import operation_scope
from clerkapp.app.clock import SteppingClock
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Decision
from clerkapp.core.contact import Delivery, check_contact
from clerkapp.core.platform_types import VerificationState, VerificationStatus
from clerkapp.core.short_code import grouped
from clerkapp.infra.platform import CallContext
from tests.integration.case_fixtures import (
    PERSON_ID,
    RENTAL,
    START,
    answer,
    confirm_identity,
    sandbox_client,
    service,
)
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
PHONE = "13857901234"
ORDER = ["accepted", "verification", "approved"]


def _accept_then_approve(svc: Any, case_id: str) -> None:
    """Look-ups answered, a department asked, 受理, the department confirms, 准予."""
    confirm_identity(svc, case_id)
    for row in svc.begin_lookups(case_id, "wang"):
        item, record = GOOD[row.payload["proof_code"]]
        svc.record_lookup_answer(
            case_id, row.payload["proof_code"], answer(item, record), outbox_id=row.id
        )
    asked = svc.request_verification(case_id, HOMESTEAD, "wang")
    queued = VerificationStatus("T-SMS", VerificationState.QUEUED)
    svc.record_verification_status(case_id, HOMESTEAD, queued, outbox_id=asked.id)
    svc.decide(case_id, Decision.ACCEPT, None, "wang")
    case = svc.get_case(case_id)
    poll = svc.store.outbox.by_key(f"{operation_scope(case)}:poll:T-SMS")
    done = VerificationStatus(
        "T-SMS", VerificationState.ANSWERED, confirmed=True, department="金华市自然资源和规划局"
    )
    svc.record_verification_status(case_id, HOMESTEAD, done, outbox_id=poll.id)
    svc.decide(case_id, Decision.APPROVE, None, "wang")


def _notices(sb: SandboxHandle, token: str) -> list[dict[str, Any]]:
    data = requests.get(f"{sb.url}/sandbox/sms.json", timeout=5).json()
    return [n for n in reversed(data["notifications"]) if n["token"] == token]


def test_sms_case_notifies_at_accept_answer_and_decision(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    contact = check_contact("138 5790 1234", "", Delivery.SMS)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=contact)
    assert svc.get_case(case.id).contact == contact  # kept with the case
    _accept_then_approve(svc, case.id)
    rows = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "notification"]
    assert [r.payload["event"] for r in rows] == ["accepted", "verification", "approved"]

    with sandbox_client(sandbox) as client:
        report = SyncWorker(svc.store, svc, client, clock).drain()
    assert report.needs_person == 0 and report.retry == 0, report
    # Sent: the phone and the text are scrubbed from the local outbox.
    for row in svc.store.outbox.for_case(case.id):
        if row.kind == "notification":
            assert row.state == "sent" and PHONE not in str(row.payload)

    # in the order written, after the case's registration (its progress lane)
    notices = _notices(sandbox, case.tracking_token)
    assert [n["event"] for n in notices] == ORDER
    code = grouped(case.short_code)
    for n in notices:
        text = n["text"]
        assert n["phone"] == PHONE
        assert text.startswith("【") and "陈*您好" in text and code in text
        assert "陈小梅" not in text and "小梅" not in text
        assert PERSON_ID not in text and PERSON_ID[-4:] not in text and PERSON_ID[:6] not in text
    assert "您的公共租赁住房申请已受理。" in notices[0]["text"]  # not "申请申请"
    assert notices[0]["text"].startswith("【金华市住房和城乡建设局】")  # the office by name
    assert "申请已受理" in notices[0]["text"] and "已办结" in notices[2]["text"]

    page = requests.get(f"{sandbox.url}/sandbox/sms", timeout=5)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert notices[0]["text"] in page.text and notices[2]["text"] in page.text
    assert "138****1234" in page.text and PHONE not in page.text
    assert PERSON_ID not in page.text


def test_counter_delivery_sends_no_notice(tmp_path: Path) -> None:
    svc = service(tmp_path)
    contact = check_contact("0579-82345678", "金华市婺城区人民路1号", Delivery.COUNTER)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=contact)
    svc.withdraw(case.id, "申请人主动撤回", "wang")
    kinds = [r.kind for r in svc.store.outbox.for_case(case.id)]
    assert "progress_event" in kinds and "notification" not in kinds


def test_platform_refuses_a_text_with_an_id_number_and_a_foreign_token(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang")
    with sandbox_client(sandbox) as client:
        SyncWorker(svc.store, svc, client, clock).drain()  # the case is registered
        context = CallContext("wang", f"matter:{RENTAL}", case.id)
        from clerkapp.infra.platform import PlatformCallError

        with pytest.raises(PlatformCallError) as leaked:
            client.send_notification(
                case.tracking_token, PHONE, "accepted", f"您的证件 {PERSON_ID} 已受理",
                "2026-11-27T09:30:00+08:00", context=context, idempotency_key="n-leak",
            )  # fmt: skip
        assert leaked.value.status == 422
        with pytest.raises(PlatformCallError) as foreign:
            client.send_notification(
                "x" * 10 + "AbCdEfGhIjKlMn", PHONE, "accepted", "已受理",
                "2026-11-27T09:30:00+08:00", context=context, idempotency_key="n-foreign",
            )  # fmt: skip
        assert foreign.value.status == 403
    assert _notices(sandbox, case.tracking_token) == []
