"""The related person (关系人) on printed documents: the survivor allowance's decision names the
deceased insured person masked; the pledge letter, whose statements are about them, in full."""

from __future__ import annotations

from pathlib import Path

from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.store import Store
from tests.integration.documents_cases import (
    DECEASED,
    approved_case,
    catalogue,
    data_for,
    pdf_text,
    survivor_case_with_pledges,
)


def test_survivor_decision_names_the_deceased_masked_and_the_pledge_in_full(
    tmp_path: Path,
) -> None:
    cat = catalogue()
    store = Store(tmp_path / "store.sqlite3")
    case, records = survivor_case_with_pledges(cat, store)

    data = data_for(case, DocumentKind.DECISION, seq=7)
    assert data.related == (("已故参保人员", "陈** 330723********0155"),)
    decision = pdf_text(build_pdf(data))
    assert "已故参保人员：陈**330723********0155" in decision
    assert DECEASED.id_number not in decision and DECEASED.name not in decision
    letter = data_for(case, DocumentKind.PLEDGE, seq=7, pledges=store.pledges.for_case(case.id))
    pledge = pdf_text(build_pdf(letter))
    assert f"已故参保人员：{DECEASED.name}{DECEASED.id_number}" in pledge
    assert len(records) == 2


def test_a_matter_without_related_persons_prints_none() -> None:
    cat = catalogue()
    case = approved_case(cat)
    data = data_for(case, DocumentKind.DECISION)
    assert data.related == ()
    assert "已故" not in pdf_text(build_pdf(data))
