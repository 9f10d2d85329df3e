"""The messages of core, infra and app (clerkapp.core.texts) translated at the GUI edge, and the
count of user-visible strings left untranslated (tools/untranslated.py: zero)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from clerkapp.core.case_types import CaseState
from clerkapp.core.idnumber import CHECK_DIGIT_MESSAGE, check_id_number
from clerkapp.core.texts import QT_TRANSLATE_NOOP, Text
from clerkapp.errors import ValidationError
from clerkapp.gui import ops
from clerkapp.gui.i18n import install_translators, translated
from clerkapp.infra.documents.fonts import missing_glyph_error

pytestmark = pytest.mark.gui

TOOL = Path(__file__).resolve().parents[2] / "tools" / "untranslated.py"
TODAY = date(2026, 12, 8)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def test_a_message_keeps_its_chinese_value_and_how_to_translate_it() -> None:
    text = QT_TRANSLATE_NOOP("IdNumber", "已输入{length}位，还差{missing}位").format(
        length=17, missing=1
    )
    assert isinstance(text, Text) and text == "已输入17位，还差1位"  # stored and printed as is
    assert (text.context, text.source, text.kwargs) == (
        "IdNumber",
        "已输入{length}位，还差{missing}位",
        {"length": 17, "missing": 1},
    )


def test_chinese_stays_chinese(qapp: QApplication) -> None:
    [problem] = check_id_number("33072319580923002", TODAY)
    assert translated(problem.message) == "已输入17位，还差1位"
    assert translated(str(problem.message)) == "已输入17位，还差1位"


def test_english_at_the_edge(english: None) -> None:
    [problem] = check_id_number("33072319580923002", TODAY)
    assert translated(problem.message) == "17 digits entered, 1 to go"
    # read back as a plain str (from the store): recognised by its template
    assert translated(str(problem.message)) == "17 digits entered, 1 to go"
    # a template whose argument is itself a message: both translated
    state = QT_TRANSLATE_NOOP("Case", "办件{state}，不能再修改").format(
        state=CaseState.AWAITING_CORRECTION.label_zh
    )
    assert translated(state) == "Case status “Awaiting correction”: it can no longer be changed"
    assert translated(str(state)) == translated(state)
    # joined messages, each translated, with the language's separator; data kept
    joined = "；".join([str(CHECK_DIGIT_MESSAGE), "王芳"])
    assert translated(joined) == f"{translated(CHECK_DIGIT_MESSAGE)}; 王芳"
    assert translated("户口本、结婚证") == "户口本, 结婚证"
    # data is not a message
    assert translated("金华市行政服务中心") == "金华市行政服务中心"
    # a message with a formatted field, read back as a plain str: never an error
    no_font = missing_glyph_error("\U00020000").user_message
    assert translated(no_font).startswith("Cannot print: no font has the character")
    assert "U+20000" in translated(str(no_font))
    # the box every failed op shows
    error = ValidationError("bad", user_message=CHECK_DIGIT_MESSAGE)
    assert ops.user_message_for(error).startswith("ID number check failed")


def test_no_user_visible_string_is_left_untranslated() -> None:
    spec = importlib.util.spec_from_file_location("untranslated", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules["untranslated"] = tool
    spec.loader.exec_module(tool)
    counts = tool.refreshed_counts()
    assert "clerkapp_messages_en.ts" in counts and len(counts) >= 5
    left = {name: missing for name, missing in counts.items() if missing}
    assert left == {}, f"untranslated (run tools/update_translations.sh, then translate): {left}"
