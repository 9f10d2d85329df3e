"""The wizard in English (``--lang en``): every text goes through Qt's translators."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkapp.gui.i18n import install_translators, translation_dir
from clerkapp.gui.wizard.matter_step import time_limit_text
from clerkapp.gui.wizard.pledge_step import CreditModel, PledgeModel, PledgeStep
from tests.gui.wizard_driver import WizardDriver

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
