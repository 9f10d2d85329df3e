"""A new case starts clean, provably (issue 8): every input of every step — found by object name
from docs/ui-objects.md, not from a list kept here — is filled through a whole case, then Ctrl+N's
``new_case`` must bring each back to the empty default it had in a fresh wizard. A control added
to the list and forgotten by its step's ``reset()`` fails this test."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from clerkapp.core.case import CaseState
from clerkapp.gui.wizard import CaseWizard
from clerkapp.gui.wizard.signature_pad import SignatureCanvas
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import CHEN_JIANGUO
from tests.gui.wizard_driver import WizardDriver, draw_stroke, find_card, wait_until
from tests.sandbox_fixture import sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

UI_OBJECTS = Path(__file__).resolve().parents[2] / "docs" / "ui-objects.md"
#: The sections of docs/ui-objects.md whose inputs belong to the case on screen.
CASE_SECTIONS = ("Case wizard", "Print step")
#: Widget words in the list's "widget" column that take the clerk's input.
INPUT_WORDS = (
    "QLineEdit",
    "QTextEdit",
    "QPlainTextEdit",
    "QComboBox",
    "QSpinBox",
    "QDoubleSpinBox",
    "QDateEdit",
    "QTimeEdit",
    "QDateTimeEdit",
    "QCheckBox",
    "QRadioButton",
    "checkable",
    "QListWidget",
    "SignatureCanvas",
)


@dataclass(frozen=True)
class DocumentedInput:
    """One input row of the list: its object-name pattern and the section it is listed in."""

    pattern: re.Pattern[str]
    name: str
    section: str


def documented_inputs() -> tuple[list[DocumentedInput], set[str]]:
    """The input controls docs/ui-objects.md lists, and those it says are kept across cases."""
    text = UI_OBJECTS.read_text(encoding="utf-8")
    inputs: list[DocumentedInput] = []
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or cells[0].startswith("---"):
            continue
        if not any(word in cells[1] for word in INPUT_WORDS):
            continue
        for name in re.findall(r"`([^`]+)`", cells[0]):
            # <code>, <role>, <method> stand for a proof code, a role, a method value
            regex = re.escape(name)
            regex = re.sub(r"<[a-z]+>", ".+", regex.replace(r"\<", "<").replace(r"\>", ">"))
            inputs.append(DocumentedInput(re.compile(f"^{regex}$"), name, section))
    kept_line = re.search(r"Kept across cases[^:]*:(.*?)\.\s*$", text, re.MULTILINE | re.DOTALL)
    kept = set(re.findall(r"`([^`]+)`", kept_line.group(1))) if kept_line else set()
    return inputs, kept


def _state(widget: QWidget) -> Any:
    """What a clerk would see as the widget's value."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QListWidget):
        return tuple(widget.item(i).text() for i in range(widget.count()))
    if isinstance(widget, SignatureCanvas):
        return len(widget.strokes)
    raise AssertionError(f"{widget.objectName()}: no state reader for {type(widget).__name__}")


def _type_default(widget: QWidget) -> Any:
    """The empty state of an input that did not exist yet in a fresh wizard."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return ""
    if isinstance(widget, QComboBox):
        return (-1, "")
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.minimum()
    if isinstance(widget, QAbstractButton):
        return False
    if isinstance(widget, QListWidget):
        return ()
    if isinstance(widget, SignatureCanvas):
        return 0
    return _state(widget)


def _fill(widget: QWidget) -> None:
    """Put a value in an input still at its default, as a clerk could (signals blocked where
    the widget's own logic would clear it again: only its value matters here)."""
    if isinstance(widget, SignatureCanvas):
        widget.set_read_only(False)
        draw_stroke(widget, [(40, 60), (90, 100), (140, 70)])
        return
    widget.blockSignals(True)
    try:
        if isinstance(widget, QLineEdit):
            widget.setText("遗留内容 LEFTOVER")
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setPlainText("遗留内容 LEFTOVER")
        elif isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.setEditText("遗留内容")
            elif widget.count() == 0:
                widget.addItem("遗留选项")
            widget.setCurrentIndex(widget.count() - 1 if widget.currentIndex() == 0 else 0)
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.setValue(widget.maximum())
        elif isinstance(widget, QDateTimeEdit):
            widget.setDateTime(widget.dateTime().addDays(1))
        elif isinstance(widget, QAbstractButton):
            widget.setChecked(not widget.isChecked())
        elif isinstance(widget, QListWidget):
            widget.addItem("遗留项")
    finally:
        widget.blockSignals(False)


def _find(wizard: CaseWizard, item: DocumentedInput) -> list[QWidget]:
    return [w for w in wizard.findChildren(QWidget) if item.pattern.match(w.objectName())]


def _settle() -> None:
    """Let the rows a step removed be deleted (deleteLater) and queued signals arrive."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def test_the_inputs_list_is_read_from_the_docs() -> None:
    inputs, kept = documented_inputs()
    names = {i.name for i in inputs}
    # a sample of what the list holds, so that a broken parser cannot pass the test below
    assert {"matterSearch", "applicantNumber", "decisionReason", "signatureCanvas"} <= names
    assert {"relatedNumber_<role>", "demoCardCombo", "printDocumentKind"} <= names
    assert kept == {"printPrinter", "printCopies", "printDuplicate"}


def test_a_new_case_returns_every_input_of_every_step_to_empty(driver: WizardDriver) -> None:
    wizard = driver.wizard
    inputs, kept = documented_inputs()
    case_inputs = [i for i in inputs if i.section.startswith(CASE_SECTIONS)]
    assert case_inputs, "no wizard inputs found in docs/ui-objects.md"
    # the fresh wizard's state is each input's empty default
    fresh: dict[str, Any] = {}
    for item in inputs:
        for widget in _find(wizard, item):
            fresh[widget.objectName()] = _state(widget)

    # a whole case through every step, as a clerk does: survivor allowance (related person,
    # two pledges signed on the pad), decided and shown on ⑥
    driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    driver.enter_applicant(
        "", None, card=find_card(wizard, "韦秀英"), related=[(CHEN_JIANGUO, "陈建国")]
    )
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    for _ in range(2):
        code = wizard.pledge_step.current_code()
        driver.draw_signature()
        driver.key(Qt.Key.Key_Return)
        wait_until(
            lambda c=code: (
                wizard.presenter.case is not None
                and wizard.presenter.case.proofs[c].pledge_hash is not None
            ),
            what="pledge stored",
        )
    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.DECISION
    driver.type(wizard.decision_step.reason_edit, "面谈核实无误")
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PRINT, what=lambda: wizard.status.text())
    assert wizard.presenter.case is not None
    assert wizard.presenter.case.state is CaseState.APPROVED
    step = wizard.print_host.step
    wait_until(lambda: step is not None and step.built is not None, 30, "document built")

    # every listed input that lives in the wizard now holds something
    filled: dict[str, QWidget] = {}
    for item in inputs:
        found = _find(wizard, item)
        if not found and item.section.startswith(CASE_SECTIONS) and item.name not in kept:
            pytest.fail(
                f"{item.name} ({item.section}) is listed as an input of the case but the test "
                "did not reach it: make the case above reach it"
            )
        for widget in found:
            if item.name in kept:
                continue
            name = widget.objectName()
            default = fresh.get(name, _type_default(widget))
            if _state(widget) == default:
                _fill(widget)
            assert _state(widget) != default, f"{name} could not be filled"
            filled[name] = widget
    assert len(filled) >= 8, sorted(filled)

    wizard.new_case()  # what Ctrl+N and 新建办件 call
    _settle()
    left: list[str] = []
    for item in inputs:
        if item.name in kept:
            continue
        for widget in _find(wizard, item):
            name = widget.objectName()
            default = fresh.get(name, _type_default(widget))
            if _state(widget) != default:
                left.append(f"{name}: {_state(widget)!r} (empty: {default!r})")
    assert left == [], "a new case kept what the last one typed:\n" + "\n".join(left)
    assert wizard.step is Step.MATTER
