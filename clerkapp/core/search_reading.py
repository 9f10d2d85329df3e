"""Readings (pinyin) of catalogue names for the search (:mod:`clerkapp.core.search`): computing
one with pypinyin (offline: when a catalogue is generated or imported), reading the stored form
(one token per character, see resources/catalogue/README.md), and queries normalised."""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from clerkapp.core.search_keys import is_han

#: Polyphonic characters whose other readings are kept, so that typing the "wrong" one (长 as
#: zhang, 重 as zhong, 行 as xing) still finds the name. Rare readings of other characters are
#: left out: they would only add noise.
POLYPHONES = frozenset(
    "长重行乐还传处调藏曾都差单地得发给号会教结觉累量落率难宁强曲少省数属弹提为相校血应载只"
    "转种朝参称供冲降卡便背薄奔场间几据空了模没期区散色似缩系血压要与员约中朝占正"
)

_MAX_READINGS = 3  # readings kept per polyphonic character
_SYLLABLE = re.compile(r"^[a-z0-9]+$")


def reading_of(name: str) -> str:
    """The reading of ``name`` in the catalogue format: one token per character (the reading in
    context first, then, for a commonly misread polyphonic character, its other readings, joined
    by "/"; "-" for a character without one), with "|" tokens between words. Uses pypinyin (slow
    to import: call it offline, when generating or importing a catalogue)."""
    from pypinyin import Style, lazy_pinyin, pinyin
    from pypinyin.seg.mmseg import seg

    tokens: list[str] = []
    previous = ""
    for word in seg.cut(name):
        # single characters the segmenter could not place in a phrase stay one word
        if tokens and not (len(word) == 1 and len(previous) == 1):
            tokens.append("|")
        previous = word
        for han, run in groupby(word, key=is_han):
            chars = "".join(run)
            if not han:
                tokens.extend(_plain_token(ch) for ch in chars)
                continue
            in_context = lazy_pinyin(chars, style=Style.NORMAL)
            if len(in_context) != len(chars):  # pypinyin grouped something: go per character
                in_context = [lazy_pinyin(ch, style=Style.NORMAL)[0] for ch in chars]
            for ch, reading in zip(chars, in_context, strict=True):
                readings = [reading]
                if ch in POLYPHONES:
                    readings += pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
                kept = [r for r in dict.fromkeys(readings) if _SYLLABLE.match(r)]
                tokens.append("/".join(kept[:_MAX_READINGS]) or "-")
    return " ".join(tokens)


def parse_reading(name: str, reading: str) -> list[list[str]] | None:
    """The readings of each character of ``name`` (empty for "-"), or None when ``reading`` is
    malformed or does not have one token per character."""
    per_char: list[list[str]] = []
    for token in reading.split(" "):
        if token == "|":
            continue
        if token == "-":
            per_char.append([])
            continue
        parts = token.split("/")
        if not all(_SYLLABLE.match(p) for p in parts):
            return None
        per_char.append(parts)
    return per_char if len(per_char) == len(name) else None


def word_starts(reading: str) -> frozenset[int]:
    starts = {0}
    index = 0
    previous_plain = False
    for token in reading.split(" "):
        if token == "|":
            starts.add(index)
            continue
        if previous_plain:
            starts.add(index)
        previous_plain = token == "-"  # after punctuation a new word begins
        index += 1
    return frozenset(starts)


def _plain_token(ch: str) -> str:
    return ch.lower() if ch.isascii() and ch.isalnum() else "-"


def normalise_query(query: str) -> str:
    """Full-width to half-width, lower case, spaces and apostrophes ("xi'an") removed."""
    text = unicodedata.normalize("NFKC", query).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "'’")
