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
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from clerkapp.core.catalogue import Catalogue
from clerkapp.core.texts import QT_TRANSLATE_NOOP

#: Abbreviations clerks and applicants type for the long official words.
ALIASES: dict[str, str] = {
    "社保": "社会保险",
    "医保": "医疗保险",
    "公租房": "公共租赁住房",
    "公租": "公共租赁",  # so the type-ahead already finds it before 房 is typed
    "低保": "最低生活保障",
    "公积金": "住房公积金",
    "shebao": "社会保险",
    "yibao": "医疗保险",
    "dibao": "最低生活保障",
    "gongzufang": "公共租赁住房",
}

KINDS = ("matter", "proof")

#: Polyphonic characters whose other readings are kept, so that typing the "wrong" one (长 as
#: zhang, 重 as zhong, 行 as xing) still finds the name. Rare readings of other characters are
#: left out: they would only add noise.
POLYPHONES = frozenset(
    "长重行乐还传处调藏曾都差单地得发给号会教结觉累量落率难宁强曲少省数属弹提为相校血应载只"
    "转种朝参称供冲降卡便背薄奔场间几据空了模没期区散色似缩系血压要与员约中朝占正"
)

# Tiers of a match (DESIGN: exact/prefix > word start > substring); bonuses stay below a tier gap.
_EXACT, _PREFIX, _WORD, _SUBSTRING = 100, 80, 60, 40
_CANONICAL_BONUS = 5  # canonical (real, high-frequency) matters before synthetic ones
_ALIAS_PENALTY = 2  # a hit found through an abbreviation ranks just below a literal one
_MAX_READINGS = 3  # readings kept per polyphonic character
_SYLLABLE = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class Hit:
    """One search result: a matter or a proof item, with its score (higher is better)."""

    kind: str  # "matter" or "proof"
    code: str
    name: str
    department: str  # matter: handling department; proof: the body that used to issue it
    score: int
    detail: str = ""  # matter: 即办件 / N 个工作日; proof: its method, in Chinese
    matter: str = ""  # proof: name of the (first) matter that requires it


@dataclass(frozen=True)
class _Entry:
    kind: str
    code: str
    name: str
    department: str
    bonus: int
    detail: str
    reading: str
    matter: str = ""


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
        for is_han, run in groupby(word, key=_is_han):
            chars = "".join(run)
            if not is_han:
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
    """An in-memory search index over the matters and proof items of one catalogue.

    Names are kept in one text ("corpus"), one line per name, each character a unit
    ``<sep><char><readings>`` where ``sep`` is "#" at the start of a word and "|" elsewhere. The
    lines are sorted best first within a tier (canonical matters, matters, proof items; shorter
    names first), so a search can stop as soon as it has ``limit`` hits of a tier. The index
    remembers the last query's matches to narrow the next keystroke's search: use one index per
    thread.
    """

    def __init__(self, entries: list[_Entry], readings: list[list[list[str]]]) -> None:
        order = sorted(
            range(len(entries)),
            key=lambda i: (-entries[i].bonus, entries[i].kind != "matter", len(entries[i].name),
                           entries[i].code),
        )  # fmt: skip
        self._entries = [entries[i] for i in order]
        lines = [_units(entries[i], readings[i]) for i in order]
        # a leading newline: every line, the first included, follows "\n" (prefix regexes)
        self._corpus = "\n" + "\n".join(lines)
        self._starts = [start + 1 for start in _line_starts(lines)]
        self._proofs_from = next(
            (self._starts[n] for n, e in enumerate(self._entries) if e.kind == "proof"),
            len(self._corpus),
        )
        self._last: tuple[str, frozenset[str], list[int]] | None = None
        self._exact: dict[str, list[int]] = {}
        for n, (i, entry) in enumerate(zip(order, self._entries, strict=True)):
            full = "".join(r[0] for r in readings[i] if r)
            initials = "".join(r[0][0] for r in readings[i] if r)
            for key in {normalise_query(entry.name), full, initials}:
                if key:
                    self._exact.setdefault(key, []).append(n)

    @classmethod
    def build(cls, catalogue: Catalogue) -> CatalogueIndex:
        """Index every matter and proof item of ``catalogue``."""
        entries: list[_Entry] = []
        readings: list[list[list[str]]] = []

        def add(
            kind: str,
            code: str,
            name: str,
            department: str,
            bonus: int,
            detail: str,
            reading: str,
            matter: str = "",
        ) -> None:
            name = name.replace("\n", " ")
            per_char = parse_reading(name, reading) if reading else None
            if per_char is None:
                reading = reading_of(name)
                per_char = parse_reading(name, reading) or [[] for _ in name]
            entries.append(_Entry(kind, code, name, department, bonus, detail, reading, matter))
            readings.append(per_char)

        for m in catalogue.matters.values():
            detail = (
                QT_TRANSLATE_NOOP("MatterSearch", "即办件")
                if m.decided_at_counter
                else QT_TRANSLATE_NOOP("MatterSearch", "{time_limit_days} 个工作日").format(
                    time_limit_days=m.time_limit_days
                )
            )
            bonus = 0 if m.synthetic else _CANONICAL_BONUS
            add("matter", m.code, m.name, m.department, bonus, detail, m.pinyin)
        required_by: dict[str, str] = {}
        for m in catalogue.matters.values():
            for code in m.proofs:
                required_by.setdefault(code, m.name)
        for p in catalogue.proofs.values():
            matter = required_by.get(p.code, "")
            add("proof", p.code, p.name, p.issuer, 0, p.method.label_zh, p.pinyin, matter)
        return cls(entries, readings)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 20, kinds: Iterable[str] = KINDS) -> list[Hit]:
        """The best ``limit`` hits for ``query``, best first; an empty query finds nothing."""
        wanted = frozenset(kinds) & frozenset(KINDS)
        q = normalise_query(query)
        if not q or limit <= 0 or not wanted:
            return []
        begin = 0 if "matter" in wanted else self._proofs_from
        end = len(self._corpus) if "proof" in wanted else self._proofs_from
        # Typing one more character can only narrow the matches: when the previous query's
        # matches are all known, only those names need looking at again.
        last = self._last
        narrow = last[2] if last and last[1] == wanted and q.startswith(last[0]) else None
        best: dict[int, int] = {}
        for n in self._exact.get(q, ()):
            if self._entries[n].kind in wanted:
                best[n] = _EXACT + self._entries[n].bonus
        variants = [(q, 0)] + [
            (q.replace(short, full), _ALIAS_PENALTY)
            for short, full in ALIASES.items()
            if short in q and short != full
        ]
        patterns = [(_query_pattern(text), penalty) for text, penalty in variants]
        complete = True
        for i, (pattern, penalty) in enumerate(patterns):  # names that start with the query
            lines = narrow if i == 0 else None
            done = self._scan(pattern.prefix, begin, end, best, penalty, limit, lines, True)
            complete = complete and (done or i > 0)
        for i, (pattern, penalty) in enumerate(patterns):  # anywhere: word starts, substrings
            lines = narrow if i == 0 else None
            done = self._scan(pattern.anywhere, begin, end, best, penalty, limit, lines, False)
            complete = complete and (done or i > 0)
        # every name the query matches is in ``best`` (a superset is fine for narrowing)
        self._last = (q, wanted, sorted(best)) if complete else None
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [
            Hit(e.kind, e.code, e.name, e.department, score, e.detail, e.matter)
            for n, score in ranked
            for e in (self._entries[n],)
        ]

    def _matches(
        self, pattern: re.Pattern[str], begin: int, end: int, lines: list[int] | None
    ) -> Iterator[re.Match[str]]:
        if lines is None:
            yield from pattern.finditer(self._corpus, begin, end)
            return
        starts, size = self._starts, len(self._corpus)
        for n in lines:
            lo = starts[n]
            if begin <= lo < end:
                hi = starts[n + 1] - 1 if n + 1 < len(starts) else size
                yield from pattern.finditer(self._corpus, lo - 1, hi)

    def _scan(
        self,
        pattern: re.Pattern[str],
        begin: int,
        end: int,
        best: dict[int, int],
        penalty: int,
        limit: int,
        lines: list[int] | None,
        prefix: bool,
    ) -> bool:
        """Score the names ``pattern`` finds (among ``lines`` when given); stop once ``limit``
        hits of the scan's best tier are known (the lines are ordered, so later ones cannot rank
        higher). True when the scan saw every match."""
        floor = (_PREFIX if prefix else _WORD) - penalty
        good = sum(1 for score in best.values() if score >= floor)
        if good >= limit:
            return False
        corpus, starts = self._corpus, self._starts
        for m in self._matches(pattern, begin, end, lines):
            at = m.start() + prefix  # a prefix match starts at the newline before the name
            n = bisect.bisect_right(starts, at) - 1
            if prefix:
                tier = _PREFIX
            else:
                unit = max(corpus.rfind("#", starts[n], at + 1), corpus.rfind("|", starts[n], at))
                tier = _WORD if corpus[unit] == "#" else _SUBSTRING
            score = tier + self._entries[n].bonus - penalty
            if score > best.get(n, -1):
                if best.get(n, -1) < floor <= score:
                    good += 1
                best[n] = score
                if good >= limit:
                    return False
        return True


def _units(entry: _Entry, per_char: list[list[str]]) -> str:
    starts = _word_starts(entry.reading) if entry.reading else {0}
    return "".join(
        ("#" if i in starts else "|") + _safe(ch) + "".join("~" + r for r in readings)
        for i, (ch, readings) in enumerate(zip(entry.name, per_char, strict=True))
    )


def _safe(ch: str) -> str:
    """A character as stored in the corpus and compared with a query: normalised like queries
    (full-width "（" is "("), the corpus's markup characters replaced."""
    if "\u4e00" <= ch <= "\u9fff":  # the common case, unchanged by normalisation
        return ch
    folded = unicodedata.normalize("NFKC", ch).lower()
    ch = folded if len(folded) == 1 else ch
    return "_" if ch in "#|~" else ch


def _line_starts(lines: list[str]) -> list[int]:
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


@dataclass(frozen=True)
class _QueryPattern:
    prefix: re.Pattern[str]  # matches at the start of a name only
    anywhere: re.Pattern[str]


# A unit is <sep><char>~<reading>~<reading>…, sep "#" at a word start, "|" elsewhere.
_READING = "[^#|\\n]*?~"  # within a unit, up to the start of any of its readings
_NEXT_UNIT = "[^#|\\n]*+[#|]"  # skip the rest of this unit, up to the next one's separator


def _query_pattern(q: str) -> _QueryPattern:
    """Compile a query into regexes over the corpus: a Chinese character must be that character;
    a run of latin letters must be prefixes of the readings of consecutive characters. Every
    regex starts with a literal, so the regex engine skips quickly to the candidates."""
    first: list[str] = []  # the first token, as it matches anywhere / at a line start
    rest: list[str] = []
    previous = ""  # "", "latin" or "han"
    for ch in q:
        is_latin = "a" <= ch <= "z"
        literal = ch if _is_han(ch) else "[#|]" + re.escape(_safe(ch))
        if not previous:
            if is_latin:
                first = ["~" + ch, "\\n#" + _READING + ch]
            else:
                first = [literal, "\\n#" + re.escape(_safe(ch))]
        elif is_latin:
            jump = _NEXT_UNIT + _READING
            # after a letter: continue the same reading, or jump to the next character
            rest.append(f"(?:{jump})??{ch}" if previous == "latin" else jump + ch)
        else:
            rest.append(_NEXT_UNIT + re.escape(_safe(ch)))
        previous = "latin" if is_latin else "han"
    body = "".join(rest)
    return _QueryPattern(re.compile(first[1] + body), re.compile(first[0] + body))
