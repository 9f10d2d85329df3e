"""The case search's key rows (issue 13: find a case in 1M cases within 20 ms).

A name's start and the last four characters of the applicant's number each match thousands of
cases in a large store; found through an index on the name, the newest fifty would still have
to be sorted out of all of them. So every case has a few rows in ``case_search_keys``
(``key``, ``created_at``, ``case_id``), a table ordered by exactly that: all the cases of one key
come newest first from the table itself, and a page reads fifty rows, however many cases match.

The keys of a case (:func:`case_keys`): ``n:`` and each start of the applicant's name up to
:data:`NAME_KEY_LENGTH` characters (a longer start is found through its first characters and
checked against the name), and ``t:`` and the last four characters of the number as shown
(``applicant_id_masked``: a person's ID number masked to 330702********1234, a company's
credit code in full) — nothing a list does not already show; the full number stays searchable
only by its keyed hash.
"""

from __future__ import annotations

import sqlite3

#: Names' starts kept as keys up to this many characters.
NAME_KEY_LENGTH = 4
#: The last characters of the shown number kept as a key.
TAIL_LENGTH = 4

_INSERT = "INSERT OR IGNORE INTO case_search_keys(key, created_at, case_id) VALUES (?, ?, ?)"


def name_key(prefix: str) -> str:
    """The key under which cases whose applicant's name starts with ``prefix`` are found (at
    most :data:`NAME_KEY_LENGTH` characters of it)."""
    return "n:" + prefix[:NAME_KEY_LENGTH]


def tail_key(tail: str) -> str:
    """The key of the last four characters of the applicant's number."""
    return "t:" + tail.upper()


def name_keys(name: str) -> list[str]:
    """The name keys of an applicant's name."""
    name = name.strip()
    return [name_key(name[:n]) for n in range(1, min(len(name), NAME_KEY_LENGTH) + 1)]


def case_keys(name: str, shown_number: str) -> list[str]:
    """Every key of a case: its name's starts and its shown number's last four characters."""
    keys = name_keys(name)
    tail = shown_number.strip()[-TAIL_LENGTH:]
    if len(tail) == TAIL_LENGTH and "*" not in tail:
        keys.append(tail_key(tail))
    return keys


def key_rows(
    case_id: str, created_at: str, name: str, shown_number: str
) -> list[tuple[str, str, str]]:
    """The ``case_search_keys`` rows of one case (``created_at`` as stored in ``cases``)."""
    return [(key, created_at, case_id) for key in case_keys(name, shown_number)]


def insert_keys(conn: sqlite3.Connection, rows: list[tuple[str, str, str]]) -> None:
    """Write key rows (joining the caller's transaction)."""
    conn.executemany(_INSERT, rows)


def rename_keys(conn: sqlite3.Connection, case_id: str, old_name: str, new_name: str) -> None:
    """The applicant's name changed: its keys follow (joining the caller's transaction)."""
    row = conn.execute("SELECT created_at FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        return
    created_at = str(row[0])
    conn.executemany(
        "DELETE FROM case_search_keys WHERE key = ? AND created_at = ? AND case_id = ?",
        [(key, created_at, case_id) for key in name_keys(old_name)],
    )
    insert_keys(conn, [(key, created_at, case_id) for key in name_keys(new_name)])


def create_table(conn: sqlite3.Connection) -> None:
    """The key table, filled from the cases already stored (migration 9)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS case_search_keys(key TEXT NOT NULL,"
        " created_at TEXT NOT NULL, case_id TEXT NOT NULL,"
        " PRIMARY KEY (key, created_at, case_id)) WITHOUT ROWID"
    )
    rows: list[tuple[str, str, str]] = []
    for case_id, created_at, name, shown in conn.execute(
        "SELECT id, created_at, applicant_name, applicant_id_masked FROM cases"
    ).fetchall():
        rows += key_rows(str(case_id), str(created_at), str(name or ""), str(shown or ""))
        if len(rows) >= 10_000:
            insert_keys(conn, rows)
            rows = []
    insert_keys(conn, rows)
