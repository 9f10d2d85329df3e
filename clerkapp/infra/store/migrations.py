"""Schema migrations: an ordered list of functions, the applied version kept in
``PRAGMA user_version``. Each migration runs in its own transaction together with the version
bump, so a failed migration leaves the previous schema and data untouched.

Add a migration by appending a function to :data:`MIGRATIONS`; never edit a released one.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlite_utils

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def short_code_from(data: bytes) -> str:
    """An 8-character Crockford base32 code from the first 40 bits of ``data``."""
    number = int.from_bytes(data[:5], "big")
    return "".join(CROCKFORD[(number >> shift) & 31] for shift in range(35, -1, -5))


def _v1_initial(db: sqlite_utils.Database) -> None:
    """First release: clerks, cases with their proof resolutions, outbox, audit."""
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("clerks").create(
        {
            "username": str,
            "display_name": str,
            "role": str,  # clerk / supervisor
            "password_hash": str,  # KDF output from clerkapp.app.auth, never the password
            "failed_attempts": int,
            "locked_until": str,
            "last_login_at": str,
            "active": int,
            "created_at": str,
        },
        pk="username",
        not_null={"display_name", "role", "password_hash", "created_at"},
        defaults={"failed_attempts": 0, "active": 1},
    )
    db.table("cases").create(
        {
            "id": str,
            "matter_code": str,
            "matter_name": str,
            "applicant_kind": str,
            "applicant_id": str,  # full number: the case file and the look-ups need it
            "applicant_id_hash": str,  # salted HMAC, for search by full number
            "applicant_id_masked": str,  # for lists and anything shown in passing
            "applicant_name": str,
            "state": str,
            "json": str,  # Case.to_dict()
            "clerk": str,
            "workstation": str,
            "created_at": str,
            "updated_at": str,
            "decided_at": str,
            "tracking_token": str,
        },
        pk="id",
        not_null={"matter_code", "applicant_kind", "applicant_id", "state", "json", "created_at"},
    )
    db.table("cases").create_index(["created_at"])
    db.table("cases").create_index(["state"])
    db.table("cases").create_index(["applicant_id_hash"])
    db.table("cases").create_index(["tracking_token"], unique=True)
    db.table("proof_resolutions").create(
        {
            "case_id": str,
            "code": str,
            "method": str,
            "state": str,
            "evidence": str,  # JSON or null
            "error": str,
            "ticket": str,
            "updated_at": str,
        },
        pk=("case_id", "code"),
        foreign_keys=[("case_id", "cases", "id")],
    )
    db.table("proof_resolutions").create_index(["ticket"])
    db.table("outbox").create(
        {
            "id": int,
            "kind": str,
            "case_id": str,
            "payload": str,
            "idempotency_key": str,
            "state": str,  # open / sent / needs_person
            "attempts": int,
            "next_attempt_at": str,
            "last_error": str,
            "answer": str,
            "created_at": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"kind", "payload", "idempotency_key", "state", "created_at"},
        defaults={"attempts": 0, "state": "open"},
    )
    db.table("outbox").create_index(["idempotency_key"], unique=True)
    db.table("outbox").create_index(["state", "next_attempt_at"])
    db.table("outbox").create_index(["case_id"])
    db.table("audit").create(
        {
            "seq": int,
            "at": str,
            "actor": str,
            "workstation": str,
            "case_id": str,
            "action": str,
            "data": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"at", "action", "data", "prev_hash", "hash"},
    )
    db.table("audit").create_index(["case_id"])


def _v2_printing(db: sqlite_utils.Database) -> None:
    """Printing and pledges: short codes on cases, pledges with signatures, archived documents,
    gapless document numbers, clerks' counter assignment."""
    db.table("clerks").add_column("office", str)
    db.table("clerks").add_column("window", str)
    db.table("cases").add_column("short_code", str)
    # Cases from v1 already have a tracking token (their receipts may be printed); derive the
    # short code from it so it is stable and needs no randomness here.
    for row in list(db.query("SELECT id, tracking_token FROM cases")):
        code = short_code_from(hashlib.sha256(row["tracking_token"].encode()).digest())
        db.execute("UPDATE cases SET short_code = ? WHERE id = ?", [code, row["id"]])
    db.table("cases").create_index(["short_code"], unique=True)
    db.table("pledges").create(
        {
            "id": int,
            "case_id": str,
            "proof_code": str,
            "pledge_text": str,
            "consequences": str,
            "text_sha256": str,
            "signed_at": str,
            "strokes": str,  # JSON list of strokes of points
            "signature_png": bytes,
            "png_sha256": str,
            "signature_sha256": str,
            "clerk": str,
        },
        pk="id",
        not_null={"case_id", "proof_code", "pledge_text", "text_sha256", "signed_at"},
        foreign_keys=[("case_id", "cases", "id")],
    )
    db.table("pledges").create_index(["case_id", "proof_code"])
    db.table("documents").create(
        {
            "id": int,
            "case_id": str,
            "kind": str,
            "number": str,
            "path": str,
            "sha256": str,
            "provisional": int,
            "copy_no": int,
            "printed_at": str,
            "printed_by": str,
        },
        pk="id",
        not_null={"case_id", "kind", "path", "sha256", "copy_no", "printed_at"},
        foreign_keys=[("case_id", "cases", "id")],
    )
    db.table("documents").create_index(["case_id", "kind", "copy_no"], unique=True)
    db.table("document_numbers").create(
        {"office": str, "year": int, "last": int}, pk=("office", "year"), not_null={"last"}
    )
    # A number handed out is bound to its case and document kind, so asking again (a failed
    # build, a reprint) gets the same number and the series never has gaps.
    db.table("document_number_claims").create(
        {"office": str, "year": int, "number": int, "case_id": str, "kind": str},
        pk=("office", "year", "number"),
        foreign_keys=[("case_id", "cases", "id")],
    )
    db.table("document_number_claims").create_index(
        ["case_id", "kind", "office", "year"], unique=True
    )


def _v3_satisfaction(db: sqlite_utils.Database) -> None:
    """The applicant's satisfaction rating (好差评) of a case: one row per case, the latest
    press of the applicant screen; earlier presses are in the audit trail only."""
    db.table("satisfaction_ratings").create(
        {
            "case_id": str,
            "level": str,  # clerkapp.core.satisfaction.SatisfactionLevel value
            "rated_at": str,
            "changes": int,  # presses after the first (each one replaced the rating)
            "clerk": str,  # who served the applicant (username), not the applicant
        },
        pk="case_id",
        not_null={"level", "rated_at", "changes"},
        defaults={"changes": 0},
        foreign_keys=[("case_id", "cases", "id")],
    )


def _v4_register_and_approvals(db: sqlite_utils.Database) -> None:
    """Issue 8 (作废 / 更正, originals and copies): the number register keeps every number's
    fate (issued, voided or superseded, by whom, approved by whom, why) — a retired number stays,
    so the series is gap-free and explainable, and the case's next document of that kind claims
    a new one; the print log tells the archive copy (copy_no 0, kept on issue, never a print)
    from the papers printed (copy_no 1 the original, ≥ 2 a 副本) per document number; the
    supervisor's approval queue of voids and corrections."""
    claims = db.table("document_number_claims")
    claims.add_column("issued_at", str)  # first output (print or save): the number is issued
    claims.add_column("issued_by", str)
    claims.add_column("state", str)  # null: current; voided / superseded: retired
    claims.add_column("retired_at", str)
    claims.add_column("retired_by", str)  # the clerk who asked
    claims.add_column("approved_by", str)  # the supervisor who approved
    claims.add_column("retire_reason", str)
    claims.add_column("replaces", str)  # the number this one corrects (更正), formatted
    claims.add_column("replaced_by", str)  # the number that corrects this one, formatted
    db.execute("DROP INDEX IF EXISTS idx_document_number_claims_case_id_kind_office_year")
    # One current (not retired) number per case, kind and series; retired ones stay.
    db.execute(
        "CREATE UNIQUE INDEX idx_document_number_claims_current"
        " ON document_number_claims(case_id, kind, office, year) WHERE state IS NULL"
    )
    db.execute("DROP INDEX IF EXISTS idx_documents_case_id_kind_copy_no")
    db.execute(
        "CREATE UNIQUE INDEX idx_documents_number_copy ON documents(case_id, kind, number, copy_no)"
    )
    db.table("approval_requests").create(
        {
            "id": int,
            "case_id": str,
            "document_number": str,
            "kind": str,  # the document's kind (decision, refusal, …)
            "action": str,  # void / correct
            "reason": str,
            "changes": str,  # JSON: the corrected fields (correct only)
            "requested_by": str,
            "requested_at": str,
            "state": str,  # pending / approved / sent_back
            "decided_by": str,
            "decided_at": str,
            "decision_reason": str,
        },
        pk="id",
        not_null={"case_id", "document_number", "kind", "action", "reason", "requested_by"},
        defaults={"state": "pending"},
        foreign_keys=[("case_id", "cases", "id")],
    )
    db.table("approval_requests").create_index(["state", "requested_at"])
    db.table("approval_requests").create_index(["case_id"])


def _v5_retention(db: sqlite_utils.Database) -> None:
    """Issue 11 (keep only what is needed): rows delivered before personal data left delivered
    outbox rows are scrubbed now (:mod:`clerkapp.infra.store.outbox_scrub`, under the store's
    ID hashing salt, created here if the store has none yet and has rows to scrub); closed cases
    are found by their decision time for the answer retention (:mod:`clerkapp.app.retention`)."""
    from clerkapp.infra.store.outbox_scrub import scrub_delivered

    delivered = db.execute("SELECT 1 FROM outbox WHERE state = 'sent' LIMIT 1").fetchone()
    if delivered is not None:
        row = db.execute("SELECT value FROM meta WHERE key = 'subject_salt'").fetchone()
        if row is None:
            salt = secrets.token_hex(32)
            db.execute("INSERT INTO meta(key, value) VALUES ('subject_salt', ?)", (salt,))
        else:
            salt = str(row[0])
        scrub_delivered(db.conn, bytes.fromhex(salt))
    db.execute("CREATE INDEX IF NOT EXISTS idx_cases_decided_at ON cases(decided_at)")


def _v6_keyed_audit(db: sqlite_utils.Database) -> None:
    """Issue 11 (a trail nobody can rewrite quietly): from the next entry on, the audit chain is
    keyed (HMAC-SHA256 under the workstation's audit key, kept in the secret vault); the entries
    already written stay plain SHA-256 and verify as what they are — the ``audit_chain`` marker in
    ``meta`` says where the keyed part starts, under which key and in which chain (its own HMAC
    binds them). ``audit_anchors`` keeps the chain heads the platform confirmed at each sync."""
    from clerkapp.infra.store.audit_chain import start_keyed_chain

    db.table("audit_anchors").create(
        {
            "id": int,
            "chain": str,  # the chain id of the marker
            "count": int,  # entries in the chain when anchored
            "head": str,  # hash of entry ``count``
            "at": str,  # when the anchor was taken (UTC)
            "workstation": str,
            "confirmed_at": str,  # when the platform confirmed it
        },
        pk="id",
        not_null={"chain", "count", "head", "at", "workstation", "confirmed_at"},
    )
    db.table("audit_anchors").create_index(["chain", "count"])
    start_keyed_chain(db.conn)


def _v7_outbox_target(db: sqlite_utils.Database) -> None:
    """Issue 10 (training and production never mix): every outbox row names the platform it
    was queued for (``training`` or the platform's address, see
    :func:`clerkapp.infra.store.outbox.platform_target`); a row is sent only to that platform.
    Rows written before have none (NULL) until the application settles them at its first start
    (``clerkapp.app.training_store``). Written to apply in any order among other migrations."""
    if "target" not in db.table("outbox").columns_dict:
        db.table("outbox").add_column("target", str)


def _v8_case_search(db: sqlite_utils.Database) -> None:
    """Issue 9 (any case, any day): the case search's keys over every date, each answered by an
    index (:mod:`clerkapp.infra.store.case_search`). Newest first with keyset paging needs
    (created_at, id); a name's start, a matter and a state each lead an index ending in
    created_at. The keyed hash of the applicant's number (applicant_id_hash, since v1), the short
    code (v2), the case number (the key) and the 文号 (the register's key) were indexed already."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_cases_created_id ON cases(created_at, id)")
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_cases_name_created ON cases(applicant_name, created_at)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_cases_matter_created ON cases(matter_code, created_at)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_cases_state_created ON cases(state, created_at)")


def _v9_case_search_keys(db: sqlite_utils.Database) -> None:
    """Issue 13 (find a case in 1M cases within 20 ms): ``case_search_keys`` — a name's starts
    and the shown number's last four characters, each with the case's creation time, ordered by
    both (:mod:`clerkapp.infra.store.case_keys`); filled here from the cases already stored."""
    from clerkapp.infra.store.case_keys import create_table

    create_table(db.conn)


def _v10_compact_store(db: sqlite_utils.Database) -> None:
    """Issue 13 (store size per case): delivered outbox rows keep only what idempotency and the
    application read (:mod:`clerkapp.infra.store.outbox_compact`); a proof's evidence is kept
    once, in the case JSON (``proof_resolutions.evidence``, read by nothing, is emptied — it
    also escaped the answer retention); the case JSON is rewritten without spaces. The file
    shrinks at the next VACUUM. Written to apply in any order among other migrations."""
    from clerkapp.infra.store.outbox_compact import compact_delivered

    conn = db.conn
    while compact_delivered(conn, limit=10_000):  # in chunks: a year's rows fit in memory
        pass
    conn.execute("UPDATE proof_resolutions SET evidence = NULL WHERE evidence IS NOT NULL")
    last = ""
    while True:
        rows = conn.execute(
            "SELECT id, json FROM cases WHERE id > ? ORDER BY id LIMIT 1000", (last,)
        ).fetchall()
        if not rows:
            break
        updates = []
        for case_id, text in rows:
            try:
                compact = json.dumps(
                    json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":")
                )
            except ValueError:
                continue  # a damaged row stays as it is (audit verify names it)
            if compact != text:
                updates.append((compact, case_id))
        conn.executemany("UPDATE cases SET json = ? WHERE id = ?", updates)
        last = str(rows[-1][0])


Migration = Callable[[sqlite_utils.Database], None]

MIGRATIONS: list[Migration] = [
    _v1_initial,
    _v2_printing,
    _v3_satisfaction,
    _v4_register_and_approvals,
    _v5_retention,
    _v6_keyed_audit,
    _v7_outbox_target,
    _v8_case_search,
    _v9_case_search_keys,
    _v10_compact_store,
]
LATEST = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of the open database (0: empty)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def apply(store: Store, target: int | None = None) -> list[int]:
    """Bring the store's schema up to ``target`` (default: latest); returns versions applied.

    Refuses a database written by a newer ClerkApp instead of guessing.
    """
    target = LATEST if target is None else target
    conn = store.conn
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(
            f"database schema {version} is newer than this build ({LATEST})",
            user_message=(
                QT_TRANSLATE_NOOP(
                    "Store",
                    "本地数据库版本（{version}）比本程序新（{latest}），请升级 ClerkApp 后再打开。",
                ).format(version=version, latest=LATEST)
            ),
        )
    applied: list[int] = []
    for number in range(version + 1, target + 1):
        migration = MIGRATIONS[number - 1]
        try:
            with store.atomic() as db:
                migration(db)
                # user_version lives in the file header: it commits or rolls back with the rest.
                conn.execute(f"PRAGMA user_version = {number}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"migration {number} ({migration.__name__}) failed: {exc}",
                user_message=QT_TRANSLATE_NOOP(
                    "Store", "本地数据库升级失败（第 {number} 步），数据未改动。请联系技术支持。"
                ).format(number=number),
            ) from exc
        applied.append(number)
    return applied
