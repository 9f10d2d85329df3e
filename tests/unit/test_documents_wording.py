"""The words of an act by its kind: titles, decision sentences, labels, article, number marks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clerkapp.core.catalogue import ApplicantKind, Matter, ProcedureKind
from clerkapp.infra.documents.model import DocumentKind
from clerkapp.infra.documents.wording import (
    LONGEST_TITLE,
    act_wording,
    document_title,
    legal_basis_text,
    number_mark,
)

BASE = Matter(
    code="x.m1", name="示例事项", department="金华市示例局", applicant_kind=ApplicantKind.PERSON,
    legal_basis="《示例条例》", time_limit_days=0, proofs=(),
)  # fmt: skip

EXPECTED = {
    ProcedureKind.LICENCE: (
        "准予行政许可决定书", "不予行政许可决定书", "本机关决定准予行政许可。",
        "本机关决定不予行政许可。", "准予许可", "不予许可", "不许",
    ),
    ProcedureKind.BENEFIT: (
        "给付决定书", "不予给付决定书", "本机关决定予以给付。", "本机关决定不予给付。",
        "给付", "不予给付", "不给",
    ),
    ProcedureKind.CONFIRMATION: (
        "确认决定书", "不予确认决定书", "本机关决定予以确认。", "本机关决定不予确认。",
        "予以确认", "不予确认", "不确",
    ),
    ProcedureKind.PUBLIC_SERVICE: (
        "办理结果通知书", "不予办理通知书", "本机关决定予以办理。", "本机关决定不予办理。",
        "予以办理", "不予办理", "不办",
    ),
    ProcedureKind.OTHER: (
        "办理决定书", "不予办理决定书", "本机关决定予以办理。", "本机关决定不予办理。",
        "予以办理", "不予办理", "不办",
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(ProcedureKind))
def test_each_kind_has_its_own_words(kind: ProcedureKind) -> None:
    matter = replace(BASE, procedure=kind)
    w = act_wording(matter)
    got = (
        w.decision_title, w.refusal_title, w.grant_sentence, w.refusal_sentence,
        w.decision_label, w.refusal_label, number_mark(DocumentKind.REFUSAL, matter),
    )  # fmt: skip
    assert got == EXPECTED[kind]
    assert document_title(DocumentKind.DECISION, matter) == w.decision_title
    assert document_title(DocumentKind.REFUSAL, matter) == w.refusal_title
    assert document_title(DocumentKind.RECEIPT, matter) == "受理回执"
    assert number_mark(DocumentKind.DECISION, matter) == "决"
    assert len(w.decision_title) <= LONGEST_TITLE


def test_the_grant_states_scope_and_validity_or_period() -> None:
    licence = replace(BASE, grant_scope="食品销售。", validity="五年")
    assert act_wording(licence).grant_sentence == (
        "本机关决定准予行政许可，许可范围：食品销售；有效期：五年。"
    )
    benefit = replace(BASE, procedure=ProcedureKind.BENEFIT, grant_scope="每月 800 元")
    assert act_wording(benefit).grant_sentence == "本机关决定予以给付：每月 800 元。"
    period = replace(benefit, validity="自2026年12月起按月发放")
    assert act_wording(period).grant_sentence == (
        "本机关决定予以给付：每月 800 元；给付期限：自2026年12月起按月发放。"
    )
    assert act_wording(benefit).refusal_sentence == "本机关决定不予给付。"  # nothing granted


def test_the_legal_basis_is_cited_with_its_article_once() -> None:
    assert legal_basis_text(BASE) == "《示例条例》"
    assert legal_basis_text(replace(BASE, basis_article="第十二条")) == "《示例条例》第十二条"
    cited = replace(BASE, legal_basis="《示例条例》第十二条", basis_article="第十二条")
    assert legal_basis_text(cited) == "《示例条例》第十二条"
