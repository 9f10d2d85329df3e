"""The wizard in English (``--lang en``): every text goes through Qt's translators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.app.document_acts import DocumentAction
from clerkapp.core.case_types import Decision
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.gui.approvals_page import ApprovalsDialog
from clerkapp.gui.document_act_dialog import DocumentActDialog
from clerkapp.gui.i18n import install_translators, translation_dir
from clerkapp.gui.theme import case_status
from clerkapp.gui.wizard.case_dialogs import (
    CorrectionDialog,
    NotAcceptedDialog,
    PaperDialog,
    WithdrawDialog,
)
from clerkapp.gui.wizard.decision_step import DecisionModel, DecisionStep
from clerkapp.gui.wizard.matter_step import time_limit_text
from clerkapp.gui.wizard.pledge_step import CreditModel, PledgeModel, PledgeStep
from clerkapp.infra.documents import DocumentKind
from tests.gui.wizard_driver import WizardDriver
from tests.integration.documents_cases import catalogue, refused_case

pytestmark = pytest.mark.gui


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def test_translation_file_is_compiled() -> None:
    qm = translation_dir() / "clerkapp_wizard_en.qm"
    ts = Path(str(qm).removesuffix(".qm") + ".ts")
    assert qm.exists() and ts.exists()
    assert 'type="unfinished"' not in ts.read_text(encoding="utf-8")


def test_wizard_speaks_english(english: None, offline_driver: WizardDriver) -> None:
    # ``english`` comes first: the translators are installed before the wizard is built
    wizard = offline_driver.wizard
    assert wizard.next_button.text() == "Next (Enter)"
    assert wizard.back_button.text() == "Back (Esc)"
    assert "Matter" in wizard.step_bar.labels[wizard.step].text()
    offline_driver.type(wizard.matter_step.search_edit, "ggzl")
    first = wizard.matter_step.results.item(0).text()
    assert "15 working days" in first
    matter = wizard.services.catalogue.matters["zjj.public_rental"]
    assert time_limit_text(matter) == "15 working days"
    assert wizard.pledge_step.pad.confirm_button.text() == "Confirm signature"


def test_listed_applicant_pledge_tab_speaks_english(english: None, qtbot: QtBot) -> None:
    step = PledgeStep()
    qtbot.addWidget(step)
    step.set_pledges([PledgeModel("m.p", "Marriage", "I pledge.", "Consequences.")])
    step.set_credit(CreditModel(True, "listed"))
    assert step.tabs.tabText(0) == "✖ Marriage · Cannot pledge"


# -- the new dialogs in English: no Chinese outside the data ------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Data, not words of the interface: what the clerk types, and what is printed on the (Chinese)
# paper as it will read — the proofs' names, the grounds of a 不予受理, a document's title.
DATA_NAMES = re.compile(r"^(correctionProof_|notAcceptedGround_|actDocument$)")


def _words(widget: QWidget) -> list[tuple[str, str]]:
    """Every interface text of ``widget`` and its children: (object name, text)."""
    found: list[tuple[str, str]] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        name = w.objectName()
        if DATA_NAMES.match(name):
            continue
        texts = [w.windowTitle() if w.isWindow() else "", w.accessibleName(), w.toolTip()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit | QPlainTextEdit):
            texts.append(w.placeholderText())  # the typed text is data
        if isinstance(w, QSpinBox):
            texts.append(w.suffix())
        if isinstance(w, QTableWidget):
            count = w.columnCount()
            texts += [w.horizontalHeaderItem(c).text() for c in range(count)]  # type: ignore[union-attr]
        found += [(name, t) for t in texts if t]
    return found


def _chinese(widget: QWidget, data: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The interface texts with Chinese left once the ``data`` in them is taken out."""
    found = []
    for name, text in _words(widget):
        rest = text
        for value in data:
            rest = rest.replace(value, "")
        if CJK.search(rest):
            found.append((name, text))
    return found


def test_the_ways_back_dialogs_speak_english(english: None, qtbot: QtBot) -> None:
    case = refused_case(catalogue())
    # the proofs' names, and the example of a line for the (Chinese) notice
    data = (*(p.name for p in case.proofs.values()), "户口簿：户主页复印件缺失", "无经济收入证明")
    dialogs: list[QWidget] = [
        CorrectionDialog(case, licence=True),
        CorrectionDialog(case, licence=False),
        NotAcceptedDialog(),
        WithdrawDialog(),
        PaperDialog("无经济收入证明"),
        DocumentActDialog(
            DocumentAction.VOID, DocumentKind.DECISION, "N-1", {"title": "给付决定书"}
        ),
        DocumentActDialog(
            DocumentAction.CORRECT,
            DocumentKind.REFUSAL,
            "N-2",
            {"title": "不予给付决定书", "applicant_name": "李明", "decision_reason": "车"},
        ),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert _words(dialog), dialog.objectName()  # something was read
        assert _chinese(dialog, data) == [], dialog.objectName()
    assert dialogs[0].windowTitle() == "Request correction (all items at once)"
    assert "Art. 32" in " ".join(t for _n, t in _words(dialogs[0]))
    assert "Art. 32" not in " ".join(t for _n, t in _words(dialogs[1]))


def test_the_decision_step_speaks_english_in_the_kinds_words(english: None, qtbot: QtBot) -> None:
    step = DecisionStep()
    qtbot.addWidget(step)
    allowed = frozenset({Decision.APPROVE, Decision.REFUSE})
    step.set_model(DecisionModel(Decision.APPROVE, (), allowed, procedure=ProcedureKind.BENEFIT))
    assert step.approve_button.text() == "Grant benefit"
    assert step.refuse_button.text() == "Refuse benefit"
    step.set_model(DecisionModel(Decision.REFUSE, (), allowed, procedure=ProcedureKind.LICENCE))
    assert step.refuse_button.text() == "Refuse licence"
    assert _chinese(step) == []


def test_the_case_actions_and_the_approval_queue_speak_english(
    english: None, qtbot: QtBot, offline_driver: WizardDriver, app_context: AppContext
) -> None:
    bar = offline_driver.wizard.case_actions
    assert _chinese(bar) == []
    assert "Request correction (F6)" in [t for _n, t in _words(bar)]
    app_context.auth.ensure_demo_accounts()
    supervisor = app_context.auth.login("demo-sup", "demo123")
    queue = ApprovalsDialog(app_context, supervisor)
    qtbot.addWidget(queue)
    with qtbot.waitSignal(queue.loaded, timeout=10_000):
        queue.reload()
    assert queue.status.text() == "No requests awaiting approval."
    assert _chinese(queue) == []
    assert case_status("refused", procedure="benefit").words == "Benefit refused"
