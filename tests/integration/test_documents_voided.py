"""The file copy of a voided number (作废存档联): every page stamped 作废, the number and the
note (when, by whose approval, why) on every page, never provisional — read back from the PDF."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from clerkapp.infra.documents import (
    VOID_MARK,
    DocumentKind,
    build_pdf,
    voided_copy,
    voided_note,
)
from clerkapp.infra.documents.samples import sample_data

NOTE = voided_note(dt.date(2026, 11, 28), "赵敏", "申请事项名称打印有误。")


def _pages(pdf: bytes) -> list[str]:
    return ["".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_note_says_when_who_and_why() -> None:
    assert (
        NOTE
        == "本文书已于二〇二六年十一月二十八日作废（批准人 赵敏，原因：申请事项名称打印有误）。"
    )
    with pytest.raises(ValueError):
        voided_copy(sample_data(DocumentKind.DECISION), " ")


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda kind: kind.value)
def test_every_page_of_a_voided_copy_is_stamped(kind: DocumentKind) -> None:
    data = sample_data(kind, provisional=True)
    # long enough for two pages: the stamp and the note are on each
    data = replace(
        data, proofs=data.proofs * 4, reasons=data.reasons * 12, corrections=data.corrections * 12
    )
    pages = _pages(build_pdf(voided_copy(data, NOTE)))
    # a pledge letter and a withdrawal confirmation have no list that grows with the data
    assert len(pages) >= 2 or kind in (DocumentKind.PLEDGE, DocumentKind.WITHDRAWAL)
    for text in pages:
        assert VOID_MARK in text.replace("本文书已于", "")  # the stamp, not only the note's word
        assert "作废存档联" in text
        assert "".join(NOTE.split()) in text
        assert "金市建" in text and "〔2026〕123号" in text  # the voided number, in the footer
        assert "临时凭证" not in text  # a file copy is never provisional
    original = _pages(build_pdf(data))
    assert all("作废" not in text for text in original)  # a valid paper carries no stamp
