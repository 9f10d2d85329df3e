"""A delivered outbox row keeps no personal data (issue 11): scrubbed in the transaction that
marks it sent, rows delivered by an older version scrubbed by migration 5, open and stuck rows
left whole (they still have to be sent)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from clerkapp.infra.store import Store
from clerkapp.infra.store.outbox_scrub import hashed, scrub
from tests.integration.case_fixtures import OTHER_ID, PERSON_ID

NOW = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
LOOKUP = {
    "item": "vehicle.ownership",
    "subject": {"id_number": PERSON_ID},
    "fields": ["vehicle_count", "plates"],
    "proof_code": "zjj.public_rental.vehicle",
    "official": "wangxiao",
    "purpose": "matter:zjj.public_rental",
}
ANSWER = {
    "item": "vehicle.ownership",
    "found": True,
    "record": {"vehicle_count": 1, "plates": ["浙G·3A123"], "owner": "王芳"},
    "provenance": {"registry": "公安车辆登记", "as_of": "2026-11-26", "receipt_id": "RC1"},
}


def test_marking_a_row_sent_scrubs_it_in_the_same_transaction(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    row = store.outbox.enqueue("lookup", "C-1", LOOKUP, "lookup:C-1:v:1", now=NOW)
    stuck = store.outbox.enqueue("credit_report", "C-1", {
        "subject": {"id_number": OTHER_ID}, "proof_code": "p", "reason": "承诺不实：王芳"
    }, "credit:C-1", now=NOW)  # fmt: skip
    store.outbox.mark_needs_person(stuck.id, "403")
    assert store.outbox.get(row.id).payload == LOOKUP  # type: ignore[union-attr]  # still to send
    try:
        with store.atomic():
            store.outbox.mark_sent(row.id, ANSWER, now=NOW)
            raise RuntimeError("the case change failed")
    except RuntimeError:
        pass
    assert store.outbox.get(row.id).payload == LOOKUP  # type: ignore[union-attr]  # all or nothing
    store.outbox.mark_sent(row.id, ANSWER, now=NOW)
    sent = store.outbox.get(row.id)
    assert sent is not None and sent.state == "sent"
    salt = store.subject_salt()
    assert sent.payload == {**LOOKUP, "subject": hashed({"id_number": PERSON_ID}, salt)}
    assert sent.answer == {**ANSWER, "record": hashed(ANSWER["record"], salt)}
    assert sent.idempotency_key == "lookup:C-1:v:1"  # the same key still finds the row
    assert store.outbox.by_key("lookup:C-1:v:1") == sent
    # a row a person must look at keeps what it needs to be sent again
    assert store.outbox.get(stuck.id).payload["subject"] == {"id_number": OTHER_ID}  # type: ignore[union-attr]
    store.close()


def test_a_kind_nobody_listed_is_scrubbed_of_id_numbers_too() -> None:
    salt = b"s" * 32
    payload = {
        "head": "ab" * 32,
        "items": [{"who": f"申请人 {PERSON_ID} 的"}, {"ids": [OTHER_ID]}],
        "note": "自由文本",
    }
    cleaned = scrub(payload, salt)
    text = json.dumps(cleaned, ensure_ascii=False)
    assert PERSON_ID not in text and OTHER_ID not in text and "自由文本" not in text
    assert cleaned["head"] == "ab" * 32  # what is not personal stays as it was
    assert cleaned["items"][0]["who"].startswith("申请人 hmac:")
    assert scrub(cleaned, salt) == cleaned  # a second pass changes nothing


def test_migration_5_scrubs_rows_delivered_before(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Store(path, migrate_to=4)
    with old.atomic():
        old.conn.execute(
            "INSERT INTO outbox(kind, case_id, payload, idempotency_key, state, attempts,"
            " answer, created_at, sent_at) VALUES"
            " ('lookup', 'C-1', ?, 'k1', 'sent', 1, ?, '2026-01-01', '2026-01-01'),"
            " ('lookup', 'C-2', ?, 'k2', 'open', 0, NULL, '2026-01-01', NULL)",
            (json.dumps(LOOKUP), json.dumps(ANSWER), json.dumps(LOOKUP)),
        )
    old.close()
    store = Store(path)
    assert store.schema_version >= 5
    delivered, waiting = store.outbox.by_key("k1"), store.outbox.by_key("k2")
    assert delivered is not None and waiting is not None
    salt = store.subject_salt()  # the salt the migration made is the store's from then on
    assert delivered.payload["subject"] == hashed({"id_number": PERSON_ID}, salt)
    assert delivered.payload["proof_code"] == LOOKUP["proof_code"]
    assert delivered.answer is not None and delivered.answer["record"] == hashed(
        ANSWER["record"], salt
    )
    assert waiting.payload == LOOKUP
    store.close()
