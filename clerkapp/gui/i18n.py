"""Interface language. Source strings are Simplified Chinese (the default, no translator needed);
English comes from Qt translation files ``resources/i18n/*_en.qm`` — one per GUI part (shell,
wizard, print step, applicant screen) and one for the messages of core, infra and app, all
installed together; Chinese adds Qt's own ``qtbase_zh_CN.qm`` for standard buttons.

:func:`translated` is the GUI edge for the messages of the layers below (see
:mod:`clerkapp.core.texts` and docs/CONTRACTS.md, "Messages below the GUI").
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from string import Formatter
from xml.etree import ElementTree

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clerkapp.core.texts import (
    CLAUSE_SEPARATOR,
    LIST_SEPARATOR,
    Text,
    context_of,
    known_count,
    known_source,
    known_templates,
)
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
        seed_messages()
        for qm in sorted(translation_dir().glob("*_en.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                installed.append(translator)
            else:
                log.warning("translation file could not be loaded: %s", qm.name)
    return installed


# -- texts of core, infra and app (clerkapp.core.texts) ------------------------------------------

MESSAGES_TS = "clerkapp_messages_en.ts"
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_GENERIC = 2  # at most this many characters outside the fields: punctuation only


def seed_messages(ts_file: Path | None = None) -> int:
    """Record every message of the messages' ``.ts`` file as known (so that a text read back
    from the store, which is a plain ``str``, is still translated); returns how many."""
    path = ts_file or (translation_dir() / MESSAGES_TS)
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        log.warning("messages translation source could not be read: %s", path.name)
        return 0
    count = 0
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            if source:
                known_source(source, name)
                count += 1
    return count


def _literal_length(source: str) -> int:
    return sum(len(literal) for literal, *_rest in Formatter().parse(source))


class _Templates:
    """The known templates as two alternations — those with words of their own, and the bare
    punctuation ones ("{a}：{b}") — each tried in one regex match, the most specific first."""

    def __init__(self, templates: dict[str, str]) -> None:
        self.entries: list[tuple[str, str, list[str]]] = []  # source, context, fields
        alternatives: dict[bool, list[str]] = {False: [], True: []}
        for source, context in sorted(templates.items(), key=lambda sc: -_literal_length(sc[0])):
            parts: list[str] = []
            fields: list[str] = []
            index = len(self.entries)
            for literal, field, spec, conversion in Formatter().parse(source):
                parts.append(re.escape(literal))
                if field is not None:
                    if not field.isidentifier() or field in fields or spec or conversion:
                        break  # positional, repeated or formatted fields: not recoverable
                    fields.append(field)
                    parts.append(f"(?P<t{index}_{field}>.*?)")
            else:
                self.entries.append((source, context, fields))
                generic = _literal_length(source) <= _GENERIC
                alternatives[generic].append(f"(?P<t{index}>{''.join(parts)})")
        self.patterns = {
            generic: re.compile("|".join(found), re.DOTALL) if found else None
            for generic, found in alternatives.items()
        }

    def fill(self, text: str, *, generic: bool) -> str | None:
        """``text`` translated as the first template it fills in, or None."""
        pattern = self.patterns[generic]
        match = pattern.fullmatch(text) if pattern is not None else None
        if match is None or match.lastgroup is None:
            return None
        index = int(match.lastgroup[1:])
        source, context, fields = self.entries[index]
        values = {f: translated(match.group(f"t{index}_{f}")) for f in fields}
        try:
            return translated(Text(context, source).format(**values))
        except (IndexError, KeyError, ValueError):
            return None


_cache: dict[int, _Templates] = {}


def _known_templates() -> _Templates:
    count = known_count()
    if count not in _cache:
        _cache.clear()
        _cache[count] = _Templates(known_templates())
    return _cache[count]


def translated(text: str) -> str:
    """``text`` in the interface's language.

    A :class:`~clerkapp.core.texts.Text` of core, infra or app is translated (its template, then
    its arguments, then formatted). A plain ``str`` — a text read back from the store, or texts
    joined — is translated the same way when it is a known message or a known template filled
    in; texts (or data) joined by "；" or "、" are translated one by one and joined with the
    separator of the language. Anything else (data: names, catalogue words) is returned as it
    is."""
    if isinstance(text, Text):
        template = QCoreApplication.translate(text.context, text.source)
        if not (text.args or text.kwargs):
            return template
        args = [translated(a) if isinstance(a, str) else a for a in text.args]
        kwargs = {k: translated(v) if isinstance(v, str) else v for k, v in text.kwargs.items()}
        try:
            return template.format(*args, **kwargs)
        except (IndexError, KeyError, ValueError):
            log.warning("translation of %r does not fit its arguments", text.source[:20])
            return str(text)
    if not text or not _CJK.search(text):
        return text
    # The language's fingerprint (its list separator) keys the cache: a translator installed
    # or removed later (tests) never gets an old answer.
    return _plain(str(text), QCoreApplication.translate(LIST_SEPARATOR.context, "、"))


@functools.lru_cache(maxsize=4096)
def _plain(text: str, _language: str) -> str:
    """A plain ``str`` translated (see :func:`translated`); cached, as boards repeat texts."""
    context = context_of(text)
    if context is not None:
        return QCoreApplication.translate(context, text)
    templates = _known_templates()
    # Templates with words of their own first; then texts joined by a separator; then the bare
    # punctuation templates ("{a}：{b}"), which would match almost anything.
    found = templates.fill(text, generic=False)
    if found is not None:
        return found
    for separator in (CLAUSE_SEPARATOR, LIST_SEPARATOR):
        if separator in text:
            joint = QCoreApplication.translate(separator.context, separator.source)
            return joint.join(translated(part) for part in text.split(separator))
    found = templates.fill(text, generic=True)
    return text if found is None else found
