"""What a decision will print, shown on ⑤ 决定 before the irreversible act: the document's
title, the decision sentence and — for a refusal — the reasons exactly as the notice prints them
(the same functions the documents use: :func:`clerkapp.infra.documents.wording.act_wording`,
:func:`clerkapp.infra.documents.from_case.printed_reasons`). Pure and quick: the GUI calls it on
its own thread as the clerk types."""

from __future__ import annotations

from dataclasses import dataclass

from clerkapp.core.case import Case, Decision
from clerkapp.core.catalogue import Matter
from clerkapp.core.reasons import failed_reasons, prefill
from clerkapp.infra.documents.from_case import printed_reasons
from clerkapp.infra.documents.model import DocumentKind
from clerkapp.infra.documents.wording import act_wording

#: The receipt's decision sentence (受理回执, see ``stories.receipt_story``).
ACCEPT_SENTENCE = "本机关决定予以受理。"


@dataclass(frozen=True)
class ActPreview:
    """The printed essentials of one decision: title, decision sentence, numbered reasons."""

    decision: Decision
    title: str
    sentence: str
    reasons: tuple[str, ...] = ()


def preview_act(
    case: Case, matter: Matter | None, decision: Decision, reason: str
) -> ActPreview | None:
    """What deciding ``decision`` on ``case`` with the reason field's text ``reason`` prints;
    None for a decision that prints nothing (材料未齐) or an unknown matter."""
    if matter is None:
        return None
    wording = act_wording(matter)
    if decision is Decision.APPROVE:
        return ActPreview(decision, wording.decision_title, wording.grant_sentence)
    if decision is Decision.REFUSE:
        return ActPreview(
            decision,
            wording.refusal_title,
            wording.refusal_sentence,
            printed_reasons(case, reason),
        )
    if decision is Decision.ACCEPT:
        return ActPreview(decision, DocumentKind.RECEIPT.title_zh, ACCEPT_SENTENCE)
    return None


def refusal_prefill(case: Case) -> str:
    """The reason field's pre-filled text: the failed proofs' reasons ("" when none failed)."""
    return prefill(failed_reasons(case.proofs.values()))
