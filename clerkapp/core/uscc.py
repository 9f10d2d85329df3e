"""Unified social credit codes (统一社会信用代码, GB 32100-2015): validation and a generator for
synthetic businesses.

Structure of the 18 characters (alphabet 0-9 and A-H J-N P-R T-U W-Y; no I O S V Z):

1. registration department (登记管理部门), e.g. 9 市场监管 (formerly 工商), 5 民政, 1 机构编制;
2. organisation type within that department, e.g. 91 企业, 92 个体工商户, 93 农民专业合作社;
3-8. address code of the registering authority (GB/T 2260; county, prefecture, province or
   100000 national);
9-17. organisation code (GB 11714): 8 characters and its own check character (weights
   3,7,9,10,5,8,4,2; ``11 - sum mod 11``, 10 → X, 11 → 0);
18. check character, MOD 31 over the first 17 with weights 3^i mod 31.

An address code outside Zhejiang, or a Zhejiang code we do not ship, is a warning, not an error:
a business may be registered anywhere and the two check characters already protect the code.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from clerkapp.core.regions import RegionStatus, lookup_org_region
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError

USCC_LENGTH = 18
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# As for ID numbers: a failed check means a character is mistyped somewhere; never name the
# "right" check character (changing only it gives the valid code of another organisation).
CHECK_MESSAGE = QT_TRANSLATE_NOOP(
    "Uscc", "统一社会信用代码校验不通过：有字符输错，请对照营业执照逐位核对"
)

# GB 32100-2015 appendix: registration department → (name, {organisation type → name}).
DEPARTMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻代表机构", "9": "其他"},
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("市场监管", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业农村",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}


class UsccReason(StrEnum):
    """Machine-readable reason of a credit code problem."""

    EMPTY = "empty"
    CHARACTERS = "characters"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    DEPARTMENT = "department"
    ORG_TYPE = "org_type"
    REGION_FORMAT = "region_format"
    REGION_UNVERIFIED = "region_unverified"
    ORG_CODE_CHECK = "org_code_check"
    CHECK_CHARACTER = "check_character"


@dataclass(frozen=True)
class UsccProblem:
    """One problem found in a credit code; ``position`` is 1-based."""

    reason: UsccReason
    message: str
    warning: bool = False
    position: int | None = None


class InvalidUscc(ValidationError):
    """A credit code that cannot be used; ``reason`` is the first error."""

    def __init__(self, problems: list[UsccProblem]) -> None:
        first = next(p for p in problems if not p.warning)
        super().__init__(f"invalid USCC: {first.reason}", user_message=first.message)
        self.reason = first.reason
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Uscc:
    """A valid unified social credit code and what it encodes."""

    code: str
    department: str  # e.g. "市场监管"
    org_type: str  # e.g. "企业"
    region_code: str
    region_name: str  # "" when not verified
    warnings: tuple[UsccProblem, ...] = ()

    @property
    def org_code(self) -> str:
        """The organisation code (GB 11714) as usually written: 8 characters, dash, check."""
        return f"{self.code[8:16]}-{self.code[16]}"

    @property
    def display(self) -> str:
        """Grouped by structure for reading aloud: 91 330702 MA2ABCDE1 X."""
        return f"{self.code[:2]} {self.code[2:8]} {self.code[8:17]} {self.code[17]}"

    def __str__(self) -> str:
        return self.code


def normalize_uscc(text: str) -> str:
    """Full-width → ASCII (NFKC), spaces and dashes removed, upper case."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).replace("-", "").upper()


def check_character(first17: str) -> str:
    """The MOD 31 check character for the first 17 characters."""
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError("need exactly 17 characters of the USCC alphabet")
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_code_check_character(body8: str) -> str:
    """The GB 11714 check character (0-9 or X) for an 8-character organisation code body."""
    if len(body8) != 8 or any(c not in _VALUE for c in body8):
        raise ValueError("need exactly 8 characters of the USCC alphabet")
    # GB 11714 values letters A=10 … Z=35 (not the USCC alphabet index).
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body8]
    remainder = 11 - sum(v * w for v, w in zip(values, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def check_uscc(text: str) -> list[UsccProblem]:
    """All problems of a (possibly partly typed) credit code; empty list: valid, no warnings."""
    code = normalize_uscc(text)
    if not code:
        return [
            UsccProblem(UsccReason.EMPTY, QT_TRANSLATE_NOOP("Uscc", "请输入18位统一社会信用代码"))
        ]
    for index, char in enumerate(code, start=1):
        if char not in _VALUE:
            hint = (
                QT_TRANSLATE_NOOP("Uscc", "（代码不使用字母 I、O、S、V、Z）")
                if char.isalpha()
                else ""
            )
            message = QT_TRANSLATE_NOOP(
                "Uscc", "第{index}位“{char}”不是统一社会信用代码允许的字符{hint}"
            ).format(index=index, char=char, hint=hint)
            return [UsccProblem(UsccReason.CHARACTERS, message, position=index)]
    if len(code) > USCC_LENGTH:
        message = QT_TRANSLATE_NOOP("Uscc", "代码有{length}位，多了{count}位").format(
            length=len(code), count=len(code) - USCC_LENGTH
        )
        return [UsccProblem(UsccReason.TOO_LONG, message)]
    problems: list[UsccProblem] = []
    department = DEPARTMENTS.get(code[0])
    if department is None:
        message = QT_TRANSLATE_NOOP("Uscc", "第1位登记管理部门代码“{code}”不存在").format(
            code=code[0]
        )
        problems.append(UsccProblem(UsccReason.DEPARTMENT, message, position=1))
    elif len(code) >= 2 and code[1] not in department[1]:
        message = QT_TRANSLATE_NOOP(
            "Uscc", "第2位机构类别“{code}”不属于登记管理部门{department}（{code2}）"
        ).format(code=code[1], department=department[0], code2=code[0])
        problems.append(UsccProblem(UsccReason.ORG_TYPE, message, position=2))
    if len(code) >= 8:
        problems += _check_region(code[2:8])
    if len(code) >= 17:
        expected = org_code_check_character(code[8:16])
        if code[16] != expected:
            problems.append(UsccProblem(UsccReason.ORG_CODE_CHECK, CHECK_MESSAGE, position=17))
    if len(code) < USCC_LENGTH:
        message = QT_TRANSLATE_NOOP("Uscc", "已输入{length}位，还差{count}位").format(
            length=len(code), count=USCC_LENGTH - len(code)
        )
        problems.append(UsccProblem(UsccReason.TOO_SHORT, message))
        return problems
    expected = check_character(code[:17])
    if code[17] != expected:
        problems.append(UsccProblem(UsccReason.CHECK_CHARACTER, CHECK_MESSAGE, position=18))
    return problems


def _check_region(region_code: str) -> list[UsccProblem]:
    if not (region_code.isascii() and region_code.isdigit()):
        message = QT_TRANSLATE_NOOP(
            "Uscc", "第3-8位登记管理机关行政区划码“{region_code}”应为6位数字"
        ).format(region_code=region_code)
        return [UsccProblem(UsccReason.REGION_FORMAT, message, position=3)]
    region = lookup_org_region(region_code)
    if region.status is RegionStatus.KNOWN:
        return []
    where = (
        QT_TRANSLATE_NOOP("Uscc", "省外（{region}）").format(region=region.name)
        if region.name
        else QT_TRANSLATE_NOOP("Uscc", "未知地区")
    )
    message = QT_TRANSLATE_NOOP("Uscc", "{where}登记机关代码 {region_code}，未核对").format(
        where=where, region_code=region_code
    )
    return [UsccProblem(UsccReason.REGION_UNVERIFIED, message, warning=True, position=3)]


def validate_uscc(text: str) -> Uscc:
    """Validate a credit code and decode it; raises :class:`InvalidUscc` on any error."""
    problems = check_uscc(text)
    if any(not p.warning for p in problems):
        raise InvalidUscc(problems)
    code = normalize_uscc(text)
    department, types = DEPARTMENTS[code[0]]
    region = lookup_org_region(code[2:8])
    return Uscc(
        code=code,
        department=department,
        org_type=types[code[1]],
        region_code=code[2:8],
        region_name=region.name if region.known else "",
        warnings=tuple(problems),
    )


def make_uscc(registration_dept: str, org_type: str, region: str, org_code_body: str) -> str:
    """Build a valid credit code (for synthetic data and tests), e.g.
    ``make_uscc("9", "1", "330702", "MA2ABCDE")``.

    ``org_code_body`` is the 8-character organisation code body (its GB 11714 check character is
    appended) or the full 9-character organisation code (its check character must be right).
    """
    if registration_dept not in DEPARTMENTS or org_type not in DEPARTMENTS[registration_dept][1]:
        raise ValueError("unknown registration department / organisation type")
    if len(region) != 6 or not (region.isascii() and region.isdigit()):
        raise ValueError("region must be a 6-digit address code")
    body = org_code_body.upper()
    if len(body) == 9:
        if org_code_check_character(body[:8]) != body[8]:
            raise ValueError("organisation code check character is wrong")
        body = body[:8]
    org_code = body + org_code_check_character(body)
    first17 = registration_dept + org_type + region + org_code
    return first17 + check_character(first17)
