"""作废 and 更正 of an issued document over the real case service, store, auth and sandbox: a
supervisor's approval on the spot or through the queue, refusals audited, the register keeping
every number, the corrected PDF naming the one it replaces, the progress page showing it, and
originals and copies counted right (a saved PDF is no print)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.approvals import ApprovalRefused, ApprovalService
from clerkapp.app.auth import AuthService, LoginFailedError
from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.document_acts import ActRequest, DocumentAction
from clerkapp.app.documents import DocumentDesk
from clerkapp.app.sync import SyncWorker
from clerkapp.errors import ClerkAppError, DocumentError, ValidationError
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings
from clerkapp.infra.store import ClerkAccounts
from clerkapp.infra.store.approvals import ApprovalState
from clerkapp.infra.store.documents import NumberState
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import (
    RENTAL,
    START,
    confirm_identity,
    sandbox_client,
    service,
)
from tests.integration.documents_cases import pdf_text
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

REASON = "名下有机动车辆，不符合公共租赁住房保障条件"


class Counter:
    """The service, desk and approvals of one workstation."""

    def __init__(self, tmp_path: Path, base_url: str) -> None:
        self.clock = SteppingClock(START)
        self.service: CaseService = service(tmp_path, self.clock)
        accounts = ClerkAccounts(self.service.store, self.clock, workstation="TRAIN-01")
        self.auth = AuthService(accounts, self.clock, audit=accounts.audit, training=True)
        self.auth.ensure_demo_accounts()  # demo (clerk) and demo-sup (supervisor)
        self.clerk = self.auth.login("demo", "demo123")
        self.supervisor = self.auth.login("demo-sup", "demo123")
        self.approvals = ApprovalService(self.service, self.auth)
        cat = self.service.catalogue
        settings = DocumentSettings(progress_base_url=base_url)
        self.desk = DocumentDesk(self.service, lambda: cat, settings, self.clock)

    def refused_case(self, typed: str = "李明") -> str:
        """李明's case, refused; ``typed`` other than 李明 is a typo let through by a reasoned
        override of the identity check (so that the name can be corrected later)."""
        case = self.service.open_case(RENTAL, "person", demo.LI_MING, typed, "demo")
        confirm_identity(self.service, case.id, registered="李明")  # the registry's answer
        if typed != "李明":
            self.service.override_identity(case.id, "证件照片核对无误，户籍信息待更新", "demo")
        self.service.decide(case.id, "refuse", REASON, "demo", override_reason="现场核实")
        return case.id

    def issue(self, case_id: str, kind: DocumentKind = DocumentKind.REFUSAL) -> str:
        built = self.desk.build(case_id, kind, "demo")
        self.desk.record(built, "demo")
        return built.number

    def actions(self, case_id: str | None = None) -> list[str]:
        return [e.action for e in self.service.store.audit.entries(case_id)]


@pytest.fixture
def counter(tmp_path: Path, sandbox: Any) -> Iterator[Counter]:  # noqa: F811
    c = Counter(tmp_path, sandbox.url)
    yield c
    c.service.store.close()


@contextmanager
def says(kind: type[ClerkAppError], words: str) -> Iterator[None]:
    """Expect ``kind`` with ``words`` in the message the clerk reads."""
    with pytest.raises(kind) as info:
        yield
    assert words in info.value.user_message


def _request(case_id: str, number: str, action: DocumentAction, **changes: str) -> ActRequest:
    return ActRequest(case_id, number, action, "打印后发现错字", "demo", changes)


def test_correction_on_the_spot_names_the_replaced_number(counter: Counter) -> None:
    case_id = counter.refused_case()
    old = counter.issue(case_id)
    request = _request(
        case_id, old, DocumentAction.CORRECT, decision_reason="名下有机动车辆一辆，不符合条件"
    )
    # A wrong password is refused and audited, and nothing changes.
    with pytest.raises(LoginFailedError):
        counter.approvals.carry_out_now(request, "demo-sup", "wrong")
    # The clerk's own (right) credentials do not approve either.
    with says(ApprovalRefused, "不是科室负责人"):
        counter.approvals.carry_out_now(request, "demo", "demo123")
    refusals = [
        e.data["why"]
        for e in counter.service.store.audit.entries(case_id)
        if e.action == "approval_refused"
    ]
    assert refusals == ["wrong_credentials", "not_supervisor"]
    assert "login_failed" in counter.actions()
    assert counter.service.store.documents.entry(case_id, old).state is NumberState.CURRENT

    outcome = counter.approvals.carry_out_now(request, "demo-sup", "demo123", "同意更正")
    assert outcome.retired_number == old and outcome.new_number and outcome.new_number != old
    register = counter.service.store.documents.register(case_id)
    assert [(e.number, e.state) for e in register] == [
        (old, NumberState.SUPERSEDED),
        (outcome.new_number, NumberState.CURRENT),
    ]
    assert register[0].approved_by == "demo-sup" and register[0].retired_by == "demo"
    assert register[0].replaced_by == outcome.new_number and register[1].replaces == old

    corrected = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert corrected.number == outcome.new_number and corrected.copy_number == 1
    text = pdf_text(corrected.pdf).replace("\n", "")
    assert f"更正并取代{old}" in text
    assert "名下有机动车辆一辆" in text
    counter.desk.record(corrected, "demo")
    assert counter.actions(case_id)[-4:-2] == ["document_corrected", "approval_approved"]
    corrected_entry = next(
        e for e in counter.service.store.audit.entries(case_id) if e.action == "document_corrected"
    )
    assert corrected_entry.data["fields"] == ["decision_reason"]
    assert corrected_entry.data["approved_by"] == "demo-sup"


def test_a_correction_of_the_name_never_puts_the_name_in_the_audit(counter: Counter) -> None:
    svc = counter.service
    case_id = counter.refused_case(typed="李名")  # 李名 typed for 李明's number
    old = counter.issue(case_id)
    # a name away from the registry's is no correction
    wrong = _request(case_id, old, DocumentAction.CORRECT, applicant_name="李明明")
    with says(ValidationError, "与登记的“李明”不一致"):
        counter.approvals.carry_out_now(wrong, "demo-sup", "demo123")
    assert svc.get_case(case_id).applicant_name == "李名"
    request = _request(case_id, old, DocumentAction.CORRECT, applicant_name="李明")
    counter.approvals.carry_out_now(request, "demo-sup", "demo123")
    corrected = svc.get_case(case_id)
    assert corrected.applicant_name == "李明"
    assert corrected.identity.override_reason == ""  # the override was for the old name
    assert all("李明" not in str(e.data) for e in svc.store.audit.entries(case_id))
    assert all("李名" not in str(e.data) for e in svc.store.audit.entries(case_id))
    built = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    text = pdf_text(built.pdf)
    assert "李明" in text and "李名" not in text
    assert old in text  # the corrected notice names the one it replaces


def test_void_through_the_queue_keeps_the_number_and_shows_on_the_progress_page(
    counter: Counter,
    sandbox: Any,  # noqa: F811
) -> None:
    case_id = counter.refused_case()
    first = counter.issue(case_id)
    stale = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")  # a preview still open
    queued = counter.approvals.submit(_request(case_id, first, DocumentAction.VOID))
    assert queued.state is ApprovalState.PENDING
    with says(ValidationError, "已有待审批"):
        counter.approvals.submit(_request(case_id, first, DocumentAction.VOID))

    # A clerk may not open the queue, nor approve: both refused and audited.
    with says(ApprovalRefused, "仅限科室负责人"):
        counter.approvals.queue(counter.clerk)
    with pytest.raises(ApprovalRefused):
        counter.approvals.approve(queued.id, counter.clerk, "同意")
    assert counter.actions().count("approval_refused") == 2
    assert counter.service.store.documents.entry(case_id, first).state is NumberState.CURRENT

    [pending] = counter.approvals.queue(counter.supervisor)
    assert pending.id == queued.id
    with says(ValidationError, "批准意见"):
        counter.approvals.approve(queued.id, counter.supervisor, " ")
    outcome = counter.approvals.approve(queued.id, counter.supervisor, "错字属实，同意作废")
    assert outcome.new_number is None
    assert counter.approvals.queue(counter.supervisor) == []
    voided = counter.service.store.documents.entry(case_id, first)
    assert voided.state is NumberState.VOIDED and voided.approved_by == "demo-sup"
    assert voided.reason == "打印后发现错字"

    # The stale preview of the voided number cannot be printed any more.
    with says(DocumentError, "已作废"):
        counter.desk.record(stale, "demo")
    # The case stays refused; the document is issued again under the next number.
    assert counter.service.get_case(case_id).state.value == "refused"
    second = counter.issue(case_id)
    assert second != first
    assert [e.number for e in counter.service.store.documents.register(case_id)] == [first, second]

    with sandbox_client(sandbox) as client:
        report = SyncWorker(counter.service.store, counter.service, client, counter.clock).drain()
    assert report.needs_person == 0
    token = counter.service.get_case(case_id).tracking_token
    page = requests.get(f"{sandbox.url}/p/{token}", timeout=5).text
    assert f"原不予给付决定书 {first} 已作废" in page  # the title the paper bears
    assert "李明" not in page and demo.LI_MING not in page


def test_send_back_changes_nothing(counter: Counter) -> None:
    case_id = counter.refused_case()
    number = counter.issue(case_id)
    queued = counter.approvals.submit(_request(case_id, number, DocumentAction.VOID))
    back = counter.approvals.send_back(queued.id, counter.supervisor, "请核实后再申请")
    assert back.state is ApprovalState.SENT_BACK and back.decided_by == "demo-sup"
    assert counter.service.store.documents.entry(case_id, number).state is NumberState.CURRENT
    assert "approval_sent_back" in counter.actions(case_id)


def test_what_may_not_be_voided_or_corrected(counter: Counter) -> None:
    case_id = counter.refused_case()
    built = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")  # previewed, not issued
    with says(ValidationError, "尚未出具"):
        counter.approvals.submit(_request(case_id, built.number, DocumentAction.VOID))
    number = counter.issue(case_id)
    with says(ValidationError, "原因"):
        counter.approvals.submit(ActRequest(case_id, number, DocumentAction.VOID, " ", "demo"))
    with says(ValidationError, "与原文书相同"):
        counter.approvals.submit(
            _request(case_id, number, DocumentAction.CORRECT, decision_reason=REASON)
        )


def test_a_name_is_corrected_only_when_no_other_issued_paper_carries_the_old_one(
    counter: Counter,
) -> None:
    case_id = counter.refused_case(typed="李名")
    refusal = counter.issue(case_id)
    # A second issued paper of the case (here: the refusal's sibling kind, a receipt number
    # claimed and issued by hand) still prints the old name.
    seq = counter.service.next_document_number("金市建受", 2026, case_id=case_id, kind="receipt")
    receipt = f"金市建受〔2026〕{seq}号"
    counter.service.record_document(case_id, "receipt", b"%PDF-1.4", receipt, False, "demo")
    rename = _request(case_id, refusal, DocumentAction.CORRECT, applicant_name="李明")
    with says(ValidationError, receipt):
        counter.approvals.submit(rename)
    counter.approvals.carry_out_now(
        _request(case_id, receipt, DocumentAction.VOID), "demo-sup", "demo123"
    )
    outcome = counter.approvals.carry_out_now(rename, "demo-sup", "demo123")
    assert outcome.new_number and counter.service.get_case(case_id).applicant_name == "李明"


def test_a_saved_pdf_is_no_print_so_the_applicant_gets_the_original(counter: Counter) -> None:
    case_id = counter.refused_case()
    built = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    saved = counter.desk.record(built, "demo", printed=False)  # 另存为 PDF: issues, no print
    assert saved.is_archive_copy
    paper = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert paper.copy_number == 1 and "副本" not in pdf_text(paper.pdf)
    printed = counter.desk.record(paper, "demo")
    assert printed.copy_no == 1 and not printed.is_reprint
    again = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert again.copy_number == 2 and "副本（第2份）" in pdf_text(again.pdf)
    actions = counter.actions(case_id)
    assert actions[-3:] == ["document_issued", "document_saved", "printed"]


def test_duplicate_prints_the_file_copy_in_the_same_job(counter: Counter) -> None:
    counter.desk.duplicate = lambda: True  # the office wants 一式两份
    case_id = counter.refused_case()
    built = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert len(built.papers()) == 2
    assert "存档联" in pdf_text(built.file_copy) and "存档联" not in pdf_text(built.pdf)
    counter.desk.record(built, "demo")
    copies = [d.copy_no for d in counter.service.documents_of(case_id)]
    assert copies == [0, 1, 2]  # archive copy, the applicant's original, the 存档联
    reprint = counter.desk.build(case_id, DocumentKind.REFUSAL, "demo")
    assert reprint.copy_number == 3 and reprint.papers() == [reprint.pdf]
