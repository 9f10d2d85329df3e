"""作废存档联 over the real case service, store, approvals and sandbox: a voided number is
printed only as its file copy, stamped 作废 on every page with the approval's note; printing it
is audited and counts as no original and no copy; a voided number never prints without it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from clerkapp.app.case_service import CaseService
from clerkapp.app.document_acts import ActRequest, DocumentAction, DocumentActs
from clerkapp.app.documents import DocumentDesk
from clerkapp.errors import DocumentError
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings
from clerkapp.infra.documents.samples import signature_png
from clerkapp.infra.store import Store
from tests.integration.documents_cases import (
    NOW,
    catalogue,
    pdf_text,
    survivor_case_with_pledges,
)
from tests.integration.test_document_void_correct import Counter
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

WHY = "打印后发现错字"


@pytest.fixture
def counter(tmp_path: Path, sandbox: Any) -> Iterator[Counter]:  # noqa: F811
    c = Counter(tmp_path, sandbox.url)
    yield c
    c.service.store.close()


def _void(counter: Counter, case_id: str, number: str) -> None:
    request = ActRequest(case_id, number, DocumentAction.VOID, WHY, "demo")
    counter.approvals.carry_out_now(request, "demo-sup", "demo123", "同意作废")


def test_a_voided_number_prints_only_as_its_stamped_file_copy(counter: Counter) -> None:
    case_id = counter.refused_case()
    old = counter.issue(case_id)
    _void(counter, case_id, old)
    current = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert current.number != old and current.voided == (old,) and not current.voided_copy
    assert "作废" not in pdf_text(current.pdf).replace(old, "")  # the new paper is valid

    copy = counter.desk.build_voided_copy(case_id, old, "demo")
    assert copy.voided_copy and copy.number == old and not copy.issued and not copy.provisional
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(copy.pdf)).pages]
    supervisor = counter.service.store.clerks.get("demo-sup")
    approver = supervisor.display_name or "demo-sup"
    for page in pages:
        text = "".join(page.split())
        assert "作废存档联" in text and old in text
        assert f"作废（批准人{approver}，原因：{WHY}）" in text
        assert text.count("作废") >= 3  # the stamp, the label and the note

    # A voided number never prints without the stamp: a plain paper of it is refused.
    printed_before = counter.service.documents_of(case_id)
    with pytest.raises(DocumentError):
        counter.service.record_document(
            case_id, "refusal", current.pdf, old, False, "demo", printed=True
        )
    # The file copy is audited and counted as no paper of any number.
    record = counter.desk.record(copy, "demo")
    assert record.number == old and record.is_archive_copy
    assert counter.service.documents_of(case_id) == printed_before
    entry = counter.service.store.audit.entries(case_id)[-1]
    assert entry.action == "voided_copy_printed" and entry.actor == "demo"
    assert entry.data["number"] == old and entry.data["kind"] == "refusal"
    again = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert again.number == current.number and again.copy_number == 1  # still the original

    # Only a voided number has a voided copy.
    with pytest.raises(DocumentError) as info:
        counter.desk.build_voided_copy(case_id, current.number, "demo")
    assert "未作废" in info.value.user_message


def test_the_survivor_pledge_letter_keeps_each_signature_with_its_statement_and_voids(
    tmp_path: Path,
) -> None:
    # The real sample case of the report: two pledges with long consequences, a related person.
    store = Store(tmp_path / "store.sqlite3")
    cat = catalogue()
    later = NOW + timedelta(hours=1)  # issued and voided after the signatures
    service = CaseService(
        store, cat, lambda: later, workstation="TRAIN-01", documents_dir=tmp_path / "documents"
    )
    settings = DocumentSettings(progress_base_url="http://127.0.0.1:8765")
    desk = DocumentDesk(service, lambda: cat, settings, lambda: later)
    case, records = survivor_case_with_pledges(cat, store)
    letter = desk.build(case.id, DocumentKind.PLEDGE, "wangxiao")
    reader = PdfReader(io.BytesIO(letter.pdf))
    signed = 0
    for page in reader.pages:
        text = "".join((page.extract_text() or "").split())
        for part in text.split("承诺人（签字）")[: text.count("承诺人（签字）")]:
            statement = "".join(records[signed].pledge_text.split())
            assert statement[-16:] in part, f"signature {signed + 1} left its statement"
            signed += 1
    assert signed == 2
    desk.record(letter, "wangxiao")

    # voided (a pledge letter is never corrected), then the applicant signs again
    DocumentActs(service).carry_out(
        ActRequest(case.id, letter.number, DocumentAction.VOID, "签名时选错了承诺事项", "wangxiao"),
        approved_by="demo-sup",
    )
    spec = cat.proofs[records[0].proof_code].pledge
    assert spec is not None
    again = store.pledges.record(
        case.id,
        records[0].proof_code,
        pledge_text=spec.text,
        consequences=spec.consequences,
        strokes=[[(0.0, 0.0, 0.5), (12.0, 6.0, 0.6)]],
        png_bytes=signature_png(width=380),
        signed_at=NOW + timedelta(hours=2),
        clerk="wangxiao",
    )
    copy = desk.build_voided_copy(case.id, letter.number, "wangxiao")
    text = pdf_text(copy.pdf)
    assert "作废存档联" in text and letter.number in text and "签名时选错了承诺事项" in text
    # the voided paper as signed: the first signatures, not the one signed after the void
    assert records[0].signature_sha256 in text and again.signature_sha256 not in text
    assert desk.build(case.id, DocumentKind.PLEDGE, "wangxiao").number != letter.number
    store.close()
