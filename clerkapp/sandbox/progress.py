"""The progress registry (办件进度): a case registers under a client-chosen unguessable token (so
a receipt printed offline already carries its QR), status events are appended, and the public
page shows them. Nothing personal is stored: no name, no ID number; the case number is kept
apart (``progress_owners``), never shown. A token belongs to the workstation and case that
registered it first: only they may register it again or append events (403 ``not_owner``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from clerkapp.core.short_code import normalized
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.store import StateStore

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22,128}")
MIN_DISTINCT_CHARS = 10
#: 8 characters (40 bits: receipts printed before issue 11) to 16; ClerkApp makes 12 (60 bits).
SHORT_CODE_RE = re.compile(r"[A-Z0-9]{8,16}")
# An ID number (18 characters, or a legacy 15-digit one) anywhere in a text meant for the public
# page: the page is reachable by anyone holding the receipt, so such text is refused, not shown.
#: Statuses that end a case: its page shows the day it ended (办结日期), not the promised day.
FINAL_STATUSES = frozenset({"approved", "refused", "withdrawn", "not_accepted"})
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(?:[1-9]\d{16}[\dXx]|[1-9]\d{14})(?![0-9A-Za-z])")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_token(token: str) -> None:
    """Refuse a token that is not urlsafe or has fewer than 128 bits (22 urlsafe characters)."""
    if not TOKEN_RE.fullmatch(token) or len(set(token)) < MIN_DISTINCT_CHARS:
        raise Problem(
            400,
            "token_weak",
            "进度查询令牌不够随机：应为至少 22 位 URL 安全字符（不少于 128 位随机数）",
            source="progress",
        )


def _check_time(value: str, *, date_only: bool) -> None:
    try:
        if date_only:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        shape = "YYYY-MM-DD" if date_only else "ISO 8601 时间，如 2026-11-27T09:30:00+08:00"
        raise Problem(
            422, "invalid_request", f"时间格式错误：应为 {shape}", source="progress"
        ) from None


def _check_public(**texts: str) -> None:
    """Refuse public text (matter, office, status label) that carries an ID number."""
    for field, text in texts.items():
        if ID_NUMBER_RE.search(text):
            raise Problem(
                422,
                "personal_data",
                f"进度信息（{field}）含有身份证号码：公开进度页不得显示个人信息",
                source="progress",
            )


def normalize_code(code: str) -> str:
    """Short codes are typed by hand: case, spaces, dashes and full-width characters do not
    matter, and O, I and L are read as 0, 1 and 1 (the code alphabet has no such letters)."""
    return normalized(code)


def _not_owner() -> Problem:
    # The token's existence is no secret (its public page answers), so saying "not yours"
    # gives nothing away; its owner is never named.
    return Problem(
        403,
        "not_owner",
        "该办件进度由其他工作站（或其他办件）登记，本工作站无权更改",
        source="progress",
    )


def completed_at(events: list[dict[str, Any]]) -> str | None:
    """When a finished case was finished: the time of its first event of a final status, when
    its current status is final; else None (the case is still running)."""
    if not events or events[-1]["status"] not in FINAL_STATUSES:
        return None
    return next(str(e["at"]) for e in events if e["status"] in FINAL_STATUSES)


class ProgressRegistry:
    """Registered cases and their status events, in the state store."""

    def __init__(self, store: StateStore) -> None:
        self.store = store

    def register(
        self,
        token: str,
        short_code: str,
        matter_name: str,
        office: str,
        expected: str | None,
        *,
        owner: Caller | None = None,
    ) -> bool:
        """Register (or update) a case under ``token``; True when newly created. ``owner``: the
        caller, whose workstation and case the token belongs to from its first registration on
        (a token registered before owners were kept is adopted by its next registration)."""
        check_token(token)
        _check_public(matter_name=matter_name, office=office)
        if expected is not None:
            _check_time(expected, date_only=True)
        code = normalize_code(short_code)
        if not SHORT_CODE_RE.fullmatch(code):
            raise Problem(
                422, "invalid_short_code", "查询码应为 8–16 位字母或数字", source="progress"
            )
        now = _now()
        with self.store.atomic() as conn:
            existing = conn.execute(
                "SELECT token FROM progress WHERE token = ?", (token,)
            ).fetchone()
            if owner is not None:
                held = conn.execute(
                    "SELECT workstation, case_id FROM progress_owners WHERE token = ?", (token,)
                ).fetchone()
                if held is not None and tuple(held) != (owner.workstation, owner.case.strip()):
                    raise _not_owner()
                conn.execute(
                    "INSERT OR IGNORE INTO progress_owners VALUES (?, ?, ?)",
                    (token, owner.workstation, owner.case.strip()),
                )
            taken = conn.execute(
                "SELECT token FROM progress WHERE short_code = ? AND token != ?", (code, token)
            ).fetchone()
            if taken is not None:
                raise Problem(
                    409, "short_code_taken", "该查询码已被其他办件使用", source="progress"
                )
            if existing is None:
                conn.execute(
                    "INSERT INTO progress VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (token, code, matter_name, office, expected, now, now),
                )
                return True
            conn.execute(
                "UPDATE progress SET short_code = ?, matter_name = ?, office = ?,"
                " expected_completion = ?, updated_at = ? WHERE token = ?",
                (code, matter_name, office, expected, now, token),
            )
            return False

    def add_event(
        self, token: str, status: str, label: str, at: str, *, owner: Caller | None = None
    ) -> dict[str, Any]:
        """Append a status event to a registered case (given ``owner``, only to one that
        workstation and case registered)."""
        _check_time(at, date_only=False)
        _check_public(status=status, label=label)
        received = _now()
        if owner is None:
            # One statement: the event is stored only for a registered token.
            added = self.store.execute(
                "INSERT INTO progress_events (token, status, label, at, received_at)"
                " SELECT token, ?, ?, ?, ? FROM progress WHERE token = ?",
                (status, label, at, received, token),
            )
        else:  # ... and only by the workstation and case it belongs to
            added = self.store.execute(
                "INSERT INTO progress_events (token, status, label, at, received_at)"
                " SELECT token, ?, ?, ?, ? FROM progress_owners"
                " WHERE token = ? AND workstation = ? AND case_id = ?",
                (status, label, at, received, token, owner.workstation, owner.case.strip()),
            )
            if not added and self.store.one("SELECT token FROM progress WHERE token = ?", (token,)):
                raise _not_owner()
        if not added:
            raise Problem(404, "unknown_token", "未找到该办件的进度登记", source="progress")
        return {"status": status, "label": label, "at": at, "received_at": received}

    def get(self, token: str) -> dict[str, Any] | None:
        """The case's public progress (matter, office, events in time order), or None."""
        row = self.store.one("SELECT * FROM progress WHERE token = ?", (token,))
        if row is None:
            return None
        events = self.store.all(
            "SELECT status, label, at FROM progress_events WHERE token = ? ORDER BY at, id",
            (token,),
        )
        current = events[-1] if events else None
        return {
            "short_code": row["short_code"],
            "matter_name": row["matter_name"],
            "office": row["office"],
            "expected_completion": row["expected_completion"],
            "registered_at": row["created_at"],
            "status": current["status"] if current else "registered",
            "status_label": current["label"] if current else "已登记",
            "completed_at": completed_at(events),
            "events": events,
        }

    def find_by_code(self, code: str) -> str | None:
        """The token of the case with this short code, if any."""
        row = self.store.one(
            "SELECT token FROM progress WHERE short_code = ?", (normalize_code(code),)
        )
        return str(row["token"]) if row else None
