"""The document desk over the real case service and store: which documents a case has, numbers
claimed once and kept on reprints, copies counted, every print archived and audited, and the
provisional mark while the case's progress waits in the outbox."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.documents import DocumentDesk
from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.idnumber import make_id_number
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings
from clerkapp.infra.store import OutboxKind, Store
from tests.integration.documents_cases import (
    NOW,
    accepted_case,
    approved_case,
    catalogue,
    open_case,
    pdf_text,
    survivor_case_with_pledges,
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A real store file."""
    return Store(tmp_path / "store.sqlite3")


def _desk(store: Store, tmp_path: Path) -> tuple[DocumentDesk, CaseService]:
    cat = catalogue()
    service = CaseService(
        store, cat, lambda: NOW, workstation="TRAIN-01", documents_dir=tmp_path / "documents"
    )
    settings = DocumentSettings(progress_base_url="http://127.0.0.1:8765")
    return DocumentDesk(service, lambda: cat, settings, lambda: NOW), service


def test_which_documents_a_case_has(store: Store, tmp_path: Path) -> None:
    desk, _ = _desk(store, tmp_path)
    cat = catalogue()
    approved, accepted, undecided = (
        approved_case(cat),
        accepted_case(cat),
        open_case(cat, "zjj.public_rental"),
    )
    for case in (approved, accepted, undecided):
        store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
    survivor, _ = survivor_case_with_pledges(cat, store)
    assert desk.kinds(approved.id) == [DocumentKind.DECISION]
    assert desk.kinds(accepted.id) == [DocumentKind.RECEIPT]
    assert desk.kinds(undecided.id) == []
    assert desk.kinds(survivor.id) == [DocumentKind.DECISION, DocumentKind.PLEDGE]


def test_prints_are_numbered_once_counted_archived_and_audited(
    store: Store, tmp_path: Path
) -> None:
    desk, service = _desk(store, tmp_path)
    cat = catalogue()
    first, second = approved_case(cat), approved_case(cat)
    for case in (first, second):
        store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
        _registered(store, case.id)

    original = desk.build(first.id, DocumentKind.DECISION, "wangxiao")
    assert original.number == "金市建决〔2026〕1号" and original.copy_number == 1
    assert not original.provisional  # the platform has the case
    record = desk.record(original, "wangxiao")
    assert record.copy_no == 1 and record.sha256 == hashlib.sha256(original.pdf).hexdigest()
    assert Path(record.path).read_bytes() == original.pdf

    other = desk.build(second.id, DocumentKind.DECISION, "wangxiao")
    assert other.number == "金市建决〔2026〕2号"  # the next number of the series, no gap

    reprint = desk.build(first.id, DocumentKind.DECISION, "wangxiao")
    assert reprint.number == original.number  # a reprint keeps its number
    assert reprint.copy_number == 2 and "副本（第2份）" in pdf_text(reprint.pdf)
    desk.record(reprint, "wangxiao")
    actions = [e.action for e in store.audit.entries(first.id)]
    assert actions[-2:] == ["printed", "reprinted"]
    # the archive copy (0) kept on issue, then the original (1) and the 副本 (2)
    assert [d.copy_no for d in service.documents_of(first.id)] == [0, 1, 2]
    report = store.audit.verify()
    assert report.broken is None and report.intact == report.count
    # The fixture inserts the cases already decided, without the decision's audit entry: verify
    # names exactly them (each decided case's state is bound to its audit entries).
    assert sorted(report.findings) == sorted(
        f"办件 {c.id} 在 cases 表中为“已办结（准予）”，审计记录中没有这一决定"
        for c in (first, second)
    )


def _registered(store: Store, case_id: str) -> None:
    """The case's progress registration reached the platform."""
    row = store.outbox.enqueue(
        OutboxKind.PROGRESS_REGISTER.value, case_id, {}, f"progress_register:{case_id}", now=NOW
    )
    store.outbox.mark_sent(row.id, {}, now=NOW)


def test_provisional_until_the_platform_has_the_case_and_while_updates_fail(
    store: Store, tmp_path: Path
) -> None:
    desk, service = _desk(store, tmp_path)
    id_number = make_id_number("330702", dt.date(1990, 3, 15), 123)
    case = service.open_case(
        "zjj.public_rental", ApplicantKind.PERSON, id_number, "李明", "wangxiao"
    )
    # The case's outbox: the identity question to the registry, the progress registration,
    # the case's entry in the platform's case index (issue 9) and its summary for supervision
    # (issue 12) — neither says anything about the QR.
    identity, register, index, summary = store.outbox.for_case(case.id)
    assert summary.kind == OutboxKind.CASE_SUMMARY.value
    assert identity.payload["proof_code"] == "@identity"
    assert register.kind == OutboxKind.PROGRESS_REGISTER.value
    assert index.kind == OutboxKind.CASE_INDEX.value
    assert desk.provisional(case.id)  # the QR's token is not on the platform yet
    store.outbox.mark_sent(register.id, {}, now=NOW)
    assert not desk.provisional(case.id)
    event = store.outbox.enqueue(
        OutboxKind.PROGRESS_EVENT.value, case.id, {}, f"progress_event:{case.id}:1", now=NOW
    )
    assert not desk.provisional(case.id)  # queued a moment ago, not yet tried: online
    store.outbox.mark_retry(event.id, "connection refused", NOW + dt.timedelta(seconds=30))
    assert desk.provisional(case.id)  # the platform could not be reached
    store.outbox.mark_sent(event.id, {}, now=NOW)
    assert not desk.provisional(case.id)


def test_provisional_while_the_workstation_knows_the_platform_is_offline(
    store: Store, tmp_path: Path
) -> None:
    """Issue 10: a receipt printed while the header says 离线 carries the case's acceptance only
    on paper until the platform is back — the event queued a moment ago is not sent within
    moments then, so the document is provisional."""
    desk, service = _desk(store, tmp_path)
    id_number = make_id_number("330702", dt.date(1990, 3, 15), 123)
    case = service.open_case(
        "zjj.public_rental", ApplicantKind.PERSON, id_number, "李明", "wangxiao"
    )
    register = next(
        r for r in store.outbox.for_case(case.id) if r.kind == OutboxKind.PROGRESS_REGISTER.value
    )
    store.outbox.mark_sent(register.id, {}, now=NOW)
    offline = [True]
    desk.offline = lambda: offline[0]
    assert not desk.provisional(case.id)  # nothing of its progress waits
    event = store.outbox.enqueue(
        OutboxKind.PROGRESS_EVENT.value, case.id, {}, f"progress_event:{case.id}:1", now=NOW
    )
    assert desk.provisional(case.id)  # queued, not tried, and nobody can send it now
    offline[0] = False
    assert not desk.provisional(case.id)  # online: the sync worker sends it within moments
    offline[0] = True
    store.outbox.mark_sent(event.id, {}, now=NOW)
    assert not desk.provisional(case.id)  # the platform has it


def test_archived_documents_follow_a_moved_data_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    store = Store(home / "store.sqlite3")
    desk, _service = _desk(store, home)
    case = approved_case(catalogue())
    store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
    built = desk.build(case.id, DocumentKind.DECISION, "wangxiao")
    desk.record(built, "wangxiao")
    [stored] = store.conn.execute("SELECT path FROM documents").fetchone()
    assert not Path(stored).is_absolute()  # recorded relative to the store's directory
    store.close()

    moved = home.rename(tmp_path / "restored-elsewhere")
    store = Store(moved / "store.sqlite3")
    try:
        [archive, record] = store.documents.for_case(case.id)
        assert archive.is_archive_copy and store.documents.verify_file(archive)
        assert record.path.is_relative_to(moved)
        assert record.path.read_bytes() == built.pdf
        assert store.documents.verify_file(record)
    finally:
        store.close()


def test_a_document_filed_outside_the_data_directory_keeps_its_full_path(
    tmp_path: Path,
) -> None:
    (tmp_path / "data").mkdir()
    store = Store(tmp_path / "data" / "store.sqlite3")
    elsewhere = tmp_path / "network-share"
    case = approved_case(catalogue())
    store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
    try:
        record = store.documents.archive(
            case.id, "decision", b"%PDF-1.7 test", number=None, provisional=False,
            printed_by="wangxiao", now=NOW, directory=elsewhere,
        )  # fmt: skip
        assert record.path == elsewhere / case.id / "decision-1.pdf"
        [stored] = store.conn.execute("SELECT path FROM documents").fetchone()
        assert Path(stored).is_absolute()
        assert store.documents.verify_file(record)
    finally:
        store.close()
