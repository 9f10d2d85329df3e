"""The catalogue model: matters (事项) and the proof items (证明事项) they used to require, with how
each proof item is now satisfied (取消方式). Pure data: parsing and validation of catalogue files
lives in :mod:`clerkapp.core.catalogue_parse`, file I/O in ``clerkapp.infra``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from clerkapp.core.texts import QT_TRANSLATE_NOOP


class Method(StrEnum):
    """How a proof item was replaced by the reform."""

    DROPPED = "dropped"  # 直接取消: no longer required at all
    PLEDGE = "pledge"  # 申报承诺: the applicant's signed pledge
    DATA_QUERY = "data_query"  # 数据查询: a look-up on the data-sharing platform
    DEPT_VERIFY = "dept_verify"  # 部门核验: a verification request to the issuing department

    @property
    def label_zh(self) -> str:
        """The method's name as the clerk knows it."""
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    Method.DROPPED: QT_TRANSLATE_NOOP("Catalogue", "直接取消"),
    Method.PLEDGE: QT_TRANSLATE_NOOP("Catalogue", "申报承诺"),
    Method.DATA_QUERY: QT_TRANSLATE_NOOP("Catalogue", "数据查询"),
    Method.DEPT_VERIFY: QT_TRANSLATE_NOOP("Catalogue", "部门核验"),
}


class ApplicantKind(StrEnum):
    """Who applies for a matter: a person (by resident ID number) or a business (by USCC)."""

    PERSON = "person"
    BUSINESS = "business"


class ProcedureKind(StrEnum):
    """The kind of administrative act a matter ends in (行政行为类别): it decides the titles and
    wording of the printed documents."""

    LICENCE = "licence"  # 行政许可
    BENEFIT = "benefit"  # 行政给付
    CONFIRMATION = "confirmation"  # 行政确认
    PUBLIC_SERVICE = "public_service"  # 公共服务
    OTHER = "other"  # 其他行政权力

    @property
    def label_zh(self) -> str:
        """The kind as the catalogue of the province names it."""
        return _PROCEDURE_LABELS[self]


class AttorneyRule(StrEnum):
    """When a matter demands a 授权委托书 (letter of authorisation) from the person present
    (catalogue field ``power_of_attorney``, issue 9)."""

    BY_ROLE = "by_role"  # a 代办人 and an 经办人 act on one; a 监护人 and a 法定代表人 by law
    ALWAYS = "always"  # whoever is present other than the applicant hands one over

    @property
    def label_zh(self) -> str:
        """The rule as the catalogue documentation says it."""
        return "他人代办一律须授权委托书" if self is AttorneyRule.ALWAYS else "按办理人身份"


_PROCEDURE_LABELS = {
    ProcedureKind.LICENCE: QT_TRANSLATE_NOOP("Catalogue", "行政许可"),
    ProcedureKind.BENEFIT: QT_TRANSLATE_NOOP("Catalogue", "行政给付"),
    ProcedureKind.CONFIRMATION: QT_TRANSLATE_NOOP("Catalogue", "行政确认"),
    ProcedureKind.PUBLIC_SERVICE: QT_TRANSLATE_NOOP("Catalogue", "公共服务"),
    ProcedureKind.OTHER: QT_TRANSLATE_NOOP("Catalogue", "其他"),
}


class Op(StrEnum):
    """Comparison operators of a data-query rule condition."""

    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    NOT_IN = "not_in"
    IS_TRUE = "is_true"
    IS_FALSE = "is_false"


@dataclass(frozen=True)
class Condition:
    """One test on a field of a platform record, e.g. ``vehicle_count == 0``.

    ``description`` is the Chinese sentence shown when the condition fails
    (e.g. "名下有登记车辆").
    """

    field: str
    op: Op
    value: object = None
    description: str = ""


#: The subject of a look-up or verification about the applicant themself.
APPLICANT = "applicant"


@dataclass(frozen=True)
class RelatedRole:
    """A person other than the applicant whom a matter's facts concern (关系人), e.g. role
    ``deceased`` labelled 已故参保人员 for a survivor allowance. The clerk identifies them when
    opening the case; proofs name the role as their ``subject``."""

    role: str  # machine name, referenced by ``DataQuerySpec.subject`` / ``VerifySpec.subject``
    label: str  # Chinese, shown on screen and printed, e.g. 已故参保人员


@dataclass(frozen=True)
class DataQuerySpec:
    """数据查询: which platform information item to ask for, which fields, and the rule that
    decides whether the answer satisfies the proof.

    ``when_not_found`` says what a "not found" answer means for this proof (e.g. no vehicle
    registered is *satisfied* for public rental housing, no marriage record is *not satisfied*
    for a survivor allowance).
    """

    item: str  # platform information item, e.g. "vehicle.ownership"
    registry: str  # registry that holds it, e.g. "车辆登记" (shown as the source)
    fields: tuple[str, ...]
    conditions: tuple[Condition, ...]
    when_not_found: bool  # True: not found satisfies the proof; False: it does not
    # Whose record is looked up: "applicant" or the role of one of the matter's related
    # persons (e.g. "deceased": the survivor allowance asks whether the insured person died).
    subject: str = APPLICANT


@dataclass(frozen=True)
class PledgeSpec:
    """申报承诺: the exact pledge text the applicant signs, and the consequences of a false one."""

    text: str
    consequences: str


@dataclass(frozen=True)
class VerifySpec:
    """部门核验: which department is asked, the question, and how long an answer usually takes."""

    department: str
    question: str
    expected_days: int
    subject: str = APPLICANT  # whom the question is about, as in :class:`DataQuerySpec`


@dataclass(frozen=True)
class DropSpec:
    """直接取消: the legal basis on which the proof item was dropped."""

    legal_basis: str


@dataclass(frozen=True)
class ProofItem:
    """A proof item (证明事项) and how it is satisfied now.

    ``method`` is the primary way; ``fallbacks`` the ways the catalogue allows when the primary
    one cannot be used (e.g. the registry is down: verification or pledge). Every method named in
    ``method`` or ``fallbacks`` has its spec filled in.
    """

    code: str
    name: str
    issuer: str  # the body that used to issue the paper proof
    method: Method
    query: DataQuerySpec | None = None
    pledge: PledgeSpec | None = None
    verify: VerifySpec | None = None
    drop: DropSpec | None = None
    fallbacks: tuple[Method, ...] = ()
    synthetic: bool = False
    pinyin: str = ""  # reading of ``name`` for search, see resources/catalogue/README.md
    # The applicant may hand in the paper proof, checked at the counter, when no other way works
    # (e.g. a listed applicant may not pledge); see resources/catalogue/README.md for the default.
    paper_fallback: bool = False

    def allows(self, method: Method) -> bool:
        """Whether the proof may be satisfied by ``method`` (primary or fallback)."""
        return method == self.method or method in self.fallbacks


@dataclass(frozen=True)
class Matter:
    """A matter (事项) an applicant applies for.

    ``time_limit_days`` is 0 for a matter decided at the counter (即办件), otherwise the promised
    number of working days (承诺件).
    """

    code: str
    name: str
    department: str
    applicant_kind: ApplicantKind
    legal_basis: str
    time_limit_days: int
    proofs: tuple[str, ...]  # proof item codes, in the order the clerk sees them
    office_abbr: str = ""  # document number prefix, e.g. "金市人社" for 金市人社决〔2026〕1号
    synthetic: bool = False
    department_code: str = ""  # code of the department in ``Catalogue.departments``
    pinyin: str = ""  # reading of ``name`` for search, see resources/catalogue/README.md
    related: tuple[RelatedRole, ...] = ()  # persons besides the applicant the case concerns
    procedure: ProcedureKind = ProcedureKind.LICENCE  # the kind of act (documents' wording)
    grant_scope: str = ""  # what is granted (许可范围 / 给付内容), printed on the decision
    validity: str = ""  # validity period of what is granted (有效期), printed on the decision
    basis_article: str = ""  # the article of the legal basis (e.g. 第十二条)
    public_code: str = ""  # the matter's public code in the provincial catalogue (事项编码)
    # Whether anyone present for the applicant must hand over a 授权委托书 (issue 9).
    power_of_attorney: AttorneyRule = AttorneyRule.BY_ROLE

    @property
    def demands_power_of_attorney(self) -> bool:
        """Whoever is present other than the applicant must hold a 授权委托书 (even a 监护人
        or a 法定代表人, who otherwise act by law)."""
        return self.power_of_attorney is AttorneyRule.ALWAYS

    def related_role(self, role: str) -> RelatedRole | None:
        """The declared related role named ``role``, or None."""
        return next((r for r in self.related if r.role == role), None)

    @property
    def decided_at_counter(self) -> bool:
        """即办件: decided at the counter."""
        return self.time_limit_days == 0


@dataclass(frozen=True)
class Department:
    """A municipal department that handles matters; ``office_abbr`` prefixes its document
    numbers (e.g. "金市人社")."""

    code: str
    name: str
    office_abbr: str
    pinyin: str = ""


@dataclass(frozen=True)
class Catalogue:
    """A versioned catalogue of matters and proof items."""

    version: str  # e.g. "2026.11.1"; compared by :func:`version_key`
    issued: str  # ISO date the catalogue was issued
    matters: dict[str, Matter] = field(default_factory=dict)
    proofs: dict[str, ProofItem] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    source: str = ""  # where the catalogue comes from (free text)

    def proofs_of(self, matter: Matter) -> list[ProofItem]:
        """The proof items of a matter, in order."""
        return [self.proofs[code] for code in matter.proofs]


def version_key(version: str) -> tuple[int, ...]:
    """Order catalogue versions numerically: "2026.11.10" > "2026.11.9"."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class PlatformItem:
    """An information item the data-sharing platform serves (docs/CONTRACTS.md)."""

    registry: str  # shown as the source of a look-up answer
    subject: str  # "id_number" or "uscc"
    fields: tuple[str, ...]


#: The platform information items a :class:`DataQuerySpec` may name (docs/CONTRACTS.md).
PLATFORM_ITEMS: dict[str, PlatformItem] = {
    "population.basic": PlatformItem(
        "公安户籍",
        "id_number",
        ("name", "gender", "birth_date", "household_address", "county_code", "alive", "died_on"),
    ),
    "household.members": PlatformItem(
        "公安户籍", "id_number", ("household_id", "members_count", "members")
    ),
    "marriage.record": PlatformItem(
        "民政婚姻登记", "id_number", ("marital_status", "spouse_name", "registered_on")
    ),
    "realestate.holdings": PlatformItem(
        "不动产登记", "id_number", ("property_count", "total_area_m2")
    ),
    "social_insurance.person": PlatformItem(
        "人力社保",
        "id_number",
        ("insured", "months_contributed", "employer_name", "last_paid_month"),
    ),
    "social_insurance.employer": PlatformItem(
        "人力社保", "uscc", ("insured_employees", "arrears", "last_paid_month")
    ),
    "personnel_file.custody": PlatformItem("人事档案", "id_number", ("custodian", "since")),
    "vehicle.ownership": PlatformItem("公安车辆登记", "id_number", ("vehicle_count", "plates")),
    "family_economic.status": PlatformItem(
        "民政家庭经济状况核对",
        "id_number",
        ("monthly_income_per_capita", "assets_total", "low_income_household", "checked_on"),
    ),
    "business.licence": PlatformItem(
        "市场监管主体登记",
        "uscc",
        (
            "name",
            "legal_representative",
            "status",
            "established_on",
            "registered_capital_wan",
            "business_scope",
        ),
    ),
}
