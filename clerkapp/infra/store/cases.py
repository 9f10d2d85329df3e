"""Cases and their proof resolutions.

A case is stored whole as ``Case.to_dict()`` JSON (the source of truth when loading), plus
columns for listing and searching, plus one ``proof_resolutions`` row per proof (for queries
such as "cases waiting for a department" and to find a case by its verification ticket).

The applicant's full ID number stays in the case row (the case file and the look-ups need it);
lists show ``applicant_id_masked``; a search by full number matches ``applicant_id_hash``
(HMAC with the store's secret salt), so the number is never compared or logged in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.core.case import Case, CaseState, ProofState
from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.present import mask_name
from clerkapp.core.short_code import normalized
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra.store.case_keys import insert_keys, key_rows, rename_keys
from clerkapp.infra.store.db import db_time, parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

WAITING_PROOF_STATES = (ProofState.QUEUED.value, ProofState.AWAITING_DEPT.value)


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list (the ID number masked, never in full)."""

    id: str
    matter_code: str
    matter_name: str
    applicant_kind: ApplicantKind
    applicant_name: str
    applicant_masked: str
    state: CaseState
    short_code: str
    created_at: datetime
    updated_at: datetime
    proofs_total: int
    proofs_satisfying: int
    proofs_waiting: int
    proofs_failed: int = 0  # not satisfied / denied: settled against the applicant
    # Who was at the counter for the applicant (issue 9): a PresentRole value ("" in person)
    # and their name masked (李*), never in full.
    present_role: str = ""
    present_masked: str = ""

    @property
    def decidable(self) -> bool:
        """Every proof settled (satisfied or failed, none waiting or to do) on a case still to
        decide: the clerk can decide it now (issue 10: the case list's 可决定)."""
        return (
            self.state in (CaseState.OPEN, CaseState.ACCEPTED)
            and self.proofs_satisfying + self.proofs_failed == self.proofs_total
        )

    @property
    def waiting(self) -> bool:
        """Accepted and waiting, or open with a department answer or queued look-up owed."""
        return self.state in (CaseState.ACCEPTED, CaseState.AWAITING_CORRECTION) or (
            self.state is CaseState.OPEN and self.proofs_waiting > 0
        )


class CaseRepository:
    """Cases of a store. Writes join the caller's transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def subject_hash(self, number: str) -> str:
        """The salted hash under which an applicant's number is searchable."""
        salt = self._store.subject_salt()
        return hmac.new(salt, number.strip().upper().encode(), hashlib.sha256).hexdigest()

    def insert(self, case: Case, *, clerk: str | None, workstation: str | None) -> None:
        """Store a new case (its id, token and short code must be unused)."""
        with self._store.atomic():
            self._store.conn.execute(
                "INSERT INTO cases(id, matter_code, matter_name, applicant_kind, applicant_id,"
                " applicant_id_hash, applicant_id_masked, applicant_name, state, json, clerk,"
                " workstation, created_at, updated_at, decided_at, tracking_token, short_code)"
                " VALUES (:id, :matter_code, :matter_name, :applicant_kind, :applicant_id,"
                " :applicant_id_hash, :applicant_id_masked, :applicant_name, :state, :json,"
                " :clerk, :workstation, :created_at, :updated_at, :decided_at, :tracking_token,"
                " :short_code)",
                {
                    **self._columns(case, case.created_at),
                    "applicant_id": case.applicant_id,
                    "applicant_id_hash": self.subject_hash(case.applicant_id),
                    "applicant_id_masked": case.applicant_display,
                    "applicant_name": case.applicant_name,
                    "matter_code": case.matter_code,
                    "matter_name": case.matter_name,
                    "applicant_kind": case.applicant_kind.value,
                    "clerk": clerk,
                    "workstation": workstation,
                    "created_at": db_time(case.created_at),
                    "tracking_token": case.tracking_token,
                    "short_code": case.short_code,
                },
            )
            self._save_proofs(case)
            insert_keys(
                self._store.conn,
                key_rows(
                    case.id, db_time(case.created_at), case.applicant_name, case.applicant_display
                ),
            )
            self._store.touch_case(case.id)

    def save(self, case: Case, *, now: datetime) -> None:
        """Store the changed state of an existing case and its proofs."""
        with self._store.atomic():
            cursor = self._store.conn.execute(
                "UPDATE cases SET state = :state, json = :json, updated_at = :updated_at,"
                " decided_at = :decided_at WHERE id = :id",
                self._columns(case, now),
            )
            if cursor.rowcount != 1:
                raise _missing(case.id)
            self._save_proofs(case)
            self._store.touch_case(case.id)

    def rename_applicant(self, case_id: str, name: str) -> None:
        """Keep the list and search column in step with a corrected applicant name (更正 of an
        issued document; identity check: 改正姓名 / 采用登记名称), joining the caller's
        transaction — the case JSON is saved by :meth:`save`."""
        with self._store.atomic():
            conn = self._store.conn
            old = conn.execute("SELECT applicant_name FROM cases WHERE id = ?", (case_id,))
            found = old.fetchone()
            conn.execute("UPDATE cases SET applicant_name = ? WHERE id = ?", (name, case_id))
            if found is not None:
                rename_keys(conn, case_id, str(found[0] or ""), name)

    def load(self, case_id: str) -> Case:
        """The case with this id; :class:`StoreError` when there is none."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT json FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
        if row is None:
            raise _missing(case_id)
        return Case.from_dict(json.loads(row[0]))

    def exists(self, case_id: str) -> bool:
        """Whether a case with this id exists."""
        with self._store.read():
            row = self._store.conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,))
            return row.fetchone() is not None

    def clerk_of(self, case_id: str) -> str | None:
        """The clerk who opened the case."""
        with self._store.read():
            row = self._store.conn.execute("SELECT clerk FROM cases WHERE id = ?", (case_id,))
            found = row.fetchone()
        return None if found is None else found[0]

    def count_with_prefix(self, prefix: str) -> int:
        """How many case ids start with ``prefix`` (for numbering a day's cases)."""
        # A range on the primary key (not substr/LIKE) so the index answers it.
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT count(*) FROM cases WHERE id >= ? AND id < ?", (prefix, upper)
            ).fetchone()
        return int(row[0])

    def code_in_use(self, short_code: str) -> bool:
        """Whether a short code is already taken."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT 1 FROM cases WHERE short_code = ?", (short_code,)
            )
            return row.fetchone() is not None

    def find_by_ticket(self, ticket: str) -> tuple[str, str] | None:
        """(case id, proof code) of a department verification ticket."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT case_id, code FROM proof_resolutions WHERE ticket = ?", (ticket,)
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def summaries(
        self,
        *,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        waiting: bool = False,
        text: str | None = None,
        subject_hash: str | None = None,
        limit: int = 500,
    ) -> list[CaseSummary]:
        """Case list lines, newest first. Filters combine with AND; ``text`` matches the
        applicant's name, the masked number (e.g. its last four), the matter, the case id or
        short code; ``subject_hash`` an applicant's full number."""
        where: list[str] = []
        params: list[Any] = []
        if created_from is not None:
            where.append("c.created_at >= ?")
            params.append(db_time(created_from))
        if created_to is not None:
            where.append("c.created_at < ?")
            params.append(db_time(created_to))
        if waiting:
            where.append(
                "(c.state IN ('accepted', 'awaiting_correction')"
                " OR (c.state = 'open' AND waiting > 0))"
            )
        if subject_hash is not None:
            where.append("c.applicant_id_hash = ?")
            params.append(subject_hash)
        if text:
            like = f"%{_escape_like(text)}%"
            where.append(
                "(c.applicant_name LIKE ? ESCAPE '\\' OR c.applicant_id_masked LIKE ? ESCAPE '\\'"
                " OR c.matter_name LIKE ? ESCAPE '\\' OR c.id LIKE ? ESCAPE '\\'"
                " OR c.short_code = ?)"
            )
            params.extend([like, like, like, like, normalized(text)])
        sql = (
            "SELECT * FROM (SELECT c.*,"
            " (SELECT count(*) FROM proof_resolutions p WHERE p.case_id = c.id) AS total,"
            " (SELECT count(*) FROM proof_resolutions p WHERE p.case_id = c.id AND p.state IN"
            " ('satisfied', 'pledged', 'confirmed', 'waived', 'paper_checked')) AS satisfying,"
            " (SELECT count(*) FROM proof_resolutions p WHERE p.case_id = c.id AND p.state IN"
            f" {WAITING_PROOF_STATES!r}) AS waiting,"
            " (SELECT count(*) FROM proof_resolutions p WHERE p.case_id = c.id AND p.state IN"
            " ('not_satisfied', 'denied')) AS failed FROM cases c) AS c"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.created_at DESC, c.id DESC LIMIT ?"
        params.append(limit)
        with self._store.read() as db:
            rows = list(db.query(sql, params))
            present = present_of(self._store, [str(r["id"]) for r in rows])
        return [_summary({**r, **present.get(str(r["id"]), {})}) for r in rows]

    # -- helpers --------------------------------------------------------------------------------

    def _columns(self, case: Case, now: datetime) -> dict[str, Any]:
        return {
            "id": case.id,
            "state": case.state.value,
            "json": case_json(case),
            "updated_at": db_time(now),
            "decided_at": db_time(case.decided_at) if case.decided_at else None,
        }

    def _save_proofs(self, case: Case) -> None:
        conn = self._store.conn
        conn.executemany(
            "INSERT INTO proof_resolutions(case_id, code, method, state, evidence, error, ticket,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(case_id, code) DO UPDATE"
            " SET method = excluded.method, state = excluded.state, evidence = excluded.evidence,"
            " error = excluded.error, ticket = excluded.ticket, updated_at = excluded.updated_at",
            [
                (
                    case.id,
                    p.code,
                    p.method.value,
                    p.state.value,
                    None,  # the evidence is the case JSON's (issue 13: kept once)
                    p.error,
                    p.ticket or None,
                    db_time(p.updated_at),
                )
                for p in case.proofs.values()
            ],
        )


def present_of(store: Store, case_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The person present's role and name (``present_role``, ``present_name``) of the listed
    cases that have one, read from their JSON (issue 9) — by id, for the rows a list shows
    only: never for every row a sort looks at."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT id, json_extract(json, '$.present.role'), json_extract(json, '$.present.name')"
            f" FROM cases WHERE id IN ({marks})",  # by key only: a json filter here made a scan
            chunk,
        ).fetchall()
        for case_id, role, name in rows:
            if role:
                found[str(case_id)] = {"present_role": role, "present_name": name}
    return found


def case_json(case: Case) -> str:
    """The case as stored: ``Case.to_dict()`` as compact JSON (sorted keys, no spaces)."""
    return json.dumps(case.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _escape_like(text: str) -> str:
    return text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _missing(case_id: str) -> StoreError:
    return StoreError(
        f"no case {case_id!r}",
        user_message=QT_TRANSLATE_NOOP("Store", "找不到办件 {case_id}。").format(case_id=case_id),
    )


def _summary(row: dict[str, Any]) -> CaseSummary:
    return CaseSummary(
        id=str(row["id"]),
        matter_code=str(row["matter_code"]),
        matter_name=str(row["matter_name"] or ""),
        applicant_kind=ApplicantKind(row["applicant_kind"]),
        applicant_name=str(row["applicant_name"] or ""),
        applicant_masked=str(row["applicant_id_masked"] or ""),
        state=CaseState(row["state"]),
        short_code=str(row["short_code"] or ""),
        created_at=parse_db_time(row["created_at"]),
        updated_at=parse_db_time(row["updated_at"] or row["created_at"]),
        proofs_total=int(row["total"]),
        proofs_satisfying=int(row["satisfying"]),
        proofs_waiting=int(row["waiting"]),
        proofs_failed=int(row["failed"]),
        present_role=str(row.get("present_role") or ""),
        present_masked=mask_name(str(row.get("present_name") or "")),
    )
