"""What a clerk typed into the case search, recognised (issue 9: any case, any day).

The search box takes one line; this module decides what it is, without I/O:

* nothing → the most recent cases;
* an ID number (15 or 18 characters, digits with a final X) or a USCC → a search by the keyed
  hash of the full number (the store never compares numbers in clear); a malformed one (a wrong
  check digit, 17 digits) is refused with :class:`MalformedSubject` instead of searching names;
* a document number (文号, ``金市人社决〔2026〕3号``) → its register entry;
* a case number (办件编号, ``20261127-TRAIN01-0001``) → that case;
* a short code (查询码, ``K7QM-DA8F-X2Q9``, 8 or 12 Crockford characters) → that case;
* anything else → the start of an applicant's name or a part of a matter's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clerkapp.core.idnumber import (
    IdReason,
    InvalidIdNumber,
    normalize_id_number,
    upgrade_legacy_id,
    validate_id_number,
)
from clerkapp.core.short_code import CODE_LENGTH, CROCKFORD, LEGACY_CODE_LENGTH, normalized
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.core.uscc import InvalidUscc, normalize_uscc, validate_uscc
from clerkapp.errors import ValidationError

_ID_LIKE = re.compile(r"^\d{14,19}X?$")
_USCC_LIKE = re.compile(r"^[0-9A-Z]{18}$")
_DOC_NUMBER = re.compile(
    r"^(?P<series>.+?)[〔\[［【(（](?P<year>\d{4})[〕\]］】)）](?P<seq>\d+)号?$"
)
_CASE_ID = re.compile(r"^\d{8}-[A-Z0-9]+-\d{4,}$")


class QueryKind(StrEnum):
    """What the search text was recognised as."""

    RECENT = "recent"  # nothing typed: the most recent cases
    SUBJECT = "subject"  # a full ID number or USCC (searched by its keyed hash)
    DOCUMENT_NUMBER = "document_number"  # 文号
    CASE_ID = "case_id"  # 办件编号
    SHORT_CODE = "short_code"  # 查询码
    TEXT = "text"  # a name's start or a part of a matter's name


@dataclass(frozen=True)
class CaseQueryText:
    """The recognised search. ``value`` is normalised for its kind (the full number for
    SUBJECT: never log or show it); ``series``/``year``/``seq`` are set for DOCUMENT_NUMBER."""

    kind: QueryKind
    value: str = ""
    series: str = ""
    year: int = 0
    seq: int = 0

    def __repr__(self) -> str:  # the full number must not reach a log through repr()
        shown = "…" if self.kind is QueryKind.SUBJECT else self.value
        return f"CaseQueryText(kind={self.kind.value!r}, value={shown!r})"


class MalformedSubject(ValidationError):
    """The text is an attempted ID number or USCC that does not check out."""


def parse_case_query(text: str, *, today: date) -> CaseQueryText:
    """Recognise the search text (see the module docstring); raises :class:`MalformedSubject`
    for an ID number or credit code that fails its checks."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return CaseQueryText(QueryKind.RECENT)
    number = normalize_id_number(folded)
    if _ID_LIKE.match(number):
        return _subject_from_digits(number, today)
    code = normalize_uscc(folded)
    if _USCC_LIKE.match(code) and any(c.isalpha() for c in code) and code[:1].isdigit():
        try:
            return CaseQueryText(QueryKind.SUBJECT, validate_uscc(code).code)
        except InvalidUscc as exc:
            raise MalformedSubject(
                "malformed credit code in search",
                user_message=QT_TRANSLATE_NOOP(
                    "CaseQuery", "统一社会信用代码校验不通过：{user_message}"
                ).format(user_message=exc.user_message),
            ) from exc
    found = _DOC_NUMBER.match(folded.replace(" ", ""))
    if found:
        return CaseQueryText(
            QueryKind.DOCUMENT_NUMBER,
            folded,
            series=found["series"],
            year=int(found["year"]),
            seq=int(found["seq"]),
        )
    upper = folded.upper()
    if _CASE_ID.match(upper):
        return CaseQueryText(QueryKind.CASE_ID, upper)
    short = normalized(folded)
    if (
        len(short) in (CODE_LENGTH, LEGACY_CODE_LENGTH)
        and all(c in CROCKFORD for c in short)
        and folded.isascii()
    ):
        return CaseQueryText(QueryKind.SHORT_CODE, short)
    return CaseQueryText(QueryKind.TEXT, folded)


def _subject_from_digits(number: str, today: date) -> CaseQueryText:
    """An all-digit text of ID length: a valid ID (a 15-digit one as its 18-digit form), else a
    valid all-digit USCC, else refused."""
    try:
        valid = validate_id_number(number, today=today)
    except InvalidIdNumber as exc:
        if exc.reason is IdReason.LEGACY_15 and exc.suggestion is not None:
            return CaseQueryText(QueryKind.SUBJECT, exc.suggestion)
        if len(number) == 18:
            try:
                return CaseQueryText(QueryKind.SUBJECT, validate_uscc(number).code)
            except InvalidUscc:
                pass
        raise MalformedSubject(
            "malformed ID number in search", user_message=_id_message(exc)
        ) from exc
    if len(number) == 15:
        return CaseQueryText(QueryKind.SUBJECT, upgrade_legacy_id(number))
    return CaseQueryText(QueryKind.SUBJECT, valid.number)


def _id_message(exc: InvalidIdNumber) -> str:
    detail: str = exc.user_message
    if exc.reason is IdReason.CHECK_DIGIT:
        detail = QT_TRANSLATE_NOOP(
            "CaseQuery", "号码中有一位或几位输错了，请与证件逐位核对后重新输入"
        )
    return QT_TRANSLATE_NOOP("CaseQuery", "身份证号码校验不通过：{detail}。").format(detail=detail)
