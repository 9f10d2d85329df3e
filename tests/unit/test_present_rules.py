"""Who must be present and with what (issue 9): a company's case names its 法定代表人 or 经办人;
a matter whose catalogue entry says ``power_of_attorney: always`` demands a 授权委托书 of
anyone present, even a 监护人 or a 法定代表人 — validated by the catalogue loader, a broken
value said clearly with its location."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from clerkapp.core.catalogue import ApplicantKind, AttorneyRule
from clerkapp.core.catalogue_parse import parse_catalogue
from clerkapp.core.present import PersonPresent, PresentRole, check_present, require_present
from clerkapp.errors import ValidationError
from clerkapp.infra.catalogue_io import CatalogueFileError, read_catalogue
from clerkapp.sandbox import demo

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
CANONICAL = json.loads((RESOURCES / "canonical.json").read_text(encoding="utf-8"))
GUARDIAN = PersonPresent(PresentRole.GUARDIAN, demo.LI_MING, "李明", "子女")
LEGAL_REP = PersonPresent(PresentRole.LEGAL_REP, demo.SUN_LI, "孙丽")


def test_a_company_needs_someone_at_the_counter() -> None:
    with pytest.raises(ValidationError) as info:
        require_present(ApplicantKind.BUSINESS, None)
    assert info.value.user_message == (
        "企业申请须登记到场办理人：法定代表人本人到场的选择“法定代表人”并核对营业执照；"
        "他人到场的选择“经办人”，并收取加盖企业公章的授权委托书"
    )
    require_present(ApplicantKind.BUSINESS, LEGAL_REP)
    require_present(ApplicantKind.PERSON, None)  # a person may come in person


def test_a_demanded_power_of_attorney_binds_every_role() -> None:
    check_present(ApplicantKind.PERSON, GUARDIAN)  # by role: a guardian acts by law
    with pytest.raises(ValidationError) as info:
        check_present(ApplicantKind.PERSON, GUARDIAN, attorney_demanded=True)
    assert info.value.user_message.startswith("本事项凡申请人本人以外的人员到场办理，均须持")
    assert "（监护人也不例外）" in info.value.user_message
    with pytest.raises(ValidationError):
        check_present(ApplicantKind.BUSINESS, LEGAL_REP, attorney_demanded=True)
    held = PersonPresent(PresentRole.GUARDIAN, demo.LI_MING, "李明", "子女", True)
    check_present(ApplicantKind.PERSON, held, attorney_demanded=True)
    assert held.ground() == "监护关系：子女，持授权委托书"
    assert GUARDIAN.ground() == "监护关系：子女"  # unchanged where none was demanded


def test_the_bundled_catalogue_marks_a_few_matters() -> None:
    catalogue = read_catalogue(RESOURCES / "canonical.json")
    always = sorted(c for c, m in catalogue.matters.items() if m.demands_power_of_attorney)
    assert always == ["gjj.rent_withdrawal", "rsj.retirement", "zrzyj.inheritance_transfer"]
    rental = catalogue.matters["zjj.public_rental"]
    assert rental.power_of_attorney is AttorneyRule.BY_ROLE  # absent: by role
    assert not rental.demands_power_of_attorney
    bundled = read_catalogue(RESOURCES / "jinhua.json", full=False)
    assert bundled.matters["rsj.retirement"].demands_power_of_attorney


@pytest.mark.parametrize("value", ["sometimes", True, 1])
def test_a_broken_value_is_said_with_its_place(tmp_path: Path, value: object) -> None:
    data = copy.deepcopy(CANONICAL)
    index = next(i for i, m in enumerate(data["matters"]) if m["code"] == "zjj.public_rental")
    data["matters"][index]["power_of_attorney"] = value
    found = parse_catalogue(data).problems  # the code pass alone (an installed file)
    assert [(p.location, p.field) for p in found] == [(f"matters[{index}]", "power_of_attorney")]
    assert found[0].message == (
        f"授权委托书要求取值无效：{value!r}，应为 by_role（按办理人身份：代办人、经办人须持）"
        "或 always（申请人本人以外的任何人到场办理，一律须持授权委托书）"
    )
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogueFileError) as info:
        read_catalogue(path)  # the loader, with the schema pass
    message = info.value.user_message
    assert f"matters[{index}]: power_of_attorney:" in message
    assert "by_role" in message and "always" in message
