"""Resident ID number validation (GB 11643-1999)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerkapp.core.idnumber import (
    IdReason,
    InvalidIdNumber,
    Severity,
    Sex,
    check_character,
    check_id_number,
    make_id_number,
    mask_id_number,
    normalize_id_number,
    upgrade_legacy_id,
    validate_id_number,
)
from clerkapp.core.regions import current_county_codes, historical_county_codes

TODAY = date(2026, 11, 27)


def test_standard_sample_validates_and_decodes() -> None:
    # The sample number printed in GB 11643-1999 (Beijing, out of province: a warning only).
    ident = validate_id_number("11010519491231002X", today=TODAY)
    assert ident.birth == date(1949, 12, 31)
    assert ident.sex is Sex.FEMALE
    assert ident.region_verified is False
    assert ident.region_name == "北京市"
    assert [w.reason for w in ident.warnings] == [IdReason.REGION_OUT_OF_PROVINCE]
    assert ident.warnings[0].message == "省外号码（北京市），地址码未核对"


def test_jinhua_number_decodes_region_sex_age_and_mask() -> None:
    number = make_id_number("330702", date(1985, 3, 14), 123)
    ident = validate_id_number(number, today=TODAY)
    assert ident.region_name == "浙江省金华市婺城区"
    assert ident.region_verified and ident.warnings == ()
    assert ident.sex is Sex.MALE and ident.sex.label_zh == "男"
    assert ident.age(date(2026, 3, 13)) == 40
    assert ident.age(date(2026, 3, 14)) == 41
    assert ident.masked == "330702********" + number[-4:]
    assert str(ident) == ident.masked  # never the full number by accident


def test_historical_county_code_is_accepted() -> None:
    ident = validate_id_number(make_id_number("330721", date(1970, 1, 1), 5), today=TODAY)
    assert ident.region_name == "浙江省金华市金华县"


def test_unknown_zhejiang_code_is_an_error_naming_the_code() -> None:
    with pytest.raises(InvalidIdNumber) as info:
        validate_id_number(make_id_number("330799", date(1970, 1, 1), 5), today=TODAY)
    assert info.value.reason is IdReason.REGION_UNKNOWN
    assert info.value.user_message == "地址码 330799 不在已知行政区划代码中"


def test_unknown_province_is_an_error() -> None:
    with pytest.raises(InvalidIdNumber) as info:
        validate_id_number(make_id_number("990101", date(1970, 1, 1), 5), today=TODAY)
    assert info.value.reason is IdReason.REGION_UNKNOWN


def test_wrong_check_digit_says_mistyped_never_the_right_digit() -> None:
    # Naming the "right" last digit invites changing it: a valid number of somebody else.
    good = make_id_number("330702", date(1985, 3, 14), 123)
    wrong = "3" if good[-1] != "3" else "4"
    with pytest.raises(InvalidIdNumber) as info:
        validate_id_number(good[:17] + wrong, today=TODAY)
    assert info.value.reason is IdReason.CHECK_DIGIT
    message = info.value.user_message
    assert message == "身份证号码校验不通过：有数字输错，请对照证件逐位核对"
    assert good[-1] not in message and "第18位" not in message and "应为" not in message


@pytest.mark.parametrize(
    ("birth", "reason"),
    [
        ("19850230", IdReason.BIRTH_INVALID),
        ("19851301", IdReason.BIRTH_INVALID),
        ("20261128", IdReason.BIRTH_FUTURE),
        ("18991231", IdReason.BIRTH_TOO_EARLY),
    ],
)
def test_birth_date_must_be_real_past_and_after_1900(birth: str, reason: IdReason) -> None:
    first17 = "330702" + birth + "123"
    with pytest.raises(InvalidIdNumber) as info:
        validate_id_number(first17 + check_character(first17), today=TODAY)
    assert info.value.reason is reason


def test_leap_day_is_a_real_date() -> None:
    first17 = "330702" + "20000229" + "123"
    assert validate_id_number(first17 + check_character(first17), today=TODAY).birth.day == 29


def test_birth_today_is_allowed() -> None:
    number = make_id_number("330702", TODAY, 1)
    assert validate_id_number(number, today=TODAY).age(TODAY) == 0


def test_normalisation_of_full_width_lowercase_and_spaces() -> None:
    assert normalize_id_number("１１０１０５　1949 1231 002x") == "11010519491231002X"
    assert validate_id_number("110105 19491231 002x", today=TODAY).number == "11010519491231002X"


def test_x_anywhere_but_last_and_letters_are_reported_with_position() -> None:
    problems = check_id_number("3307X2", TODAY)
    assert problems[0].reason is IdReason.CHARACTERS and problems[0].position == 5
    assert check_id_number("33070A", TODAY)[0].message == "第6位“A”不是数字"


def test_as_you_type_reports_missing_count_and_early_problems() -> None:
    problems = check_id_number("3307", TODAY)
    assert [p.reason for p in problems] == [IdReason.TOO_SHORT]
    assert problems[0].message == "已输入4位，还差14位"
    problems = check_id_number("33079919850230", TODAY)
    assert [p.reason for p in problems] == [
        IdReason.REGION_UNKNOWN,
        IdReason.BIRTH_INVALID,
        IdReason.TOO_SHORT,
    ]
    assert check_id_number("", TODAY)[0].reason is IdReason.EMPTY
    assert check_id_number("1" * 19, TODAY)[0].reason is IdReason.TOO_LONG


def test_legacy_15_digit_number_is_recognised_never_accepted() -> None:
    legacy = "330702850314123"
    assert upgrade_legacy_id(legacy) == "33070219850314123" + check_character("33070219850314123")
    with pytest.raises(InvalidIdNumber) as info:
        validate_id_number(legacy, today=TODAY)
    assert info.value.reason is IdReason.LEGACY_15
    assert info.value.suggestion == upgrade_legacy_id(legacy)
    assert legacy not in info.value.user_message  # messages never carry the number
    suggestion = info.value.suggestion
    assert suggestion is not None and suggestion not in info.value.user_message
    assert mask_id_number(suggestion) in info.value.user_message  # the new check digit shows


@given(
    st.sampled_from(["330702", "330721", "332501"]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    st.integers(0, 999),
)
def test_upgraded_legacy_numbers_validate(region: str, birth: date, sequence: int) -> None:
    legacy = f"{region}{birth:%y%m%d}{sequence:03d}"
    upgraded = validate_id_number(upgrade_legacy_id(legacy), today=TODAY)
    assert upgraded.birth == birth
    assert upgraded.number == make_id_number(region, birth, sequence)


def test_mask() -> None:
    assert mask_id_number("330702198503141234") == "330702********1234"
    assert mask_id_number("1234") == "****"


def test_make_id_number_sex_and_bounds() -> None:
    assert int(make_id_number("330702", date(1990, 1, 1), 124, female=False)[16]) % 2 == 1
    assert int(make_id_number("330702", date(1990, 1, 1), 125, female=True)[16]) % 2 == 0
    with pytest.raises(ValueError):
        make_id_number("330702", date(1990, 1, 1), 1000)
    with pytest.raises(ValueError):
        make_id_number("3307", date(1990, 1, 1), 1)


ZHEJIANG_CODES = current_county_codes() + historical_county_codes()
valid_ids = st.builds(
    make_id_number,
    st.sampled_from(ZHEJIANG_CODES),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(0, 999),
    st.none() | st.booleans(),
)


@given(valid_ids)
def test_generated_ids_validate_without_warnings(number: str) -> None:
    ident = validate_id_number(number, today=TODAY)
    assert ident.number == number and ident.warnings == ()
    assert check_id_number(number, TODAY) == []


@given(valid_ids, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_caught(number: str, index: int, char: str) -> None:
    changed = number[:index] + char + number[index + 1 :]
    if changed == number:
        return
    problems = check_id_number(changed, TODAY)
    assert any(p.severity is Severity.ERROR for p in problems)


def test_repr_does_not_leak_the_number() -> None:
    number = make_id_number("330702", date(1985, 3, 14), 123)
    ident = validate_id_number(number, today=TODAY)
    assert number not in repr(ident) and number not in str(ident)
