"""The person present at the counter for the applicant (issue 9): roles, grounds of acting,
the checks with their precise Chinese messages, the case's record and its JSON form."""

from __future__ import annotations

import secrets
from dataclasses import replace

import pytest

from clerkapp.core.case import Case, EventKind
from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.present import (
    PersonPresent,
    PresentRole,
    check_present,
    representative_block,
    roles_for,
)
from clerkapp.errors import ValidationError
from tests.integration.documents_cases import ID_NUMBER, NOW, RENTAL, catalogue

AGENT_ID = "330702198001011233"  # any valid number; only its shape matters here
CHILD = PersonPresent(PresentRole.AGENT, AGENT_ID, "李小明", "子女", True)


def test_roles_follow_the_applicant_kind() -> None:
    assert roles_for(ApplicantKind.PERSON) == (PresentRole.AGENT, PresentRole.GUARDIAN)
    assert roles_for(ApplicantKind.BUSINESS) == (PresentRole.LEGAL_REP, PresentRole.HANDLER)
    assert PresentRole.AGENT.needs_power_of_attorney and PresentRole.HANDLER.needs_power_of_attorney
    assert not PresentRole.GUARDIAN.needs_power_of_attorney
    assert not PresentRole.LEGAL_REP.needs_power_of_attorney


def test_printed_line_masks_and_says_the_ground() -> None:
    assert CHILD.line() == "代办人：李** 330702********1233（子女，持授权委托书）"
    assert CHILD.display(full=True) == f"李小明 {AGENT_ID}（子女，持授权委托书）"
    guardian = PersonPresent(PresentRole.GUARDIAN, AGENT_ID, "李小明", "子女")
    assert guardian.line().endswith("（监护关系：子女）")
    rep = PersonPresent(PresentRole.LEGAL_REP, AGENT_ID, "周伟")
    assert rep.line() == "法定代表人：周* 330702********1233（依法代表企业）"
    assert "李小明" not in repr(CHILD) and AGENT_ID not in repr(CHILD)


@pytest.mark.parametrize(
    ("kind", "present", "message"),
    [
        (ApplicantKind.PERSON, replace(CHILD, power_of_attorney_received=False), "授权委托书"),
        (ApplicantKind.PERSON, replace(CHILD, relationship=" "), "请填写代办人与申请人的关系"),
        (ApplicantKind.PERSON, replace(CHILD, name=""), "请填写代办人的姓名"),
        (ApplicantKind.BUSINESS, CHILD, "代办人不能代企业申请人办理"),
        (
            ApplicantKind.BUSINESS,
            PersonPresent(PresentRole.HANDLER, AGENT_ID, "孙丽"),
            "经办人须持申请人的授权委托书",
        ),
    ],
)
def test_bad_input_is_refused_with_a_precise_message(
    kind: ApplicantKind, present: PersonPresent, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        check_present(kind, present)
    assert message in info.value.user_message


def test_guardian_and_legal_rep_need_no_power_of_attorney() -> None:
    check_present(ApplicantKind.PERSON, PersonPresent(PresentRole.GUARDIAN, AGENT_ID, "李", "父母"))
    check_present(ApplicantKind.BUSINESS, PersonPresent(PresentRole.LEGAL_REP, AGENT_ID, "周伟"))


def _open(present: PersonPresent | None) -> Case:
    cat = catalogue()
    matter = cat.matters[RENTAL]
    return Case.open(
        "C-1",
        matter,
        cat.proofs_of(matter),
        ApplicantKind.PERSON,
        ID_NUMBER,
        "李明",
        NOW,
        secrets.token_urlsafe(16),
        "K7QM-ABCD",
        present=present,
    )


def test_the_case_records_who_was_there_without_personal_data_in_events() -> None:
    case = _open(CHILD)
    assert case.present == CHILD and case.pledge_signer == "agent"
    [created] = [e for e in case.pending_events if e.kind is EventKind.CREATED]
    assert created.data["present"] == "agent"
    assert "李小明" not in repr(created.data) and AGENT_ID not in repr(created.data)
    assert Case.from_dict(case.to_dict()) == case
    alone = _open(None)
    assert alone.present is None and alone.pledge_signer == "applicant"
    assert Case.from_dict(alone.to_dict()).present is None
    old = alone.to_dict()
    del old["present"]  # a case stored before issue 9
    assert Case.from_dict(old).present is None
    with pytest.raises(ValidationError):
        _open(replace(CHILD, power_of_attorney_received=False))


def test_a_legal_representative_the_registry_does_not_name_blocks() -> None:
    rep = PersonPresent(PresentRole.LEGAL_REP, AGENT_ID, "孙丽")
    block = representative_block(rep, "周伟")
    assert block is not None and block.startswith(
        "法定代表人与市场监管登记不一致：填写 孙丽，登记 周伟"
    )
    assert representative_block(replace(rep, name="周 伟"), "周伟") is None
    assert representative_block(rep, "") is None  # not answered yet: nothing to compare
    assert representative_block(None, "周伟") is None
    handler = PersonPresent(PresentRole.HANDLER, AGENT_ID, "孙丽", "", True)
    assert representative_block(handler, "周伟") is None  # an 经办人 acts on the 委托书
