"""The wizard's first steps and its keyboard and accessibility contract, on the real widgets
(no platform needed before a case is opened)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from clerkapp.core.idnumber import check_character
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.signature_pad import SignatureCanvas
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import DEMO_BUSINESS, LI_MING, SUN_LI
from tests.gui.wizard_driver import WizardDriver, find_card, wait_until

pytestmark = pytest.mark.gui


def test_matter_type_ahead_shows_department_and_time_limit(offline_driver: WizardDriver) -> None:
    step = offline_driver.wizard.matter_step
    offline_driver.type(step.search_edit, "gongzu")
    texts = [step.results.item(i).text() for i in range(step.results.count())]
    assert texts and texts[0].startswith("公共租赁住房申请")
    assert "金华市住房和城乡建设局" in texts[0] and "15 个工作日" in texts[0]
    step.search_edit.clear()
    offline_driver.type(step.search_edit, "遗属")
    first = step.results.item(0).text()
    assert first.startswith("一次性丧葬抚恤金") and first.endswith("即办")
    # Down moves through the matches without leaving the search field
    step.search_edit.clear()
    offline_driver.type(step.search_edit, "zm")
    assert step.results.count() > 1
    offline_driver.key(Qt.Key.Key_Down, step.search_edit)
    assert step.results.currentRow() == 1
    assert step.search_edit.hasFocus()


def test_id_number_checked_as_typed_with_the_precise_error(offline_driver: WizardDriver) -> None:
    offline_driver.choose_matter("ggzl", "公共租赁住房申请")
    step = offline_driver.wizard.applicant_step
    assert step.number_label.text() == "公民身份号码"
    good_check = check_character(LI_MING[:17])
    wrong = "0" if good_check != "0" else "1"
    offline_driver.type(step.number_edit, LI_MING[:10])
    assert "还差8位" in step.message.text()
    assert Tone.NEUTRAL.value in step.message.styleSheet()  # still typing: not an error yet
    offline_driver.type(step.number_edit, LI_MING[10:17] + wrong)
    message = step.message.text()
    assert message == "身份证号码校验不通过：有数字输错，请对照证件逐位核对"
    assert "应为" not in message  # never hints the "right" last digit
    assert Tone.ERROR.value in step.message.styleSheet()
    assert step.entry() is None
    offline_driver.key(Qt.Key.Key_Backspace, step.number_edit)
    offline_driver.type(step.number_edit, good_check)
    # accepted: shown masked, the full number kept, focus on the name
    assert step.number_edit.text() == f"{LI_MING[:6]}********{LI_MING[14:]}"
    assert step.number_edit.isReadOnly()
    assert "号码有效" in step.message.text()
    assert step.name_edit.hasFocus()
    offline_driver.type(step.name_edit, "李明")
    entry = step.entry()
    assert entry is not None and entry.number == LI_MING and entry.name == "李明"
    # 修改 lets the clerk type the number again
    offline_driver.click(step.edit_button)
    assert step.number_edit.text() == "" and not step.number_edit.isReadOnly()
    assert step.entry() is None


def test_business_matter_asks_for_a_credit_code(offline_driver: WizardDriver) -> None:
    offline_driver.choose_matter("zhjs", "综合计算工时工作制审批")
    step = offline_driver.wizard.applicant_step
    assert step.number_label.text() == "统一社会信用代码"
    assert not step.read_button.isVisible()
    offline_driver.type(
        step.number_edit, DEMO_BUSINESS[:17] + ("0" if DEMO_BUSINESS[17] != "0" else "1")
    )
    assert step.entry() is None and Tone.ERROR.value in step.message.styleSheet()
    step.number_edit.clear()
    offline_driver.type(step.number_edit, DEMO_BUSINESS)
    assert step.number_edit.text() == DEMO_BUSINESS  # a credit code is public: not masked
    offline_driver.type(step.name_edit, "金华市示范科技有限公司")
    assert step.entry() is None  # a company acts through someone: who is still missing (issue 9)
    panel = step.present_panel
    panel.role_combo.setCurrentIndex(panel.role_combo.findText("法定代表人"))
    offline_driver.type(panel.number_edit, SUN_LI)
    offline_driver.type(panel.name_edit, "孙丽")
    entry = step.entry()
    assert entry is not None and entry.present is not None
    assert entry.present.role.value == "legal_rep"


def test_simulated_card_reader_fills_the_applicant(offline_driver: WizardDriver) -> None:
    offline_driver.choose_matter("ggzl", "公共租赁住房申请")
    wizard = offline_driver.wizard
    step = wizard.applicant_step
    assert step.demo_combo.isVisible() and step.read_button.isEnabled()
    step.demo_combo.setCurrentIndex(find_card(wizard, "李明"))
    assert step.entry() is None  # nothing before the card is read
    offline_driver.click(step.read_button)
    wait_until(lambda: step.entry() is not None, what="card read")
    entry = step.entry()
    assert entry is not None and entry.from_card and entry.number == LI_MING
    assert step.name_edit.text() == "李明"
    assert "*" in step.number_edit.text()


def test_escape_goes_back_and_step_bar_follows(offline_driver: WizardDriver) -> None:
    wizard = offline_driver.wizard
    offline_driver.choose_matter("ggzl", "公共租赁住房申请")
    assert wizard.step is Step.APPLICANT
    assert wizard.step_bar.current is Step.APPLICANT
    assert wizard.step_bar.labels[Step.MATTER].text().startswith("✔")
    offline_driver.key(Qt.Key.Key_Escape)
    assert wizard.step is Step.MATTER
    assert wizard.matter_step.search_edit.hasFocus()


def _interactive(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QListWidget, QTabBar, QTextBrowser)
    found = [w for w in root.findChildren(QWidget) if isinstance(w, kinds)]
    found += root.findChildren(SignatureCanvas)
    # children of combo boxes, line edits and tab bars are Qt's own parts (popups, scrollers)
    return [w for w in found if not isinstance(w.parent(), (QComboBox, QLineEdit, QTabBar))]


def test_every_control_has_object_and_accessible_names(offline_driver: WizardDriver) -> None:
    wizard = offline_driver.wizard
    missing = [
        f"{type(w).__name__}:{w.objectName() or '?'}"
        for w in _interactive(wizard)
        if not w.objectName() or not w.accessibleName()
    ]
    assert not missing, missing
    names = [w.objectName() for w in _interactive(wizard)]
    assert len(names) == len(set(names)), "object names are unique"


def test_every_control_is_listed_in_the_ui_objects_document(offline_driver: WizardDriver) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "ui-objects.md").read_text("utf-8")
    section = doc[doc.index("## Case wizard") :]
    for widget in _interactive(offline_driver.wizard):
        name = widget.objectName()
        if widget.window() is not offline_driver.wizard or name.startswith("print"):
            continue  # the print step documents its own controls
        for prefix in ("proofAction_retry_", "proofAction_verify_", "proofAction_pledge_"):
            if name.startswith(prefix):
                name = prefix + "<code>"
        assert f"`{name}`" in section, name
