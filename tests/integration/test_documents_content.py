"""Printed documents built from real cases: the text extracted from the PDF carries every field,
the ID number is masked where it should be, and the marks (provisional, copy) appear."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from clerkapp.core.case import Case, CaseState, Evidence
from clerkapp.core.catalogue import ApplicantKind, Method
from clerkapp.core.short_code import grouped
from clerkapp.core.workdays import WorkCalendar, YearSchedule
from clerkapp.errors import DocumentError
from clerkapp.infra.documents import (
    DocumentKind,
    build_pdf,
    chinese_date,
    document_series,
    format_document_number,
    mask_id_number,
)
from clerkapp.infra.documents.from_case import (
    add_working_days,
    kind_for,
)
from clerkapp.infra.store import Store
from tests.integration.documents_cases import (
    ID_NUMBER,
    SETTINGS,
    accepted_case,
    approved_case,
    catalogue,
    confirm_identity,
    data_for,
    pdf_text,
    refused_case,
    squash,
    survivor_case_with_pledges,
)

MASKED = "330702********1234"
RIGHTS = ("六十日内向金华市人民政府申请行政复议", "六个月内直接向金华市婺城区人民法院提起行政诉讼")


def _build(case, kind, **kw):  # type: ignore[no-untyped-def]
    data = data_for(case, kind, seq=123, **kw)
    return data, build_pdf(data)


def test_decision_carries_every_field_and_masks_the_id() -> None:
    case = approved_case(catalogue())
    assert kind_for(case) is DocumentKind.DECISION
    data, pdf = _build(case, DocumentKind.DECISION)
    text = pdf_text(pdf)
    for expected in (
        "金华市住房和城乡建设局",
        "金市建决〔2026〕123号",
        "给付决定书",  # public rental housing is a 行政给付 (the catalogue's procedure)
        "李明",
        MASKED,
        "申请事项：公共租赁住房申请（事项编码JH-GF-0101）",
        f"办件编号：{case.id}",
        "二〇二六年十一月二十七日",
        "本机关决定予以给付：公共租赁住房保障资格",
        "给付期限：租赁合同期限一般不超过五年。",
        "《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条的规定",
        "盖章处",
        "扫码查询办件进度",
        f"查询码{grouped(case.short_code)}",
        *RIGHTS,
    ):
        assert squash(expected) in text, expected
    assert ID_NUMBER not in text
    assert "审批决定书" not in text and "许可" not in text  # a benefit is no licence
    assert "zjj.public_rental" not in text  # no internal code on paper
    # addressed as the person it is, not with the form's 你（单位）
    assert squash("李明：你于二〇二六年") in text and "你（单位）" not in text
    assert squash("提出的“公共租赁住房申请”，本机关") in text  # not 申请”申请
    business = replace(data, applicant_id_label="统一社会信用代码")
    assert squash("你单位于二〇二六年") in pdf_text(build_pdf(business))
    # every proof, with how it was satisfied
    for proof in case.proofs.values():
        assert squash(proof.name) in text
    for how in (
        "民政家庭经济状况核对",
        "数据截至2026-11-2609:00",
        "平台回执R-vehicle-0001",
        "金华市自然资源和规划局核验：已确认",
        "核验单号T-HOMESTEAD-42",
        "无需提供",
    ):
        assert squash(how) in text, how
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_refusal_gives_the_reasons_and_the_rights() -> None:
    case = refused_case(catalogue())
    assert kind_for(case) is DocumentKind.REFUSAL
    _, pdf = _build(case, DocumentKind.REFUSAL)
    text = pdf_text(pdf)
    for expected in (
        "不予给付决定书",
        "金市建不给〔2026〕123号",
        "理由如下",
        "车辆登记情况证明：名下有登记车辆1辆（浙G·12***）",
        "申请家庭名下有机动车辆，不符合公共租赁住房保障条件",
        "第七条的规定，本机关决定不予给付。",
        MASKED,
        *RIGHTS,
    ):
        assert squash(expected) in text, expected
    assert ID_NUMBER not in text
    assert "许可" not in text and "予以给付" not in text


def test_receipt_promises_a_completion_date_in_working_days() -> None:
    case = accepted_case(catalogue())
    assert kind_for(case) is DocumentKind.RECEIPT
    data, pdf = _build(case, DocumentKind.RECEIPT)
    text = pdf_text(pdf)
    # accepted on Friday 2026-11-27; 15 working days later (weekends skipped) is 2026-12-18
    assert data.promised_on == dt.date(2026, 12, 18)
    for expected in (
        "受理回执",
        "金市建受〔2026〕123号",
        "决定予以受理",
        "承诺办结时限为15个工作日",
        "二〇二六年十二月十八日前作出决定",
        "已发起部门核验，等待答复（核验单号T-HOMESTEAD-42）",
        MASKED,
    ):
        assert squash(expected) in text, expected
    assert ID_NUMBER not in text


def _rental_accepted_at(when: dt.datetime) -> Case:
    """Public rental housing opened and accepted at ``when``: three look-ups answered, the
    homestead verification still with the department."""
    cat = catalogue()
    matter = cat.matters["zjj.public_rental"]
    case = Case.open(
        "C-SPRING", matter, cat.proofs_of(matter), ApplicantKind.PERSON, ID_NUMBER, "李明",
        when, "tok-spring-festival-receipt", "K7QM-SPRG",
    )  # fmt: skip
    confirm_identity(case)
    for item in ("family_economic", "social_insurance", "vehicle"):
        code = f"{matter.code}.{item}"
        case.start_lookup(code, when)
        evidence = Evidence(
            Method.DATA_QUERY, "测试登记", receipt_id=f"R-{item}", at=when.isoformat()
        )
        case.lookup_answered(code, True, evidence, when)
    case.request_verification(f"{matter.code}.homestead", "T-HOMESTEAD-7", when)
    case.accept(when + dt.timedelta(minutes=10))
    return case


def test_receipt_accepted_before_spring_festival_promises_a_holiday_aware_date() -> None:
    # Accepted Friday 2026-02-13. 15 working days by the State Council's 2026 schedule: Sat 14th
    # (worked in lieu), Feb 15–23 off, 24th–28th (Sat 28th worked), Mar 2–6, Mar 9–12.
    # Counting weekends only would have promised Friday 2026-03-06, a week early.
    case = _rental_accepted_at(dt.datetime(2026, 2, 13, 15, 0))
    data, pdf = _build(case, DocumentKind.RECEIPT)
    assert data.promised_on == dt.date(2026, 3, 12)
    text = pdf_text(pdf)
    assert squash("承诺办结时限为15个工作日") in text
    assert squash("二〇二六年三月十二日前作出决定") in text
    assert squash("二〇二六年三月六日") not in text


def test_receipt_uses_the_workstations_override_calendar() -> None:
    # A year the shipped data does not know, defined by the workstation's override (test data).
    off = frozenset(dt.date(2027, 2, d) for d in range(6, 15))
    calendar = WorkCalendar((YearSchedule(2027, off, frozenset({dt.date(2027, 2, 20)})),))
    case = _rental_accepted_at(dt.datetime(2027, 2, 5, 15, 0))  # a Friday
    settings = replace(SETTINGS, calendar=calendar)
    data = data_for(case, DocumentKind.RECEIPT, settings=settings)
    assert data.promised_on == dt.date(2027, 3, 4)
    unknown = data_for(case, DocumentKind.RECEIPT)
    assert unknown.promised_on == dt.date(2027, 2, 26)  # still printed: weekends only


def test_pledge_letter_prints_the_exact_text_signature_and_full_id(tmp_path: Path) -> None:
    cat = catalogue()
    store = Store(tmp_path / "store.sqlite3")
    case, records = survivor_case_with_pledges(cat, store)
    data, pdf = _build(case, DocumentKind.PLEDGE, pledges=store.pledges.for_case(case.id))
    text = pdf_text(pdf)
    assert "告知承诺书" in text and "金市人社诺〔2026〕123号" in text
    assert ID_NUMBER in text  # the signed statement identifies its signer in full
    assert len(data.pledges) == 2
    for record in records:
        assert record.intact()
        assert squash(record.pledge_text) in text
        assert squash(record.consequences) in text
        assert record.signature_sha256 in text
    assert "二〇二六年十一月二十七日09:35" in text
    images = [img for page in PdfReader(io.BytesIO(pdf)).pages for img in page.images]
    assert len(images) == 2  # one signature image per pledge
    # and the decision of the same case names the pledges by their hashes
    _, decision = _build(case, DocumentKind.DECISION)
    decision_text = pdf_text(decision)
    for record in records:  # by the first 16 hex digits; the full hash is on the pledge letter
        assert record.signature_sha256[:16] + "…" in decision_text
    assert "申报承诺事项将依法核查" in decision_text


def test_provisional_and_copy_marks() -> None:
    case = approved_case(catalogue())
    _, original = _build(case, DocumentKind.DECISION)
    _, provisional = _build(case, DocumentKind.DECISION, provisional=True)
    _, reprint = _build(case, DocumentKind.DECISION, copy_number=3)
    assert "临时凭证" not in pdf_text(original) and "副本" not in pdf_text(original)
    assert pdf_text(provisional).count(squash("临时凭证 — 待联网确认")) >= 2  # header + watermark
    assert "副本（第3份）" in pdf_text(reprint)


def test_document_numbers_come_from_the_stores_gapless_series(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite3")
    cat = catalogue()
    one, two = approved_case(cat), approved_case(cat)
    for case in (one, two):
        store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
    series = document_series("金市人社", DocumentKind.DECISION)
    assert series == "金市人社决"
    kind = DocumentKind.DECISION.value
    first = store.documents.claim_number(series, 2026, one.id, kind)
    second = store.documents.claim_number(series, 2026, two.id, kind)
    again = store.documents.claim_number(series, 2026, one.id, kind)
    assert (first, second, again) == (1, 2, 1)
    number = format_document_number("金市人社", DocumentKind.DECISION, 2026, second)
    assert number == "金市人社决〔2026〕2号"
    forms = {k: format_document_number("金市人社", k, 2026, 45) for k in DocumentKind}
    assert forms == {
        DocumentKind.DECISION: "金市人社决〔2026〕45号",
        DocumentKind.RECEIPT: "金市人社受〔2026〕45号",
        DocumentKind.REFUSAL: "金市人社不许〔2026〕45号",
        DocumentKind.PLEDGE: "金市人社诺〔2026〕45号",
        DocumentKind.CORRECTION_NOTICE: "金市人社补〔2026〕45号",
        DocumentKind.NOT_ACCEPTED: "金市人社不受〔2026〕45号",
        DocumentKind.WITHDRAWAL: "金市人社撤〔2026〕45号",
    }
    assert all(
        re.fullmatch(r"金市人社(决|受|不许|诺|补|不受|撤)〔2026〕[1-9]\d*号", n)
        for n in forms.values()
    )
    with pytest.raises(ValueError):
        format_document_number("金市人社", DocumentKind.DECISION, 2026, 0)


def test_dates_masks_and_working_days() -> None:
    assert chinese_date(dt.date(2026, 11, 27)) == "二〇二六年十一月二十七日"
    assert chinese_date(dt.date(2030, 1, 10)) == "二〇三〇年一月十日"
    assert chinese_date(dt.date(2031, 10, 31)) == "二〇三一年十月三十一日"
    assert mask_id_number("33070219900315123X") == "330702********123X"
    assert add_working_days(dt.date(2026, 11, 27), 0) == dt.date(2026, 11, 27)
    assert add_working_days(dt.date(2026, 11, 27), 1) == dt.date(2026, 11, 30)  # Fri → Mon


def test_a_case_without_a_document_is_refused_in_words() -> None:
    case = approved_case(catalogue())
    case.state = CaseState.OPEN
    with pytest.raises(DocumentError) as caught:
        kind_for(case)
    assert "办理中" in caught.value.user_message
