"""Small defects a clerk sees all day (issue 9, part 4), each on the real widget: layout by
geometry, text by content."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.app.auth import Clerk, Role
from clerkapp.core.case import CaseState
from clerkapp.core.catalogue import Method, RelatedRole
from clerkapp.core.idnumber import check_character, make_id_number
from clerkapp.gui.applicant_pages import OutcomePage
from clerkapp.gui.applicant_words import keep_numbers_together, proofs_headline
from clerkapp.gui.case_list import CaseEntry, CaseListView, Group
from clerkapp.gui.header import HeaderBar, clerk_caption
from clerkapp.gui.login import LoginView
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.applicant_step import ApplicantStep, demo_card_label
from clerkapp.gui.wizard.id_reader import SimulatedIdCardReader, demo_cards
from clerkapp.gui.wizard.proofs_board import ProofRowModel, ProofsBoard, RowStatus

pytestmark = pytest.mark.gui

LONG_ERROR = "工作站与平台的连接已断开，无法核对密码；请检查网线或联系信息科后再试，" * 2


def _refuse(username: str, password: str) -> Clerk:
    raise AssertionError("not called: the test sets the message itself")


def _y(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), widget.rect().topLeft()).y()


@pytest.mark.parametrize("locked", [False, True])
def test_login_inputs_keep_their_height_when_the_error_wraps(qtbot: QtBot, locked: bool) -> None:
    view = LoginView(_refuse)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    if locked:
        view.show_locked(Clerk("demo", "演示窗口人员", Role.CLERK))
    view.show()
    qtbot.waitExposed(view)
    view.message.setText(LONG_ERROR)
    qtbot.waitUntil(
        lambda: view.message.height() >= view.message.heightForWidth(view.message.width())
    )
    assert (
        view.message.heightForWidth(view.message.width()) > 2 * view.message.fontMetrics().height()
    )
    for edit in (view.username, view.password, view.submit):
        assert edit.height() >= edit.sizeHint().height(), edit.objectName()
    # the whole message shows, below the button
    assert view.message.y() > view.submit.y()


def test_header_says_the_role_once(qtbot: QtBot) -> None:
    header = HeaderBar("人社窗口 3")
    qtbot.addWidget(header)
    header.set_clerk("演示窗口人员", "窗口人员")
    assert header.clerk_label.text() == "演示窗口人员"
    header.set_clerk("张三", "窗口人员")
    assert header.clerk_label.text() == "张三 · 窗口人员"
    assert clerk_caption("演示科室负责人", "科室负责人") == "演示科室负责人"


def test_demo_cards_have_one_pair_of_brackets() -> None:
    labels = [demo_card_label(card) for card in demo_cards(date(2026, 12, 7))]
    chen = next(label for label in labels if label.startswith("陈建国"))
    assert chen == "陈建国（韦秀英的已故配偶，供户籍查询演示）"
    assert all("（（" not in label for label in labels)


def _entry(case_id: str, name: str, matter: str) -> CaseEntry:
    return CaseEntry(case_id, matter, name, "330702********1234", "accepted", Group.TODAY)


def test_enter_in_the_case_search_opens_the_match(qtbot: QtBot) -> None:
    view = CaseListView()
    qtbot.addWidget(view)
    view.set_cases(
        [_entry("c1", "李明", "公共租赁住房申请"), _entry("c2", "韦秀英", "遗属补助申请")]
    )
    view.show()
    view.search.setText("韦")  # typed through the input method in real life
    with qtbot.waitSignal(view.case_activated) as opened:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert opened.args == ["c2"]
    # the selected case when it is still shown, not the first one
    view.search.clear()
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(1))
    view.search.setFocus()
    with qtbot.waitSignal(view.case_activated) as opened:
        qtbot.keyClick(view.search, Qt.Key.Key_Enter)
    assert opened.args == ["c2"]
    # nothing matches: nothing opens
    view.search.setText("无此人")
    with qtbot.assertNotEmitted(view.case_activated):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)


LONG_PROOF = "申请人及共同申请家庭成员在本市范围内的住房、宅基地、农村集体土地使用权登记情况证明"


def test_status_badges_line_up_whatever_the_proof_names(qtbot: QtBot) -> None:
    board = ProofsBoard()
    qtbot.addWidget(board)
    board.resize(1100, 500)
    board.set_rows(
        [
            ProofRowModel("a", "户口本", Method.DROPPED, RowStatus.NOT_NEEDED, "无需提供"),
            ProofRowModel("b", LONG_PROOF, Method.DATA_QUERY, RowStatus.DONE, "已查询", "市民政局"),
            ProofRowModel("c", "宅基地批建", Method.DEPT_VERIFY, RowStatus.WAITING, "待核验"),
        ]
    )
    board.show()
    qtbot.waitExposed(board)
    rows = list(board.rows.values())
    qtbot.waitUntil(lambda: all(row.badge.width() > 0 for row in rows))
    xs = {row.badge.mapTo(board, row.badge.rect().topLeft()).x() for row in rows}
    assert len(xs) == 1, xs
    methods = {row.method_label.mapTo(board, row.method_label.rect().topLeft()).x() for row in rows}
    assert len(methods) == 1, methods
    long_name = board.rows["b"].name_label
    assert long_name.height() >= long_name.heightForWidth(long_name.width())  # wrapped, whole
    assert long_name.height() > 2 * long_name.fontMetrics().height()
    assert long_name.toolTip() == LONG_PROOF


def _spared_rows() -> list[ProofRowModel]:
    return [
        ProofRowModel("a", "户口本", Method.DROPPED, RowStatus.NOT_NEEDED, "无需提供"),
        ProofRowModel("b", "收入证明", Method.DATA_QUERY, RowStatus.DONE, "已查询"),
        ProofRowModel("c", "婚姻状况", Method.DATA_QUERY, RowStatus.DONE, "已查询"),
        ProofRowModel("d", "车辆登记", Method.DATA_QUERY, RowStatus.FAILED, "未通过"),
    ]


def test_applicant_screen_keeps_number_and_unit_together() -> None:
    headline = proofs_headline(_spared_rows())
    assert headline == (
        "共\u00a04\u00a0项证明材料，已有\u00a03\u00a0项无需您提供"
        "（联网查询\u00a02\u00a0项，直接取消\u00a01\u00a0项）"
    )
    assert keep_numbers_together("Querying 2 items, 3 left") == (
        "Querying\u00a02\u00a0items,\u00a03\u00a0left"
    )


def test_no_cheerful_green_line_on_a_refusal(qtbot: QtBot) -> None:
    page = OutcomePage()
    qtbot.addWidget(page)
    page.show()
    page.show_outcome(CaseState.APPROVED)
    page.show_proofs(CaseState.APPROVED, _spared_rows())
    assert page.proofs.isVisible() and "已有\u00a03\u00a0项无需您提供" in page.proofs.text()
    assert page.proofs.property("tone") == Tone.OK.name  # green (applicant_style): it went through
    for refusal in (CaseState.REFUSED, CaseState.NOT_ACCEPTED):
        page.show_outcome(refusal)
        page.show_proofs(refusal, _spared_rows())
        assert page.proofs.text() == "" and not page.proofs.isVisible()
    page.show_proofs(CaseState.WITHDRAWN, _spared_rows())
    assert page.proofs.isVisible() and page.proofs.property("tone") == Tone.NEUTRAL.name


def test_validation_messages_do_not_move_the_form(qtbot: QtBot) -> None:
    step = ApplicantStep(SimulatedIdCardReader([]), lambda: date(2026, 12, 7))
    qtbot.addWidget(step)
    step.set_related((RelatedRole("deceased", "已故参保人员"),))
    step.resize(900, 600)
    step.show()
    qtbot.waitExposed(step)
    [row] = step.related_rows
    below = (step.name_edit, row.number_edit, row.name_edit)

    def places() -> list[int]:
        return [_y(widget) for widget in below]

    _settle()
    before = places()
    assert step.message.text() == ""
    good = make_id_number("330702", date(1985, 3, 14), 123)
    step.number_edit.setText(good[:8])  # still typing: a grey line appears
    assert "还差" in step.message.text()
    _settle()
    assert places() == before
    wrong = "0" if check_character(good[:17]) != "0" else "1"
    step.number_edit.setText(good[:17] + wrong)
    assert "校验不通过" in step.message.text()
    _settle()
    assert places() == before
    row.number_edit.setText(good[:17] + wrong)  # the related person's line too
    assert "校验不通过" in row.message.text()
    _settle()
    assert _y(row.name_edit) == before[2]
    # accepted, with its facts: still in the room kept for it
    step.number_edit.setText(good)
    assert step.message.text().startswith("号码有效")
    _settle()
    assert places() == before


def _settle() -> None:
    """Deliver the posted layout requests (no waiting: the layout is done by then)."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def test_a_15_digit_number_offers_its_18_digit_form(qtbot: QtBot) -> None:
    step = ApplicantStep(SimulatedIdCardReader([]), lambda: date(2026, 12, 7))
    qtbot.addWidget(step)
    step.resize(900, 600)
    step.show()
    qtbot.waitExposed(step)
    full = make_id_number("330702", date(1965, 3, 14), 123)
    legacy = full[:6] + full[8:17]  # the first-generation card's 15 digits
    step.number_edit.setFocus()
    _settle()
    top = _y(step.name_edit)
    step.number_edit.setText(legacy)
    # offered, not taken: the clerk compares it with the card first
    assert step.upgrade_button.isVisible()
    assert step.upgrade_button.text() == f"使用 18 位号码 {full}"
    assert "核对" in step.upgrade_button.toolTip()
    assert step.entry() is None and step.number_edit.text() == legacy
    assert step.message.text() == "15位旧号码：与证件逐位核对后使用18位号码"
    _settle()
    assert _y(step.name_edit) == top  # the offer sits in the message's room
    qtbot.keyClick(step.number_edit, Qt.Key.Key_Tab)  # one key from the number: Tab, Space
    assert step.upgrade_button.hasFocus()
    qtbot.keyClick(step.upgrade_button, Qt.Key.Key_Space)
    assert step.message.text().startswith("号码有效")
    assert not step.upgrade_button.isVisible()
    step.name_edit.setText("李明")
    entry = step.entry()
    assert entry is not None and entry.number == full
    # a 15-digit number with a wrong birth date is not offered
    step._edit_number()
    step.number_edit.setText(full[:6] + "651314" + full[14:17])
    assert not step.upgrade_button.isVisible() and "不存在" in step.message.text()
    step.reset()
    assert not step.upgrade_button.isVisible()
