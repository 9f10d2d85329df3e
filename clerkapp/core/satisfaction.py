"""The applicant's satisfaction rating of a case (好差评): the five official levels of the
government-service evaluation system, from 非常满意 to 非常不满意."""

from __future__ import annotations

from enum import StrEnum

from clerkapp.core.texts import QT_TRANSLATE_NOOP


class SatisfactionLevel(StrEnum):
    """One of the five 好差评 levels; the value is what the store keeps."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"

    @property
    def label_zh(self) -> str:
        """The level as the applicant reads it (the official wording)."""
        return _LABELS[self]

    @property
    def score(self) -> int:
        """5 (非常满意) down to 1 (非常不满意), as the provincial system counts them."""
        return 5 - list(SatisfactionLevel).index(self)


_LABELS = {
    SatisfactionLevel.VERY_SATISFIED: QT_TRANSLATE_NOOP("Satisfaction", "非常满意"),
    SatisfactionLevel.SATISFIED: QT_TRANSLATE_NOOP("Satisfaction", "满意"),
    SatisfactionLevel.BASICALLY_SATISFIED: QT_TRANSLATE_NOOP("Satisfaction", "基本满意"),
    SatisfactionLevel.DISSATISFIED: QT_TRANSLATE_NOOP("Satisfaction", "不满意"),
    SatisfactionLevel.VERY_DISSATISFIED: QT_TRANSLATE_NOOP("Satisfaction", "非常不满意"),
}
