"""The applicant screen (申请人屏) on the real wizard, sandbox and store: it follows a survivor
allowance case with the ID numbers masked, a pledge signed on the applicant's own pad is stored
like one signed on the clerk's, the outcome shows the progress QR code and takes one 好差评
rating per case (audited), and a new case or a locked screen leaves nothing personal on it."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.core.case import Decision, ProofState
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.short_code import grouped
from clerkapp.gui.applicant_host import ApplicantScreenHost, second_screen
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.signature_pad import SignatureCanvas
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.paths import resources_dir
from clerkapp.sandbox.demo import CHEN_JIANGUO, WEI_XIUYING
from tests.gui.wizard_driver import (
    WizardDriver,
    draw_stroke,
    ensure_catalogue,
    log_in,
    wait_until,
)
from tests.integration.case_fixtures import PERSON_ID, RENTAL, confirm_identity
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

MATTER = "rsj.funeral_survivor"
PLEDGES = (f"{MATTER}.marriage", f"{MATTER}.no_income")
CENTRE = "金华市行政服务中心 · 培训窗口"


def _texts(screen: QWidget) -> str:
    """Everything the applicant screen shows in words (labels, buttons, the pledge text)."""
    parts = [label.text() for label in screen.findChildren(QLabel)]
    parts += [button.text() for button in screen.findChildren(QAbstractButton)]
    return "\n".join(parts)


def _draw(canvas: SignatureCanvas, start: tuple[int, int]) -> None:
    """One wavy stroke from ``start``, 240 px long."""
    x0, y0 = start
    wave = [(x, y0 - 10 + (x % 30)) for x in range(x0 + 10, x0 + 240, 15)]
    draw_stroke(canvas, [start, *wave, (x0 + 240, y0)])


def _decode_qr(screen: ApplicantScreen) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    screen.outcome_page.qr.grab().save(buffer, "PNG")  # type: ignore[call-overload]
    image = Image.open(io.BytesIO(bytes(buffer.data().data())))
    [found] = zxingcpp.read_barcodes(image)
    return str(found.text)


@pytest.mark.sandbox
def test_the_applicant_follows_signs_and_rates_a_case(
    qtbot: QtBot, driver: WizardDriver, app_context: AppContext
) -> None:
    wizard = driver.wizard
    screen = ApplicantScreen(CENTRE)
    qtbot.addWidget(screen)
    screen.follow(wizard)
    screen.show()
    notes: list[str] = []
    screen.clerk_note.connect(notes.append)
    assert screen.pages.currentWidget() is screen.idle_page
    assert CENTRE in _texts(screen) and "请稍候，工作人员正在为您办理" in _texts(screen)
    wizard.activateWindow()  # the clerk keeps the keyboard
    wait_until(wizard.isActiveWindow, what="wizard active")

    driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    assert "一次性丧葬抚恤金" in screen.matter.text() and screen.person.text() == ""
    driver.enter_applicant(WEI_XIUYING, "韦秀英", related=[(CHEN_JIANGUO, "陈建国")])
    # the applicant, masked; the proofs in their words, live
    assert screen.person.text() == f"申请人：韦秀英　{mask_id_number(WEI_XIUYING)}"
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    headline = screen.case_page.headline.text()
    total = len(wizard.presenter.row_models())
    # number and unit held together (no-break spaces): "2" never ends a line without its "项"
    assert headline.startswith(f"共\u00a0{total}\u00a0项证明材料，已有\u00a0")
    assert "联网查询" in headline and "无需您提供" in headline
    assert "签字承诺即可" in screen.case_page.lines.text()

    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    assert screen.pages.currentWidget() is screen.pledge_page
    spec = app_context.catalogue.proofs[PLEDGES[0]].pledge
    assert spec is not None
    shown = screen.pledge_page.plain_text()
    assert spec.text in shown and screen.pledge_page.consequences.text() == spec.consequences
    # ④ signed on the APPLICANT's pad, by pointer events
    pad = screen.pledge_page.pad
    wait_until(lambda: not pad.canvas._read_only, what="pad unlocked after the credit check")
    _draw(pad.canvas, (60, 120))
    step = wizard.pledge_step
    with qtbot.waitSignal(step.sign_requested) as request:  # the clerk's path, exactly
        QTest.mouseClick(pad.confirm_button, Qt.MouseButton.LeftButton)
    assert request.args is not None and request.args[0] == PLEDGES[0]
    wait_until(
        lambda: (
            wizard.presenter.case is not None
            and wizard.presenter.case.proofs[PLEDGES[0]].state is ProofState.PLEDGED
        ),
        what=lambda: f"pledge stored: {wizard.status.text()}",
    )
    assert step.tab_tone(0) is Tone.OK  # the clerk's step shows it signed
    case_id = wizard.presenter.case_id
    [record] = app_context.case_service.pledges_of(case_id)
    assert record.proof_code == PLEDGES[0] and record.intact()
    assert record.strokes[0][0][:2] == [60, 120]
    # the next pledge comes up on both screens; this one is signed on the clerk's pad
    wait_until(lambda: step.current_code() == PLEDGES[1], what="next pledge")
    spec = app_context.catalogue.proofs[PLEDGES[1]].pledge
    assert spec is not None and spec.text in screen.pledge_page.plain_text()
    assert screen.pledge_page.consequences.text() == spec.consequences
    _draw(step.pad.canvas, (80, 110))
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: step.all_signed(), what="second pledge stored")
    assert "您已签字" in screen.pledge_page.status.text()
    assert len(app_context.case_service.pledges_of(case_id)) == 2

    driver.key(Qt.Key.Key_Return)  # → ⑤
    driver.key(Qt.Key.Key_Return)  # approve as recommended → ⑥
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    assert screen.pages.currentWidget() is screen.outcome_page
    assert screen.outcome_page.outcome.text() == "✔ 给付"
    spared = screen.outcome_page.proofs
    assert (
        spared.isVisibleTo(screen)
        and "无需您提供" in spared.text()
        and spared.palette().color(spared.foregroundRole()).name() == Tone.OK.value
    )
    case = app_context.case_service.get_case(case_id)
    wait_until(lambda: bool(screen.outcome_page.qr.modules), what="QR code")
    assert grouped(case.short_code) in screen.outcome_page.short_code.text()
    url = _decode_qr(screen)
    assert url.endswith(f"/p/{case.tracking_token}") and WEI_XIUYING not in url

    # 好差评: one press records it, a second replaces it; the clerk learns only 已评价
    buttons = screen.outcome_page.buttons
    assert [b.text() for b in buttons.values()] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    QTest.mouseClick(
        screen.findChild(QAbstractButton, "applicantRate_satisfied"), Qt.MouseButton.LeftButton
    )
    wait_until(lambda: "感谢您的评价" in screen.outcome_page.thanks.text(), what="thanks")
    assert app_context.case_service.rating_of(case_id).level == "satisfied"  # type: ignore[union-attr]
    assert notes[-1] == "已评价"
    QTest.mouseClick(
        screen.findChild(QAbstractButton, "applicantRate_very_satisfied"), Qt.MouseButton.LeftButton
    )
    wait_until(lambda: "已更新您的评价" in screen.outcome_page.thanks.text(), what="replaced")
    rating = app_context.case_service.rating_of(case_id)
    assert rating is not None and rating.level == "very_satisfied" and rating.changes == 1
    assert app_context.store.ratings.count() == 1
    audited = [
        e for e in app_context.store.audit.entries(case_id) if e.action == "satisfaction_rated"
    ]
    assert [e.data["level"] for e in audited] == ["satisfied", "very_satisfied"]
    assert all(WEI_XIUYING not in repr(e) and "韦秀英" not in repr(e) for e in audited)

    # the full numbers never appeared on a label; a new case leaves nothing personal
    for number in (WEI_XIUYING, CHEN_JIANGUO):
        assert number not in _texts(screen)
    wizard.new_case()
    assert screen.pages.currentWidget() is screen.idle_page
    left = _texts(screen)
    for personal in ("韦秀英", "陈建国", mask_id_number(WEI_XIUYING), WEI_XIUYING, "一次性丧葬"):
        assert personal not in left
    assert notes[-1] == ""


@pytest.fixture
def decided_case(app_context: AppContext) -> str:
    ensure_catalogue()
    service = app_context.case_service
    case = service.open_case(RENTAL, "person", PERSON_ID, "李明", "demo")
    confirm_identity(service, case.id)
    service.decide(case.id, Decision.REFUSE, "材料不全", "demo", override_reason="申请人要求")
    return case.id


def test_toggle_lock_and_unlock_on_one_screen(
    qtbot: QtBot, app_context: AppContext, decided_case: str
) -> None:
    from clerkapp.gui.application import default_wizard

    win = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(win)
    saved: list[float] = []
    host = ApplicantScreenHost(win, CENTRE, text_scale=1.25, remember=saved.append)
    win.show()
    assert host.large_type_button.text() == "大字 ×1.25"
    qtbot.keyClick(
        win, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert host.screen is None and not host.button.isEnabled()  # nobody logged in
    log_in(qtbot, win)
    qtbot.waitUntil(lambda: win.is_working, timeout=10_000)
    screen = host.screen
    assert screen is not None and not screen.isVisible()  # one screen: off by default
    # 大字 (适老化): the workstation's scale, stepped by the clerk (Ctrl+Shift+T) and remembered
    assert screen.text_scale == 1.25
    consequences = screen.pledge_page.consequences
    consequences.ensurePolished()
    assert consequences.font().pixelSize() == round(26 * 1.25)
    qtbot.keyClick(
        win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert screen.text_scale == 1.5 and host.large_type_button.text() == "大字 ×1.5"
    assert consequences.font().pixelSize() == round(26 * 1.5) and saved == [1.5]
    host.large_type_button.click()  # after the largest: back to normal
    assert screen.text_scale == 1.0 and consequences.font().pixelSize() == 26
    assert saved == [1.5, 1.0]
    win.activateWindow()
    qtbot.keyClick(
        win.case_list.search,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert screen.isVisible() and not screen.isFullScreen() and host.button.isChecked()
    win.open_case(decided_case)
    masked = f"李明　{mask_id_number(PERSON_ID)}"
    qtbot.waitUntil(lambda: masked in screen.person.text(), timeout=10_000)
    assert screen.pages.currentWidget() is screen.outcome_page
    assert screen.outcome_page.outcome.text() == "✖ 不予给付"
    # a refusal says no cheerful green "已有 4 项无需您提供"
    assert screen.outcome_page.proofs.text() == ""
    assert not screen.outcome_page.proofs.isVisibleTo(screen)
    assert PERSON_ID not in _texts(screen)

    win.lock("idle")
    assert screen.pages.currentWidget() is screen.idle_page
    assert "李明" not in _texts(screen) and mask_id_number(PERSON_ID) not in _texts(screen)
    assert not host.button.isEnabled()
    log_in(qtbot, win)  # locked: the password only
    qtbot.waitUntil(lambda: win.is_working, timeout=10_000)
    assert masked in screen.person.text()
    host.button.click()
    assert not screen.isVisible() and not host.button.isChecked()
    assert "applicantScreenButton" in _ui_doc() and "shortcutApplicantScreen" in _ui_doc()


def test_the_second_screen_is_the_one_the_clerk_does_not_use() -> None:
    assert second_screen(["clerk", "counter"], "clerk") == "counter"
    assert second_screen(["counter", "clerk"], "clerk") == "counter"
    assert second_screen(["clerk"], "clerk") is None
    assert second_screen([], None) is None


def _ui_doc() -> str:
    return (resources_dir().parent / "docs" / "ui-objects.md").read_text(encoding="utf-8")


def test_every_control_is_named_and_listed(qtbot: QtBot) -> None:
    screen = ApplicantScreen(CENTRE)
    qtbot.addWidget(screen)
    section = _ui_doc()[_ui_doc().index("## Applicant screen") :]
    controls = [
        *screen.findChildren(QAbstractButton),
        *screen.findChildren(QScrollArea),
        *screen.findChildren(SignatureCanvas),
        screen.outcome_page.qr,
    ]
    assert len(controls) >= 9
    names = [c.objectName() for c in controls]
    assert len(names) == len(set(names)), "object names are unique"
    for control in controls:
        assert control.objectName() and control.accessibleName(), control.objectName()
        assert f"`{control.objectName()}`" in section, control.objectName()


def test_english(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "clerkapp_applicant_en.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        screen = ApplicantScreen(CENTRE)
        qtbot.addWidget(screen)
        assert "Please wait" in screen.idle_page.welcome.text()
        assert (
            screen.outcome_page.buttons[next(iter(screen.outcome_page.buttons))].text()
            == "Very satisfied"
        )
    finally:
        QCoreApplication.removeTranslator(translator)
