"""From a case to the data of its printed document: which document, which words for each proof,
and where the full ID number is printed.

ID numbers: the decision, the refusal notice and the receipt print the resident ID number masked
(330702********1234) — the name, matter, document number and QR identify the case, and these
papers travel (shown to landlords, employers, banks). The pledge letter prints it in full: it is
the applicant's own signed statement, the legal basis for holding them liable for a false pledge
(撤销决定, 信用惩戒), and must identify the person who signed it beyond doubt. A business's unified
social credit code is public register data and printed in full everywhere.

Related persons (关系人, e.g. the deceased insured person of a survivor allowance) are printed under
the applicant with the matter's label: masked name and number (陈** 330723********0155) on the
decision, refusal and receipt — enough to tell whose death or estate the case was about — and in
full on the pledge letter, whose statements (e.g. "本人与已故参保人员系夫妻关系") are about that
person and must name them beyond doubt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from clerkapp.core.case import FAILED, Case, CaseState, ProofResolution, ProofState
from clerkapp.core.case_types import mask_name
from clerkapp.core.case_ways import PAPER_SOURCE
from clerkapp.core.catalogue import ApplicantKind, Catalogue, Matter, Method, ProcedureKind
from clerkapp.core.contact import Delivery
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.reasons import refusal_reasons
from clerkapp.core.short_code import grouped
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.core.workdays import PACKAGE_CALENDAR, WorkCalendar
from clerkapp.errors import DocumentError
from clerkapp.infra.calendar_io import promised_date
from clerkapp.infra.documents.model import (
    DocumentData,
    DocumentKind,
    PledgeSection,
    ProofLine,
    Rights,
    format_document_number,
)
from clerkapp.infra.documents.stories_notices import (
    LICENCE_CORRECTION_ARTICLE,
    LICENCE_NOT_ACCEPTED_ARTICLE,
)
from clerkapp.infra.documents.wording import (
    act_wording,
    document_title,
    legal_basis_text,
    number_mark,
)
from clerkapp.infra.office_clock import office_day, office_time, show_day, show_time


class SignedPledge(Protocol):
    """What the pledge letter needs of a stored pledge (``store.pledges.PledgeRecord`` fits)."""

    proof_code: str
    pledge_text: str
    consequences: str
    signed_at: str
    signature_sha256: str
    signature_png: bytes


@dataclass(frozen=True)
class DocumentSettings:
    """Workstation facts printed on documents. ``progress_base_url`` is the platform's public
    address (``AppContext.progress_base_url``; in training mode the sandbox's real address).
    ``print_public_code``: print the matter's public code (事项编码) after its name when the
    matter has one (the office may turn it off; the internal catalogue code is never printed)."""

    progress_base_url: str
    service_centre: str = "金华市行政服务中心"
    rights: Rights = field(default_factory=Rights)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    print_public_code: bool = True


def kind_for(case: Case) -> DocumentKind:
    """The document a case's state calls for: approved → decision, refused → refusal notice,
    accepted → receipt, awaiting correction → 补正材料一次性告知书, not accepted → 不予受理决定书,
    withdrawn → 撤回申请确认书."""
    kinds = {
        CaseState.APPROVED: DocumentKind.DECISION,
        CaseState.REFUSED: DocumentKind.REFUSAL,
        CaseState.ACCEPTED: DocumentKind.RECEIPT,
        CaseState.AWAITING_CORRECTION: DocumentKind.CORRECTION_NOTICE,
        CaseState.NOT_ACCEPTED: DocumentKind.NOT_ACCEPTED,
        CaseState.WITHDRAWN: DocumentKind.WITHDRAWAL,
    }
    kind = kinds.get(case.state)
    if kind is None:
        raise DocumentError(
            f"no document for a case in state {case.state}",
            user_message=QT_TRANSLATE_NOOP(
                "Documents", "办件{state}，没有可打印的决定书或回执"
            ).format(state=case.state.label_zh),
        )
    return kind


def office_of(catalogue: Catalogue, matter: Matter) -> tuple[str, str]:
    """The issuing office's name and number prefix (e.g. 金华市人力资源和社会保障局, 金市人社)."""
    dept = catalogue.departments.get(matter.department)
    name = dept.name if dept else matter.department
    abbr = matter.office_abbr or (dept.office_abbr if dept else "")
    return name, abbr


def add_working_days(
    start: dt.date, days: int, calendar: WorkCalendar = PACKAGE_CALENDAR
) -> dt.date:
    """``days`` working days after ``start`` by ``calendar`` (public holidays and 调休 days; a
    year it does not cover counts weekends only, so the promise errs early, never late)."""
    return promised_date(calendar, start, days)


def _when(text: str | None) -> str:
    """A recorded time as printed: the office's wall time (``2026-12-08 06:00``), whatever zone
    it was recorded in; "—" for none."""
    return show_time(text) or "—"


def _day(text: str | None) -> str:
    """The office's day of a recorded time (``2026-12-08``); "—" for none."""
    return show_day(text) or "—"


def proof_line(p: ProofResolution, *, ended: bool = False) -> ProofLine:
    """How one proof of the case was (or is being) satisfied, in printed words. ``ended``: the
    case is decided or withdrawn — its unanswered verifications and unsent look-ups were
    withdrawn with it (``CaseService._withdraw_requests``), so nothing is printed as still
    pending (see :func:`_ended_line`)."""
    ev = p.evidence
    method = p.method.label_zh
    state = p.state
    if ended and not state.satisfying and state not in FAILED:
        return _ended_line(p)
    if state is ProofState.WAIVED:
        return ProofLine(p.name, method, "无需提供", basis=ev.source if ev else "")
    if ev and state in (ProofState.SATISFIED, ProofState.NOT_SATISFIED):
        how = (
            f"{ev.source}：{ev.detail or state.label_zh}；数据截至 {_when(ev.as_of)}；"
            f"平台回执 {ev.receipt_id or '—'}"
        )
        return ProofLine(p.name, method, how, satisfied=state.satisfying)
    if ev and state in (ProofState.CONFIRMED, ProofState.DENIED):
        answer = "已确认" if state is ProofState.CONFIRMED else "核验未通过"
        detail = f"（{ev.detail}）" if ev.detail else ""
        how = f"{ev.source}核验：{answer}{detail}；答复日期 {_day(ev.at)}"
        if p.ticket or ev.receipt_id:
            how += f"；核验单号 {ev.receipt_id or p.ticket}"
        return ProofLine(p.name, method, how, satisfied=state.satisfying)
    if state is ProofState.PAPER_CHECKED:
        detail = ev.detail if ev else "申请人提交纸质证明"
        return ProofLine(p.name, PAPER_SOURCE, f"{detail}；核验时间 {_when(ev.at if ev else None)}")
    if state is ProofState.PLEDGED:
        when = _when(ev.at) if ev else "—"
        # The first 16 hex digits identify the pledge letter; the full hash is printed there.
        digest = f"{p.pledge_hash[:16]}…" if p.pledge_hash else "—"
        how = f"申请人于 {when} 签署告知承诺书；签名校验值 SHA-256 {digest}"
        return ProofLine(p.name, method, how)
    if state is ProofState.AWAITING_DEPT:
        how = "已发起部门核验，等待答复" + (f"（核验单号 {p.ticket}）" if p.ticket else "")
        return ProofLine(p.name, method, how, satisfied=False)
    if state is ProofState.QUEUED:
        return ProofLine(p.name, method, "已排队，联网后自动查询", satisfied=False)
    return ProofLine(p.name, method, state.label_zh, satisfied=state.satisfying)


def _ended_line(p: ProofResolution) -> ProofLine:
    """A proof left unresolved when the case ended. The row stays on the paper: the applicant and
    a reviewing body (行政复议) must see that this proof was asked for, that no answer was
    awaited any more and that it is no ground of the decision — a row left out would hide that a
    department was asked (the ticket number traces the request); "等待答复" would promise an
    answer that will never come."""
    method = p.method.label_zh
    if p.state is ProofState.AWAITING_DEPT:
        ticket = f"（核验单号 {p.ticket}）" if p.ticket else ""
        how = f"已发起部门核验{ticket}，作出决定时部门尚未答复；核验请求已撤回，不作为本决定的依据"
    elif p.state in (ProofState.QUEUED, ProofState.IN_FLIGHT):
        how = "作出决定时尚未取得查询结果；查询已撤回，不作为本决定的依据"
    else:
        how = f"未核实（{p.error}）" if p.error else "未核实（办件已办结，不再办理）"
    return ProofLine(p.name, method, how, satisfied=False)


def _pledge_sections(case: Case, pledges: Sequence[SignedPledge]) -> tuple[PledgeSection, ...]:
    names = {code: p.name for code, p in case.proofs.items()}
    latest: dict[str, SignedPledge] = {}
    for pledge in pledges:  # in signing order: a re-signed pledge supersedes
        latest[pledge.proof_code] = pledge
    return tuple(
        PledgeSection(
            proof_name=names.get(pledge.proof_code, pledge.proof_code),
            text=pledge.pledge_text,
            consequences=pledge.consequences,
            signed_at=office_time(dt.datetime.fromisoformat(pledge.signed_at)),
            signature_sha256=pledge.signature_sha256,
            signature_png=pledge.signature_png or None,
        )
        for code, pledge in latest.items()
        if code in names and case.proofs[code].method is Method.PLEDGE
    )


def related_lines(case: Case, matter: Matter, *, full: bool) -> tuple[tuple[str, str], ...]:
    """The case's related persons as printed: (label, name and ID number), in the matter's
    order; masked unless ``full``."""
    lines = []
    for role in matter.related:
        person = case.related.get(role.role)
        if person is None:  # a case opened before the catalogue declared the role
            continue
        shown = (
            f"{person.name} {person.id_number}"
            if full
            else f"{mask_name(person.name)} {mask_id_number(person.id_number)}"
        )
        lines.append((role.label, shown))
    return tuple(lines)


def present_lines(case: Case, kind: DocumentKind) -> tuple[tuple[str, str], ...]:
    """Who was at the counter for the applicant (issue 9), as printed under the applicant:
    ("代办人", "李** 330702********1234（子女，持授权委托书）"), in full on the pledge letter,
    which also names who signs it ("承诺签署人"). Empty when the applicant came in person (the
    pledge letter then names the applicant as signer)."""
    pledge = kind is DocumentKind.PLEDGE
    lines: list[tuple[str, str]] = []
    present = case.present
    if present is not None:
        lines.append((present.role.label_zh, present.display(full=pledge)))
    if pledge:
        if present is None:
            signer = f"{case.applicant_name}（申请人本人）"
        else:
            signer = f"{present.name}（{present.role.label_zh}，代表申请人{case.applicant_name}）"
        lines.append(("承诺签署人", signer))
    return tuple(lines)


def _reasons(case: Case, reason: str | None = None) -> tuple[str, ...]:
    """The reasons a refusal of ``case`` prints: each failed proof's, then the clerk's own words
    (``reason``, default the case's ``decision_reason``), each once (:mod:`clerkapp.core.reasons`).
    ``reason`` lets the decision step show what a refusal would print before it is made."""
    return refusal_reasons(case.proofs.values(), case.decision_reason if reason is None else reason)


def printed_reasons(case: Case, reason: str | None = None) -> tuple[str, ...]:
    """The refusal's reasons as the notice prints them: "一、车辆登记情况：名下有车辆 1 辆。"."""
    return tuple(
        f"{_ORDINALS[i] if i < len(_ORDINALS) else i + 1}、{r.rstrip('。；;')}。"
        for i, r in enumerate(_reasons(case, reason) or ("申请不符合法定条件。",))
    )


_ORDINALS = "一二三四五六七八九十"


def document_data(
    case: Case,
    catalogue: Catalogue,
    settings: DocumentSettings,
    *,
    kind: DocumentKind,
    seq: int,
    issued_on: dt.date,
    pledges: Sequence[SignedPledge] = (),
    provisional: bool = False,
    copy_number: int = 1,
    clerk: str = "",
    accepted_by: str = "",
) -> DocumentData:
    """The printable data of ``case``'s document of ``kind``; ``seq`` is the number the store
    claimed in the series ``document_series(office_abbr, kind, number_mark(kind, matter))`` for
    ``issued_on.year``.
    ``accepted_by`` is the name of the clerk who accepted the case (受理人), printed with the
    case number. Title and decision sentence follow the matter's kind of act (``wording``)."""
    matter = catalogue.matters.get(case.matter_code)
    if matter is None:
        raise DocumentError(
            f"matter {case.matter_code} not in the catalogue",
            user_message=QT_TRANSLATE_NOOP(
                "Documents", "无法打印：事项目录中没有事项 {matter_code}"
            ).format(matter_code=case.matter_code),
        )
    identity = case.identity_print_block()  # a name the registry contradicts is never printed
    if identity is not None:
        raise DocumentError("unresolved identity finding", user_message=identity)
    office, abbr = office_of(catalogue, matter)
    person = case.applicant_kind is ApplicantKind.PERSON
    full_id = kind is DocumentKind.PLEDGE or not person
    accepted = office_day(case.accepted_at or case.created_at)
    promised = add_working_days(accepted, matter.time_limit_days, settings.calendar)
    words = act_wording(matter)
    sentences = {
        DocumentKind.DECISION: words.grant_sentence,
        DocumentKind.REFUSAL: words.refusal_sentence,
    }
    return DocumentData(
        kind=kind,
        office=office,
        number=format_document_number(abbr, kind, issued_on.year, seq, number_mark(kind, matter)),
        applicant_name=case.applicant_name,
        applicant_id_label="公民身份号码" if person else "统一社会信用代码",
        applicant_id=case.applicant_id if full_id else mask_id_number(case.applicant_id),
        matter_name=matter.name,
        matter_code=matter.code,
        applied_on=office_day(case.created_at),
        issued_on=issued_on,
        tracking_url=f"{settings.progress_base_url.rstrip('/')}/p/{case.tracking_token}",
        short_code=grouped(case.short_code),
        proofs=tuple(proof_line(p, ended=case.state.final) for p in case.proofs.values()),
        legal_basis=legal_basis_text(matter),
        reasons=_printed_reasons(case, kind),
        promised_on=promised if kind is DocumentKind.RECEIPT else None,
        time_limit_days=matter.time_limit_days,
        pledges=_pledge_sections(case, pledges) if kind is DocumentKind.PLEDGE else (),
        rights=settings.rights,
        provisional=provisional,
        copy_number=copy_number,
        service_centre=settings.service_centre,
        clerk=clerk,
        related=related_lines(case, matter, full=kind is DocumentKind.PLEDGE)
        + present_lines(case, kind),
        signer_label=case.present.role.label_zh if case.present else "承诺人",
        contact=contact_lines(case, kind),
        title=document_title(kind, matter),
        act_sentence=sentences.get(kind, ""),
        public_code=matter.public_code if settings.print_public_code else "",
        case_id=case.id,
        accepted_by=accepted_by,
        **_ways_back_fields(case, matter, kind),
    )


#: The documents that print how the applicant is reached (issue 9).
CONTACT_KINDS = frozenset({DocumentKind.RECEIPT, DocumentKind.DECISION, DocumentKind.REFUSAL})


def contact_lines(case: Case, kind: DocumentKind) -> tuple[tuple[str, str], ...]:
    """The contact rows printed under the applicant (receipt, decision, refusal): the phone
    masked (138****5678) and the 送达方式 — only when the clerk recorded a phone or a way other
    than 窗口领取; the address is never printed."""
    contact = case.contact
    if kind not in CONTACT_KINDS or (not contact.phone and contact.delivery is Delivery.COUNTER):
        return ()
    rows = [("联系电话", contact.masked_phone)] if contact.phone else []
    return (*rows, ("送达方式", contact.delivery.label_zh))


def _printed_reasons(case: Case, kind: DocumentKind) -> tuple[str, ...]:
    """The reasons a document states: a refusal's, a 不予受理's, or the applicant's own reason
    for withdrawing (kept as the case's ``decision_reason``)."""
    if kind is DocumentKind.REFUSAL:
        return _reasons(case)
    if kind is DocumentKind.WITHDRAWAL:
        if case.state is not CaseState.WITHDRAWN:
            raise DocumentError(
                "withdrawal confirmation of a case not withdrawn",
                user_message=QT_TRANSLATE_NOOP(
                    "Documents", "办件{state}，没有撤回，不能打印撤回申请确认书"
                ).format(state=case.state.label_zh),
            )
        return (case.decision_reason,) if case.decision_reason else ()
    return case.not_accepted_reasons()


def _ways_back_fields(case: Case, matter: Matter, kind: DocumentKind) -> dict[str, Any]:
    """The fields of the 补正 notice (its items and deadline) and the 不予受理 decision (its
    reasons), and the article both rest on for a licence."""
    licence = matter.procedure is ProcedureKind.LICENCE
    if kind is DocumentKind.NOT_ACCEPTED:
        reasons = case.not_accepted_reasons()
        if not reasons:
            raise DocumentError(
                "not-accepted notice without reasons",
                user_message=QT_TRANSLATE_NOOP(
                    "Documents", "办件没有不予受理的理由，不能打印不予受理决定书"
                ),
            )
        return {"procedure_article": LICENCE_NOT_ACCEPTED_ARTICLE if licence else ""}
    if kind is not DocumentKind.CORRECTION_NOTICE:
        return {}
    if not case.corrections:
        raise DocumentError(
            "correction notice without a correction",
            user_message=QT_TRANSLATE_NOOP(
                "Documents", "办件没有补正内容，不能打印补正材料一次性告知书"
            ),
        )
    request = case.corrections[-1]
    items = tuple(
        (i.name, i.problem + ("（请提交纸质证明原件，由窗口核验）" if i.paper else ""))
        for i in request.items
    )
    return {
        "corrections": items,
        "correction_due_on": request.due_on,
        "correction_days": request.working_days,
        "procedure_article": LICENCE_CORRECTION_ARTICLE if licence else "",
    }
