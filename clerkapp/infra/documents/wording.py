"""The words of an administrative act by its kind (行政许可, 行政给付, 行政确认, 公共服务, 其他):
the titles of the decision and the refusal, the decision sentence with what is granted, and the
short words of the clerk's buttons. The documents, the print step and the decision step's
preview all take them from here, so the screen says what the paper will say.

| kind | decision | refusal | grant begins | labels |
|---|---|---|---|---|
| licence | 准予行政许可决定书 | 不予行政许可决定书 | 本机关决定准予行政许可 | 准予许可 / 不予许可 |
| benefit | 给付决定书 | 不予给付决定书 | 本机关决定予以给付 | 给付 / 不予给付 |
| confirmation | 确认决定书 | 不予确认决定书 | 本机关决定予以确认 | 予以确认 / 不予确认 |
| public_service | 办理结果通知书 | 不予办理通知书 | 本机关决定予以办理 | 予以办理 / 不予办理 |
| other | 办理决定书 | 不予办理决定书 | 本机关决定予以办理 | 予以办理 / 不予办理 |

A public service is no administrative decision (no 决定书): the office tells its result in a
通知书. "Other" (其他行政权力, and matters of an older catalogue that names no kind) gets the
neutral words, which are wrong for no act.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerkapp.core.case_types import ACT_LABELS
from clerkapp.core.catalogue import Matter, ProcedureKind
from clerkapp.infra.documents.model import DocumentKind


@dataclass(frozen=True)
class ActWording:
    """The words of one matter's act, as printed and as shown to the clerk."""

    decision_title: str  # e.g. 准予行政许可决定书 / 给付决定书 …
    refusal_title: str  # e.g. 不予行政许可决定书 / 不予给付决定书 …
    grant_sentence: str  # e.g. "本机关决定准予行政许可。" (a 给付: with its amount or period)
    refusal_sentence: str  # e.g. "本机关决定不予行政许可。"
    decision_label: str  # the short word of the clerk's buttons/preview: 准予许可 / 给付 / …
    refusal_label: str  # 不予许可 / 不予给付 / 不予确认 / 不予办理


@dataclass(frozen=True)
class _Kind:
    decision_title: str
    refusal_title: str
    grant: str  # the sentence without what is granted and without its full stop
    refusal: str
    scope_joint: str  # how what is granted joins the sentence
    validity_joint: str  # how the validity period joins it


_KINDS = {
    ProcedureKind.LICENCE: _Kind(
        "准予行政许可决定书", "不予行政许可决定书", "本机关决定准予行政许可",
        "本机关决定不予行政许可。", "，许可范围：", "；有效期：",
    ),
    ProcedureKind.BENEFIT: _Kind(
        "给付决定书", "不予给付决定书", "本机关决定予以给付",
        "本机关决定不予给付。", "：", "；给付期限：",
    ),
    ProcedureKind.CONFIRMATION: _Kind(
        "确认决定书", "不予确认决定书", "本机关决定予以确认",
        "本机关决定不予确认。", "：", "；有效期：",
    ),
    ProcedureKind.PUBLIC_SERVICE: _Kind(
        "办理结果通知书", "不予办理通知书", "本机关决定予以办理",
        "本机关决定不予办理。", "：", "；有效期：",
    ),
    ProcedureKind.OTHER: _Kind(
        "办理决定书", "不予办理决定书", "本机关决定予以办理",
        "本机关决定不予办理。", "：", "；有效期：",
    ),
}  # fmt: skip


def _clause(text: str) -> str:
    return text.strip().rstrip("。；;，,")


def act_wording(matter: Matter) -> ActWording:
    """The words of ``matter``'s act by its kind; the grant sentence states what is granted
    (``grant_scope``: 许可范围 / 给付内容) and its validity or period where the matter has them."""
    kind = _KINDS[matter.procedure]
    grant = kind.grant
    if matter.grant_scope.strip():
        grant += kind.scope_joint + _clause(matter.grant_scope)
    if matter.validity.strip():
        grant += kind.validity_joint + _clause(matter.validity)
    return ActWording(
        decision_title=kind.decision_title,
        refusal_title=kind.refusal_title,
        grant_sentence=grant + "。",
        refusal_sentence=kind.refusal,
        # the clerk's words come from the core's one table (buttons, case list, progress page)
        decision_label=ACT_LABELS[matter.procedure][0],
        refusal_label=ACT_LABELS[matter.procedure][1],
    )


def legal_basis_text(matter: Matter) -> str:
    """The legal basis as cited in a decision: the law and, where the matter names it, the
    article (《中华人民共和国社会保险法》第十七条); empty when the matter has none."""
    basis = matter.legal_basis.strip()
    article = matter.basis_article.strip()
    if article and article not in basis:
        return basis + article
    return basis


def document_title(kind: DocumentKind, matter: Matter) -> str:
    """The printed title of ``kind`` for ``matter``: the decision and the refusal by the act's
    kind; the other documents (受理回执, 告知承诺书, …) keep their own title."""
    if kind is DocumentKind.DECISION:
        return act_wording(matter).decision_title
    if kind is DocumentKind.REFUSAL:
        return act_wording(matter).refusal_title
    return kind.title_zh


_REFUSAL_MARKS = {
    ProcedureKind.LICENCE: "不许",
    ProcedureKind.BENEFIT: "不给",
    ProcedureKind.CONFIRMATION: "不确",
    ProcedureKind.PUBLIC_SERVICE: "不办",
    ProcedureKind.OTHER: "不办",
}


def number_mark(kind: DocumentKind, matter: Matter) -> str:
    """The character(s) of ``kind``'s document number for ``matter``: a refusal's follow its
    title (不予行政许可 不许, 不予给付 不给, 不予确认 不确, 不予办理 不办); the others are the
    kind's own (决, 受, 诺, …). Each mark is its own gapless series."""
    if kind is DocumentKind.REFUSAL:
        return _REFUSAL_MARKS[matter.procedure]
    return kind.number_mark


#: The length of the longest title any document can have (for a selector that shows them whole).
LONGEST_TITLE = max(
    len(title)
    for title in [
        *(k.decision_title for k in _KINDS.values()),
        *(k.refusal_title for k in _KINDS.values()),
        *(kind.title_zh for kind in DocumentKind),
    ]
)

__all__ = [
    "LONGEST_TITLE",
    "ActWording",
    "act_wording",
    "document_title",
    "legal_basis_text",
    "number_mark",
]
