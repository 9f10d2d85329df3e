"""The progress QR round trip: render the printed page, decode the QR back to the URL, open that
URL on the sandbox platform and see the case's current status — for every document kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clerkapp.core.case import Case
from clerkapp.core.short_code import grouped
from clerkapp.errors import DocumentError
from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.documents.from_case import DocumentSettings, document_data, office_of
from clerkapp.infra.documents.qr import qr_drawing
from clerkapp.infra.platform.client import PlatformClient
from clerkapp.infra.platform.signing import CallContext, Credentials
from clerkapp.infra.store import Store
from tests.integration.documents_cases import (
    ID_NUMBER,
    accepted_case,
    approved_case,
    catalogue,
    correction_case,
    decode_qr,
    not_accepted_case,
    refused_case,
    survivor_case_with_pledges,
    withdrawn_case,
)
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

STATUS = {
    DocumentKind.DECISION: ("approved", "已办结（准予许可）"),
    DocumentKind.REFUSAL: ("refused", "已办结（不予许可）"),
    DocumentKind.RECEIPT: ("accepted", "已受理，等待部门核验"),
    DocumentKind.PLEDGE: ("approved", "已办结（准予许可）"),
    DocumentKind.CORRECTION_NOTICE: (
        "awaiting_correction",
        "待补正：请按补正材料一次性告知书补正材料后到窗口继续办理",
    ),
    DocumentKind.NOT_ACCEPTED: ("not_accepted", "不予受理：详见不予受理决定书"),
    DocumentKind.WITHDRAWAL: ("withdrawn", "已撤回"),
}


def _register(client: PlatformClient, case: Case, status: str, label: str) -> None:
    cat = catalogue()
    matter = cat.matters[case.matter_code]
    context = CallContext(official="wangxiao", purpose=f"matter:{matter.code}", case_id=case.id)
    client.register_progress(
        case.tracking_token,
        case.short_code,
        matter.name,
        office_of(cat, matter)[0],
        None,
        context=context,
    )
    client.progress_event(
        case.tracking_token, status, label, "2026-11-27T10:00:00+08:00", context=context
    )


def _case_for(kind: DocumentKind, tmp_path: Path) -> tuple[Case, list]:  # type: ignore[type-arg]
    cat = catalogue()
    if kind is DocumentKind.PLEDGE:
        case, _ = survivor_case_with_pledges(cat, Store(tmp_path / "store.sqlite3"))
        store = Store(tmp_path / "store.sqlite3")
        return case, store.pledges.for_case(case.id)
    maker = {
        DocumentKind.DECISION: approved_case,
        DocumentKind.REFUSAL: refused_case,
        DocumentKind.RECEIPT: accepted_case,
        DocumentKind.CORRECTION_NOTICE: correction_case,
        DocumentKind.NOT_ACCEPTED: not_accepted_case,
        DocumentKind.WITHDRAWAL: withdrawn_case,
    }[kind]
    return maker(cat), []


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_scanning_the_printed_qr_shows_the_cases_status(
    kind: DocumentKind,
    sandbox: SandboxHandle,  # noqa: F811
    tmp_path: Path,
) -> None:
    case, pledges = _case_for(kind, tmp_path)
    client = PlatformClient(sandbox.url, Credentials(sandbox.workstation, sandbox.secret))
    try:
        status, label = STATUS[kind]
        _register(client, case, status, label)
        data = document_data(
            case,
            catalogue(),
            DocumentSettings(progress_base_url=sandbox.url),
            kind=kind,
            seq=1,
            issued_on=dt.date(2026, 11, 27),
            pledges=pledges,
        )
        url, symbol_mm = decode_qr(build_pdf(data))
    finally:
        client.close()

    assert url == f"{sandbox.url}/p/{case.tracking_token}"
    assert symbol_mm >= 25  # readable by a phone at arm's length
    # the QR carries nothing personal
    assert ID_NUMBER not in url and case.applicant_name not in url and case.id not in url

    progress = sandbox.http.get(url + ".json", timeout=10)
    progress.raise_for_status()
    body = progress.json()
    assert body["status"] == status and body["status_label"] == label
    assert body["matter_name"] == case.matter_name
    page = sandbox.http.get(url, timeout=10)
    page.raise_for_status()
    assert label in page.text and ID_NUMBER not in page.text
    # the short code printed beside the QR (grouped: K7QM-DA8F-X2Q9) finds the same case
    assert data.short_code == grouped(case.short_code)
    by_code = sandbox.http.get(
        f"{sandbox.url}/p", params={"code": data.short_code}, timeout=10, allow_redirects=True
    )
    assert by_code.status_code == 200 and label in by_code.text


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/case?id=330702199003151234",
        "ftp://127.0.0.1/p/abc",
        "http://127.0.0.1:8765/p/李明",
        "http://127.0.0.1:8765/p/",
    ],
)
def test_only_a_progress_url_becomes_a_qr_code(url: str) -> None:
    with pytest.raises(DocumentError):
        qr_drawing(url, 90)
