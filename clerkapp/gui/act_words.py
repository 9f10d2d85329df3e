"""The short words of a decision and of a decided case in the words of the matter's kind of act,
as the clerk reads them (translated): 准予许可 / 不予许可 for a licence, 给付 / 不予给付 for a
行政给付, 予以确认 / 不予确认, 予以办理 / 不予办理 (:data:`clerkapp.core.case_types.ACT_LABELS`,
the same words as the documents' ``ActWording``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerkapp.core.case_types import CaseState, Decision
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.gui.i18n import translated

# The words of ACT_LABELS, for lupdate: as a decision to take (context ActDecision: the buttons,
# the recommendation; English verbs) and as one taken (context ActWords: the case's state, the
# applicant's outcome; English participles).
_DECISIONS = (
    QT_TRANSLATE_NOOP("ActDecision", "准予许可"),
    QT_TRANSLATE_NOOP("ActDecision", "不予许可"),
    QT_TRANSLATE_NOOP("ActDecision", "给付"),
    QT_TRANSLATE_NOOP("ActDecision", "不予给付"),
    QT_TRANSLATE_NOOP("ActDecision", "予以确认"),
    QT_TRANSLATE_NOOP("ActDecision", "不予确认"),
    QT_TRANSLATE_NOOP("ActDecision", "予以办理"),
    QT_TRANSLATE_NOOP("ActDecision", "不予办理"),
    QT_TRANSLATE_NOOP("ActDecision", "受理"),
    QT_TRANSLATE_NOOP("ActDecision", "材料未齐"),
)
_OUTCOMES = (
    QT_TRANSLATE_NOOP("ActWords", "准予许可"),
    QT_TRANSLATE_NOOP("ActWords", "不予许可"),
    QT_TRANSLATE_NOOP("ActWords", "给付"),
    QT_TRANSLATE_NOOP("ActWords", "不予给付"),
    QT_TRANSLATE_NOOP("ActWords", "予以确认"),
    QT_TRANSLATE_NOOP("ActWords", "不予确认"),
    QT_TRANSLATE_NOOP("ActWords", "予以办理"),
    QT_TRANSLATE_NOOP("ActWords", "不予办理"),
    QT_TRANSLATE_NOOP("ActWords", "已办结（{d}）"),
)


def procedure_kind(value: str | ProcedureKind | None) -> ProcedureKind | None:
    """A kind of act from its stored value (``None`` for an empty or unknown one)."""
    if isinstance(value, ProcedureKind) or value is None:
        return value
    try:
        return ProcedureKind(value)
    except ValueError:
        return None


def decision_word(decision: Decision, kind: ProcedureKind | None) -> str:
    """``decision`` to take, in the words of ``kind`` (``None``: the neutral 予以办理 /
    不予办理): the decision step's buttons and recommendation."""
    return QCoreApplication.translate("ActDecision", decision.label_for(kind))


def outcome_word(decision: Decision, kind: ProcedureKind | None) -> str:
    """``decision`` once taken, in the words of ``kind``: the applicant's outcome, the case's
    state (the same Chinese as :func:`decision_word`; English says it was done)."""
    return QCoreApplication.translate("ActWords", decision.label_for(kind))


def state_word(state: CaseState, kind: ProcedureKind | None) -> str:
    """A case's state in the words of ``kind``: 已办结（不予给付） for a refused 行政给付."""
    if state in (CaseState.APPROVED, CaseState.REFUSED):
        decision = Decision.APPROVE if state is CaseState.APPROVED else Decision.REFUSE
        return QCoreApplication.translate("ActWords", "已办结（{d}）").format(
            d=outcome_word(decision, kind)
        )
    return translated(state.label_zh)
