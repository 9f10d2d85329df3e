"""Related persons (关系人) of a case: required per the matter's roles, round-tripped, masked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest

from clerkapp.core.case import Case, RelatedSubject
from clerkapp.core.case_types import mask_name
from clerkapp.core.catalogue import (
    ApplicantKind,
    Matter,
    Method,
    PledgeSpec,
    ProofItem,
    RelatedRole,
)
from clerkapp.errors import ValidationError

NOW = datetime(2026, 11, 27, 9, 30)
WIDOW = "330723195809230225"
DECEASED = "330723195504020155"
PLEDGE = ProofItem("P", "夫妻关系证明", "街道", Method.PLEDGE, pledge=PledgeSpec("承诺", "后果"))
SURVIVOR = Matter(
    "rsj.funeral_survivor", "遗属补助", "人社局", ApplicantKind.PERSON, "社会保险法", 0, ("P",),
    related=(RelatedRole("deceased", "已故参保人员"),),
)  # fmt: skip
CHEN = RelatedSubject(DECEASED, "陈建国")


def open_case(matter: Matter = SURVIVOR, related: dict[str, RelatedSubject] | None = None) -> Case:
    return Case.open(
        "C1", matter, [PLEDGE], ApplicantKind.PERSON, WIDOW, "韦秀英", NOW, "tok", "AB12",
        related=related,
    )  # fmt: skip


def test_every_declared_role_is_required_naming_its_label() -> None:
    with pytest.raises(ValidationError) as info:
        open_case()
    assert info.value.user_message == "请填写已故参保人员的公民身份号码"
    with pytest.raises(ValidationError) as info:
        open_case(related={"deceased": RelatedSubject(DECEASED, " ")})
    assert info.value.user_message == "请填写已故参保人员的姓名"


def test_roles_the_matter_does_not_declare_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        open_case(related={"deceased": CHEN, "child": RelatedSubject(WIDOW, "某某")})
    assert "child" in info.value.user_message
    plain = replace(SURVIVOR, related=())
    with pytest.raises(ValidationError):
        open_case(plain, related={"deceased": CHEN})
    assert open_case(plain).related == {}


def test_related_is_kept_round_tripped_and_masked_in_repr_and_events() -> None:
    case = open_case(related={"deceased": CHEN})
    assert case.related == {"deceased": CHEN}
    restored = Case.from_dict(json.loads(json.dumps(case.to_dict(), ensure_ascii=False)))
    assert restored == case and restored.related["deceased"].id_number == DECEASED
    text = repr(case)
    assert DECEASED not in text and "陈建国" not in text
    assert "陈** 330723********0155" in text
    events = json.dumps([e.data for e in case.drain_events()], ensure_ascii=False)
    assert DECEASED not in events and "陈建国" not in events


def test_old_case_dicts_without_related_still_load() -> None:
    case = open_case(replace(SURVIVOR, related=()))
    data = case.to_dict()
    del data["related"]
    assert Case.from_dict(data).related == {}


def test_mask_name() -> None:
    assert mask_name("陈建国") == "陈**"
    assert mask_name("韦") == "韦"
    assert mask_name("") == ""
