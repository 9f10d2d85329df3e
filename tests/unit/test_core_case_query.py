"""What the case search recognises in the typed text (issue 9), without I/O."""

from __future__ import annotations

from datetime import date

import pytest

from clerkapp.core.case_query import MalformedSubject, QueryKind, parse_case_query
from clerkapp.core.idnumber import make_id_number
from clerkapp.core.uscc import make_uscc

TODAY = date(2026, 12, 7)
PERSON = make_id_number("330702", date(1985, 3, 14), 123)
BUSINESS = make_uscc("9", "1", "330702", "MA2ABCDE")


def _kind(text: str) -> QueryKind:
    return parse_case_query(text, today=TODAY).kind


def test_each_key_is_recognised() -> None:
    assert _kind("") is QueryKind.RECENT and _kind("   ") is QueryKind.RECENT
    assert parse_case_query(PERSON.lower(), today=TODAY).value == PERSON
    assert parse_case_query(BUSINESS.lower(), today=TODAY).value == BUSINESS
    doc = parse_case_query("金市人社决〔2026〕12号", today=TODAY)
    assert (doc.kind, doc.series, doc.year, doc.seq) == (
        QueryKind.DOCUMENT_NUMBER,
        "金市人社决",
        2026,
        12,
    )
    assert parse_case_query("金市人社决(2026)3", today=TODAY).seq == 3
    case = parse_case_query("20261127-train01-0001", today=TODAY)
    assert (case.kind, case.value) == (QueryKind.CASE_ID, "20261127-TRAIN01-0001")
    code = parse_case_query("k7qm-da8f-x2q9", today=TODAY)
    assert (code.kind, code.value) == (QueryKind.SHORT_CODE, "K7QMDA8FX2Q9")
    assert _kind("李明") is QueryKind.TEXT and _kind("公共租赁") is QueryKind.TEXT
    assert _kind("1234") is QueryKind.TEXT  # an ID number's tail, not an attempted number


def test_a_15_digit_number_is_searched_as_its_18_digit_form() -> None:
    legacy = PERSON[:6] + PERSON[8:17]
    assert parse_case_query(legacy, today=TODAY).value == PERSON


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (PERSON[:17] + ("0" if PERSON[17] != "0" else "1"), "逐位核对"),
        (PERSON[:17], "还差1位"),
        (PERSON[:16], "还差2位"),
        (PERSON[:17] + "12", "多了1位"),
    ],
)
def test_a_malformed_number_is_refused_with_the_reason(text: str, words: str) -> None:
    with pytest.raises(MalformedSubject) as info:
        parse_case_query(text, today=TODAY)
    message = info.value.user_message
    assert message.startswith("身份证号码校验不通过") and words in message
    assert text not in message and "应为" not in message


def test_a_malformed_credit_code_is_refused() -> None:
    wrong = BUSINESS[:17] + ("0" if BUSINESS[17] != "0" else "1")
    with pytest.raises(MalformedSubject) as info:
        parse_case_query(wrong, today=TODAY)
    assert info.value.user_message.startswith("统一社会信用代码校验不通过")


def test_the_number_stays_out_of_repr() -> None:
    assert PERSON not in repr(parse_case_query(PERSON, today=TODAY))
