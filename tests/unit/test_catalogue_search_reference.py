"""The catalogue search (keys, distinct names, narrowing, early stop) finds exactly what a brute-
force search finds: every name checked against the query's regexes, every hit scored, sorted."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from clerkapp.core.catalogue import Catalogue
from clerkapp.core.search import (
    _ALIAS_PENALTY,
    _CANONICAL_BONUS,
    _EXACT,
    _PREFIX,
    _SUBSTRING,
    _WORD,
    ALIASES,
    KINDS,
    CatalogueIndex,
    Hit,
    normalise_query,
    parse_reading,
    reading_of,
    word_starts,
)
from clerkapp.core.search_keys import best_tier, query_patterns, safe
from tests.unit.test_catalogue_search import full_index, small_catalogue


@cache
def bundled() -> Catalogue:
    import json

    from tests.unit.test_catalogue_search import BUNDLED, parse_catalogue

    result = parse_catalogue(json.loads(BUNDLED.read_text(encoding="utf-8")))
    assert result.catalogue is not None
    return result.catalogue


Row = tuple[tuple[object, ...], Hit, str, list[list[str]], set[str]]


@cache
def small() -> Catalogue:
    return small_catalogue()


_ROWS: dict[int, tuple[Catalogue, list[Row]]] = {}


def rows(catalogue: Catalogue) -> list[Row]:
    """Every name: its rank key, its hit (score: its bonus), its line of units, readings, exact
    keys; best first."""
    if id(catalogue) not in _ROWS:
        _ROWS[id(catalogue)] = (catalogue, _rows(catalogue))
    return _ROWS[id(catalogue)][1]


def _rows(catalogue: Catalogue) -> list[Row]:
    required_by: dict[str, str] = {}
    for m in catalogue.matters.values():
        for code in m.proofs:
            required_by.setdefault(code, m.name)
    out: list[Row] = []
    entries = [
        ("matter", m.code, m.name, m.department, 0 if m.synthetic else _CANONICAL_BONUS,
         "即办件" if m.decided_at_counter else f"{m.time_limit_days} 个工作日", m.pinyin, "")
        for m in catalogue.matters.values()
    ] + [
        ("proof", p.code, p.name, p.issuer, 0, p.method.label_zh, p.pinyin,
         required_by.get(p.code, ""))
        for p in catalogue.proofs.values()
    ]  # fmt: skip
    for kind, code, name, dept, bonus, detail, reading, matter in entries:
        per_char = parse_reading(name, reading) if reading else None
        if per_char is None:
            reading = reading_of(name)
            per_char = parse_reading(name, reading) or [[] for _ in name]
        starts = word_starts(reading)
        line = "".join(
            ("#" if k in starts else "|") + safe(ch) + "".join("~" + r for r in rs)
            for k, (ch, rs) in enumerate(zip(name, per_char, strict=True))
        )
        exact = {
            normalise_query(name),
            "".join(r[0] for r in per_char if r),
            "".join(r[0][0] for r in per_char if r),
        }
        rank = (-bonus, kind != "matter", len(name), code)
        out.append((rank, Hit(kind, code, name, dept, bonus, detail, matter), line, per_char,
                    exact))  # fmt: skip
    out.sort(key=lambda row: row[0])
    return out


def reference(catalogue: Catalogue, query: str, limit: int, kinds: tuple[str, ...]) -> list[Hit]:
    """The brute-force search: every name, every variant, every tier."""
    q = normalise_query(query)
    if not q or limit <= 0:
        return []
    variants = [(q, 0)] + [
        (q.replace(short, full), _ALIAS_PENALTY)
        for short, full in ALIASES.items()
        if short in q and short != full
    ]
    compiled = [([re.compile(p) for p in query_patterns(text)], pen) for text, pen in variants]
    scored: list[tuple[int, int, Hit]] = []
    for n, (_, hit, line, _, exact) in enumerate(rows(catalogue)):
        if hit.kind not in kinds:
            continue
        bonus = hit.score
        best = _EXACT + bonus if q in exact else -1
        for (prefix, word, anywhere), penalty in compiled:
            if prefix.match("\n" + line):
                tier = _PREFIX
            elif word.search(line):
                tier = _WORD
            elif anywhere.search(line):
                tier = _SUBSTRING
            else:
                continue
            best = max(best, tier + bonus - penalty)
        if best >= 0:
            scored.append((-best, n, hit))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [
        Hit(h.kind, h.code, h.name, h.department, -negative, h.detail, h.matter)
        for negative, _, h in scored[:limit]
    ]


LETTERS = "gonzulihafqsebxjdmyc"
CHARACTERS = "公共租赁住房长期保险社证明登记户籍婚姻营业执照（("


@settings(max_examples=120, deadline=None)
@given(
    text=st.text(alphabet=LETTERS + CHARACTERS + " ", min_size=1, max_size=9),
    limit=st.sampled_from([1, 3, 20]),
    kinds=st.sampled_from([KINDS, ("matter",), ("proof",)]),
)
def test_typing_finds_what_brute_force_finds_small(
    text: str, limit: int, kinds: tuple[str, ...]
) -> None:
    catalogue = small()
    index = CatalogueIndex.build(catalogue)
    for n in range(1, len(text) + 1):  # typed key by key: the index narrows as it goes
        assert index.search(text[:n], limit, kinds) == reference(catalogue, text[:n], limit, kinds)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=LETTERS + CHARACTERS, min_size=1, max_size=8),
    limit=st.sampled_from([5, 20, 60]),
    kinds=st.sampled_from([KINDS, ("proof",)]),
)
def test_typing_finds_what_brute_force_finds_bundled(
    text: str, limit: int, kinds: tuple[str, ...]
) -> None:
    index = full_index().fork()  # the same data, a typing history of its own
    for n in range(1, len(text) + 1):
        got = index.search(text[:n], limit, kinds)
        assert got == reference(bundled(), text[:n], limit, kinds), text[:n]


def test_what_clerks_type_finds_what_brute_force_finds() -> None:
    from benchmarks.bench_catalogue_search import keystrokes

    index = full_index().fork()
    for query in keystrokes():  # in typing order: narrowing from each keystroke to the next
        assert index.search(query) == reference(bundled(), query, 20, KINDS), query


def test_the_matcher_agrees_with_the_regexes() -> None:
    """Few names are checked by a small matcher, many by one regex: they must agree."""
    for _, _, line, per_char, _ in rows(bundled())[::7]:
        units = [(safe(u[1]), rs) for u, rs in zip(re.findall(r"([#|])([^~#|]*)", line),
                                                   per_char, strict=True)]  # fmt: skip
        starts = frozenset(k for k, u in enumerate(re.findall(r"[#|]", line)) if u == "#")
        for query in ["zh", "zhengm", "gg", "证明", "zm", "hj", "登记", "shenq", "ji证"]:
            prefix, word, anywhere = (re.compile(p) for p in query_patterns(query))
            expected = (
                0 if prefix.match("\n" + line) else 1 if word.search(line)
                else 2 if anywhere.search(line) else 3
            )  # fmt: skip
            assert best_tier(units, starts, query) == expected, (line, query)
