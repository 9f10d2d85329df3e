"""Short codes (查询码): 12 Crockford characters from 60 random bits, grouped in fours on paper,
read back however they are typed; the 8-character codes printed before come out the same."""

from __future__ import annotations

import secrets

import pytest

from clerkapp.app.case_support import new_short_code
from clerkapp.core.short_code import CODE_LENGTH, CROCKFORD, code_from, grouped, normalized
from clerkapp.infra.store.migrations import short_code_from


def test_new_codes_are_12_unambiguous_characters() -> None:
    codes = {new_short_code() for _ in range(2000)}
    assert len(codes) == 2000  # 60 bits: no collision in 2,000
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(CROCKFORD)
        assert not set(code) & set("ILOU")
    used = set("".join(codes))
    assert used == set(CROCKFORD)  # every symbol occurs: the bits are spread over the alphabet


def test_code_from_uses_the_leading_bits() -> None:
    assert code_from(bytes(8)) == "0" * 12
    assert code_from(b"\xff" * 8) == "Z" * 12
    assert code_from(b"\x08" + bytes(7)) == "1" + "0" * 11  # 00001 000…
    with pytest.raises(ValueError, match="fewer than"):
        code_from(bytes(7))


def test_legacy_eight_character_codes_are_made_the_same_way() -> None:
    for _ in range(50):
        data = secrets.token_bytes(5)
        assert code_from(data, 8) == short_code_from(data)


@pytest.mark.parametrize(
    ("code", "printed"),
    [
        ("K7QMDA8FX2Q9", "K7QM-DA8F-X2Q9"),
        ("K7QMDA8F", "K7QM-DA8F"),
        ("K7QM-DA8F-X2Q9", "K7QM-DA8F-X2Q9"),
        ("K7QM DA8F", "K7QM-DA8F"),
    ],
)
def test_codes_are_printed_in_groups_of_four(code: str, printed: str) -> None:
    assert grouped(code) == printed


def test_a_printed_code_reads_back_as_typed() -> None:
    code = new_short_code()
    typed = " " + grouped(code).lower().replace("0", "o").replace("1", "l") + " "
    assert normalized(typed) == code
    assert normalized("ＫＯ１Ｉ－ｄａ８ｆ") == "K011DA8F"
