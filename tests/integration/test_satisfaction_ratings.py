"""The applicant's satisfaction rating (好差评): one per case, a second press replaces the first,
every press audited without personal data, and the v3 migration on an older store."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkapp.core.case import Decision
from clerkapp.core.satisfaction import SatisfactionLevel
from clerkapp.errors import ValidationError
from clerkapp.infra.store import Store, migrations
from tests.integration.case_fixtures import PERSON_ID, RENTAL, confirm_identity, service


def test_levels_are_the_five_official_ones() -> None:
    assert [level.label_zh for level in SatisfactionLevel] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert [level.score for level in SatisfactionLevel] == [5, 4, 3, 2, 1]


def test_one_rating_per_case_replaced_by_a_second_press_and_audited(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "李明", "wang")
    with pytest.raises(ValidationError) as info:
        svc.rate_satisfaction(case.id, SatisfactionLevel.SATISFIED, "wang")
    assert "尚未作出决定" in info.value.user_message
    assert svc.rating_of(case.id) is None

    confirm_identity(svc, case.id)
    svc.decide(case.id, Decision.REFUSE, "材料不全", "wang", override_reason="申请人要求")
    first = svc.rate_satisfaction(case.id, SatisfactionLevel.SATISFIED, "wang")
    assert (first.level, first.changes, first.replaced) == ("satisfied", 0, None)
    second = svc.rate_satisfaction(case.id, "very_satisfied", "wang")
    assert (second.level, second.changes, second.replaced) == ("very_satisfied", 1, "satisfied")
    stored = svc.rating_of(case.id)
    assert stored is not None and stored.level == "very_satisfied" and stored.changes == 1
    assert svc.store.ratings.count() == 1

    entries = [e for e in svc.store.audit.entries(case.id) if e.action == "satisfaction_rated"]
    assert [(e.data["level"], e.data["replaced"]) for e in entries] == [
        ("satisfied", None),
        ("very_satisfied", "satisfied"),
    ]
    for entry in entries:
        text = repr(entry)
        assert PERSON_ID not in text and "李明" not in text
    assert svc.store.audit.verify().ok

    with pytest.raises(ValueError):
        svc.rate_satisfaction(case.id, "excellent", "wang")


def test_a_v2_store_gains_the_ratings_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    Store(path, migrate_to=2).close()
    with Store(path) as store:
        assert store.schema_version == migrations.LATEST >= 3
        assert store.ratings.count() == 0
        assert "satisfaction_ratings" in store.db.table_names()
