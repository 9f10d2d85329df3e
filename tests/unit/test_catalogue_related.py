"""Related persons (关系人) in the catalogue: matters declare roles, look-ups and verifications
name whose record they concern, and every inconsistency is reported with its location."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from clerkapp.core.catalogue import APPLICANT, RelatedRole
from clerkapp.core.catalogue_parse import Problem, parse_catalogue

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
SCHEMA = json.loads((RESOURCES / "schema.json").read_text(encoding="utf-8"))
CANONICAL = json.loads((RESOURCES / "canonical.json").read_text(encoding="utf-8"))
SURVIVOR = "rsj.funeral_survivor"
DEATH = "rsj.funeral_survivor.death"


def data() -> dict[str, Any]:
    return copy.deepcopy(CANONICAL)


def matter(d: dict[str, Any], code: str) -> dict[str, Any]:
    return next(m for m in d["matters"] if m["code"] == code)


def proof_loc(d: dict[str, Any], code: str) -> str:
    return f"proofs[{next(i for i, p in enumerate(d['proofs']) if p['code'] == code)}]"


def problems(d: dict[str, Any], *, schema: bool) -> list[Problem]:
    result = parse_catalogue(d, schema=SCHEMA if schema else None)
    assert result.catalogue is None and not result.ok
    return result.problems


def test_canonical_survivor_and_inheritance_look_up_the_deceased() -> None:
    result = parse_catalogue(data(), schema=SCHEMA)
    assert result.problems == []
    cat = result.catalogue
    assert cat is not None
    survivor = cat.matters[SURVIVOR]
    assert survivor.related == (RelatedRole("deceased", "已故参保人员"),)
    death = cat.proofs[DEATH]
    assert death.query is not None and death.query.subject == "deceased"
    assert death.verify is not None and death.verify.subject == "deceased"
    # the pledges stay the applicant's own
    assert cat.proofs["rsj.funeral_survivor.marriage"].pledge is not None
    heir = cat.matters["zrzyj.inheritance_transfer"]
    assert heir.related_role("deceased") == RelatedRole("deceased", "被继承人")
    marriage = cat.proofs["zrzyj.inheritance_transfer.marriage"].query
    assert marriage is not None and marriage.subject == "deceased"
    kinship = cat.proofs["zrzyj.inheritance_transfer.kinship"].query
    assert kinship is not None and kinship.subject == APPLICANT
    # birth registration asks about the parent who applies; the newborn has no ID number yet
    birth = cat.matters["gaj.birth_registration"]
    assert birth.related == ()
    rental = cat.matters["zjj.public_rental"]
    assert rental.related == () and rental.related_role("deceased") is None


@pytest.mark.parametrize("schema", [True, False])
def test_subject_not_declared_by_the_matter_is_a_problem(schema: bool) -> None:
    d = data()
    del matter(d, SURVIVOR)["related"]
    found = problems(d, schema=schema)
    loc = proof_loc(d, DEATH)
    hits = [p for p in found if p.field == "subject"]
    assert {p.location for p in hits} == {f"{loc}.query", f"{loc}.verify"}
    assert all("'deceased'" in p.message and SURVIVOR in p.message for p in hits)


def test_every_matter_listing_the_proof_must_declare_the_role() -> None:
    d = data()
    # the public rental matter borrows the death proof but declares no deceased person
    matter(d, "zjj.public_rental")["proofs"].append(DEATH)
    found = problems(d, schema=True)
    assert [p for p in found if p.field == "subject"]
    assert all("zjj.public_rental" in p.message for p in found)


def test_unknown_role_name_in_subject() -> None:
    d = data()
    d["proofs"][int(proof_loc(d, DEATH)[7:-1])]["query"]["subject"] = "spouse"
    found = problems(d, schema=False)
    assert [(p.location, p.field) for p in found] == [(f"{proof_loc(d, DEATH)}.query", "subject")]
    assert "'spouse'" in found[0].message


@pytest.mark.parametrize("schema", [True, False])
def test_bad_related_declarations(schema: bool) -> None:
    d = data()
    survivor = matter(d, SURVIVOR)
    survivor["related"] = [
        {"role": "deceased", "label": "已故参保人员"},
        {"role": "deceased", "label": "重复"},
        {"role": "applicant", "label": "申请人"},
        {"role": "Bad Role", "label": "x"},
        {"role": "child"},
    ]
    found = problems(d, schema=schema)
    m = f"matters[{d['matters'].index(survivor)}]"
    locs = {(p.location, p.field) for p in found}
    assert (f"{m}.related[1]", "role") in locs
    assert (f"{m}.related[3]", "role") in locs
    assert any(p.location == f"{m}.related[4]" for p in found)
    if not schema:
        messages = {p.location: p.message for p in found}
        assert "重复" in messages[f"{m}.related[1]"]
        assert "申请人本人" in messages[f"{m}.related[2]"]


def test_a_business_register_item_cannot_be_about_a_related_person() -> None:
    d = data()
    matter(d, "rsj.flexible_hours")["related"] = [{"role": "deceased", "label": "某人"}]
    idx = int(proof_loc(d, "rsj.flexible_hours.licence")[7:-1])
    d["proofs"][idx]["query"]["subject"] = "deceased"
    found = problems(d, schema=True)
    assert [(p.location, p.field) for p in found] == [(f"proofs[{idx}].query", "subject")]
    assert "统一社会信用代码" in found[0].message
