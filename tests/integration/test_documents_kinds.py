"""Documents by the kind of act (行政许可, 行政给付, …) and readable by the people who take them
home: kind-dependent titles and decision sentences with scope, validity and the article of the
legal basis; no internal code on any page; the case number and the clerk who accepted the case
on every document; the short code beside a QR that still decodes."""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from clerkapp.app.case_service import CaseService
from clerkapp.app.documents import DocumentDesk
from clerkapp.core.case import Case, Evidence
from clerkapp.core.catalogue import ApplicantKind, Catalogue, Method
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.core.short_code import grouped
from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.documents.from_case import DocumentSettings
from clerkapp.infra.store import Store
from tests.integration.documents_cases import (
    NOW,
    SETTINGS,
    accepted_case,
    approved_case,
    catalogue,
    confirm_identity,
    data_for,
    decode_qr,
    pdf_text,
    refused_case,
    squash,
    survivor_case_with_pledges,
)

HOURS = "rsj.flexible_hours"
USCC = "91330702MA2ABCDEXC"
# Internal catalogue codes look like zjj.public_rental / rsj.flexible_hours.licence.
INTERNAL_CODE = re.compile(r"[a-z]+\.[a-z_]+")


def licence_case(cat: Catalogue, *, refuse: bool = False) -> Case:
    """综合计算工时工作制审批 (a 行政许可 for a business): every proof satisfied and approved, or
    refused for arrears."""
    matter = cat.matters[HOURS]
    case = Case.open(
        f"C-{secrets.token_hex(4)}", matter, cat.proofs_of(matter), ApplicantKind.BUSINESS,
        USCC, "金华市示例制造有限公司", NOW, secrets.token_urlsafe(16), "K7QM-HRS1",
    )  # fmt: skip
    record = {"name": "金华市示例制造有限公司", "status": "存续"}
    prov = Provenance("市场监管主体登记", "market", "2026-11-26T09:00:00+08:00", "R-ID-0002")
    case.identity_answered(LookupAnswer("business.licence", True, record, prov), NOW)
    for item, ok in (("licence", True), ("social_insurance", not refuse)):
        code = f"{HOURS}.{item}"
        case.start_lookup(code, NOW)
        evidence = Evidence(
            Method.DATA_QUERY, "测试登记", receipt_id=f"R-{item}", at=NOW.isoformat()
        )
        case.lookup_answered(code, ok, evidence, NOW)
    case.record_credit(False, NOW)
    pledge = Evidence(Method.PLEDGE, "申请人承诺", at=NOW.isoformat())
    case.pledge_signed(f"{HOURS}.consultation", "ab" * 32, pledge, NOW)
    later = NOW + dt.timedelta(minutes=20)
    if refuse:
        case.refuse(later, "企业存在欠缴社会保险费情形")
    else:
        case.approve(later)
    return case


def test_a_licence_prints_the_licence_words_with_scope_validity_and_article() -> None:
    cat = catalogue()
    text = pdf_text(build_pdf(data_for(licence_case(cat), DocumentKind.DECISION)))
    for expected in (
        "准予行政许可决定书",
        "金市人社决〔2026〕1号",
        "（劳部发〔1994〕503号）第五条的规定，本机关决定准予行政许可，"
        "许可范围：申请书所列岗位的职工实行以季为周期的综合计算工时工作制；"
        "有效期：自决定之日起三年。",
        "申请事项：综合计算工时工作制审批（事项编码JH-XK-0202）",
    ):
        assert squash(expected) in text, expected
    assert "给付" not in text
    refusal = pdf_text(build_pdf(data_for(licence_case(cat, refuse=True), DocumentKind.REFUSAL)))
    assert "不予行政许可决定书" in refusal and "金市人社不许〔2026〕1号" in refusal
    assert "本机关决定不予行政许可。" in refusal and "企业存在欠缴社会保险费情形" in refusal


def test_a_benefit_prints_the_grant_with_its_amount_and_period(tmp_path: Path) -> None:
    case, _ = survivor_case_with_pledges(catalogue(), Store(tmp_path / "store.sqlite3"))
    pdf = build_pdf(data_for(case, DocumentKind.DECISION, accepted_by="王晓"))
    text = pdf_text(pdf)
    for expected in (
        "给付决定书",
        "根据《中华人民共和国社会保险法》第十七条的规定，本机关决定予以给付："
        "丧葬补助金、抚恤金和遗属补助生活费，按省定标准计发；"
        "给付期限：前两项一次发放，遗属补助生活费按月发放至不再符合条件时止。",
    ):
        assert squash(expected) in text, expected
    assert "许可" not in text and "审批决定书" not in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1  # the applicant takes home one sheet


def test_no_internal_code_on_any_page_and_the_public_code_only_when_wanted(
    tmp_path: Path,
) -> None:
    cat = catalogue()
    store = Store(tmp_path / "store.sqlite3")
    survivor, _ = survivor_case_with_pledges(cat, store)
    cases = {
        DocumentKind.DECISION: approved_case(cat),
        DocumentKind.REFUSAL: refused_case(cat),
        DocumentKind.RECEIPT: accepted_case(cat),
        DocumentKind.PLEDGE: survivor,
    }
    quiet = replace(SETTINGS, print_public_code=False)
    for kind, case in cases.items():
        options = (
            {"pledges": store.pledges.for_case(case.id)} if kind is DocumentKind.PLEDGE else {}
        )
        for settings in (SETTINGS, quiet):
            data = data_for(case, kind, settings=settings, accepted_by="王晓", **options)
            text = pdf_text(build_pdf(data))
            assert case.matter_code not in text, kind
            assert not INTERNAL_CODE.search(text), (kind, INTERNAL_CODE.search(text))
            public = cat.matters[case.matter_code].public_code
            assert (public in text) is settings.print_public_code, kind
            assert squash(f"办件编号：{case.id}") in text, kind
            assert "受理人：王晓" in text, kind


def test_the_short_code_is_printed_large_beside_a_qr_that_decodes() -> None:
    case = approved_case(catalogue())
    data = data_for(case, DocumentKind.DECISION, accepted_by="王晓")
    pdf = build_pdf(data)
    url, width_mm = decode_qr(pdf)
    assert url == data.tracking_url and width_mm >= 25
    sizes = _font_sizes_of(pdf, grouped(case.short_code))
    assert sizes and min(sizes) >= 14, sizes  # the caption around it is 9 pt


def _font_sizes_of(pdf: bytes, needle: str) -> list[float]:
    """The font sizes at which ``needle`` is drawn (pypdf's text visitor)."""
    sizes: list[float] = []
    page = PdfReader(io.BytesIO(pdf)).pages[-1]

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if needle in text.replace(" ", ""):
            sizes.append(size * abs(tm[0]) if tm else size)

    page.extract_text(visitor_text=visit)
    return sizes


@pytest.fixture
def desk(tmp_path: Path) -> tuple[DocumentDesk, Store]:
    store = Store(tmp_path / "store.sqlite3")
    cat = catalogue()
    service = CaseService(
        store, cat, lambda: NOW, workstation="TRAIN-01", documents_dir=tmp_path / "documents"
    )
    settings = DocumentSettings(progress_base_url="http://127.0.0.1:8765")
    return DocumentDesk(service, lambda: cat, settings, lambda: NOW), store


def test_the_desk_prints_the_accepting_clerk_and_offers_the_cases_titles(
    desk: tuple[DocumentDesk, Store],
) -> None:
    documents, store = desk
    store.clerks.add("wangxiao", "王晓", "clerk", "x", now=NOW)
    cat = catalogue()
    rental, hours = approved_case(cat), licence_case(cat)
    for case in (rental, hours):
        store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
    assert documents.titles(rental.id) == [(DocumentKind.DECISION, "给付决定书")]
    assert documents.titles(hours.id)[0] == (DocumentKind.DECISION, "准予行政许可决定书")
    built = documents.build(rental.id, DocumentKind.DECISION, "lisi")  # another clerk prints
    text = pdf_text(built.pdf)
    assert "受理人：王晓" in text and squash(f"办件编号：{rental.id}") in text
    assert built.number == "金市建决〔2026〕1号"


def test_a_public_service_is_told_in_a_notice_that_names_itself() -> None:
    cat = catalogue()
    matter = cat.matters["rsj.personnel_file_transfer"]
    case = Case.open(
        f"C-{secrets.token_hex(4)}", matter, cat.proofs_of(matter), ApplicantKind.PERSON,
        "330702199003151234", "李明", NOW, secrets.token_urlsafe(16), "K7QM-PS01",
    )  # fmt: skip
    confirm_identity(case)
    case.refuse(NOW + dt.timedelta(minutes=5), "人事档案不在本市保管", "申请人当场说明档案已转出")
    text = pdf_text(build_pdf(data_for(case, DocumentKind.REFUSAL, accepted_by="王晓")))
    assert "不予办理通知书" in text and "金市人社不办〔2026〕1号" in text
    assert "本机关决定不予办理。" in text
    assert "自收到本通知书之日起六十日内" in text and "本决定书" not in text
