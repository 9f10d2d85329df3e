"""Issue 9 (contact and delivery): the applicant downloads the decision from the public progress
page with the 查询码 and the last four characters of the ID number (or of the phone) — against
the real sandbox over HTTP. The issued decision reaches the platform through the outbox (queued
when its number is issued) with keyed hashes of the accepted digits, never the digits; wrong
digits and a wrong code get the same refusal; attempts are throttled."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import requests
from pypdf import PdfReader

from clerkapp.app.clock import SteppingClock
from clerkapp.app.documents import DocumentDesk
from clerkapp.app.sync import SyncWorker
from clerkapp.core.contact import Delivery, check_contact
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings, contact_lines
from tests.integration.case_fixtures import PERSON_ID, RENTAL, START, sandbox_client, service
from tests.integration.test_notifications import _accept_then_approve
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox

PHONE = "13957905678"


def _download(sb: SandboxHandle, code: str, digits: str) -> requests.Response:
    return requests.post(f"{sb.url}/p/download", data={"code": code, "digits": digits}, timeout=5)


def test_decision_downloads_with_the_code_and_the_last_four_only(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    contact = check_contact(PHONE, "", Delivery.SMS)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=contact)
    _accept_then_approve(svc, case.id)
    settings = DocumentSettings(progress_base_url=sandbox.url)
    desk = DocumentDesk(svc, lambda: svc.catalogue, settings, clock)
    built = desk.build(case.id, DocumentKind.DECISION, "wang")
    desk.record(built, "wang")
    desk.record(desk.build(case.id, DocumentKind.DECISION, "wang"), "wang")  # a reprint
    [upload] = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "document_upload"]
    assert upload.payload["number"] == built.number and upload.payload["kind"] == "decision"
    payload = json.dumps(upload.payload)
    assert PERSON_ID[-4:] not in payload.replace(upload.payload["pdf"], "")
    assert PHONE not in payload and len(upload.payload["checks"]) == 2

    page = requests.get(f"{sandbox.url}/p/{case.tracking_token}", timeout=5)
    assert "下载决定书" not in page.text  # not on the platform yet
    with sandbox_client(sandbox) as client:
        report = SyncWorker(svc.store, svc, client, clock).drain()
    assert report.needs_person == 0 and report.retry == 0, report
    sent = svc.store.outbox.get(upload.id)
    assert sent is not None and sent.state == "sent" and "JVBER" not in json.dumps(sent.payload)

    page = requests.get(f"{sandbox.url}/p/{case.tracking_token}", timeout=5)
    assert "下载决定书" in page.text and 'action="/p/download"' in page.text
    code = case.short_code.lower()  # typed by hand
    wrong = "0000" if PERSON_ID[-4:] != "0000" else "1111"
    refused = _download(sandbox, code, wrong)
    assert refused.status_code == 403 and "application/pdf" not in refused.headers["content-type"]
    unknown = _download(sandbox, "ZZZZ-ZZZZ-ZZZZ", PERSON_ID[-4:])
    assert unknown.status_code == 403 and unknown.text.count("不正确") == refused.text.count(
        "不正确"
    )

    by_id = _download(sandbox, code, PERSON_ID[-4:].lower())
    assert by_id.status_code == 200, by_id.text
    assert by_id.headers["content-type"] == "application/pdf"
    assert by_id.headers["cache-control"] == "no-store"
    assert by_id.content == built.pdf  # the issued original, as archived
    text = "".join((PdfReader(io.BytesIO(by_id.content)).pages[0].extract_text() or "").split())
    assert built.number in text
    by_phone = _download(sandbox, code, PHONE[-4:])
    assert by_phone.status_code == 200 and by_phone.content == built.pdf

    # Guessing is throttled: within a few more tries the platform stops answering at all,
    # even the right digits, and says when to come back.
    statuses = [_download(sandbox, code, wrong).status_code for _ in range(8)]
    assert 429 in statuses and set(statuses) <= {403, 429}
    late = _download(sandbox, code, PERSON_ID[-4:])
    assert late.status_code == 429 and int(late.headers["retry-after"]) >= 1


def test_paper_prints_the_phone_masked_and_the_way_of_delivery(tmp_path: Path) -> None:
    """The receipt and the decision print 联系电话 138****5678 and 送达方式; never the number in
    full, never the address; a case without a contact prints neither line."""
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    contact = check_contact(PHONE, "金华市婺城区人民路1号", Delivery.MAIL)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang", contact=contact)
    plain = svc.open_case(RENTAL, "person", PERSON_ID, "陈小梅", "wang")
    _accept_then_approve(svc, case.id)
    settings = DocumentSettings(progress_base_url="http://127.0.0.1:8765")
    desk = DocumentDesk(svc, lambda: svc.catalogue, settings, clock)
    pdf = desk.build(case.id, DocumentKind.DECISION, "wang").pdf
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "".join("".join((page.extract_text() or "").split()) for page in pages)
    assert "联系电话：139****5678" in text and "送达方式：邮寄" in text
    assert PHONE not in text and "人民路" not in text
    assert contact_lines(plain, DocumentKind.RECEIPT) == ()  # no contact: no lines
    assert contact_lines(case, DocumentKind.PLEDGE) == ()  # the pledge letter has none
