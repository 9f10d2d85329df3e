"""The catalogue's paper fallback (``paper_fallback``): its default, explicit values, and the
error on a dropped proof."""

from __future__ import annotations

from clerkapp.core.catalogue_parse import parse_catalogue
from tests.unit.test_catalogue_parse import SCHEMA, data, problems, proof_index, where


def test_paper_defaults_to_the_pledgeable_items() -> None:
    result = parse_catalogue(data(), schema=SCHEMA)
    assert result.catalogue is not None
    proofs = result.catalogue.proofs
    assert proofs["rsj.funeral_survivor.marriage"].paper_fallback  # pledge: paper by default
    assert proofs["zjj.enterprise_qualification.safety"].paper_fallback  # pledge as fallback
    assert not proofs["zjj.public_rental.vehicle"].paper_fallback  # data query: no paper
    assert not proofs["rsj.funeral_survivor.hukou_copy"].paper_fallback  # dropped: never


def test_paper_can_be_set_explicitly() -> None:
    d = data()
    d["proofs"][proof_index(d, "zjj.public_rental.vehicle")]["paper_fallback"] = True
    d["proofs"][proof_index(d, "rsj.funeral_survivor.marriage")]["paper_fallback"] = False
    result = parse_catalogue(d, schema=SCHEMA)
    assert result.catalogue is not None
    assert result.catalogue.proofs["zjj.public_rental.vehicle"].paper_fallback
    assert not result.catalogue.proofs["rsj.funeral_survivor.marriage"].paper_fallback


def test_paper_on_a_dropped_proof_or_of_the_wrong_type_is_an_error() -> None:
    d = data()
    i = proof_index(d, "rsj.funeral_survivor.hukou_copy")
    d["proofs"][i]["paper_fallback"] = True
    found = problems(d, schema=False)
    assert (f"proofs[{i}]", "paper_fallback") in where(found)
    assert any("直接取消" in p.message for p in found)
    d["proofs"][i]["paper_fallback"] = "yes"
    assert any(p.field == "paper_fallback" for p in problems(d))
