"""Who must be at the counter, at opening (issue 9), over the case service and a real SQLite
file: a company's case without its 法定代表人 or 经办人 is refused with the message saying
whom to record; a matter that demands a 授权委托书 of anyone present refuses a 监护人 without
one — nothing stored either way — and records the letter as received when it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkapp.core.present import PersonPresent, PresentRole
from clerkapp.errors import ValidationError
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import service

FLEXIBLE = "rsj.flexible_hours"
RETIREMENT = "rsj.retirement"  # catalogue: power_of_attorney "always"


def test_a_company_without_anyone_present_is_refused(tmp_path: Path) -> None:
    svc = service(tmp_path)
    with pytest.raises(ValidationError) as info:
        svc.open_case(FLEXIBLE, "business", demo.DEMO_BUSINESS, "金华市示范科技有限公司", "wang")
    assert info.value.user_message.startswith("企业申请须登记到场办理人：")
    assert "经办人" in info.value.user_message and "授权委托书" in info.value.user_message
    handler = PersonPresent(PresentRole.HANDLER, demo.SUN_LI, "孙丽", "", False)
    with pytest.raises(ValidationError) as info:  # an 经办人 without the letter
        svc.open_case(FLEXIBLE, "business", demo.DEMO_BUSINESS, "示范科技", "wang", present=handler)
    assert info.value.user_message.startswith("经办人须持申请人的授权委托书")
    assert svc.list_cases() == [] and svc.store.audit.count() == 0
    assert svc.store.outbox.pending_count() == 0
    rep = PersonPresent(PresentRole.LEGAL_REP, demo.SUN_LI, "孙丽")
    case = svc.open_case(FLEXIBLE, "business", demo.DEMO_BUSINESS, "示范科技", "wang", present=rep)
    assert svc.get_case(case.id).present == rep


def test_a_matter_demanding_the_letter_binds_a_guardian(tmp_path: Path) -> None:
    svc = service(tmp_path)
    guardian = PersonPresent(PresentRole.GUARDIAN, demo.LI_MING, "李明", "子女")
    with pytest.raises(ValidationError) as info:
        svc.open_case(RETIREMENT, "person", demo.ZHANG_GUILAN, "张桂兰", "wang", present=guardian)
    assert info.value.user_message == (
        "本事项凡申请人本人以外的人员到场办理，均须持申请人的授权委托书（监护人也不例外）："
        "请收取并核对后勾选“已收授权委托书”"
    )
    assert svc.list_cases() == [] and svc.store.audit.count() == 0
    held = PersonPresent(PresentRole.GUARDIAN, demo.LI_MING, "李明", "子女", True)
    case = svc.open_case(RETIREMENT, "person", demo.ZHANG_GUILAN, "张桂兰", "wang", present=held)
    stored = svc.get_case(case.id).present
    assert stored is not None and stored.power_of_attorney_received
    created = svc.store.audit.entries(case.id)[0]
    assert created.action == "case_created" and created.data["present"] == "guardian"
    # the same guardian on a matter by role needs no letter
    svc.open_case(
        "zjj.public_rental", "person", demo.ZHANG_GUILAN, "张桂兰", "wang", present=guardian
    )
