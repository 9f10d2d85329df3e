"""Whole cases with pledges through the real wizard, sandbox and store: the survivor allowance
for 韦秀英 signed on the pad with simulated pointer events, and 赵强 on the dishonesty list."""

from __future__ import annotations

import hashlib
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from clerkapp.app.context import AppContext
from clerkapp.core.case import CaseState, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.gui.print_step import PrintStep
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.store.outbox import OutboxKind
from clerkapp.infra.store.outbox_scrub import hashed
from clerkapp.infra.store.pledges import signature_digest, text_digest
from clerkapp.sandbox.demo import CHEN_JIANGUO, WEI_XIUYING, ZHAO_QIANG
from tests.gui.wizard_driver import WizardDriver, draw_stroke, wait_until
from tests.integration.documents_cases import pdf_text
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "rsj.funeral_survivor"
PLEDGES = (f"{MATTER}.marriage", f"{MATTER}.no_income")


def _to_pledge_step(driver: WizardDriver, id_number: str, name: str) -> None:
    driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    assert "即办" in driver.wizard.case_line.text()
    # the matter asks also for the deceased insured person (关系人)
    [row] = driver.wizard.applicant_step.related_rows
    assert row.role.label == "已故参保人员"
    driver.enter_applicant(id_number, name, related=[(CHEN_JIANGUO, "陈建国")])
    driver.wait_lookups()
    wait_until(lambda: not driver.wizard.presenter.credit_running, what="credit check")
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: driver.wizard.step is Step.PLEDGE, what="pledge step")


def test_survivor_allowance_signed_with_pointer_events(
    driver: WizardDriver, app_context: AppContext
) -> None:
    wizard = driver.wizard
    _to_pledge_step(driver, WEI_XIUYING, "韦秀英")
    step = wizard.pledge_step
    assert "未列入失信名单" in step.credit_label.text()
    catalogue = app_context.catalogue
    # not listed: the unsigned pledges wait for the signature (amber ◷)
    for index in range(step.tabs.count()):
        assert step.tabs.tabText(index).startswith("◷")
        assert "不能承诺" not in step.tabs.tabText(index)
        assert step.tabs.tabTextColor(index).name() == Tone.WAITING.value
    for index, code in enumerate(PLEDGES):
        assert step.current_code() == code
        spec = catalogue.proofs[code].pledge
        assert spec is not None
        shown = step.text_view.toPlainText()
        assert spec.text in shown and spec.consequences in shown  # the full text, both parts
        assert step.text_view.font().pixelSize() >= 18  # large enough for the applicant
        canvas = step.pad.canvas
        # the applicant signs: press, move, release over the pad
        wave = [(x, 110 + (x % 40)) for x in range(70, 300, 15)]
        draw_stroke(canvas, [(60, 120), *wave, (300, 115)])
        assert len(canvas.strokes) == 1
        driver.key(Qt.Key.Key_Return)  # Enter confirms the signature
        wait_until(
            lambda: (
                wizard.presenter.case is not None
                and wizard.presenter.case.proofs[code].state is ProofState.PLEDGED  # noqa: B023
            ),
            what=lambda: f"pledge {code} stored: {wizard.status.text()}",  # noqa: B023
        )
        if index == 0:
            # the signature is shown beside the text it binds; the next pledge comes up
            wait_until(lambda: step.current_code() == PLEDGES[1], what="next pledge")

    step.tabs.setCurrentIndex(0)
    assert step.signed_image.pixmap() is not None and not step.signed_image.pixmap().isNull()
    assert "绑定承诺文本摘要" in step.signed_caption.text()

    case_id = wizard.presenter.case_id
    records = app_context.case_service.pledges_of(case_id)
    assert [r.proof_code for r in records] == list(PLEDGES)
    for record in records:
        spec = catalogue.proofs[record.proof_code].pledge
        assert spec is not None
        assert record.pledge_text == spec.text and record.consequences == spec.consequences
        assert record.text_sha256 == text_digest(spec.text, spec.consequences)
        assert record.signature_png.startswith(b"\x89PNG")
        assert record.png_sha256 == hashlib.sha256(record.signature_png).hexdigest()
        assert record.signature_sha256 == signature_digest(
            case_id, record.proof_code, record.text_sha256, record.signed_at, record.png_sha256
        )
        assert record.intact()
        strokes = json.loads(json.dumps(record.strokes))
        assert len(strokes) == 1 and len(strokes[0]) >= 10
        x, y, pressure, t_ms = strokes[0][0]
        assert (x, y, t_ms) == (60, 120, 0) and 0 < pressure <= 1
        case = app_context.case_service.get_case(case_id)
        assert case.proofs[record.proof_code].pledge_hash == record.signature_sha256

    # both pledges now count on the board
    for code in PLEDGES:
        assert driver.row_status(code) is RowStatus.DONE
        assert "已承诺" in wizard.proofs_board.rows[code].badge.text()
    driver.key(Qt.Key.Key_Return)  # all signed → ⑤
    assert wizard.step is Step.DECISION
    assert "建议：给付" in wizard.decision_step.recommendation.text()
    driver.key(Qt.Key.Key_Return)  # decided at the counter, as recommended
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    case = app_context.case_service.get_case(case_id)
    assert case.state is CaseState.APPROVED
    assert case.related["deceased"].id_number == CHEN_JIANGUO
    # the death proof was satisfied by the look-up about 陈建国, not about the widow
    death = case.proofs[f"{MATTER}.death"]
    assert death.state is ProofState.SATISFIED and death.method is Method.DATA_QUERY
    assert death.evidence is not None and death.evidence.source == "公安户籍"
    identity, lookup = [
        r for r in app_context.store.outbox.for_case(case_id) if r.kind == OutboxKind.LOOKUP.value
    ]
    # (delivered rows keep only the keyed hash of whom they asked about: issue 11)
    salt = app_context.store.subject_salt()
    assert lookup.payload["subject"] == hashed({"id_number": CHEN_JIANGUO}, salt)
    # the identity question is about the widow who applies, and she is who she said
    assert identity.payload["subject"] == hashed({"id_number": WEI_XIUYING}, salt)
    assert case.identity_outcome.value == "matched"
    # the decision builds, naming him masked
    print_step = wizard.print_host.step
    assert isinstance(print_step, PrintStep)
    wait_until(lambda: print_step.built is not None, timeout_s=30, what="decision built")
    assert print_step.built is not None and print_step.built.number.startswith("金市人社决〔")
    text = pdf_text(print_step.built.pdf)
    assert "给付决定书" in text and "本机关决定予以给付" in text and "韦秀英" in text
    assert "许可" not in text  # a survivor allowance is a 行政给付, no licence
    assert "已故参保人员：陈**330723********0155" in text
    assert CHEN_JIANGUO not in text and WEI_XIUYING not in text


def test_dishonesty_list_refuses_the_pledge(driver: WizardDriver, app_context: AppContext) -> None:
    wizard = driver.wizard
    _to_pledge_step(driver, ZHAO_QIANG, "赵强")
    step = wizard.pledge_step
    credit = step.credit_label.text()
    assert "失信名单" in credit and "不能以告知承诺方式办理" in credit
    assert "名单版本" in credit and "金民失信〔2025〕7号" in credit
    assert "✖" in credit
    # no pad to sign on; the catalogue's only other route is the paper proof (窗口核验)
    assert step.pad_stack.currentIndex() == 1
    assert step.findChild(type(step.credit_label), "pledgeNoAlternative") is None
    assert step.findChild(QPushButton, f"pledgePaper_{step.current_code()}") is not None
    # every pledge tab says so too: red ✖ and words, not the amber "waiting" ◷
    assert step.tabs.count() == len(PLEDGES)
    for index in range(step.tabs.count()):
        text = step.tabs.tabText(index)
        assert text.startswith("✖") and "不能承诺" in text and "◷" not in text
        assert step.tab_tone(index) is Tone.ERROR
        assert step.tabs.tabTextColor(index).name() == Tone.ERROR.value
    for code in PLEDGES:
        assert driver.row_status(code) is RowStatus.FAILED
        assert "失信名单" in wizard.proofs_board.rows[code].detail_label.text()

    case_id = wizard.presenter.case_id
    case = app_context.case_service.get_case(case_id)
    assert case.credit_listed is True
    assert all(case.proofs[c].state is ProofState.PENDING for c in PLEDGES)

    driver.key(Qt.Key.Key_Return)  # → ⑤: the pledge route is closed
    assert wizard.step is Step.DECISION
    decision = wizard.decision_step
    assert not decision.approve_button.isEnabled()
    # refusing without a reason is not possible
    driver.click(decision.refuse_button)
    assert "理由" in decision.message.text()
    driver.type(decision.reason_edit, "申请人列入失信名单，不能以告知承诺方式办理")
    driver.click(decision.refuse_button)
    wait_until(lambda: wizard.step is Step.PRINT, what=lambda: wizard.status.text())
    case = app_context.case_service.get_case(case_id)
    assert case.state is CaseState.REFUSED
    assert case.decision_reason and "失信名单" in case.decision_reason
