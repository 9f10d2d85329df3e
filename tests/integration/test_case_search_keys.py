"""Issue 13 (find a case in 1M cases): the search's key rows — a name's starts and the shown
number's last four — written with every case, following a renamed applicant, filled by
migration 9 for cases stored before it, and the last four of an ID number found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from clerkapp.app.case_search import search
from clerkapp.app.case_service import CaseService
from clerkapp.core.present import PersonPresent, PresentRole
from clerkapp.infra.store import Store
from clerkapp.infra.store.case_keys import case_keys
from clerkapp.infra.store.migrations import LATEST
from tests.integration.case_fixtures import BUSINESS, OTHER_ID, PERSON_ID, RENTAL, START, service

TODAY = START.date()


def _find(svc: CaseService, text: str) -> list[str]:
    return [c.case_id for c in search(svc.store, svc.catalogue, TODAY, text).cases]


def _keys(store: Store, case_id: str) -> set[str]:
    rows = store.conn.execute("SELECT key FROM case_search_keys WHERE case_id = ?", (case_id,))
    return {str(r[0]) for r in rows}


def test_the_keys_of_a_case_hold_nothing_a_list_does_not_show() -> None:
    assert case_keys("欧阳建国先生", "330702********1234") == [
        "n:欧",
        "n:欧阳",
        "n:欧阳建",
        "n:欧阳建国",
        "t:1234",
    ]
    # The full number is never a key (only its hash is searchable); a masked tail is none.
    keys = case_keys("张三", PERSON_ID)
    assert not any(PERSON_ID[:-4] in k for k in keys)
    assert case_keys("李", "****") == ["n:李"]


def test_last_four_digits_and_names_find_cases_newest_first(tmp_path: Path) -> None:
    svc = service(tmp_path)
    first = svc.open_case(RENTAL, "person", PERSON_ID, "张三丰", "wang").id
    other = svc.open_case(RENTAL, "person", OTHER_ID, "张无忌", "wang").id
    again = svc.open_case(RENTAL, "person", PERSON_ID, "张三丰", "wang").id
    assert _find(svc, PERSON_ID[-4:]) == [again, first]
    assert _find(svc, OTHER_ID[-4:].lower()) == [other]
    assert _find(svc, "张") == [again, other, first]
    assert _find(svc, "张三丰") == [again, first]
    # Longer than the keys: found by its first characters, checked against the whole name.
    company = svc.open_case(
        next(m.code for m in svc.catalogue.matters.values() if m.applicant_kind.value != "person"),
        "business",
        BUSINESS,
        "金华示例科技有限公司",
        "wang",
        present=PersonPresent(PresentRole.HANDLER, OTHER_ID, "李四", "", True),  # its 经办人
    ).id
    assert _find(svc, "金华示例科技") == [company]
    assert _find(svc, "金华示例农业") == []
    assert _find(svc, BUSINESS[-4:]) == [company]


def test_a_renamed_applicant_is_found_by_the_new_name_only(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case_id = svc.open_case(RENTAL, "person", PERSON_ID, "王小明", "wang").id
    with svc.store.atomic():
        svc.store.cases.rename_applicant(case_id, "黄晓明")
    assert _find(svc, "王小") == []
    assert _find(svc, "黄晓") == [case_id]
    assert _keys(svc.store, case_id) == {"n:黄", "n:黄晓", "n:黄晓明", f"t:{PERSON_ID[-4:]}"}


def test_migration_9_fills_the_keys_of_cases_stored_before(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case_id = svc.open_case(RENTAL, "person", PERSON_ID, "李四", "wang").id
    path = svc.store.path
    svc.store.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE case_search_keys")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == LATEST
        assert _keys(store, case_id) == {"n:李", "n:李四", f"t:{PERSON_ID[-4:]}"}
