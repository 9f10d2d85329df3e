"""Unified social credit code validation (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerkapp.core.uscc import (
    ALPHABET,
    InvalidUscc,
    UsccReason,
    check_character,
    check_uscc,
    make_uscc,
    org_code_check_character,
    validate_uscc,
)


def test_standard_sample_validates() -> None:
    uscc = validate_uscc("91350100M000100Y43")
    assert uscc.department == "市场监管" and uscc.org_type == "企业"
    assert uscc.org_code == "M000100Y-4"
    assert uscc.display == "91 350100 M000100Y4 3"
    assert [w.reason for w in uscc.warnings] == [UsccReason.REGION_UNVERIFIED]


def test_jinhua_business_has_no_warnings() -> None:
    code = make_uscc("9", "1", "330702", "MA2ABCDE")
    uscc = validate_uscc(code.lower())
    assert uscc.code == code and uscc.warnings == ()
    assert uscc.region_name == "浙江省金华市婺城区"


def test_prefecture_level_registration_region_is_known() -> None:
    assert validate_uscc(make_uscc("9", "2", "330700", "L1234567")).region_name == "浙江省金华市"


def test_forbidden_letters_are_named() -> None:
    problems = check_uscc("91330702MA2ABCDEIX")
    assert problems[0].reason is UsccReason.CHARACTERS and problems[0].position == 17
    assert "I、O、S、V、Z" in problems[0].message


def test_invalid_department_and_type_combination() -> None:
    first16 = "94330702MA2ABCDE"
    body = first16 + org_code_check_character("MA2ABCDE")
    with pytest.raises(InvalidUscc) as info:
        validate_uscc(body + check_character(body))
    assert info.value.reason is UsccReason.ORG_TYPE
    assert "市场监管" in info.value.user_message
    assert check_uscc("B")[0].reason is UsccReason.DEPARTMENT


def test_wrong_check_character_message() -> None:
    code = make_uscc("5", "2", "330702", "12345678")
    wrong = "0" if code[-1] != "0" else "1"
    with pytest.raises(InvalidUscc) as info:
        validate_uscc(code[:17] + wrong)
    message = info.value.user_message
    assert message == "统一社会信用代码校验不通过：有字符输错，请对照营业执照逐位核对"
    assert code[-1] not in message and "应为" not in message


def test_wrong_org_code_check_is_reported() -> None:
    code = make_uscc("9", "1", "330702", "MA2ABCDE")
    wrong = "0" if code[16] != "0" else "1"
    first17 = code[:16] + wrong
    problems = check_uscc(first17 + check_character(first17))
    assert [p.reason for p in problems] == [UsccReason.ORG_CODE_CHECK]
    assert "应为" not in problems[0].message and "逐位核对" in problems[0].message


def test_partial_input_and_lengths() -> None:
    assert check_uscc("9133")[-1].message == "已输入4位，还差14位"
    assert check_uscc("")[0].reason is UsccReason.EMPTY
    assert check_uscc("9" * 19)[0].reason is UsccReason.TOO_LONG
    assert check_uscc("91AB0702")[0].reason is UsccReason.REGION_FORMAT


def test_make_uscc_checks_a_given_org_check_char() -> None:
    full = "MA2ABCDE" + org_code_check_character("MA2ABCDE")
    assert make_uscc("9", "1", "330702", full) == make_uscc("9", "1", "330702", "MA2ABCDE")
    with pytest.raises(ValueError):
        make_uscc("9", "1", "330702", "MA2ABCDE" + ("0" if full[-1] != "0" else "1"))
    with pytest.raises(ValueError):
        make_uscc("9", "9", "330702", "MA2ABCDE")


BODY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
valid_codes = st.builds(
    make_uscc,
    st.just("9"),
    st.sampled_from("123"),
    st.sampled_from(["330702", "330703", "330782", "330700", "330000"]),
    st.text(BODY_ALPHABET, min_size=8, max_size=8),
)


@given(valid_codes)
def test_generated_codes_validate(code: str) -> None:
    assert validate_uscc(code).code == code


@given(valid_codes, st.integers(0, 17), st.sampled_from(ALPHABET))
def test_any_single_character_change_is_caught(code: str, index: int, char: str) -> None:
    changed = code[:index] + char + code[index + 1 :]
    if changed == code:
        return
    assert any(not p.warning for p in check_uscc(changed))
