"""Issue 9 (any case, any day): the whole-history case search against a real SQLite store —
each key (full ID number and USCC by keyed hash, 文号, 查询码, 办件编号, name, matter), filters,
keyset paging, a malformed ID refused, nothing typed listing the most recent cases."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from clerkapp.app.case_search import search
from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.core.case_query import MalformedSubject, QueryKind
from clerkapp.core.present import PersonPresent, PresentRole
from clerkapp.core.short_code import grouped
from clerkapp.infra.store.case_search import PageKey
from tests.integration.case_fixtures import (
    BUSINESS,
    OTHER_ID,
    PERSON_ID,
    RENTAL,
    START,
    service,
)

TODAY = START.date()


def _find(svc: CaseService, text: str, **filters: object) -> list[str]:
    result = search(svc.store, svc.catalogue, TODAY, text, **filters)  # type: ignore[arg-type]
    return [c.case_id for c in result.cases]


def _business_matter(svc: CaseService) -> str:
    return next(
        m.code for m in svc.catalogue.matters.values() if m.applicant_kind.value != "person"
    )


@pytest.fixture
def svc(tmp_path: Path) -> CaseService:
    clock = SteppingClock(START)
    s = service(tmp_path, clock)
    # Two days of cases: 张三 came on the 27th and comes back on the 29th; 李四 in between.
    s.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    clock.advance(timedelta(days=1))
    s.open_case(RENTAL, "person", OTHER_ID, "李四", "wang")
    handler = PersonPresent(PresentRole.HANDLER, OTHER_ID, "李四", "", True)
    s.open_case(
        _business_matter(s), "business", BUSINESS, "金华示例科技有限公司", "wang", present=handler
    )
    clock.advance(timedelta(days=1))
    s.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    return s


def test_full_id_number_finds_every_case_of_the_person_on_any_day(svc: CaseService) -> None:
    found = _find(svc, PERSON_ID)
    assert found == ["20261129-TRAIN01-0001", "20261127-TRAIN01-0001"]  # newest first
    # Typed with spaces, a lower-case x or full-width digits, it is the same number.
    spaced = " ".join(PERSON_ID[i : i + 6] for i in range(0, 18, 6))
    assert _find(svc, spaced) == found
    result = search(svc.store, svc.catalogue, TODAY, PERSON_ID)
    assert result.kind is QueryKind.SUBJECT
    # The number is searched by its keyed hash: it is not in the query's repr (logs).
    assert PERSON_ID not in repr(result)


def test_credit_code_finds_the_company(svc: CaseService) -> None:
    assert _find(svc, BUSINESS) == ["20261128-TRAIN01-0002"]
    assert _find(svc, BUSINESS.lower()) == ["20261128-TRAIN01-0002"]


def test_short_code_case_number_and_name(svc: CaseService) -> None:
    case = svc.store.cases.load("20261128-TRAIN01-0001")
    # 查询码 as printed (grouped), as typed (lower case, no dashes) and misread (O for 0).
    assert _find(svc, grouped(case.short_code)) == [case.id]
    assert _find(svc, case.short_code.lower()) == [case.id]
    assert _find(svc, case.id.lower()) == [case.id]
    # A name's start, over all dates; the day's prefix of case numbers.
    assert _find(svc, "张") == ["20261129-TRAIN01-0001", "20261127-TRAIN01-0001"]
    assert _find(svc, "李四") == ["20261128-TRAIN01-0001"]
    assert _find(svc, "20261128") == ["20261128-TRAIN01-0002", "20261128-TRAIN01-0001"]
    # A part of a matter's name finds its cases.
    rental_name = svc.catalogue.matters[RENTAL].name
    assert len(_find(svc, rental_name[-4:])) == 3


def test_document_number_finds_its_case_even_once_voided(svc: CaseService) -> None:
    docs = svc.store.documents
    docs.claim_number("金市住建决", 2026, "20261127-TRAIN01-0001", "decision")
    second = docs.claim_number("金市住建决", 2026, "20261128-TRAIN01-0001", "decision")
    assert second == 2
    assert _find(svc, "金市住建决〔2026〕2号") == ["20261128-TRAIN01-0001"]
    # Brackets as typed on a keyboard without 〔〕.
    assert _find(svc, "金市住建决[2026]1号") == ["20261127-TRAIN01-0001"]
    assert _find(svc, "金市住建决〔2026〕9号") == []


def test_malformed_id_is_refused_not_searched_as_a_name(svc: CaseService) -> None:
    wrong_check = PERSON_ID[:17] + ("0" if PERSON_ID[17] != "0" else "1")
    with pytest.raises(MalformedSubject) as info:
        _find(svc, wrong_check)
    message = info.value.user_message
    assert message.startswith("身份证号码校验不通过")
    # The message does not invite changing the last digit (that gives someone else's number).
    assert "应为" not in message and wrong_check not in message
    with pytest.raises(MalformedSubject) as short:
        _find(svc, PERSON_ID[:17])
    assert (
        "身份证号码校验不通过" in short.value.user_message and "还差1位" in short.value.user_message
    )


def test_nothing_typed_lists_the_most_recent_cases_with_filters(svc: CaseService) -> None:
    assert _find(svc, "  ") == [
        "20261129-TRAIN01-0001",
        "20261128-TRAIN01-0002",
        "20261128-TRAIN01-0001",
        "20261127-TRAIN01-0001",
    ]
    day = START.replace(hour=0) + timedelta(days=1)
    assert _find(svc, "", created_from=day, created_to=day + timedelta(days=1)) == [
        "20261128-TRAIN01-0002",
        "20261128-TRAIN01-0001",
    ]
    assert _find(svc, "", states=("approved",)) == []
    assert len(_find(svc, "", states=("open",))) == 4


def test_pages_follow_by_keyset_without_repeats_or_gaps(tmp_path: Path) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    opened = [svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang").id for _ in range(7)]
    seen: list[str] = []
    after: PageKey | None = None
    pages = 0
    while True:
        result = search(svc.store, svc.catalogue, TODAY, PERSON_ID, after=after, limit=3)
        seen += [c.case_id for c in result.cases]
        pages += 1
        if result.next_page is None:
            break
        after = result.next_page
    assert pages == 3 and seen == list(reversed(opened))
