"""The plain data a printed document is built from (no case logic, no I/O).

:func:`clerkapp.infra.documents.from_case.document_data` fills a :class:`DocumentData` from a
case; tests and tools may fill one by hand. Everything here is already in the words printed on
paper (Chinese), so the builders only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum


class DocumentKind(StrEnum):
    """The documents an applicant takes home."""

    DECISION = "decision"  # the decision: 准予行政许可决定书, 给付决定书, … (wording.py)
    RECEIPT = "receipt"  # 受理回执
    REFUSAL = "refusal"  # the refusal: 不予行政许可决定书, 不予给付决定书, … (wording.py)
    PLEDGE = "pledge"  # 告知承诺书
    CORRECTION_NOTICE = "correction_notice"  # 补正材料一次性告知书
    NOT_ACCEPTED = "not_accepted"  # 不予受理决定书
    WITHDRAWAL = "withdrawal"  # 撤回申请确认书

    @property
    def title_zh(self) -> str:
        """The kind's generic title. A decision's and a refusal's printed title depends on the
        matter's kind of act (``wording.document_title``); these neutral ones are wrong for no
        act and are printed only when no matter is known."""
        return _TITLES[self]

    @property
    def number_mark(self) -> str:
        """The kind's character(s) in the document number: 决 / 受 / 不许 / 诺."""
        return _MARKS[self]


_TITLES = {
    DocumentKind.DECISION: "办理决定书",
    DocumentKind.RECEIPT: "受理回执",
    DocumentKind.REFUSAL: "不予办理决定书",
    DocumentKind.PLEDGE: "告知承诺书",
    DocumentKind.CORRECTION_NOTICE: "补正材料一次性告知书",
    DocumentKind.NOT_ACCEPTED: "不予受理决定书",
    DocumentKind.WITHDRAWAL: "撤回申请确认书",
}
_MARKS = {
    DocumentKind.DECISION: "决",
    DocumentKind.RECEIPT: "受",
    DocumentKind.REFUSAL: "不许",
    DocumentKind.PLEDGE: "诺",
    DocumentKind.CORRECTION_NOTICE: "补",
    DocumentKind.NOT_ACCEPTED: "不受",
    DocumentKind.WITHDRAWAL: "撤",
}


def document_series(office_abbr: str, kind: DocumentKind, mark: str = "") -> str:
    """The numbering series of an office's documents of one kind, e.g. ``金市人社决``: each kind
    (文种) is numbered on its own per office and year, as offices do on paper. ``mark`` replaces
    the kind's own character(s) where the act's kind names the document differently (a 不予给付
    决定书 is 不给, see ``wording.number_mark``)."""
    return f"{office_abbr}{mark or kind.number_mark}"


def format_document_number(
    office_abbr: str, kind: DocumentKind, year: int, seq: int, mark: str = ""
) -> str:
    """The official document number, e.g. ``金市人社决〔2026〕123号`` (receipt 金市人社受〔2026〕…,
    refusal 金市人社不许〔2026〕…, pledge letter 金市人社诺〔2026〕…).

    ``seq`` comes from the store's gapless counter of the series :func:`document_series`. The
    year is in hexagonal brackets 〔〕, the sequence without leading zeros (GB/T 9704-2012 7.2.4).
    """
    if seq < 1:
        raise ValueError("document sequence numbers start at 1")
    return f"{document_series(office_abbr, kind, mark)}〔{year}〕{seq}号"


_DIGITS = "〇一二三四五六七八九"


def _zh_small_number(n: int) -> str:
    # 1..31 the way dates are written in official documents: 十一, 二十, 二十七, 三十一
    tens, units = divmod(n, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return text + (_DIGITS[units] if units else "") if n else "〇"


VOIDED_COPY_LABEL = "作废存档联"


def voided_copy(data: DocumentData, note: str) -> DocumentData:
    """``data`` as the file copy of its voided number (作废存档联): stamped 作废 on every page,
    ``note`` (:func:`voided_note`) under the title, never provisional — it is no paper to hand
    out, only the file's record of what was voided."""
    if not note.strip():
        raise ValueError("a voided copy states when, by whose approval and why")
    return replace(data, voided=note, copy_label=VOIDED_COPY_LABEL, provisional=False)


def voided_note(voided_on: dt.date, approved_by: str, reason: str) -> str:
    """The line a voided document's file copy carries under its title: when it was voided, who
    approved it and why — nothing the paper does not already show about the applicant."""
    why = reason.strip().rstrip("。")
    return f"本文书已于{chinese_date(voided_on)}作废（批准人 {approved_by}，原因：{why}）。"


def chinese_date(day: dt.date) -> str:
    """A date as official documents write it: ``二〇二六年十一月二十七日``."""
    year = "".join(_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{_zh_small_number(day.month)}月{_zh_small_number(day.day)}日"


@dataclass(frozen=True)
class ProofLine:
    """How one proof item was satisfied, in printable words.

    ``how`` is the evidence sentence: for a look-up the registry, data as of and receipt id; for
    a department verification the department, answer and date; for a pledge the signing date and
    signature hash; for a dropped proof "无需提供". ``basis`` is the legal basis (dropped proofs)
    or empty.
    """

    name: str
    method: str  # 数据查询 / 部门核验 / 申报承诺 / 直接取消
    how: str
    basis: str = ""
    satisfied: bool = True


@dataclass(frozen=True)
class PledgeSection:
    """One signed pledge: the exact text, the consequences, the signature and its binding."""

    proof_name: str
    text: str
    consequences: str
    signed_at: dt.datetime
    signature_sha256: str  # hex, binds signature + text + time (computed by the case service)
    signature_png: bytes | None = None


@dataclass(frozen=True)
class Rights:
    """Where and within which time the applicant may seek review or sue.

    Periods from the current law: 《中华人民共和国行政复议法》(2023 revision, in force 2024-01-01)
    art. 20 — sixty days from knowing the act; 《中华人民共和国行政诉讼法》 art. 46 — six months.
    Since the 2023 revision a county-or-higher department's act is reviewed by the people's
    government at its own level (art. 24), hence the default review body.
    """

    review_body: str = "金华市人民政府"
    court: str = "金华市婺城区人民法院"
    review_days: int = 60
    litigation_months: int = 6


@dataclass(frozen=True)
class DocumentData:
    """Everything one printed document shows. Build with ``from_case.document_data`` or by hand.

    ``applicant_id`` is printed as given: pass it masked (``mask_id_number``) except where the
    document needs the full number (the pledge letter, see ``from_case``). ``tracking_url`` is
    ``{public_base}/p/{token}`` and nothing else — it becomes the QR code.
    """

    kind: DocumentKind
    office: str  # issuing office, e.g. 金华市人力资源和社会保障局
    number: str  # e.g. 金市人社决〔2026〕123号
    applicant_name: str
    applicant_id_label: str  # 公民身份号码 / 统一社会信用代码
    applicant_id: str
    matter_name: str  # the matter's official name, as printed
    matter_code: str  # internal catalogue code (zjj.public_rental): for the record, never printed
    applied_on: dt.date
    issued_on: dt.date
    tracking_url: str
    short_code: str  # grouped as printed, e.g. K7QM-3XPD-R8WN (8 characters before issue 11)
    proofs: tuple[ProofLine, ...] = ()
    legal_basis: str = ""  # the matter's legal basis
    reasons: tuple[str, ...] = ()  # refusal reasons (or the decision's findings)
    promised_on: dt.date | None = None  # receipt: promised completion date
    time_limit_days: int = 0  # receipt: promised number of working days
    pledges: tuple[PledgeSection, ...] = ()
    rights: Rights = field(default_factory=Rights)
    provisional: bool = False  # printed without the platform: 临时凭证
    copy_number: int = 1  # as the store counts prints: 1 the original, n ≥ 2 a reprint (副本)
    service_centre: str = "金华市行政服务中心"
    clerk: str = ""  # the clerk's name or username printed as 经办人
    # Related persons (关系人) as printed: (label, "陈** 330723********0155"), e.g. the deceased
    # insured person of a survivor allowance; masked except on the pledge letter (see from_case).
    related: tuple[tuple[str, str], ...] = ()
    # Who signs the pledges by hand (issue 9): 承诺人 (the applicant in person), or the role of
    # the person present who signs for them (代办人, 法定代表人, 经办人, 监护人).
    signer_label: str = "承诺人"
    # How the applicant is reached (issue 9) as printed: (联系电话, 138****5678) — the phone always
    # masked — and (送达方式, 短信通知); empty when the case has no contact.
    contact: tuple[tuple[str, str], ...] = ()
    # 更正: the number of the document this one corrects and replaces (printed under the title).
    replaces: str = ""
    # A paper's own mark instead of 副本（第n份）, e.g. 存档联 of a 一式两份 print.
    copy_label: str = ""
    # 补正材料一次性告知书: every item as (material, what is missing or wrong), the deadline and
    # its number of working days (see stories_notices).
    corrections: tuple[tuple[str, str], ...] = ()
    correction_due_on: dt.date | None = None
    correction_days: int = 0
    # The article the 补正 / 不予受理 rests on (行政许可法 Art. 32 for a licence; "" otherwise).
    procedure_article: str = ""
    # The act's words (clerkapp.infra.documents.wording): the printed title (empty: the kind's
    # generic title) and the decision sentence of a decision or refusal (empty: neutral words).
    title: str = ""
    act_sentence: str = ""
    public_code: str = ""  # the matter's public code (事项编码), printed when not empty
    case_id: str = ""  # 办件编号, printed on every document
    accepted_by: str = ""  # 受理人: the clerk who accepted the case, printed on every document
    # 作废存档联: the file copy of a voided number, stamped 作废 on every page, with this note
    # under the title (``voided_note``); empty: a valid paper.
    voided: str = ""

    @property
    def printed_title(self) -> str:
        """The title printed on the document: the act's own, else the kind's."""
        return self.title or self.kind.title_zh
