"""The keys of the catalogue search index (:mod:`clerkapp.core.search`): for every name, the
queries of up to three symbols that match it, at its start, at a word start and anywhere.

A query is a string of symbols: a latin letter stands for the start (or the next letter) of a
reading, any other character for a character of the name. A query of up to three symbols
matches a name exactly when it is among the name's keys, so the first keystrokes need no
checking at all; a longer query's first three symbols give its candidates (a superset), which
:func:`best_tier` or a regex then checks. A name is a list of units (character, readings);
which units begin a word comes from its reading (see resources/catalogue/README.md).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence

#: One unit of a name: its character (as the index stores it) and its readings.
Unit = tuple[str, Sequence[str]]


def is_letter(ch: str) -> bool:
    """A query symbol that matches readings (a latin letter) rather than a character."""
    return "a" <= ch <= "z"


#: The longest queries the keys answer exactly; a longer one is checked against their names.
KEY_SYMBOLS = 3


def keys_at(units: Sequence[Unit], k: int) -> set[str]:
    """Every query of up to :data:`KEY_SYMBOLS` symbols that matches ``units`` from unit ``k``
    (the same rules as :func:`matches_from`)."""
    keys: set[str] = set()
    size = len(units)
    # (typed so far, next unit, the reading being typed and how far)
    stack: list[tuple[str, int, str, int]] = [("", k, "", 0)]
    while stack:
        typed, at, reading, done = stack.pop()
        if typed:
            keys.add(typed)
            if len(typed) == KEY_SYMBOLS:
                continue
        if done and done < len(reading) and is_letter(reading[done]):
            stack.append((typed + reading[done], at, reading, done + 1))
        if at < size:
            char, readings = units[at]
            stack.extend((typed + r[0], at + 1, r, 1) for r in readings if is_letter(r[0]))
            if not is_letter(char):  # a letter of a name is found through its reading
                stack.append((typed + char, at + 1, "", 0))
    return keys


def name_keys(
    units: Sequence[Unit], word_starts: Iterable[int], memo: dict[tuple[Unit, ...], set[str]]
) -> tuple[set[str], ...]:
    """The keys of a name: matching at its start, at a word start, anywhere. ``memo`` keeps the
    keys of runs of units met before (names share their words: 证明, 申请, …)."""
    at: list[set[str]] = []
    for k in range(len(units)):
        run = tuple(units[k : k + KEY_SYMBOLS])  # a key spans at most this many units
        found = memo.get(run)
        if found is None:
            found = memo[run] = keys_at(run, 0)
        at.append(found)
    if not at:
        return set(), set(), set()
    word: set[str] = set()
    for k in word_starts:
        if k < len(at):
            word |= at[k]
    return at[0], word, set().union(*at)


class Postings:
    """Key → the numbers of the names it matches (ascending), for one tier (start, word start,
    anywhere). Built in name order with :meth:`add`; kept as packed arrays."""

    def __init__(self) -> None:
        self._lists: dict[str, array[int] | bytes] = {}

    def add(self, n: int, keys: Iterable[str]) -> None:
        """Record that name ``n`` (greater than every name added before) has ``keys``."""
        lists = self._lists
        for key in keys:
            found = lists.get(key)
            if found is None:
                lists[key] = array("i", (n,))
            elif isinstance(found, array):
                found.append(n)
            else:
                raise ValueError("postings loaded from a cache are read-only")

    def get(self, key: str) -> array[int]:
        """The names with ``key`` (an empty array when none)."""
        found = self._lists.get(key)
        if found is None:
            return _EMPTY
        if isinstance(found, bytes):  # as loaded: unpacked on first use
            names = array("i")
            names.frombytes(found)
            found = self._lists[key] = names
        return found

    def dump(self) -> dict[str, bytes]:
        """The postings as plain data (for a cache file)."""
        return {k: v if isinstance(v, bytes) else v.tobytes() for k, v in self._lists.items()}

    @classmethod
    def load(cls, data: dict[str, bytes]) -> Postings:
        """Postings from :meth:`dump`'s data."""
        if not isinstance(data, dict):
            raise TypeError("postings")
        postings = cls()
        postings._lists = dict(data)
        return postings


_EMPTY: array[int] = array("i")


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility ideographs)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def safe(ch: str) -> str:
    """A character as stored in the corpus and compared with a query: normalised like queries
    (full-width "（" is "("), the corpus's markup characters replaced."""
    if "\u4e00" <= ch <= "\u9fff":  # the common case, unchanged by normalisation
        return ch
    folded = unicodedata.normalize("NFKC", ch).lower()
    ch = folded if len(folded) == 1 else ch
    return "_" if ch in "#|~" else ch


# A unit is <sep><char>~<reading>~<reading>…, sep "#" at a word start, "|" elsewhere.
_READING = "[^#|\\n]*?~"  # within a unit, up to the start of any of its readings
_NEXT_UNIT = "[^#|\\n]*+[#|]"  # skip the rest of this unit, up to the next one's separator


def query_patterns(q: str) -> tuple[str, str, str]:
    """A (normalised) query as regexes over a name's line, one per tier: matching at the start
    of the name (searched from the newline before it), at a word start, anywhere. A Chinese
    character must be that character; a run of latin
    letters must be prefixes of the readings of consecutive characters. Every regex starts with
    a literal, so the regex engine skips quickly to the candidates."""
    first: list[str] = []  # the first token: anywhere, at a word start
    rest: list[str] = []
    previous = ""  # "", "latin" or "han"
    for ch in q:
        latin = is_letter(ch)
        literal = ch if is_han(ch) else "[#|]" + re.escape(safe(ch))
        if not previous:
            if latin:
                first = ["~" + ch, "#" + _READING + ch]
            else:
                first = [literal, "#" + re.escape(safe(ch))]
        elif latin:
            jump = _NEXT_UNIT + _READING
            # after a letter: continue the same reading, or jump to the next character
            rest.append(f"(?:{jump})??{ch}" if previous == "latin" else jump + ch)
        else:
            rest.append(_NEXT_UNIT + re.escape(safe(ch)))
        previous = "latin" if latin else "han"
    body = "".join(rest)
    return "\\n" + first[1] + body, first[1] + body, first[0] + body


def matches_from(units: Sequence[Unit], k: int, symbols: str) -> bool:
    """Whether the query ``symbols`` (letters, and characters as :func:`safe` gives them) matches
    ``units`` starting at unit ``k`` — what the regexes of :func:`query_patterns` find, without
    compiling one (for a few names that is faster)."""
    size, end = len(units), len(symbols)
    # (next unit, symbols matched, the reading being typed and how far) to try
    stack: list[tuple[int, int, str, int]] = [(k, 0, "", 0)]
    while stack:
        at, i, reading, typed = stack.pop()
        if i == end:
            return True
        ch = symbols[i]
        if "a" <= ch <= "z":
            if at < size:
                stack.extend((at + 1, i + 1, r, 1) for r in units[at][1] if r[0] == ch)
            if typed and typed < len(reading) and reading[typed] == ch:
                stack.append((at, i + 1, reading, typed + 1))
        elif at < size and units[at][0] == ch:
            stack.append((at + 1, i + 1, "", 0))
    return False


def best_tier(units: Sequence[Unit], word_starts: frozenset[int], symbols: str) -> int:
    """Where ``symbols`` matches a name best: 0 at its start, 1 at a word start, 2 elsewhere, 3
    nowhere."""
    if matches_from(units, 0, symbols):
        return 0
    rest = [k for k in range(1, len(units)) if k in word_starts]
    if any(matches_from(units, k, symbols) for k in rest):
        return 1
    others = (k for k in range(1, len(units)) if k not in word_starts)
    return 2 if any(matches_from(units, k, symbols) for k in others) else 3


class Verifier:
    """Where one query (longer than the keys) matches each form (a distinct name: its units and
    word starts, its line in the corpus), worked out once per search: with the small matcher
    for a few forms, with one regex over the corpus for many."""

    _MANY = 40  # from this many forms to check a regex pays for its compiling

    def __init__(
        self,
        text: str,
        units: list[list[Unit]],
        word_starts: list[frozenset[int]],
        corpus: str,
        starts: list[int],
    ) -> None:
        self._units, self._word_starts = units, word_starts
        self._corpus, self._starts = corpus, starts
        self._symbols = "".join(ch if is_letter(ch) else safe(ch) for ch in text)
        self._text = text
        self._regex: re.Pattern[str] | None = None
        self._many = False
        self._known: dict[int, int] = {}

    def expect(self, count: int) -> None:
        """A scan of ``count`` forms is starting."""
        self._many = self._many or count >= self._MANY

    def tier(self, form: int) -> int:
        """The form's best tier (0 start, 1 word start, 2 anywhere), 3 when it does not match."""
        found = self._known.get(form)
        if found is None:
            if self._many:
                found = self._by_regex(form)
            else:
                found = best_tier(self._units[form], self._word_starts[form], self._symbols)
            self._known[form] = found
        return found

    def _by_regex(self, form: int) -> int:
        if self._regex is None:
            self._regex = re.compile(f"(?=(?:{query_patterns(self._text)[2]}))")
        corpus, starts = self._corpus, self._starts
        lo = starts[form]
        hi = starts[form + 1] - 1 if form + 1 < len(starts) else len(corpus)
        best = 3
        for match in self._regex.finditer(corpus, lo, hi):
            at = match.start()
            unit = max(corpus.rfind("#", lo, at + 1), corpus.rfind("|", lo, at + 1))
            found = 0 if unit == lo else 1 if corpus[unit] == "#" else 2
            if found < best:
                best = found
                if best == 0:
                    break
        return best


class TopHits:
    """The best hits so far and whether ``limit`` of them rank before a given score and name: a
    search's stopping rule (names are scanned best first, so once that holds, no later name of
    the scan can enter the result)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._best: dict[int, int] = {}  # name → its best score
        self._top: list[tuple[int, int]] = []  # the ``limit`` best as (-score, name), in order

    def offer(self, n: int, score: int) -> None:
        """Name ``n`` matches with ``score`` (its best score is kept)."""
        old = self._best.get(n)
        if old is not None:
            if old >= score:
                return
            i = bisect.bisect_left(self._top, (-old, n))
            if i < len(self._top) and self._top[i] == (-old, n):
                del self._top[i]
        self._best[n] = score
        bisect.insort(self._top, (-score, n))
        if len(self._top) > self.limit:
            self._top.pop()

    def full_before(self, score: int, n: int) -> bool:
        """Whether ``limit`` hits rank before name ``n`` at ``score``."""
        return len(self._top) >= self.limit and self._top[-1] < (-score, n)

    def ranked(self) -> list[tuple[int, int]]:
        """The best hits as (name, score), best first."""
        return [(n, -negative) for negative, n in self._top]
