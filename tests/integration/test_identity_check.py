"""The applicant's identity cross-check end to end: the case service on a real SQLite file, the
registry question through the outbox and the look-up fan-out to the sandbox over real HTTP, the
sync worker when the platform comes back, and documents that refuse to print a name the registry
contradicts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.documents import DocumentDesk
from clerkapp.app.lookups import QUEUED, LookupRunner
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import CaseState, Decision
from clerkapp.core.identity import IDENTITY_CHECK, IdentityOutcome
from clerkapp.core.present import PersonPresent, PresentRole
from clerkapp.errors import DocumentError, InvalidTransition
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings
from clerkapp.infra.platform import Credentials, PlatformClient
from clerkapp.infra.store import Store
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import FAST_RETRY, catalogue, make_legacy, sandbox_client
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

CHINA = timezone(timedelta(hours=8))
RENTAL = "zjj.public_rental"
HOURS = "rsj.flexible_hours"
NOWHERE = "http://127.0.0.1:9"  # nobody answers: the platform is unreachable


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(datetime.now(CHINA), step=timedelta(milliseconds=10))


@pytest.fixture
def service(tmp_path: Path, clock: SteppingClock) -> Iterator[CaseService]:
    with Store(tmp_path / "clerkapp.sqlite3") as store:
        yield CaseService(
            store, catalogue(), clock, workstation="TRAIN-01", documents_dir=tmp_path / "docs"
        )


def ask(service: CaseService, client: PlatformClient, case_id: str) -> str:
    """The counter's fan-out sends the identity question at once; how it ended."""
    row = service.begin_identity_check(case_id, "wangxiao")
    assert row is not None and row.payload["proof_code"] == IDENTITY_CHECK
    with ThreadPoolExecutor(2) as pool:
        run = LookupRunner(client, service, pool, clock=service.clock).run_rows(case_id, [row])
    return run.proofs[IDENTITY_CHECK].state


def actions(service: CaseService, case_id: str) -> list[str]:
    return [e.action for e in service.store.audit.entries(case_id)]


def test_a_typo_is_found_when_the_answer_arrives_and_corrected(
    service: CaseService,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(RENTAL, "person", demo.WANG_FANG, "王方", "wangxiao")
    assert case.identity_outcome is IdentityOutcome.PENDING
    with pytest.raises(InvalidTransition, match="正在核对申请人身份"):
        service.decide(case.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="x")
    with sandbox_client(sandbox) as client:
        ask(service, client, case.id)
    case = service.get_case(case.id)
    assert case.identity_outcome is IdentityOutcome.MISMATCH
    assert case.identity.source == "公安户籍" and case.identity.receipt_id
    with pytest.raises(InvalidTransition) as raised:
        service.decide(case.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="x")
    assert "申请人姓名与户籍登记不一致：填写 王方，登记 王芳" in raised.value.user_message
    assert service.get_case(case.id).state is CaseState.OPEN

    fixed = service.correct_applicant_name(case.id, "王芳", "wangxiao")
    assert fixed.identity_outcome is IdentityOutcome.MATCHED
    assert [s.applicant_name for s in service.list_cases(query="王芳")] == ["王芳"]
    assert service.list_cases(query="王方") == []
    assert actions(service, case.id)[-1] == "applicant_name_corrected"
    audit = json.dumps([e.data for e in service.store.audit.entries()], ensure_ascii=False)
    assert "王芳" not in audit and "王方" not in audit and demo.WANG_FANG not in audit
    [checked] = [e for e in service.store.audit.entries(case.id) if e.action == "identity_checked"]
    assert checked.data["outcome"] == "mismatch"
    [corrected] = [
        e for e in service.store.audit.entries(case.id) if e.action == "applicant_name_corrected"
    ]
    assert (corrected.actor, corrected.data) == ("wangxiao", {"outcome": "matched"})
    assert service.store.audit.verify().ok


def test_offline_the_check_queues_blocks_and_happens_when_the_platform_is_back(
    service: CaseService,
    clock: SteppingClock,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(RENTAL, "person", demo.WANG_FANG, "王方", "wangxiao")
    offline = PlatformClient(
        NOWHERE, Credentials(sandbox.workstation, sandbox.secret), retry=FAST_RETRY
    )
    with offline:
        assert ask(service, offline, case.id) == QUEUED
    case = service.get_case(case.id)
    assert case.identity_outcome is IdentityOutcome.QUEUED
    with pytest.raises(InvalidTransition) as raised:
        service.decide(case.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="x")
    assert "身份核对已排队，平台恢复后自动核对" in raised.value.user_message

    # The platform is back: the sync worker sends the queued question, the answer arrives.
    with sandbox_client(sandbox) as client:
        clock.advance(timedelta(minutes=15))
        report = SyncWorker(service.store, service, client, clock).drain()
    assert report.needs_person == 0 and report.by_kind["lookup"] == 1
    case = service.get_case(case.id)
    assert case.identity_outcome is IdentityOutcome.MISMATCH  # the block appears...
    with pytest.raises(InvalidTransition, match="填写 王方，登记 王芳"):
        service.decide(case.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="x")

    # ...and clears with a reasoned, audited override.
    with pytest.raises(InvalidTransition, match="理由"):
        service.override_identity(case.id, "  ", "wangxiao")
    reason = "证件照片核对无误，户籍信息待更新"
    service.override_identity(case.id, reason, "wangxiao")
    decided = service.decide(
        case.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="申请人当场放弃"
    )
    assert decided.state is CaseState.REFUSED and decided.identity.overridden_by == "wangxiao"
    [entry] = [e for e in service.store.audit.entries(case.id) if e.action == "identity_override"]
    assert (entry.actor, entry.data) == ("wangxiao", {"outcome": "mismatch", "reason": reason})
    assert entry.at is not None
    assert actions(service, case.id).index("identity_queued") < actions(service, case.id).index(
        "identity_checked"
    )


def test_a_business_adopts_its_registered_name(
    service: CaseService,
    sandbox: Any,  # noqa: F811
) -> None:
    handler = PersonPresent(PresentRole.HANDLER, demo.SUN_LI, "孙丽", "", True)
    case = service.open_case(
        HOURS, "business", demo.DEMO_BUSINESS, "示范科技", "wangxiao", present=handler
    )
    with sandbox_client(sandbox) as client:
        ask(service, client, case.id)
    case = service.get_case(case.id)
    assert case.identity_outcome is IdentityOutcome.MISMATCH
    assert case.identity.registered_name == "金华市示范科技有限公司"
    adopted = service.adopt_registered_name(case.id, "wangxiao")
    assert adopted.applicant_name == "金华市示范科技有限公司"
    assert adopted.identity_outcome is IdentityOutcome.MATCHED
    [summary] = service.list_cases()
    assert summary.applicant_name == "金华市示范科技有限公司"
    [entry] = [
        e for e in service.store.audit.entries(case.id) if e.action == "name_adopted_from_registry"
    ]
    assert entry.data == {"outcome": "matched"}  # minimal: no names


def test_registry_findings_of_the_demo_subjects(
    service: CaseService,
    sandbox: Any,  # noqa: F811
) -> None:
    unknown = service.open_case(RENTAL, "person", demo.LIU_YANG, "刘洋", "wangxiao")
    handler = PersonPresent(PresentRole.HANDLER, demo.SUN_LI, "孙丽", "", True)
    revoked = service.open_case(
        HOURS,
        "business",
        demo.REVOKED_BUSINESS,
        "金华市旧城贸易有限公司",
        "wangxiao",
        present=handler,
    )
    card = service.open_case(RENTAL, "person", demo.LI_MING, "李明", "wangxiao")
    with sandbox_client(sandbox) as client:
        for case in (unknown, revoked, card):
            ask(service, client, case.id)
    assert service.get_case(unknown.id).identity_outcome is IdentityOutcome.NOT_FOUND
    assert service.get_case(revoked.id).identity_outcome is IdentityOutcome.DEREGISTERED
    assert "吊销" in service.get_case(revoked.id).identity_text()
    assert service.get_case(card.id).identity_outcome is IdentityOutcome.MATCHED
    # The question asked for what the check needs and nothing more, bound to the case's purpose.
    [row] = [
        r
        for r in service.store.outbox.for_case(revoked.id)
        if r.payload.get("proof_code") == IDENTITY_CHECK
    ]
    assert row.payload["item"] == "business.licence" and row.payload["fields"] == [
        "name",
        "status",
        "legal_representative",
    ]
    assert row.payload["purpose"] == f"matter:{HOURS}" and row.state == "sent"


def test_a_receipt_with_an_unresolved_mismatch_is_not_printed(
    service: CaseService,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(RENTAL, "person", demo.LI_MING, "李明", "wangxiao")
    with sandbox_client(sandbox) as client, ThreadPoolExecutor(4) as pool:
        LookupRunner(client, service, pool, clock=service.clock).run(case.id, clerk="wangxiao")
        ask(service, client, case.id)
    service.request_verification(case.id, f"{RENTAL}.homestead", "wangxiao")
    service.decide(case.id, Decision.ACCEPT, None, "wangxiao")  # 受理: the receipt may print
    desk = DocumentDesk(
        service, catalogue, DocumentSettings(progress_base_url=sandbox.url), service.clock
    )
    assert desk.build(case.id, DocumentKind.RECEIPT, "wangxiao").pdf.startswith(b"%PDF")
    # A name changed after acceptance to one the registry contradicts never reaches paper.
    service.correct_applicant_name(case.id, "李名", "wangxiao")
    with pytest.raises(DocumentError) as raised:
        desk.build(case.id, DocumentKind.RECEIPT, "wangxiao")
    assert raised.value.user_message == "无法打印：申请人姓名与户籍登记不一致：填写 李名，登记 李明"
    assert service.documents_of(case.id) == []


def test_a_case_stored_before_the_check_is_asked_when_next_opened(
    service: CaseService,
    sandbox: Any,  # noqa: F811
) -> None:
    case = service.open_case(RENTAL, "person", demo.LI_MING, "李明", "wangxiao")
    make_legacy(service, case.id)
    legacy = service.get_case(case.id)
    assert legacy.identity_outcome is IdentityOutcome.NOT_CHECKED
    with pytest.raises(InvalidTransition, match="尚未核对"):
        service.decide(case.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="x")
    with sandbox_client(sandbox) as client:
        ask(service, client, case.id)  # what opening it in the wizard does
    assert service.get_case(case.id).identity_outcome is IdentityOutcome.MATCHED
    assert service.begin_identity_check(case.id, "wangxiao") is None  # answered: nothing to ask

    # A case decided before the check existed is never asked and still prints.
    done = service.open_case(RENTAL, "person", demo.WANG_FANG, "王芳", "wangxiao")
    with sandbox_client(sandbox) as client:
        ask(service, client, done.id)
    service.decide(done.id, Decision.REFUSE, "不符合条件", "wangxiao", override_reason="x")
    make_legacy(service, done.id)
    assert service.begin_identity_check(done.id, "wangxiao") is None
    desk = DocumentDesk(
        service, catalogue, DocumentSettings(progress_base_url=sandbox.url), service.clock
    )
    assert desk.build(done.id, DocumentKind.REFUSAL, "wangxiao").pdf.startswith(b"%PDF")
