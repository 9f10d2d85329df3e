"""Idempotency keys of outbox rows are unique across stores: case numbers restart in every store
(a reinstalled workstation, a second counter), and the platform answers a repeated key with the
first answer it stored — so a key made of the case number alone would mix two applicants' cases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.integration.case_fixtures import PERSON_ID, RENTAL, service


def _keys(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT idempotency_key FROM outbox ORDER BY id")]


def test_same_case_number_in_two_stores_gives_different_keys(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    svc_a, svc_b = service(first), service(second)
    case_a = svc_a.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    case_b = svc_b.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    assert case_a.id == case_b.id  # the numbering restarts in every store
    svc_a.begin_lookups(case_a.id, "wang")
    svc_b.begin_lookups(case_b.id, "wang")

    keys_a, keys_b = _keys(first / "store.sqlite3"), _keys(second / "store.sqlite3")
    assert len(keys_a) == len(keys_b) > 1
    assert not set(keys_a) & set(keys_b)
    # stable within a case: each key names its operation and is not repeated
    assert len(set(keys_a)) == len(keys_a)
    assert all(case_a.id in key for key in keys_a)
    assert case_a.tracking_token not in "".join(keys_a)  # the progress token is not revealed
