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
import copy
import hashlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from clerkapp.core.catalogue import Catalogue
from clerkapp.core.search_keys import (
    KEY_SYMBOLS,
    Postings,
    TopHits,
    Unit,
    Verifier,
    is_letter,
    name_keys,
    safe,
)
from clerkapp.core.search_reading import (
    POLYPHONES,
    normalise_query,
    parse_reading,
    reading_of,
    word_starts,
)
from clerkapp.core.texts import QT_TRANSLATE_NOOP

__all__ = [
    "ALIASES",
    "KINDS",
    "POLYPHONES",
    "CatalogueIndex",
    "Hit",
    "normalise_query",
    "parse_reading",
    "reading_of",
    "word_starts",
]

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

# Tiers of a match (DESIGN: exact/prefix > word start > substring); bonuses stay below a tier gap.
_EXACT, _PREFIX, _WORD, _SUBSTRING = 100, 80, 60, 40
_TIERS = (_PREFIX, _WORD, _SUBSTRING)  # the scores of a match at a name's start, word, anywhere
_CANONICAL_BONUS = 5  # canonical (real, high-frequency) matters before synthetic ones
_ALIAS_PENALTY = 2  # a hit found through an abbreviation ranks just below a literal one


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


class _Entry(NamedTuple):
    kind: str
    code: str
    name: str
    department: str
    bonus: int
    detail: str
    reading: str
    matter: str = ""


#: The layout of :meth:`CatalogueIndex.cached`'s data: bump when the index changes.
INDEX_FORMAT = 1


class CatalogueIndex:
    """An in-memory search index over the matters and proof items of one catalogue.

    Names are numbered best first within a tier (canonical matters, matters, proof items; shorter
    names first). The same name with the same reading is one *form*, however often it occurs
    (the same matter in every county, the same proof item in many matters), so a search costs
    what the distinct names cost. For every query of up to three symbols the index keeps the forms
    it matches at their start, at a word start and anywhere (:mod:`clerkapp.core.search_keys`):
    a search walks the few forms that can match, tier by tier, best first, and stops as soon as
    no later name can enter the ``limit`` best. Longer queries are checked with a regex over the
    forms' text ("corpus"): one line per form, each character a unit ``<sep><char>~<reading>…``
    where ``sep`` is "#" at the start of a word and "|" elsewhere. The index remembers the forms
    left after the last query to narrow the next keystroke's search: use one index per thread
    (:meth:`fork` gives another over the same data).
    """

    def __init__(self, entries: list[_Entry]) -> None:
        entries = sorted(
            entries,
            key=lambda e: (-e.bonus, e.kind != "matter", len(e.name), e.code),
        )  # fmt: skip
        self._columns = _Columns.of(entries)
        tiers = (Postings(), Postings(), Postings())
        forms: dict[tuple[str, str, str], int] = {}
        self._lines: list[array[int]] = []  # form → its names' numbers, ascending
        self._units: list[list[Unit]] = []  # form → its characters and their readings
        self._word_starts: list[frozenset[int]] = []  # form → the units that begin a word
        self._exact: dict[str, list[int]] = {}  # whole name, full reading, initials → forms
        texts: list[str] = []
        memo: dict[tuple[Unit, ...], set[str]] = {}
        for n, entry in enumerate(entries):
            form = forms.get((entry.kind, entry.name, entry.reading))
            if form is not None:
                self._lines[form].append(n)
                continue
            form = forms[(entry.kind, entry.name, entry.reading)] = len(texts)
            self._lines.append(array("i", (n,)))
            reading = entry.reading
            per_char = parse_reading(entry.name, reading) if reading else None
            if per_char is None:  # no stored reading (or a broken one): slow, but correct
                reading = reading_of(entry.name)
                per_char = parse_reading(entry.name, reading) or [[] for _ in entry.name]
            starts = word_starts(reading)
            units: list[Unit] = [
                (safe(ch), tuple(r)) for ch, r in zip(entry.name, per_char, strict=True)
            ]
            self._units.append(units)
            self._word_starts.append(starts)
            texts.append(
                "".join(
                    ("#" if k in starts else "|") + char + "".join("~" + r for r in rs)
                    for k, (char, rs) in enumerate(units)
                )
            )
            for postings, keys in zip(tiers, name_keys(units, starts, memo), strict=True):
                postings.add(form, keys)
            full = "".join(r[0] for r in per_char if r)
            initials = "".join(r[0][0] for r in per_char if r)
            for key in {normalise_query(entry.name), full, initials}:
                if key:
                    self._exact.setdefault(key, []).append(form)
        self._tiers = tiers
        self._proof_forms = next(
            (f for f, lines in enumerate(self._lines) if lines[0] >= self._columns.proofs_from),
            len(texts),
        )
        # a leading newline: every line, the first included, follows "\n" (prefix regexes)
        self._corpus = "\n" + "\n".join(texts)
        self._starts = _line_starts(texts)
        self._last: _Typed | None = None

    @classmethod
    def build(cls, catalogue: Catalogue) -> CatalogueIndex:
        """Index every matter and proof item of ``catalogue``."""
        return cls(_entries(catalogue))

    @classmethod
    def cached(
        cls, catalogue: Catalogue, stored: object, source: str | None = None
    ) -> tuple[CatalogueIndex, object | None]:
        """The index of ``catalogue``, restored from ``stored`` (plain data an earlier call gave
        to keep) when this version of the index built it from the same ``source`` (e.g. a digest
        of the catalogue file; by default a digest of every name and what the index shows of
        it), else built; and the data to keep for next time (None when ``stored`` was used)."""
        entries: list[_Entry] | None = None
        if source is None:
            entries = _entries(catalogue)
            digest = hashlib.sha256()
            for entry in entries:
                digest.update("\x1f".join(map(str, entry)).encode() + b"\x1e")
            source = f"names:{digest.hexdigest()}"
        if cls.fits(stored, source):
            assert isinstance(stored, tuple)
            try:
                return cls._restore(stored[1]), None
            except (TypeError, ValueError, KeyError, IndexError, AttributeError):
                pass  # not what this version writes: build it again
        index = cls(entries if entries is not None else _entries(catalogue))
        return index, (f"{INDEX_FORMAT}:{source}", index._dump())

    @staticmethod
    def fits(stored: object, source: str) -> bool:
        """Whether ``stored`` (see :meth:`cached`) was built from ``source`` by this version."""
        return (
            isinstance(stored, tuple)
            and len(stored) == 2
            and stored[0] == f"{INDEX_FORMAT}:{source}"
        )

    def _dump(self) -> tuple[object, ...]:
        c = self._columns
        return (
            (c.kind, c.code, c.name, c.department, c.bonus, c.detail, c.matter, c.proofs_from),
            [lines.tobytes() for lines in self._lines], self._units,
            [tuple(starts) for starts in self._word_starts], self._exact,
            [tier.dump() for tier in self._tiers], self._proof_forms, self._corpus, self._starts,
        )  # fmt: skip

    @classmethod
    def _restore(cls, data: Any) -> CatalogueIndex:
        columns, lines, units, starts, exact, tiers, proof_forms, corpus, line_starts = data
        index = cls.__new__(cls)
        index._columns = _Columns(*columns)
        index._lines = [array("i", raw) for raw in lines]
        index._units = units
        index._word_starts = [frozenset(s) for s in starts]
        index._exact = exact
        index._tiers = (Postings.load(tiers[0]), Postings.load(tiers[1]), Postings.load(tiers[2]))
        index._proof_forms = proof_forms
        index._corpus = corpus
        index._starts = line_starts
        index._last = None
        if not (len(index._lines) == len(units) == len(line_starts) and len(tiers) == 3):
            raise ValueError("inconsistent index data")
        return index

    def __len__(self) -> int:
        return len(self._columns.code)

    def fork(self) -> CatalogueIndex:
        """Another index over the same (read-only) data, with no typing history of its own: one
        per thread."""
        other = copy.copy(self)
        other._last = None
        return other

    def search(self, query: str, limit: int = 20, kinds: Iterable[str] = KINDS) -> list[Hit]:
        """The best ``limit`` hits for ``query``, best first; an empty query finds nothing."""
        wanted = frozenset(kinds) & frozenset(KINDS)
        q = normalise_query(query)
        if not q or limit <= 0 or not wanted:
            return []
        begin = 0 if "matter" in wanted else self._proof_forms
        end = len(self._lines) if "proof" in wanted else self._proof_forms
        top = TopHits(limit)
        matched: dict[int, int] = {}  # form → the best tier (less penalty) it matched at
        for form in self._exact.get(q, ()):
            if begin <= form < end:
                matched[form] = _EXACT
                self._offer(form, _EXACT, top)
        variants = [(q, 0)] + [
            (q.replace(short, full), _ALIAS_PENALTY)
            for short, full in ALIASES.items()
            if short in q and short != full
        ]
        # Typing one more character can only narrow the matches: the forms left after the
        # previous keystroke (those it found and those it did not need to look at) are the
        # only candidates. Up to three symbols the keys are exact: nothing to narrow.
        last = self._last
        narrow = last.left if last and last.wanted == wanted and q.startswith(last.query) else None
        left: list[array[int]] = []
        data = (self._units, self._word_starts, self._corpus, self._starts)
        verifiers = [
            Verifier(text, *data) if len(text) > KEY_SYMBOLS else None for text, _ in variants
        ]
        for t in range(len(_TIERS)):
            for v, (text, penalty) in enumerate(variants):
                if v == 0 and narrow is not None and len(q) > KEY_SYMBOLS:
                    candidates = narrow[t]
                else:
                    candidates = self._candidates(t, text, begin, end)
                kept = self._scan(candidates, t, penalty, verifiers[v], top, matched)
                if v == 0:
                    left.append(kept)
        self._last = _Typed(q, wanted, left)
        cols = self._columns
        return [
            Hit(cols.kind[n], cols.code[n], cols.name[n], cols.department[n], score,
                cols.detail[n], cols.matter[n])
            for n, score in top.ranked()
        ]  # fmt: skip

    def _candidates(self, tier: int, text: str, begin: int, end: int) -> array[int]:
        """The forms whose keys include the first symbols of ``text``, within a range."""
        key = "".join(ch if is_letter(ch) else safe(ch) for ch in text[:KEY_SYMBOLS])
        forms = self._tiers[tier].get(key)
        if begin == 0 and end == len(self._lines):
            return forms
        return forms[bisect.bisect_left(forms, begin) : bisect.bisect_left(forms, end)]

    def _scan(
        self,
        candidates: array[int],
        tier: int,
        penalty: int,
        verifier: Verifier | None,
        top: TopHits,
        matched: dict[int, int],
    ) -> array[int]:
        """Offer the names of the candidate forms that match at ``tier`` (``verifier`` checks a
        query longer than the keys; without one every candidate matches), in order, each at
        the tier's score less ``penalty`` plus its bonus; stop where no later name can enter
        ``top``. Returns the candidates not ruled out (for the next keystroke)."""
        bonus, lines = self._columns.bonus, self._lines
        score = _TIERS[tier] - penalty
        if verifier is not None:
            verifier.expect(len(candidates))
        kept = array("i")
        for i, form in enumerate(candidates):
            first = lines[form][0]
            if top.full_before(score + bonus[first], first):
                kept.extend(candidates[i:])
                return kept
            if matched.get(form, -1) >= score:  # found at a better tier already
                kept.append(form)
                continue
            found = tier
            if verifier is not None:
                found = verifier.tier(form)
                if found > tier:
                    continue
            kept.append(form)
            matched[form] = _TIERS[found] - penalty
            self._offer(form, _TIERS[found] - penalty, top)
        return kept

    def _offer(self, form: int, score: int, top: TopHits) -> None:
        """Offer the form's names, best first, as long as they can enter ``top``."""
        bonus = self._columns.bonus
        for n in self._lines[form]:
            total = score + bonus[n]
            if top.full_before(total, n):
                return
            top.offer(n, total)


@dataclass(frozen=True)
class _Columns:
    """What a hit shows, one list per field, indexed by name number."""

    kind: list[str]
    code: list[str]
    name: list[str]
    department: list[str]
    bonus: list[int]
    detail: list[str]
    matter: list[str]
    proofs_from: int  # the number of the first proof item (the matters come first)

    @classmethod
    def of(cls, entries: list[_Entry]) -> _Columns:
        kinds = [e.kind for e in entries]
        proofs_from = next((n for n, kind in enumerate(kinds) if kind == "proof"), len(kinds))
        return cls(
            kinds, [e.code for e in entries], [e.name for e in entries],
            [e.department for e in entries], [e.bonus for e in entries],
            [e.detail for e in entries], [e.matter for e in entries], proofs_from,
        )  # fmt: skip


def _entries(catalogue: Catalogue) -> list[_Entry]:
    """What the index needs of every matter and proof item."""
    entries: list[_Entry] = []
    for m in catalogue.matters.values():
        # Plain str (the index is kept with marshal); the GUI translates it by its source text.
        detail = str(
            QT_TRANSLATE_NOOP("MatterSearch", "即办件")
            if m.decided_at_counter
            else QT_TRANSLATE_NOOP("MatterSearch", "{time_limit_days} 个工作日").format(
                time_limit_days=m.time_limit_days
            )
        )
        bonus = 0 if m.synthetic else _CANONICAL_BONUS
        name = m.name.replace("\n", " ")
        entries.append(_Entry("matter", m.code, name, m.department, bonus, detail, m.pinyin))
    required_by: dict[str, str] = {}
    for m in catalogue.matters.values():
        for code in m.proofs:
            required_by.setdefault(code, m.name)
    for p in catalogue.proofs.values():
        matter = required_by.get(p.code, "")
        entries.append(
            _Entry("proof", p.code, p.name.replace("\n", " "), p.issuer, 0,
                   str(p.method.label_zh), p.pinyin, matter)
        )  # fmt: skip
    return entries


@dataclass(frozen=True)
class _Typed:
    """The last query and the candidates left after it, per tier (narrowing)."""

    query: str
    wanted: frozenset[str]
    left: list[array[int]]


def _line_starts(lines: list[str]) -> list[int]:
    """Where each line begins in the corpus (after its leading newline)."""
    starts: list[int] = []
    offset = 1
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts
