"""Benchmarks measured against the budgets of DESIGN.md §5 (never timed tests).

Each ``benchmarks/bench_*.py`` module exposes ``run() -> Iterable[Figure]``; ``python -m
benchmarks [NAME ...]`` runs them and prints one JSON line per figure.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parents[1]


class Figure(TypedDict):
    """One measured figure: ``ok`` is whether it is within ``budget`` (None: no budget)."""

    name: str
    value: float
    unit: str
    budget: float | None
    ok: bool | None


def figure(
    name: str,
    value: float,
    unit: str,
    budget: float | None = None,
    *,
    higher_is_better: bool = False,
) -> Figure:
    """Build a figure, judging it against its budget."""
    ok: bool | None = None
    if budget is not None:
        ok = value >= budget if higher_is_better else value <= budget
    return Figure(name=name, value=round(value, 3), unit=unit, budget=budget, ok=ok)


def percentile(samples: list[float], pct: float) -> float:
    """The ``pct`` percentile (0-100) of samples, nearest-rank."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass(frozen=True)
class SandboxServer:
    """A running ``clerkapp platform serve`` process: its URL, data directory and process."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]


@contextmanager
def sandbox_process(state_dir: Path, *options: str) -> Iterator[SandboxServer]:
    """The sandbox on a free loopback port in its own process, as in training mode (neither the
    GUI's nor the client's work shares its interpreter); ``options`` go to ``platform serve``
    (e.g. ``--latency-ms 300``). Its data and ready file are kept in ``state_dir``."""
    state_dir.mkdir(parents=True, exist_ok=True)
    ready = state_dir / "ready"
    data = state_dir / "data"
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    command += ["--data", str(data), "--ready-file", str(ready), *options]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (ready.exists() and ready.read_text(encoding="utf-8").strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the sandbox did not start")
            time.sleep(0.05)  # polling the ready file with a deadline
        yield SandboxServer(ready.read_text(encoding="utf-8").strip(), data, process)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
