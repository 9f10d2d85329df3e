"""A clerk's day in ``--lang en`` (issue 9): every screen a clerk or an applicant sees, walked with
the real widgets, shows no Chinese outside the data (names, ID numbers, addresses, and the
catalogue's words of the case's matter) — the messages of core, infra and app included."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.app.case_ways import NOT_ACCEPTED_GROUNDS
from clerkapp.app.context import AppContext
from clerkapp.app.document_acts import DocumentAction
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import ProofState
from clerkapp.core.case_types import Decision, mask_name
from clerkapp.core.idnumber import mask_id_number, validate_id_number
from clerkapp.errors import ClerkAppError
from clerkapp.gui import ops
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.application import default_wizard
from clerkapp.gui.document_act_dialog import DocumentActDialog
from clerkapp.gui.i18n import install_translators
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.print_step import PrintStep
from clerkapp.gui.wizard.case_dialogs import CorrectionDialog, NotAcceptedDialog, WithdrawDialog
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.store import db_time
from clerkapp.sandbox.demo import CHEN_JIANGUO, LI_MING, WANG_FANG, WEI_XIUYING
from tests.gui.english_scan import chinese_left, matter_data, visible_texts
from tests.gui.wizard_driver import (
    WizardDriver,
    draw_stroke,
    ensure_catalogue,
    log_in,
    wait_until,
)
from tests.integration.case_fixtures import RENTAL, confirm_identity
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "rsj.funeral_survivor"
PLEDGES = (f"{MATTER}.marriage", f"{MATTER}.no_income")
CENTRE = "金华市行政服务中心 · 培训窗口"
#: An 18-digit number whose check digit is wrong (WEI_XIUYING's, last digit changed).
WRONG_CHECK = WEI_XIUYING[:17] + ("0" if WEI_XIUYING[17] != "0" else "1")

# Fields whose content is data, by object name: the demo ID cards of the training reader (the
# trainer's people and scenarios), and what the (Chinese) paper will print, shown before the
# decision is made. (The pledge's text is the catalogue's: its words are data values.)
DATA_FIELDS = (
    "demoCardCombo",
    "decisionPreviewTitle",
    "decisionPreviewSentence",
    "decisionPreviewReasons",
)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The translators of ``--lang en`` (installed before any window is built)."""
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def _people(*numbers_and_names: tuple[str, str]) -> list[str]:
    """A person's data as screens show it: name, number, masked forms, region of the number."""
    data: list[str] = []
    for number, name in numbers_and_names:
        valid = validate_id_number(number, today=date(2026, 12, 7))
        data += [name, mask_name(name), number, mask_id_number(number), valid.region_name]
    return data


def assert_english(where: str, widget: QWidget, data: Iterable[str]) -> None:
    """Nothing visible in ``widget`` is Chinese but ``data``; something was read."""
    texts = visible_texts(widget, DATA_FIELDS)
    assert texts, f"{where}: nothing read"
    left = chinese_left(texts, data)
    assert left == [], f"{where}: Chinese left outside the data: {left}"


def _message_box(parent: QWidget) -> QMessageBox:
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "no message box shown"
    return boxes[-1]


def test_a_case_in_english_for_the_clerk_and_the_applicant(
    english: None,
    qtbot: QtBot,
    driver: WizardDriver,
    app_context: AppContext,
    tmp_path: Path,
) -> None:
    wizard = driver.wizard
    catalogue = app_context.catalogue
    matter = catalogue.matters[MATTER]
    data = [
        *matter_data(catalogue, matter),
        *_people((WEI_XIUYING, "韦秀英"), (CHEN_JIANGUO, "陈建国")),
        CENTRE,
    ]
    screen = ApplicantScreen(CENTRE)
    qtbot.addWidget(screen)
    screen.follow(wizard)
    screen.show()
    wizard.activateWindow()
    wait_until(wizard.isActiveWindow, what="wizard active")
    assert_english("applicant screen, waiting", screen, data)

    # ① the matter, found by its initials
    driver.type(wizard.matter_step.search_edit, "ysbz")
    assert_english("matter step", wizard, data)
    driver.key(Qt.Key.Key_Return, wizard.matter_step.search_edit)
    wait_until(lambda: wizard.step is Step.APPLICANT, what="applicant step")
    assert_english("applicant step", wizard, data)

    # ② a mistyped number: the core's check, in English, next to the field
    step = wizard.applicant_step
    driver.type(step.number_edit, WRONG_CHECK)
    assert step.message.text().startswith("ID number check failed"), step.message.text()
    assert_english("applicant step, wrong number", wizard, data)
    step.number_edit.clear()
    driver.enter_applicant(WEI_XIUYING, "韦秀英", related=[(CHEN_JIANGUO, "陈建国")])

    # ③ the proofs board with its look-ups, and the applicant's screen following it
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    assert_english("proofs board", wizard, data)
    assert_english("applicant screen, proofs", screen, data)

    # ④ the pledges, signed on the clerk's pad
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    assert_english("pledge step", wizard, data)
    assert_english("applicant screen, pledge", screen, data)
    assert any("pledge" in t.lower() for _n, t in visible_texts(screen)), visible_texts(screen)
    pledge = wizard.pledge_step
    for index, code in enumerate(PLEDGES):
        pledge.tabs.setCurrentIndex(index)  # the clerk picks the pledge's tab
        assert pledge.current_code() == code
        wait_until(lambda: not pledge.pad.canvas._read_only, what="pad unlocked")
        wave = [(x, 110 + (x % 40)) for x in range(70, 300, 15)]
        draw_stroke(pledge.pad.canvas, [(60, 120), *wave, (300, 115)])
        driver.key(Qt.Key.Key_Return)
        wait_until(
            lambda: (
                wizard.presenter.case is not None
                and wizard.presenter.case.proofs[code].state is ProofState.PLEDGED  # noqa: B023
            ),
            what=lambda: f"pledge {code} stored: {wizard.status.text()}",  # noqa: B023
        )
    assert_english("pledge step, signed", wizard, data)

    # ⑤ the decision, then ⑥ the print preview
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.DECISION, what="decision step")
    assert_english("decision step", wizard, data)
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    print_step = wizard.print_host.step
    assert isinstance(print_step, PrintStep)
    wait_until(lambda: print_step.built is not None, 30, "document built")
    assert print_step.built is not None
    # the papers are Chinese: their titles and numbers are data (as printed)
    case_id = wizard.presenter.case_id
    papers = [t for _kind, t in print_step.desk().titles(case_id)]
    assert_english("print step", wizard, [*data, *papers, print_step.built.number])
    # a refused output: the file cannot be written where the clerk chose
    with qtbot.waitSignal(print_step.failed, timeout=20_000) as failed:
        print_step.save_to(tmp_path / "no such folder" / "decision.pdf")
    assert failed.args == ["The file cannot be saved: choose another folder or file name"]
    assert_english("print step, not saved", wizard, [*data, *papers, print_step.built.number])
    wait_until(lambda: screen.pages.currentWidget() is screen.outcome_page, what="outcome")
    assert_english("applicant screen, outcome", screen, data)
    QTest.mouseClick(
        screen.findChild(QAbstractButton, "applicantRate_satisfied"), Qt.MouseButton.LeftButton
    )
    wait_until(lambda: bool(screen.outcome_page.thanks.text()), what="thanks")
    assert_english("applicant screen, rated", screen, data)

    # the ways back, the 作废 of the printed decision
    case = app_context.case_service.get_case(wizard.presenter.case_id)
    assert print_step.built is not None
    number = print_step.built.number
    title = dict(print_step.desk().titles(case.id))[DocumentKind.DECISION]
    # what the clerk writes for the (Chinese) notice is data: the grounds of a 不予受理 as the
    # law words them, the document's number and title
    # (and the example of a line as the notice prints it, as in test_wizard_i18n)
    example = "户口簿：户主页复印件缺失"
    paper = [*data, *papers, number, *NOT_ACCEPTED_GROUNDS, *print_step.built.history, example]
    dialogs: list[QWidget] = [
        CorrectionDialog(case, licence=False),
        NotAcceptedDialog(),
        WithdrawDialog(),
        DocumentActDialog(DocumentAction.VOID, DocumentKind.DECISION, number, {"title": title}),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert_english(dialog.objectName(), dialog, paper)
        dialog.close()

    # an error of the service layer, in the box every failed op shows
    with pytest.raises(ClerkAppError) as refused:
        app_context.case_service.open_case(MATTER, "person", WRONG_CHECK, "韦秀英", "demo")
    box = ops.show_failure(wizard, refused.value)
    assert box is not None
    assert box.text().startswith("ID number check failed"), box.text()
    assert_english("error box", box, data)
    box.close()


def _refused_and_stuck(context: AppContext, sandbox: SandboxHandle) -> None:  # noqa: F811
    """李明's case whose vehicle look-up and homestead verification the platform refused (two
    rows 需人工处理), and 王芳's case refused at the counter (the case list)."""
    service = context.case_service
    case = service.open_case(RENTAL, "person", LI_MING, "李明", "demo")
    service.begin_lookups(case.id, "demo")
    service.request_verification(case.id, f"{RENTAL}.homestead", "demo")
    sandbox.set_fault("vehicle.ownership", "error", status=422)
    sandbox.set_fault("verification", "error", status=403)
    store = context.store
    with store.atomic():
        store.conn.execute(
            "UPDATE outbox SET next_attempt_at = ? WHERE state = 'open'",
            (db_time(context.clock() - timedelta(seconds=1)),),
        )
    SyncWorker(store, context.case_service, context.client, context.clock).drain()
    sandbox.clear_faults()
    refused = service.open_case(RENTAL, "person", WANG_FANG, "王芳", "demo")
    confirm_identity(service, refused.id)
    service.decide(refused.id, Decision.REFUSE, "材料不全", "demo", override_reason="申请人要求")


def test_the_shell_in_english(
    english: None,
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ensure_catalogue()
    app_context.use_platform_url(sandbox.url)
    app_context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    app_context.auth.ensure_demo_accounts()
    _refused_and_stuck(app_context, sandbox)
    window = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    catalogue = app_context.catalogue
    # the demo accounts' names are data (as an account's name typed by a supervisor), and so
    # is the office's name
    data = [
        "演示窗口人员",
        "演示科室负责人",
        CENTRE,
        app_context.settings.office_name or "",
        *matter_data(catalogue, catalogue.matters[RENTAL]),
        *_people((LI_MING, "李明"), (WANG_FANG, "王芳")),
        # the platform's own words (its problem detail, here the sandbox's injected faults)
        "公安车辆登记拒绝了请求 (模拟故障 422)",
        "金华市自然资源和规划局拒绝了请求 (模拟故障 403)",
    ]
    assert_english("login", window, data)
    window.activateWindow()
    wait_until(window.isActiveWindow)
    log_in(qtbot, window, "demo-sup", "wrong password")
    message = window.login_view.message
    wait_until(lambda: "password" in message.text(), 10, message.text)
    assert_english("login refused", window, data)
    log_in(qtbot, window, "demo-sup", "demo123")
    wait_until(lambda: window.is_working, 20, "logged in")
    wait_until(lambda: window.wizard.services.ready, 20, "catalogue")
    wait_until(lambda: window.case_list.tree.topLevelItemCount() > 0, 20, "cases listed")
    assert_english("main window and case list", window, data)

    needs = window.open_needs_person()
    assert needs is not None
    qtbot.waitUntil(lambda: needs.table.rowCount() == 2, timeout=10_000)
    for row in range(2):
        needs.table.selectRow(row)  # its reason and history beside the list
        assert_english(f"needs-person, row {row}", needs, data)
    needs.close()
    for opened in (window.open_accounts(), window.open_approvals()):
        assert opened is not None
        wait_until(lambda: not ops.running_ops(), what="page loaded")
        assert_english(opened.objectName(), opened, data)
        opened.close()


def test_a_refusal_with_an_identity_finding_in_english(
    english: None,
    driver: WizardDriver,
    app_context: AppContext,
) -> None:
    """王芳 typed as 王方 (the registry disagrees) owns a vehicle: the identity finding, the
    failed look-up, the refusal's reasons and the refused print are the core's messages."""
    wizard = driver.wizard
    catalogue = app_context.catalogue
    matter = catalogue.matters["zjj.public_rental"]
    data = [
        *matter_data(catalogue, matter),
        *_people((WANG_FANG, "王芳"), (WANG_FANG, "王方")),
        CENTRE,
    ]
    driver.choose_matter("ggzl", matter.name)
    driver.enter_applicant(WANG_FANG, "王方")
    driver.wait_lookups()
    wait_until(
        lambda: (
            wizard.identity_banner.isVisible() and "differs" in wizard.identity_banner.text.text()
        ),
        20,
        "identity finding",
    )
    assert_english("proofs board, vehicle and identity finding", wizard, data)
    summary = wizard.proofs_board.summary.text()
    assert "Refuse benefit" in summary, summary
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.DECISION, what="decision step")
    assert_english("decision step, refusal recommended", wizard, data)
    # the finding blocks every decision until the name is corrected or a reason given: said
    # in the decision step, in the core's words
    reasons = wizard.decision_step.reasons.text()
    assert "correct the name or give a reason to go on" in reasons, reasons
