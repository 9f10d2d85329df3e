"""From the case and the catalogue to what the wizard's views show: proof rows, the
recommendation line, the credit line, the pledges and the decision step. Pure functions (no
widgets, no I/O except :func:`signed_pledges`, which runs on a worker)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from clerkapp.app.decision_preview import refusal_prefill
from clerkapp.core.case import FAILED, WAITING, Case, CaseState, Decision, ProofState
from clerkapp.core.case_types import ProofResolution, mask_name
from clerkapp.core.catalogue import APPLICANT, Catalogue, Method, ProcedureKind
from clerkapp.core.platform_types import CreditStatus
from clerkapp.core.texts import IN_BRACKETS
from clerkapp.gui.act_words import decision_word, state_word
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.decision_step import DecisionModel
from clerkapp.gui.wizard.pledge_step import CreditModel, PledgeModel, SignedPledge
from clerkapp.gui.wizard.proofs_board import ProofRowModel, RowAction, RowStatus
from clerkapp.infra.office_clock import show_time

IN_FLIGHT = "in_flight"


def short_time(iso: str | None) -> str:
    """``11-26 09:00`` from an ISO datetime, in the office's time zone (never the workstation's
    own zone: the board must say what the printed documents say); the text as it is when it is
    no time."""
    if not iso:
        return ""
    return show_time(iso, "%m-%d %H:%M")


def rows(
    case: Case, catalogue: Catalogue, live: dict[str, str], errors: dict[str, str]
) -> list[ProofRowModel]:
    """One row per proof, in the matter's order."""
    return [
        _row(case, catalogue, p, live.get(code), errors.get(code))
        for code, p in case.proofs.items()
    ]


def _alternatives(case: Case, p: ProofResolution) -> tuple[RowAction, ...]:
    actions: list[RowAction] = []
    if Method.DEPT_VERIFY in p.allowed and p.method is not Method.DEPT_VERIFY:
        actions.append(RowAction.VERIFY)
    if Method.PLEDGE in p.allowed and p.method is not Method.PLEDGE and not case.credit_listed:
        actions.append(RowAction.PLEDGE)
    return tuple(actions)


def _row(
    case: Case, catalogue: Catalogue, p: ProofResolution, live: str | None, error: str | None
) -> ProofRowModel:
    item = catalogue.proofs.get(p.code)
    ev = p.evidence
    state = p.state

    about = _subject_text(case, catalogue, p)

    def make(
        status: RowStatus, words: str, detail: str = "", actions: tuple[RowAction, ...] = ()
    ) -> ProofRowModel:
        if about and status is not RowStatus.NOT_NEEDED:
            detail = f"{about} · {detail}" if detail else about
        return ProofRowModel(p.code, p.name, p.method, status, words, detail, actions)

    if state is ProofState.WAIVED:
        basis = item.drop.legal_basis if item and item.drop else (ev.source if ev else "")
        detail = QCoreApplication.translate("CaseWizard", "依据：{basis}").format(basis=basis)
        return make(
            RowStatus.NOT_NEEDED, QCoreApplication.translate("CaseWizard", "无需提供"), detail
        )
    if live == IN_FLIGHT or state is ProofState.IN_FLIGHT:
        registry = item.query.registry if item and item.query else ""
        return make(
            RowStatus.RUNNING,
            QCoreApplication.translate("CaseWizard", "查询中…"),
            QCoreApplication.translate("CaseWizard", "正在向{registry}查询").format(
                registry=registry
            )
            if registry
            else "",
        )
    if state in (
        ProofState.SATISFIED,
        ProofState.CONFIRMED,
        ProofState.PLEDGED,
        ProofState.PAPER_CHECKED,
    ):
        words = {
            ProofState.SATISFIED: QCoreApplication.translate("CaseWizard", "已查询"),
            ProofState.CONFIRMED: QCoreApplication.translate("CaseWizard", "已核验"),
            ProofState.PLEDGED: QCoreApplication.translate("CaseWizard", "已承诺"),
            ProofState.PAPER_CHECKED: QCoreApplication.translate("CaseWizard", "纸质证明已核验"),
        }[state]
        return make(RowStatus.DONE, words, _evidence(p))
    if state in FAILED:
        words = (
            QCoreApplication.translate("CaseWizard", "未通过")
            if state is ProofState.NOT_SATISFIED
            else QCoreApplication.translate("CaseWizard", "核验未通过")
        )
        return make(RowStatus.FAILED, words, _evidence(p))
    if state is ProofState.AWAITING_DEPT:
        dept = item.verify.department if item and item.verify else ""
        if p.deferred_until:
            # The department said it answers later: still waiting, by the new date (issue 10).
            detail = QCoreApplication.translate("CaseWizard", "预计 {date} 前答复 · {dept}").format(
                dept=dept, date=p.deferred_until
            )
            return make(
                RowStatus.WAITING,
                QCoreApplication.translate("CaseWizard", "部门延期答复"),
                detail,
            )
        days = item.verify.expected_days if item and item.verify else 0
        detail = QCoreApplication.translate(
            "CaseWizard", "已发起核验 · {dept} · 预计 {days} 个工作日"
        ).format(dept=dept, days=days)
        return make(RowStatus.WAITING, QCoreApplication.translate("CaseWizard", "待核验"), detail)
    why = translated(error or p.error or "")
    if state is ProofState.QUEUED:
        # Queued, never a failure (issue 10): amber, sent by itself when the platform is back;
        # 重试 asks now. Why it is queued follows in brackets.
        actions = (RowAction.RETRY, *_alternatives(case, p))
        detail = QCoreApplication.translate("CaseWizard", "平台恢复后自动查询")
        if why:
            detail = translated(IN_BRACKETS.format(text=detail, note=why))
        return make(
            RowStatus.WAITING,
            QCoreApplication.translate("CaseWizard", "已排队"),
            detail,
            actions,
        )
    # pending
    if p.method is Method.PLEDGE:
        if case.credit_listed:
            return make(
                RowStatus.FAILED,
                QCoreApplication.translate("CaseWizard", "不能承诺"),
                QCoreApplication.translate("CaseWizard", "申请人在失信名单中，不能以承诺方式办理"),
                _alternatives(case, p),
            )
        return make(
            RowStatus.WAITING,
            QCoreApplication.translate("CaseWizard", "待签字"),
            QCoreApplication.translate("CaseWizard", "在「④ 承诺签字」中由申请人签署"),
        )
    if why:
        actions = (RowAction.RETRY,) if p.method is Method.DATA_QUERY else ()
        return make(
            RowStatus.FAILED,
            QCoreApplication.translate("CaseWizard", "出错"),
            why,
            actions + _alternatives(case, p),
        )
    words = (
        QCoreApplication.translate("CaseWizard", "待查询")
        if p.method is Method.DATA_QUERY
        else QCoreApplication.translate("CaseWizard", "待发起核验")
    )
    return make(RowStatus.WAITING, words)


def _subject_text(case: Case, catalogue: Catalogue, p: ProofResolution) -> str:
    """``查询对象：已故参保人员 陈**`` when the proof's look-up or verification is about a
    related person, not the applicant (empty otherwise): the clerk sees whom it asks about."""
    matter = catalogue.matters.get(case.matter_code)
    item = catalogue.proofs.get(p.code)
    if matter is None or item is None:
        return ""
    if p.method is Method.DATA_QUERY and item.query is not None:
        subject = item.query.subject
        label = QCoreApplication.translate("CaseWizard", "查询对象：{who}")
    elif p.method is Method.DEPT_VERIFY and item.verify is not None:
        subject = item.verify.subject
        label = QCoreApplication.translate("CaseWizard", "核验对象：{who}")
    else:
        return ""
    role = matter.related_role(subject) if subject != APPLICANT else None
    person = case.related.get(subject) if role is not None else None
    if role is None or person is None:
        return ""
    return label.format(who=f"{role.label} {mask_name(person.name)}")


def _evidence(p: ProofResolution) -> str:
    ev = p.evidence
    if ev is None:
        return translated(p.error or "")
    parts = [translated(ev.source)] if ev.source else []
    if ev.method is Method.DATA_QUERY and ev.as_of:
        parts.append(
            QCoreApplication.translate("CaseWizard", "数据截至 {t}").format(t=short_time(ev.as_of))
        )
    elif ev.at:
        parts.append(short_time(ev.at))
    if ev.detail:
        parts.append(translated(ev.detail))
    return " · ".join(parts)


def recommendation_line(case: Case, kind: ProcedureKind | None = None) -> str:
    """``建议：不予许可 — 车辆登记情况：名下有车辆 1 辆``, or the decision once made, in the words
    of the matter's kind of act (``建议：不予给付 — …`` for a 行政给付)."""
    if case.state is not CaseState.OPEN:
        text = QCoreApplication.translate("CaseWizard", "办件状态：{s}").format(
            s=state_word(case.state, kind)
        )
        if case.state is CaseState.ACCEPTED and not case.missing():
            text += QCoreApplication.translate("CaseWizard", "（部门已答复，可作出决定）")
        return text
    rec = case.recommend()
    summary = f"{decision_word(rec.decision, kind)} — {translated('；'.join(rec.reasons))}"
    return QCoreApplication.translate("CaseWizard", "建议：{s}").format(s=summary)


def recommendation_tone(case: Case) -> Tone:
    """Colour family of the recommendation line (green approve, red refuse, amber otherwise)."""
    if case.state is not CaseState.OPEN:
        return Tone.NEUTRAL
    decision = case.recommend().decision
    return {Decision.APPROVE: Tone.OK, Decision.REFUSE: Tone.ERROR}.get(decision, Tone.WAITING)


def credit(
    status: CreditStatus | None, error: str, running: bool, listed: bool | None = None
) -> CreditModel:
    """The pledge step's credit line."""
    if running:
        return CreditModel(None, QCoreApplication.translate("CaseWizard", "正在核查失信名单…"))
    if error:
        return CreditModel(
            None,
            QCoreApplication.translate(
                "CaseWizard", "信用核查未完成：{e}。重新进入本步骤可再次核查。"
            ).format(e=error),
        )
    if status is None:
        if listed is None:
            return CreditModel(
                None, QCoreApplication.translate("CaseWizard", "签署承诺前须先核查失信名单")
            )
        return CreditModel(
            listed,
            QCoreApplication.translate("CaseWizard", "信用核查：已列入失信名单")
            if listed
            else QCoreApplication.translate("CaseWizard", "信用核查：未列入失信名单"),
        )
    if status.listed:
        entry: dict[str, Any] = status.entry or {}
        details = "；".join(
            str(v)
            for v in (
                entry.get("reason"),
                entry.get("authority"),
                entry.get("document_no"),
                entry.get("listed_on"),
            )
            if v
        )
        return CreditModel(
            True,
            QCoreApplication.translate(
                "CaseWizard",
                "申请人已列入失信名单（名单版本 {v}；{d}），依规定不能以告知承诺方式办理，"
                "请改用目录允许的其他方式",
            ).format(v=status.list_version, d=details),
        )
    return CreditModel(
        False,
        QCoreApplication.translate(
            "CaseWizard", "信用核查通过：未列入失信名单（名单版本 {v}）"
        ).format(v=status.list_version),
    )


def pledges(case: Case, catalogue: Catalogue, signed: dict[str, SignedPledge]) -> list[PledgeModel]:
    """The case's pledge proofs with their catalogue texts."""
    models = []
    for code, p in case.proofs.items():
        item = catalogue.proofs.get(code)
        if p.method is not Method.PLEDGE or item is None or item.pledge is None:
            continue
        alternatives = tuple(m for m in p.allowed if m not in (Method.PLEDGE, Method.DROPPED))
        done = signed.get(code) if p.state is ProofState.PLEDGED else None
        models.append(
            PledgeModel(
                proof_code=code,
                proof_name=p.name,
                text=item.pledge.text,
                consequences=item.pledge.consequences,
                signed=done,
                alternatives=alternatives,
                paper=p.paper_allowed and p.state is ProofState.PENDING,
                paper_checked=translated(p.evidence.detail)
                if p.state is ProofState.PAPER_CHECKED and p.evidence
                else "",
            )
        )
    return models


def decision(case: Case, kind: ProcedureKind | None = None) -> DecisionModel:
    """Recommendation and the decisions the case allows now, in the words of the matter's kind
    of act (``kind``)."""
    rec = case.recommend()
    states = [p.state for p in case.proofs.values()]
    allowed: set[Decision] = set()
    if case.state in (CaseState.OPEN, CaseState.ACCEPTED):
        allowed.add(Decision.REFUSE)
        if not case.missing():
            allowed.add(Decision.APPROVE)
        if (
            case.state is CaseState.OPEN
            and not any(s in FAILED for s in states)
            and not any(s in (ProofState.PENDING, ProofState.IN_FLIGHT) for s in states)
            and any(s in WAITING for s in states)
        ):
            allowed.add(Decision.ACCEPT)
    decided = case.decision if case.state is not CaseState.OPEN else None
    if case.state is CaseState.ACCEPTED:
        # Accepted: waiting for a department; once none waits any more, decide for good.
        still_waiting = any(s in WAITING for s in states)
        decided = Decision.ACCEPT if still_waiting else None
        if still_waiting:
            allowed = set()
    text = ""
    if decided is not None:
        text = QCoreApplication.translate("CaseWizard", "已决定：{d}").format(
            d=state_word(case.state, kind)
        )
    recommended = rec.decision
    prefill = refusal_prefill(case) if recommended is Decision.REFUSE else ""
    return DecisionModel(
        recommended,
        tuple(map(translated, rec.reasons)),
        frozenset(allowed),
        decided,
        text,
        prefill,
        procedure=kind,
    )


def signed_from_record(record: Any) -> SignedPledge:
    """A stored pledge record as the pledge step shows it."""
    return SignedPledge(
        png=bytes(record.signature_png),
        signed_at=short_time(str(record.signed_at)) or str(record.signed_at),
        text_hash=str(record.signature_sha256),
    )


def signed_pledges(services: Any, case_id: str) -> dict[str, SignedPledge]:
    """*worker* — the latest signed pledge of each proof of a stored case."""
    from clerkapp.infra.store.pledges import PledgeRepository

    found: dict[str, SignedPledge] = {}
    for record in PledgeRepository(services.context.store).for_case(case_id):
        found[record.proof_code] = signed_from_record(record)
    return found
