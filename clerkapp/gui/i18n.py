"""Interface language. Source strings are Simplified Chinese (the default, no translator needed);
English comes from Qt translation files ``resources/i18n/*_en.qm`` — one per GUI part (shell,
wizard, print step), all installed together — plus Qt's own ``qtbase_*.qm`` for standard buttons.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clerkapp.gui.qt_supplement import QtChineseSupplement
from clerkapp.infra.paths import resources_dir

log = logging.getLogger(__name__)

DEFAULT_LANG = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def translation_dir() -> Path:
    """Where the compiled ``.qm`` files of ClerkApp live."""
    return resources_dir() / "i18n"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the translators for ``lang`` on ``app``; returns them (keep them alive).

    Chinese needs only Qt's own strings (``qtbase_zh_CN.qm`` from Qt's translations folder, and
    :mod:`clerkapp.gui.qt_supplement` for the few it lacks); English loads every ``*_en.qm`` of
    ClerkApp and nothing of Qt's.
    """
    if lang not in LANGUAGES:
        lang = DEFAULT_LANG
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if lang == "zh_CN"
        else QLocale(QLocale.Language.English)
    )
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_file = "qtbase_zh_CN" if lang == "zh_CN" else ""
    if qt_file:
        # First the few strings qtbase leaves in English: searched after qtbase (installed later).
        supplement = QtChineseSupplement(app)
        app.installTranslator(supplement)
        installed.append(supplement)
        translator = QTranslator(app)
        if translator.load(qt_file, qt_dir):
            app.installTranslator(translator)
            installed.append(translator)
    if lang == "en":
        for qm in sorted(translation_dir().glob("*_en.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                installed.append(translator)
            else:
                log.warning("translation file could not be loaded: %s", qm.name)
    return installed
