"""A signature never lands on a page apart from the text it signs, and the rights stay with the
seal: long pledge statements, many proofs, reasons or 补正 items push the closing parts across
page breaks at every position, and page by page (text extraction, the page's images) the
signature's page holds the statement it signs, the seal's page holds the document's last text —
the rights paragraph on a decision, a refusal and a 不予受理决定书.

The sample survivor-allowance shape broke before: two pledges with long consequences put the
second pledge's consequences and signature alone on page 2, its statement left on page 1."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.documents.model import DocumentData, ProofLine
from clerkapp.infra.documents.samples import sample_data, signature_png

SIGN = "承诺人（签字）"
SEAL = "盖章处"
QR_WORDS = "扫码查询办件进度"
# the catalogue's survivor-allowance consequences: four lines, as long as they come
LONG_CONSEQUENCES = (
    "本人知晓：承诺内容与事实不符的，属于虚假承诺。经事中事后核查发现虚假承诺的，社会保险经办"
    "机构将依法撤销待遇核定决定，责令退还已领取的丧葬抚恤金和遗属补助生活费，并将虚假承诺行为"
    "记入本人信用记录、纳入失信名单；骗取社会保险待遇构成犯罪的，依法追究刑事责任。"
)
LINE = "本人承诺所申报的家庭成员、收入和财产情况真实、准确、完整，无隐瞒、虚报。"  # ≈ one line


def _squash(text: str) -> str:
    return "".join(text.split())


def _pages(pdf: bytes) -> list[tuple[str, int]]:
    """Each page's text (white space removed) and its number of images."""
    return [
        (_squash(page.extract_text() or ""), len(page.images))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def _pledge(sections: int, lines: int) -> DocumentData:
    """``sections`` pledges; the first one's statement ``lines`` lines longer than the others';
    every statement ends with words of its own (第n项承诺完毕)."""
    base = sample_data(DocumentKind.PLEDGE)
    (section,) = base.pledges
    pledges = []
    for n in range(sections):
        filler = [LINE] * (lines if n == 0 else 2)
        text = "\n".join([*filler, f"以上为本人就第{n + 1}项承诺完毕的全部内容。"])
        pledges.append(
            replace(
                section,
                proof_name=f"证明{n + 1}",
                text=text,
                consequences=LONG_CONSEQUENCES,
                signature_png=signature_png(width=360 + n),  # one image each: pypdf counts them
            )
        )
    return replace(base, pledges=tuple(pledges))


@pytest.mark.parametrize(("sections", "step"), [(1, 1), (2, 1), (3, 3)])
def test_every_signature_is_on_the_page_of_the_statement_it_signs(sections: int, step: int) -> None:
    # One statement grows a line at a time, from none to longer than a page: the natural page
    # break crosses the heading, the statement, the consequences and the signature of each
    # pledge in turn.
    broken = 0
    for lines in range(0, 52, step):
        pages = _pages(build_pdf(_pledge(sections, lines)))
        broken += len(pages) > 1
        signed = 0
        for text, images in pages:
            labels = text.count(SIGN)
            assert images == labels, f"{lines} lines: a signature image apart from its label"
            for part in text.split(SIGN)[:labels]:
                signed += 1
                own = f"第{signed}项承诺完毕"
                assert own in part, f"{sections}×{lines} lines: signature {signed} left its text"
                assert _squash(LONG_CONSEQUENCES)[-12:] in part
        assert signed == sections
        (sealed,) = [text for text, _ in pages if SEAL in text]
        assert f"第{sections}项承诺完毕" in sealed and "签名校验值" in sealed, f"{lines} lines"
    assert broken >= 25 // step  # the loop really crossed page breaks


def _longer(kind: DocumentKind, n: int) -> DocumentData:
    """The sample of ``kind`` with its growing part ``n`` entries long."""
    data = sample_data(kind)
    if kind in (DocumentKind.REFUSAL, DocumentKind.NOT_ACCEPTED):
        reasons = tuple(f"第{i}项：申请家庭名下有登记车辆，不符合保障条件" for i in range(n))
        return replace(data, reasons=reasons)
    if kind is DocumentKind.CORRECTION_NOTICE:
        items = tuple((f"材料{i}", "复印件缺失，请补交原件及复印件") for i in range(n))
        return replace(data, corrections=items)
    proofs = tuple(
        ProofLine(f"证明事项{i}", "数据查询", "平台回执 R-20261127-000183；数据截至 2026-11-26")
        for i in range(n)
    )
    return replace(data, proofs=proofs)


# the text each kind's seal is kept with (the rights of appeal where the document is an act)
LAST_TEXT = {
    DocumentKind.DECISION: ("行政复议", "行政诉讼"),
    DocumentKind.REFUSAL: ("行政复议", "行政诉讼"),
    DocumentKind.NOT_ACCEPTED: ("行政复议", "行政诉讼"),
    DocumentKind.RECEIPT: ("承诺办结时限",),
    DocumentKind.CORRECTION_NOTICE: ("不再要求补正其他材料",),
}


@pytest.mark.parametrize("kind", list(LAST_TEXT), ids=lambda kind: kind.value)
def test_the_seal_and_qr_stay_with_the_last_text(kind: DocumentKind) -> None:
    broken = 0
    for n in range(1, 44):
        pages = _pages(build_pdf(_longer(kind, n)))
        broken += len(pages) > 1
        (sealed,) = [text for text, _ in pages if SEAL in text]
        assert QR_WORDS in sealed, f"{kind} {n}: the QR left the seal"
        for words in LAST_TEXT[kind]:
            assert words in sealed, f"{kind} {n}: {words} not on the seal's page"
    assert broken >= 5  # the loop really crossed page breaks
