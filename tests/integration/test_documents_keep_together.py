"""A signature never lands on a page apart from the text it signs, and the rights stay with the
seal: long pledge texts and long refusal reasons push the closing parts across page breaks at
every position, and page by page (text extraction) the signature's page holds the end of its
pledge, the seal's page holds text — the rights paragraph on a decision."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.documents.samples import sample_data

SIGN = "承诺人（签字）"
SEAL = "盖章处"


def _pages(pdf: bytes) -> list[str]:
    return ["".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_signature_stays_with_the_end_of_its_pledge_and_the_seal_with_text() -> None:
    base = sample_data(DocumentKind.PLEDGE)
    (section,) = base.pledges
    broken = 0
    for lines in range(4, 40, 2):  # pushes the signature across the page break step by step
        text = "\n".join(
            f"{n}. 本人承诺所申报的第{n}项家庭情况真实、准确、完整，无隐瞒、虚报。"
            for n in range(1, lines + 1)
        )
        data = replace(base, pledges=(replace(section, text=text),))
        pages = _pages(build_pdf(data))
        if len(pages) > 1:
            broken += 1
        signed = [p for p in pages if SIGN in p]
        assert len(signed) == 1
        end_of_text = "".join(section.consequences.split())[-12:]
        assert end_of_text in signed[0], f"{lines} lines: the signature left its text"
        (sealed,) = [p for p in pages if SEAL in p]
        assert "签名校验值" in sealed, f"{lines} lines: the seal's page has no text"
    assert broken >= 5  # the loop really crossed page breaks


def test_the_rights_paragraph_is_on_the_seals_page() -> None:
    base = sample_data(DocumentKind.REFUSAL)
    broken = 0
    for count in range(1, 30, 2):
        reasons = tuple(
            f"第{n}项：申请家庭名下有登记车辆，不符合保障条件的规定" for n in range(1, count + 1)
        )
        pages = _pages(build_pdf(replace(base, reasons=reasons)))
        broken += len(pages) > 1
        (sealed,) = [p for p in pages if SEAL in p]
        assert "行政复议" in sealed and "行政诉讼" in sealed, f"{count} reasons"
    assert broken >= 3
