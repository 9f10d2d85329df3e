"""The printed notices of the ways back, read back from the real PDF: the 补正材料一次性告知书
lists every item, the deadline and where to come, and no rights of appeal (it is not a
decision); the 不予受理决定书 prints its reasons, the basis and the rights of appeal; both carry
their own number 〔year〕N号 and a QR that decodes to the progress page."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from clerkapp.core.case import Case
from clerkapp.core.catalogue import Catalogue, ProcedureKind
from clerkapp.errors import DocumentError
from clerkapp.infra.documents import DocumentData, DocumentKind, build_pdf
from clerkapp.infra.documents.from_case import document_data, kind_for
from tests.integration.documents_cases import (
    CORRECTION_ITEMS,
    ID_NUMBER,
    ISSUED,
    NOT_ACCEPTED_REASONS,
    RENTAL,
    SETTINGS,
    WITHDRAWAL_REASON,
    catalogue,
    correction_case,
    data_for,
    decode_qr,
    not_accepted_case,
    open_case,
    pdf_text,
    squash,
    withdrawn_case,
)

RIGHTS = "如不服本决定，可以自收到本决定书之日起六十日内向金华市人民政府申请行政复议"


def _as_licence(case: Case, kind: DocumentKind, seq: int) -> DocumentData:
    """``case``'s notice as if its matter were a 行政许可 (公共租赁住房 is a 行政给付 in the
    catalogue): the 补正 and 不予受理 of a licence rest on 行政许可法 Art. 32."""
    cat = catalogue()
    matter = replace(cat.matters[RENTAL], procedure=ProcedureKind.LICENCE)
    licensed = Catalogue(
        cat.version, cat.issued, {**cat.matters, RENTAL: matter}, cat.proofs, cat.departments
    )
    return document_data(case, licensed, SETTINGS, kind=kind, seq=seq, issued_on=ISSUED)


def test_the_correction_notice_lists_every_item_and_the_deadline() -> None:
    case = correction_case(catalogue())
    assert kind_for(case) is DocumentKind.CORRECTION_NOTICE
    benefit = pdf_text(build_pdf(data_for(case, DocumentKind.CORRECTION_NOTICE, seq=7)))
    # 公共租赁住房 is a 行政给付: 行政许可法 Art. 32 is not its basis
    assert squash("根据有关规定，现将需要补正的全部内容一次性告知如下") in benefit
    assert "第三十二条" not in benefit and "许可" not in benefit
    pdf = build_pdf(_as_licence(case, DocumentKind.CORRECTION_NOTICE, 7))
    text = pdf_text(pdf)
    assert "补正材料一次性告知书" in text
    assert re.search(r"金市建补〔2026〕7号", text), text[:200]
    for i, (_code, name, problem) in enumerate(CORRECTION_ITEMS):
        ordinal = "一二三"[i]
        assert squash(f"{ordinal}、{name}：{problem}。") in text
    assert squash("请于二〇二六年十二月四日前（5个工作日内）") in text
    assert squash("一次性告知如下") in text and "第三十二条" in text
    assert squash("除上列材料外，不再要求补正其他材料") in text
    assert "行政复议" not in text  # a procedural notice, not a decision
    assert ID_NUMBER not in text and "330702********1234" in text
    url, _ = decode_qr(pdf)
    assert url.endswith(f"/p/{case.tracking_token}")


def test_the_not_accepted_decision_prints_reasons_basis_and_rights() -> None:
    case = not_accepted_case(catalogue())
    assert kind_for(case) is DocumentKind.NOT_ACCEPTED
    benefit = pdf_text(build_pdf(data_for(case, DocumentKind.NOT_ACCEPTED, seq=3)))
    assert "行政许可法" not in benefit  # a 行政给付: its own law and article
    assert squash("（住房和城乡建设部令第11号）第七条的规定，本机关决定不予受理") in benefit
    pdf = build_pdf(_as_licence(case, DocumentKind.NOT_ACCEPTED, 3))
    text = pdf_text(pdf)
    assert "不予受理决定书" in text and "金市建不受〔2026〕3号" in text
    for i, reason in enumerate(NOT_ACCEPTED_REASONS):
        assert squash(f"{'一二'[i]}、{reason}。") in text
    assert squash("根据《中华人民共和国行政许可法》第三十二条第一款的规定，本机关决定不予受理") in (
        text
    )
    assert squash(RIGHTS) in text
    assert ID_NUMBER not in text
    url, _ = decode_qr(pdf)
    assert url.endswith(f"/p/{case.tracking_token}")


def test_an_open_case_has_no_notice_to_print() -> None:
    case: Case = open_case(catalogue(), RENTAL)
    with pytest.raises(DocumentError):
        kind_for(case)
    with pytest.raises(DocumentError) as info:
        data_for(case, DocumentKind.CORRECTION_NOTICE)
    assert "没有补正内容" in info.value.user_message
    with pytest.raises(DocumentError) as info:
        data_for(case, DocumentKind.NOT_ACCEPTED)
    assert "没有不予受理的理由" in info.value.user_message
    with pytest.raises(DocumentError) as info:
        data_for(case, DocumentKind.WITHDRAWAL)
    assert "没有撤回" in info.value.user_message


def test_a_withdrawal_is_confirmed_in_writing() -> None:
    """撤回: the applicant takes home a 撤回申请确认书 — their reason, the office stops, nobody
    is asked about them any more, they may apply again; no rights of review (no decision)."""
    case = withdrawn_case(catalogue())
    assert kind_for(case) is DocumentKind.WITHDRAWAL
    pdf = build_pdf(data_for(case, DocumentKind.WITHDRAWAL, seq=4))
    text = pdf_text(pdf)
    assert "撤回申请确认书" in text and "金市建撤〔2026〕4号" in text
    assert squash(f"撤回原因：{WITHDRAWAL_REASON}。") in text
    assert squash("本机关确认终止办理该申请") in text
    assert squash("尚未发出的数据查询和部门核验请求均已撤回") in text
    assert "行政复议" not in text and ID_NUMBER not in text
    url, _ = decode_qr(pdf)
    assert url.endswith(f"/p/{case.tracking_token}")
