"""作废存档联 over the real case service, store, approvals and sandbox: a voided number is
printed only as its file copy, stamped 作废 on every page with the approval's note; printing it
is audited and counts as no original and no copy; a voided number never prints without it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from clerkapp.app.document_acts import ActRequest, DocumentAction
from clerkapp.errors import DocumentError
from clerkapp.infra.documents import DocumentKind
from tests.integration.documents_cases import pdf_text
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
