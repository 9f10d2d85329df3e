"""Personal data leaves an outbox row once it is delivered (docs/security.md "Retention").

While a row waits, its payload must carry what the platform needs (the subject's ID number, a
pledge's reason…). Once it is ``sent`` — delivered, answered, or withdrawn — nothing reads those
values again: the answer is already applied to the case in the same transaction. So
:func:`scrub` replaces every personal value of the payload and of the stored answer by a keyed
hash (HMAC-SHA-256 under the store's secret salt, so the hash of an ID number cannot be found by
trying the ~10⁹ possible numbers) and keeps what the rest of the application still reads: the
kind, the idempotency key, ``proof_code`` (numbering of later look-ups, the identity question),
the verification ``ticket``, the progress ``token``/``status``/``label``, ``official`` and
``purpose``, the answer's provenance (registry, data as of, receipt) and its verdict fields.
Anything else shaped like a resident ID number, at any depth, is hashed too — so a kind added
later is scrubbed even if nobody remembered to list its fields here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
from typing import Any

from clerkapp.infra.store.audit import ID_NUMBER_SHAPE

#: Keys whose values are personal wherever they appear (payload or answer, at any depth).
PERSONAL_KEYS = frozenset(
    {
        "subject",  # {"id_number": …} / {"uscc": …}: whom a look-up or verification is about
        "record",  # a registry's record (names, household members, vehicles, amounts…)
        "entry",  # a dishonesty-list entry
        "reason",  # a false pledge report's free text
        "note",  # a department's free-text answer
        "name",
        "registered_name",
        "id_number",
        "uscc",
        "applicant_name",
        "phone",  # an SMS notice's mobile number (issue 9)
        "text",  # an SMS notice's text (the masked surname, the 查询码)
        "pdf",  # an uploaded decision (issue 9)
    }
)


def keyed_hash(value: Any, salt: bytes) -> str:
    """HMAC-SHA-256 (hex, 32 characters) of ``value``'s canonical JSON under ``salt``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(salt, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def hashed(value: Any, salt: bytes) -> dict[str, str]:
    """What a personal ``value`` becomes in a delivered row: ``{"hmac": …}``."""
    return {"hmac": keyed_hash(value, salt)}


def _scrub(value: Any, salt: bytes) -> Any:
    if isinstance(value, dict):
        return {
            k: hashed(v, salt)
            if k in PERSONAL_KEYS and v is not None and not _is_hash(v)
            else _scrub(v, salt)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_scrub(v, salt) for v in value]
    if isinstance(value, str) and ID_NUMBER_SHAPE.search(value):
        return ID_NUMBER_SHAPE.sub(lambda m: "hmac:" + keyed_hash(m.group(0), salt), value)
    return value


def _is_hash(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"hmac"}


def scrub(payload: dict[str, Any], salt: bytes) -> dict[str, Any]:
    """``payload`` (or a stored answer) with its personal values replaced by keyed hashes
    (``{"hmac": …}``); scrubbing a scrubbed payload again changes nothing."""
    cleaned: dict[str, Any] = _scrub(payload, salt)
    return cleaned


#: Text that may hold something :func:`scrub` changes: a personal key, or a run of 17 digits (an
#: ID number's first 17). Text without either is kept as it is, unparsed — most rows the sync
#: worker closes (progress registrations and events) have nothing personal.
_MAY_BE_PERSONAL = re.compile(
    "|".join(f'"{re.escape(k)}"' for k in sorted(PERSONAL_KEYS)) + r"|\d{17}"
)


def scrub_text(text: str, salt: bytes) -> str | None:
    """The stored JSON ``text`` of a payload or answer, scrubbed; None when nothing in it needs
    it (keep the text as it is)."""
    if not _MAY_BE_PERSONAL.search(text):
        return None
    value = json.loads(text)
    if not isinstance(value, dict):
        return None
    cleaned = _text(scrub(value, salt))
    return None if cleaned == text else cleaned


def scrub_answer(answer: dict[str, Any] | None, salt: bytes) -> dict[str, Any] | None:
    """A delivered row's stored answer, scrubbed like its payload (None stays None)."""
    return None if answer is None else scrub(answer, salt)


def scrub_delivered(conn: sqlite3.Connection, salt: bytes) -> int:
    """Scrub every ``sent`` row (rows delivered by an older version), in the caller's
    transaction; the number of rows changed."""
    rows = conn.execute("SELECT id, payload, answer FROM outbox WHERE state = 'sent'").fetchall()
    updates = []
    for row_id, payload, answer in rows:
        cleaned = scrub_text(payload, salt)
        kept = None if answer is None else scrub_text(answer, salt)
        if cleaned is not None or kept is not None:
            updates.append((cleaned or payload, kept or answer, row_id))
    conn.executemany("UPDATE outbox SET payload = ?, answer = ? WHERE id = ?", updates)
    return len(updates)


def _text(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
