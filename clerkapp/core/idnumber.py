"""Resident ID numbers (公民身份号码, GB 11643-1999): validation, as-you-type checks, masking and
a generator for synthetic test people.

Structure of the 18 characters: 6-digit address code (GB/T 2260), 8-digit birth date
YYYYMMDD, 3-digit order code (odd = male, even = female), 1 check character (ISO 7064
MOD 11-2; value 10 is written ``X``).

Decisions:

- *Normalisation.* Full-width digits and letters (``３３０７…``), a lowercase ``x`` and spaces
  (ASCII or full-width, e.g. pasted in groups) are accepted and normalised; nothing else is.
- *Address code.* Zhejiang codes must be known (current or historical, see
  :mod:`clerkapp.core.region_data`); an unknown one is an error. Codes of other provinces are a
  *warning* ("省外号码，地址码未核对"): the number is valid, the clerk is told the county part was
  not checked.
- *Birth date.* A real calendar date, not before 1900-01-01 and not after ``today``.
- *Legacy 15-digit numbers* (issued before 1999: address code, YYMMDD, order code, no check
  digit) are recognised but never accepted: validation raises :class:`InvalidIdNumber` with
  reason ``legacy_15``; the message shows the masked 18-digit equivalent (330702********123X,
  enough to compare the new check digit with the card) and ``suggestion`` holds the full one
  (:func:`upgrade_legacy_id`) for the GUI to offer after the clerk confirmed it against the card.
- Messages (``IdProblem.message``, ``user_message``) never contain the full number, so they are
  safe to log; they may name the address code and single digits.

Everything is pure: the caller passes ``today``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from clerkapp.core.regions import RegionStatus, lookup_region
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError

ID_LENGTH = 18
LEGACY_LENGTH = 15
EARLIEST_BIRTH = date(1900, 1, 1)
# ISO 7064 MOD 11-2 weights 2^(17-i) mod 11, and the check character for each sum mod 11.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
# A wrong check digit means a digit is mistyped somewhere: the message never names the "right"
# last digit, since changing only that one yields a valid number of somebody else.
CHECK_DIGIT_MESSAGE = QT_TRANSLATE_NOOP(
    "IdNumber", "身份证号码校验不通过：有数字输错，请对照证件逐位核对"
)


class IdReason(StrEnum):
    """Machine-readable reason of an ID number problem."""

    EMPTY = "empty"
    CHARACTERS = "characters"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    LEGACY_15 = "legacy_15"
    REGION_UNKNOWN = "region_unknown"
    REGION_OUT_OF_PROVINCE = "region_out_of_province"
    BIRTH_INVALID = "birth_invalid"
    BIRTH_FUTURE = "birth_future"
    BIRTH_TOO_EARLY = "birth_too_early"
    CHECK_DIGIT = "check_digit"


class Severity(StrEnum):
    """An error makes the number unusable; a warning is shown but does not block."""

    ERROR = "error"
    WARNING = "warning"


class Sex(StrEnum):
    """Sex as encoded by the parity of the order code."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label_zh(self) -> str:
        """男 / 女."""
        return (
            QT_TRANSLATE_NOOP("IdNumber", "男")
            if self is Sex.MALE
            else QT_TRANSLATE_NOOP("IdNumber", "女")
        )


@dataclass(frozen=True)
class IdProblem:
    """One problem found in an ID number; ``position`` is 1-based (None: the whole number)."""

    reason: IdReason
    message: str
    severity: Severity = Severity.ERROR
    position: int | None = None


class InvalidIdNumber(ValidationError):
    """An ID number that cannot be used; ``reason`` is the first error, ``problems`` all of them.

    ``suggestion`` is the 18-digit equivalent of a legacy 15-digit number (else None); it is not
    part of ``user_message`` because messages must not carry full ID numbers.
    """

    def __init__(self, problems: list[IdProblem], *, suggestion: str | None = None) -> None:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        first = errors[0]
        super().__init__(f"invalid ID number: {first.reason}", user_message=first.message)
        self.reason = first.reason
        self.problems = tuple(problems)
        self.suggestion = suggestion


@dataclass(frozen=True)
class IdNumber:
    """A valid resident ID number and what it encodes."""

    number: str = field(repr=False)  # repr()/str() must not leak the full number into logs
    region_code: str
    region_name: str  # full name, the province only when out of province
    region_verified: bool  # False for out-of-province codes (not checked)
    birth: date
    sex: Sex
    warnings: tuple[IdProblem, ...] = ()

    @property
    def masked(self) -> str:
        """For display: 330702********1234 (first 6 and last 4 kept)."""
        return mask_id_number(self.number)

    def age(self, on: date) -> int:
        """Age in full years on the date ``on``."""
        return age_on(self.birth, on)

    def __str__(self) -> str:
        # Printing the object must not leak the full number into logs.
        return self.masked


def age_on(birth: date, on: date) -> int:
    """Age in full years on the date ``on`` of someone born on ``birth``."""
    return on.year - birth.year - int((on.month, on.day) < (birth.month, birth.day))


def normalize_id_number(text: str) -> str:
    """Full-width → ASCII (NFKC), spaces removed, ``x`` → ``X``."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def mask_id_number(number: str) -> str:
    """Keep the first 6 and the last 4 characters, star the rest (shorter input: all stars)."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def check_character(first17: str) -> str:
    """The MOD 11-2 check character (0-9 or X) for the first 17 digits."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("need exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def upgrade_legacy_id(id15: str) -> str:
    """The 18-digit equivalent of a legacy 15-digit number: insert the century 19 before the
    2-digit year and append the check character."""
    id15 = normalize_id_number(id15)
    if len(id15) != LEGACY_LENGTH or not (id15.isascii() and id15.isdigit()):
        raise ValueError("a legacy ID number has exactly 15 digits")
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + check_character(first17)


def _parse_birth(digits: str) -> date | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _check_region(code: str) -> list[IdProblem]:
    region = lookup_region(code)
    if region.status is RegionStatus.UNKNOWN:
        return [
            IdProblem(
                IdReason.REGION_UNKNOWN,
                QT_TRANSLATE_NOOP("IdNumber", "地址码 {code} 不在已知行政区划代码中").format(
                    code=code
                ),
                position=1,
            )
        ]
    if region.status is RegionStatus.OUT_OF_PROVINCE:
        message = QT_TRANSLATE_NOOP("IdNumber", "省外号码（{region}），地址码未核对").format(
            region=region.name
        )
        return [IdProblem(IdReason.REGION_OUT_OF_PROVINCE, message, Severity.WARNING, 1)]
    return []


def _check_birth(digits: str, today: date) -> list[IdProblem]:
    birth = _parse_birth(digits)
    shown = QT_TRANSLATE_NOOP("IdNumber", "{year}年{month}月{day}日").format(
        year=digits[:4], month=digits[4:6], day=digits[6:8]
    )
    if birth is None:
        return [
            IdProblem(
                IdReason.BIRTH_INVALID,
                QT_TRANSLATE_NOOP("IdNumber", "第7-14位出生日期 {shown} 不存在").format(
                    shown=shown
                ),
                position=7,
            )
        ]
    if birth > today:
        return [
            IdProblem(
                IdReason.BIRTH_FUTURE,
                QT_TRANSLATE_NOOP("IdNumber", "出生日期 {shown} 晚于今天").format(shown=shown),
                position=7,
            )
        ]
    if birth < EARLIEST_BIRTH:
        return [
            IdProblem(
                IdReason.BIRTH_TOO_EARLY,
                QT_TRANSLATE_NOOP("IdNumber", "出生日期 {shown} 早于1900年").format(shown=shown),
                position=7,
            )
        ]
    return []


def check_id_number(text: str, today: date) -> list[IdProblem]:
    """All problems of a (possibly partly typed) ID number, for as-you-type feedback.

    Parts already typed are checked (address code after 6 digits, birth date after 14); an
    incomplete number also gets a ``too_short`` error saying how many characters are missing.
    An empty list means the number is valid without warnings.
    """
    number = normalize_id_number(text)
    if not number:
        return [IdProblem(IdReason.EMPTY, QT_TRANSLATE_NOOP("IdNumber", "请输入18位公民身份号码"))]
    for index, char in enumerate(number, start=1):
        last = index == ID_LENGTH
        if not (char.isascii() and (char.isdigit() or (last and char == "X"))):
            if char == "X":
                message = QT_TRANSLATE_NOOP(
                    "IdNumber", "第{index}位不能是 X（X 只能出现在第18位）"
                ).format(index=index)
            else:
                message = QT_TRANSLATE_NOOP("IdNumber", "第{index}位“{char}”不是数字").format(
                    index=index, char=char
                )
            return [IdProblem(IdReason.CHARACTERS, message, position=index)]
    if len(number) > ID_LENGTH:
        return [
            IdProblem(
                IdReason.TOO_LONG,
                QT_TRANSLATE_NOOP("IdNumber", "号码有{length}位，多了{count}位").format(
                    length=len(number), count=len(number) - 18
                ),
            )
        ]
    problems: list[IdProblem] = []
    if len(number) == LEGACY_LENGTH:
        # The masked equivalent shows the new check digit; the full one is on the exception.
        equivalent = mask_id_number(upgrade_legacy_id(number))
        message = QT_TRANSLATE_NOOP(
            "IdNumber", "这是15位旧号码，对应18位号码为 {equivalent}，请与证件核对后使用18位号码"
        ).format(equivalent=equivalent)
        problems.append(IdProblem(IdReason.LEGACY_15, message))
    if len(number) >= 6:
        problems += _check_region(number[:6])
    if len(number) == LEGACY_LENGTH:
        problems += _check_birth("19" + number[6:12], today)
    elif len(number) >= 14:
        problems += _check_birth(number[6:14], today)
    if len(number) < ID_LENGTH:
        if len(number) != LEGACY_LENGTH:
            missing = ID_LENGTH - len(number)
            message = QT_TRANSLATE_NOOP("IdNumber", "已输入{length}位，还差{missing}位").format(
                length=len(number), missing=missing
            )
            problems.append(IdProblem(IdReason.TOO_SHORT, message))
        return problems
    expected = check_character(number[:17])
    if number[17] != expected:
        problems.append(IdProblem(IdReason.CHECK_DIGIT, CHECK_DIGIT_MESSAGE, position=18))
    return problems


def validate_id_number(text: str, *, today: date) -> IdNumber:
    """Validate an ID number and decode it; raises :class:`InvalidIdNumber` on any error
    (warnings are kept on the returned :class:`IdNumber`)."""
    problems = check_id_number(text, today)
    if any(p.severity is Severity.ERROR for p in problems):
        number = normalize_id_number(text)
        suggestion = None
        if any(p.reason is IdReason.LEGACY_15 for p in problems):
            suggestion = upgrade_legacy_id(number)
        raise InvalidIdNumber(problems, suggestion=suggestion)
    number = normalize_id_number(text)
    region = lookup_region(number[:6])
    birth = _parse_birth(number[6:14])
    assert birth is not None  # checked above
    return IdNumber(
        number=number,
        region_code=number[:6],
        region_name=region.name,
        region_verified=region.known,
        birth=birth,
        sex=Sex.MALE if int(number[16]) % 2 else Sex.FEMALE,
        warnings=tuple(problems),
    )


def make_id_number(region: str, birth: date, sequence: int, female: bool | None = None) -> str:
    """Build a valid 18-character ID number (for synthetic data and tests).

    ``sequence`` is the 3-digit order code 0..999. When ``female`` is given and the parity of
    ``sequence`` says the other sex, its last bit is flipped (so 0..999 still maps onto valid,
    distinct-per-sex numbers). The region is not checked against the shipped table.
    """
    if len(region) != 6 or not (region.isascii() and region.isdigit()):
        raise ValueError("region must be a 6-digit address code")
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be within 0..999")
    if female is not None and (sequence % 2 == 0) != female:
        sequence ^= 1
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)
