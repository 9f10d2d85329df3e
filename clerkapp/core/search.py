"""Type-ahead search over the catalogue: Chinese substrings (two characters are enough), pinyin in
full ("gonggongzulin", "gong gong zu lin"), initials ("ggzl") and any mix ("公共zl", "gonggzl").

Each name carries its *reading* (``pinyin`` in the catalogue file, one token per character, see
resources/catalogue/README.md), precomputed when the catalogue is generated or imported, so that
building the index never has to load pypinyin's dictionaries at start-up. A name without a reading
gets one computed here (slow, but correct).

A pinyin query matches a run of consecutive characters when it can be cut into pieces that are
each a non-empty prefix of one of the readings of those characters, in order: "ggzl", "gongzl"
and "gonggongzulin" all match 公共租赁. Polyphonic characters keep every reading, so a
contextual mistake (长 read as zhang) never hides an obvious hit.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from clerkapp.core.catalogue import Catalogue

#: Abbreviations clerks and applicants type for the long official words.
ALIASES: dict[str, str] = {
    "社保": "社会保险",
    "医保": "医疗保险",
    "公租房": "公共租赁住房",
    "低保": "最低生活保障",
    "公积金": "住房公积金",
    "shebao": "社会保险",
    "yibao": "医疗保险",
    "dibao": "最低生活保障",
    "gongzufang": "公共租赁住房",
}

KINDS = ("matter", "proof")

# Tiers of a match (DESIGN: exact/prefix > word start > substring); bonuses stay below a tier gap.
_EXACT, _PREFIX, _WORD, _SUBSTRING = 100, 80, 60, 40
_CANONICAL_BONUS = 5  # canonical (real, high-frequency) matters before synthetic ones
_ALIAS_PENALTY = 2  # a hit found through an abbreviation ranks just below a literal one
_MAX_READINGS = 3  # readings kept per polyphonic character
_LATIN = re.compile(r"[a-z]")
_SYLLABLE = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class Hit:
    """One search result: a matter or a proof item, with its score (higher is better)."""

    kind: str  # "matter" or "proof"
    code: str
    name: str
    department: str  # matter: handling department; proof: the body that used to issue it
    score: int
    detail: str = ""  # matter: 即办件 / N 个工作日; proof: its method, in Chinese


@dataclass(frozen=True)
class _Entry:
    kind: str
    code: str
    name: str
    department: str
    bonus: int
    detail: str
    word_starts: frozenset[int]


def reading_of(name: str) -> str:
    """The reading of ``name`` in the catalogue format: one token per character (readings of a
    polyphonic character joined by "/", contextual reading first; "-" for a character without
    one), with "|" tokens between words. Uses pypinyin (slow to import: call it offline)."""
    from pypinyin import Style, pinyin
    from pypinyin.seg.mmseg import seg

    tokens: list[str] = []
    for word in seg.cut(name):
        if tokens:
            tokens.append("|")
        for is_han, run in groupby(word, key=_is_han):
            chars = "".join(run)
            if not is_han:
                tokens.extend(_plain_token(ch) for ch in chars)
                continue
            readings = pinyin(chars, style=Style.NORMAL, heteronym=True)
            if len(readings) != len(chars):  # pypinyin grouped something: fall back per char
                readings = [pinyin(ch, style=Style.NORMAL, heteronym=True)[0] for ch in chars]
            for alternatives in readings:
                kept = [r for r in dict.fromkeys(alternatives) if _SYLLABLE.match(r)]
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


def _word_starts(reading: str) -> frozenset[int]:
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


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _plain_token(ch: str) -> str:
    return ch.lower() if ch.isascii() and ch.isalnum() else "-"


def normalise_query(query: str) -> str:
    """Full-width to half-width, lower case, spaces and apostrophes ("xi'an") removed."""
    text = unicodedata.normalize("NFKC", query).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "'’")


class CatalogueIndex:
    """An in-memory search index over the matters and proof items of one catalogue."""

    def __init__(self, entries: list[_Entry], readings: list[list[list[str]]]) -> None:
        self._entries = entries
        names = [e.name.replace("\n", " ") for e in entries]
        self._text = "\n".join(names)
        self._text_starts = _line_starts(names)
        units = [
            "".join("|" + ch + "/".join(r) for ch, r in zip(name, per_char, strict=True))
            for name, per_char in zip(names, readings, strict=True)
        ]
        self._units = "\n".join(units)
        self._unit_starts = _line_starts(units)

    @classmethod
    def build(cls, catalogue: Catalogue) -> CatalogueIndex:
        """Index every matter and proof item of ``catalogue``."""
        entries: list[_Entry] = []
        readings: list[list[list[str]]] = []

        def add(
            kind: str, code: str, name: str, department: str, bonus: int, detail: str, reading: str
        ) -> None:
            per_char = parse_reading(name, reading) if reading else None
            if per_char is None:
                reading = reading_of(name)
                per_char = parse_reading(name, reading) or [[] for _ in name]
            entries.append(
                _Entry(kind, code, name, department, bonus, detail, _word_starts(reading))
            )
            readings.append(per_char)

        for m in catalogue.matters.values():
            detail = "即办件" if m.decided_at_counter else f"{m.time_limit_days} 个工作日"
            bonus = 0 if m.synthetic else _CANONICAL_BONUS
            add("matter", m.code, m.name, m.department, bonus, detail, m.pinyin)
        for p in catalogue.proofs.values():
            bonus = 0 if p.synthetic else _CANONICAL_BONUS
            add("proof", p.code, p.name, p.issuer, bonus, p.method.label_zh, p.pinyin)
        return cls(entries, readings)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 20, kinds: Iterable[str] = KINDS) -> list[Hit]:
        """The best ``limit`` hits for ``query``, best first; an empty query finds nothing."""
        wanted = frozenset(kinds)
        q = normalise_query(query)
        if not q or limit <= 0:
            return []
        best: dict[int, int] = {}
        self._match(q, 0, best)
        for short, full in ALIASES.items():
            if short in q and short != full:
                self._match(q.replace(short, full), _ALIAS_PENALTY, best)
        ranked = heapq.nsmallest(
            limit,
            (
                (-score, e.kind != "matter", len(e.name), e.code, i)
                for i, score in best.items()
                if (e := self._entries[i]).kind in wanted
            ),
        )
        return [
            Hit(e.kind, e.code, e.name, e.department, -neg, e.detail)
            for neg, _, _, _, i in ranked
            for e in (self._entries[i],)
        ]

    def _match(self, q: str, penalty: int, best: dict[int, int]) -> None:
        latin = _LATIN.search(q) is not None
        corpus, starts = (
            (self._units, self._unit_starts) if latin else (self._text, self._text_starts)
        )
        pattern = _pinyin_pattern(q) if latin else re.compile(re.escape(q))
        last = -1
        for m in pattern.finditer(corpus):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i == last:  # a later occurrence in the same name ranks no better
                continue
            last = i
            line_start = starts[i]
            line_end = starts[i + 1] - 1 if i + 1 < len(starts) else len(corpus)
            if latin:
                position = corpus.count("|", line_start, m.start())
                whole = position == 0 and corpus.find("|", m.end(), line_end) < 0
            else:
                position = m.start() - line_start
                whole = position == 0 and m.end() == line_end
            entry = self._entries[i]
            if whole:
                tier = _EXACT
            elif position == 0:
                tier = _PREFIX
            elif position in entry.word_starts:
                tier = _WORD
            else:
                tier = _SUBSTRING
            score = tier + entry.bonus - penalty
            if score > best.get(i, -1):
                best[i] = score


def _line_starts(lines: list[str]) -> list[int]:
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


_SKIP_READINGS = "(?:[a-z]*/)*"  # start at any reading of a polyphonic character


def _pinyin_pattern(q: str) -> re.Pattern[str]:
    """Compile a query into a regex over the unit corpus ("|公gong|共gong|租zu/ju|赁lin")."""
    parts: list[str] = []
    previous = ""  # "", "latin" or "han"
    for ch in q:
        if "a" <= ch <= "z":
            start_unit = r"\|[^|\n]" + _SKIP_READINGS
            if previous == "latin":  # continue this reading, or jump to the next character
                parts.append(r"(?:[^|\n]*" + start_unit + ")??" + ch)
            elif previous == "han":
                parts.append(r"[^|\n]*" + start_unit + ch)
            else:
                parts.append(start_unit + ch)
            previous = "latin"
        else:
            parts.append((r"[^|\n]*" if previous else "") + r"\|" + re.escape(ch))
            previous = "han"
    return re.compile("".join(parts))
