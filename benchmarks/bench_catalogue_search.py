"""Catalogue search per keystroke and the time to load the catalogue and build its index, over the
bundled city catalogue (×1: 2,729 proof items) and the city with its nine counties (×10: 27,290
proof items, written by ``tools/gen_catalogue.py --counties`` when the benchmark runs). Goals
(DESIGN.md §5, issue 13): load + index ≤ 300 ms, search p95 ≤ 1 ms per keystroke for Chinese
characters, full pinyin and initials, at both scales.

The keystroke sequence is what clerks type: Chinese names character by character (as an input
method commits them), pinyin letter by letter, initials, two-character queries, mixed input.
"""

from __future__ import annotations

import gc
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import ROOT, Figure, figure, percentile

TYPED_CHINESE = [
    "公共租赁住房",
    "一次性丧葬抚恤金",
    "综合计算工时",
    "建筑业企业资质",
    "最低生活保障",
    "无犯罪记录证明",
    "不动产转移登记",
    "营业执照变更",
    "残疾人证",
    "住房公积金提取",
]
TYPED_PINYIN = [
    "gonggongzulin",
    "gong gong zu lin",
    "sangzangfuxu",
    "zonghejisuan",
    "dibao",
    "shebao",
    "wufanzuijilu",
    "budongchan",
    "yingyezhizhao",
    "zhufanggongjijin",
    "changqihuli",
    "zhangqihuli",
    "hunyinzhuangkuang",
    "qinshuguanxi",
]
INITIALS = [
    "ggzl",
    "ggzlzf",
    "zhjsgs",
    "zdshbz",
    "wfzjl",
    "bdcdj",
    "yyzzbg",
    "cjrz",
    "zfgjj",
    "hyzk",
    "qsgx",
    "sbzm",
    "hjzm",
    "jzzm",
]
TWO_CHAR = [
    "租赁",
    "社保",
    "证明",
    "户籍",
    "婚姻",
    "车辆",
    "房产",
    "收入",
    "档案",
    "执照",
    "许可",
    "补贴",
    "登记",
    "承诺",
    "居住",
    "死亡",
    "在职",
    "学历",
    "纳税",
    "残疾",
]
MIXED = ["公共zl", "gonggong租赁", "社会bx", "无犯罪jl", "zhufang公积金"]  # fmt: skip


KINDS_OF_QUERY = {
    "characters": [*TYPED_CHINESE, *TWO_CHAR],
    "full pinyin": TYPED_PINYIN,
    "initials": INITIALS,
    "mixed": MIXED,
}
LOAD_GOAL_MS = 300.0
SEARCH_GOAL_MS = 1.0


def typed(texts: list[str]) -> list[str]:
    """Every prefix of every text, in typing order: one search per keystroke."""
    return [text[:n] for text in texts for n in range(1, len(text) + 1) if text[:n].strip()]


def keystrokes() -> list[str]:
    """Every prefix of every typed query: one search per keystroke."""
    return typed([*TYPED_CHINESE, *TYPED_PINYIN, *INITIALS, *MIXED]) + TWO_CHAR


def _load() -> tuple[Any, Any]:
    """The active catalogue and its search index, as the wizard gets them."""
    from clerkapp.infra import catalogue_io

    load_indexed = getattr(catalogue_io, "load_indexed", None)
    if load_indexed is not None:
        catalogue, index = load_indexed()
        return catalogue, index
    from clerkapp.core.search import CatalogueIndex

    catalogue = catalogue_io.load_catalogue()
    return catalogue, CatalogueIndex.build(catalogue)


def _per_key(index: Any, queries: list[str]) -> tuple[list[float], list[float], list[float]]:
    """Each keystroke's time (the median of three rounds: the machine is shared, one preemption
    by another process must not count as search time), the raw samples and each keystroke's
    CPU time (median of the rounds; on a loaded machine the steadier figure)."""
    rounds: list[list[float]] = []
    cpu_rounds: list[list[float]] = []
    gc.collect()
    for _ in range(3):
        re.purge()  # every keystroke is a new query: its regex compile is part of the cost
        index.search("", limit=20)
        samples: list[float] = []
        cpu: list[float] = []
        for q in queries:
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.search(q, limit=20)
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        rounds.append(samples)
        cpu_rounds.append(cpu)
    per_key = [sorted(times)[1] for times in zip(*rounds, strict=True)]
    per_key_cpu = [sorted(times)[1] for times in zip(*cpu_rounds, strict=True)]
    return per_key, [t for samples in rounds for t in samples], per_key_cpu


def _scale(label: str, path: Path | None) -> Iterator[Figure]:
    """The figures of one catalogue: installed in a fresh data directory (``path``) or the
    bundled one (None). Loaded twice: the first start after an import (no cache yet) and every
    start after it."""
    from clerkapp.infra import catalogue_io

    installed = catalogue_io.installed_path()
    if path is not None:
        installed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, installed)
    else:
        installed.unlink(missing_ok=True)
    cache = getattr(catalogue_io, "index_cache_path", None)
    if cache is not None:
        cache().unlink(missing_ok=True)
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    catalogue, index = _load()
    first, first_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    proofs, names = len(catalogue.proofs), len(index)
    del catalogue, index
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    _, index = _load()
    again, again_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    yield figure(f"catalogue {label}: load + index, first start ({proofs} proofs, {names} names)",
                 first, "ms")  # fmt: skip
    yield figure(f"catalogue {label}: load + index, first start, CPU", first_cpu, "ms")
    yield figure(f"catalogue {label}: load + index", again, "ms", LOAD_GOAL_MS)
    yield figure(f"catalogue {label}: load + index, CPU", again_cpu, "ms")

    for kind, texts in KINDS_OF_QUERY.items():
        per_key, raw, cpu = _per_key(index, typed(texts))
        goal = None if kind == "mixed" else SEARCH_GOAL_MS
        yield figure(f"catalogue {label}: search p95 per keystroke, {kind} ({len(per_key)})",
                     percentile(per_key, 95), "ms", goal)  # fmt: skip
        yield figure(f"catalogue {label}: search p95 per keystroke, {kind}, CPU",
                     percentile(cpu, 95), "ms")  # fmt: skip
        yield figure(f"catalogue {label}: search max, {kind}, raw samples", max(raw), "ms")
    per_key, _, _ = _per_key(index, keystrokes())
    yield figure(f"catalogue {label}: search p50, all {len(per_key)} keystrokes",
                 percentile(per_key, 50), "ms")  # fmt: skip

    # Whole queries in a shuffled order (as from the CLI): no keystroke to narrow from.
    whole = [*TYPED_CHINESE, *TYPED_PINYIN, *INITIALS, *TWO_CHAR, *MIXED]
    random.Random(7).shuffle(whole)
    fresh: list[float] = []
    for _ in range(3):
        re.purge()
        for q in whole:
            start = time.perf_counter()
            index.search(q, limit=20)
            fresh.append((time.perf_counter() - start) * 1000)
    yield figure(f"catalogue {label}: search p95, whole queries ({len(whole)} x3)",
                 percentile(fresh, 95), "ms")  # fmt: skip


def run() -> Iterator[Figure]:
    """×1 (bundled) and ×10 (generated now), each loaded, indexed and searched keystroke by
    keystroke."""
    import clerkapp.core.search  # noqa: F401  (its import is not catalogue loading)

    yield from _scale("x1", None)
    with tempfile.TemporaryDirectory(prefix="clerkapp-bench-x10-") as tmp:
        path = Path(tmp) / "jinhua-counties.json"
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "gen_catalogue.py"), "--counties", "--output",
             str(path)], check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip
        yield from _scale("x10", path)
