"""Qt's own dialogs speak Chinese in the Chinese interface (issue 9): qtbase's translation is
installed for zh_CN with the few strings it lacks supplied, nothing of Qt's for English; the
real file dialog (另存为 PDF…) and print dialog (选择打印机…) show no English words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clerkapp.gui.i18n import install_translators
from clerkapp.gui.qt_supplement import QtChineseSupplement

pytestmark = pytest.mark.gui

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _remove(translators: list[QTranslator]) -> None:
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[list[QTranslator]]:
    translators = install_translators(qapp, "zh_CN")
    yield translators
    _remove(translators)


def _shown_words(dialog: QWidget) -> list[str]:
    words: list[str] = [dialog.windowTitle()]
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            words.append(widget.text())
        elif isinstance(widget, QGroupBox):
            words.append(widget.title())
        elif isinstance(widget, QTabWidget):
            words += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            words += [widget.itemText(i) for i in range(widget.count())]
    return words


def _english(words: list[str]) -> list[str]:
    # a folder's path or PDF is data; an English word in a label is not
    allowed = {"PDF", "pdf", "tmp"}
    return [w for w in words if set(ENGLISH_WORD.findall(w)) - allowed and not w.startswith("/")]


def test_qtbase_is_installed_for_chinese(chinese: list[QTranslator]) -> None:
    translate = QCoreApplication.translate
    assert translate("QPlatformTheme", "Cancel") == "取消"  # qtbase's own
    assert translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # the supplement's
    assert translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert translate("NoSuchContext", "left alone") == "left alone"  # never blanks the rest
    assert any(isinstance(t, QtChineseSupplement) for t in chinese)
    assert any(t.filePath().endswith("qtbase_zh_CN.qm") for t in chinese)


def test_the_file_dialog_speaks_chinese(qtbot: QtBot, chinese: list[QTranslator]) -> None:
    dialog = QFileDialog(None, "另存为 PDF", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on a bare desktop
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    words = _shown_words(dialog)
    assert "查找范围(&L)：" in words and "文件类型(&T)：" in words
    assert _english(words) == []


def test_the_print_dialog_speaks_chinese(qtbot: QtBot, chinese: list[QTranslator]) -> None:
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    words = _shown_words(dialog)  # both tabs and the options, shown or folded away
    assert "打印页(&S)：" in words
    assert _english(words) == []


def test_english_installs_nothing_of_qt(qapp: QApplication) -> None:
    translators = install_translators(qapp, "en")
    try:
        assert translators, "ClerkApp's own English files"
        assert not any(isinstance(t, QtChineseSupplement) for t in translators)
        assert not any("qtbase" in t.filePath() for t in translators)
    finally:
        _remove(translators)
