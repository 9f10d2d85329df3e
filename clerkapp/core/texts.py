"""Translatable texts of the layers below the GUI (core, infra, app), without Qt.

A message a clerk or an applicant may read — an error's ``user_message``, a state's label, a
recommendation's reason — is written as ``QT_TRANSLATE_NOOP("Context", "中文原文")`` (with
``.format(...)`` for its parameters). ``pyside6-lupdate`` finds these calls by name and puts them
in ``resources/i18n/clerkapp_messages_en.ts``; the GUI edge (:func:`clerkapp.gui.i18n.translated`)
translates them with ``QCoreApplication.translate(context, source)`` and then formats.

The value is a :class:`Text`: a ``str`` whose value is the Chinese text (Chinese is the source
language, and what is printed on the documents and stored), carrying its context, source text and
format arguments. Code that joins or embeds a :class:`Text` in another string gets a plain ``str``;
the GUI edge still translates such a text when it equals one of the catalogued messages
(:func:`known_source`) — how texts read back from the store are translated.
"""

from __future__ import annotations

from typing import Any

# Every (source → context) met so far: the GUI edge seeds it from the .ts file as well.
_KNOWN: dict[str, str] = {}


class Text(str):
    """A Chinese user-visible text with what translating it needs (context, source, arguments).

    ``str(text)`` and every ``str`` operation see the Chinese words; ``format`` keeps the
    arguments (themselves possibly :class:`Text`) so that the GUI can translate the template
    first and format it then."""

    __slots__ = ("args", "context", "kwargs", "source")
    context: str
    source: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __new__(
        cls,
        context: str,
        source: str,
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> Text:
        kwargs = kwargs or {}
        value = source.format(*args, **kwargs) if args or kwargs else source
        text = super().__new__(cls, value)
        text.context = context
        text.source = source
        text.args = args
        text.kwargs = kwargs
        return text

    def format(self, *args: Any, **kwargs: Any) -> Text:
        """The template filled in, still translatable (the arguments are kept)."""
        return Text(self.context, self.source, args, kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.context, self.source, self.args, self.kwargs))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Text:  # noqa: N802 (the name lupdate knows)
    """Mark ``source`` (Chinese) as a text to translate in ``context``; returns it as a
    :class:`Text`. The name is the one ``pyside6-lupdate`` recognises."""
    _KNOWN.setdefault(source, context)
    return Text(context, source)


def known_source(source: str, context: str) -> None:
    """Record that ``source`` is a catalogued message of ``context`` (the GUI's seed)."""
    _KNOWN.setdefault(source, context)


def context_of(source: str) -> str | None:
    """The context of a catalogued message whose Chinese text is ``source``, if any."""
    return _KNOWN.get(source)


def known_count() -> int:
    """How many catalogued messages there are (changes when new ones are met)."""
    return len(_KNOWN)


def known_templates() -> dict[str, str]:
    """Every catalogued message so far that has format fields: source → context."""
    return {s: c for s, c in _KNOWN.items() if "{" in s}


# Punctuation the GUI puts around messages and data: full-width in Chinese, ASCII in English.
IN_BRACKETS = QT_TRANSLATE_NOOP("Texts", "{text}（{note}）")
"""A text with a note in brackets: ``IN_BRACKETS.format(text=…, note=…)``."""
LIST_SEPARATOR = QT_TRANSLATE_NOOP("Texts", "、")
"""Between the items of a list (names of proofs, fields)."""
CLAUSE_SEPARATOR = QT_TRANSLATE_NOOP("Texts", "；")
"""Between reasons, warnings or findings."""
PART_SEPARATOR = QT_TRANSLATE_NOOP("Texts", "　｜　")
"""Between the parts of a line (the case line: the matter │ the applicant)."""
COMMA = QT_TRANSLATE_NOOP("Texts", "，")
"""Between the parts of a sentence."""
COLON = QT_TRANSLATE_NOOP("Texts", "：")
"""After a label (a proof's name, then what became of it)."""
