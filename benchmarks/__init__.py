"""Benchmarks measured against the budgets of DESIGN.md §5 (never timed tests).

Each ``benchmarks/bench_*.py`` module exposes ``run() -> Iterable[Figure]``; ``python -m
benchmarks [NAME ...]`` runs them and prints one JSON line per figure.
"""

from __future__ import annotations

from typing import TypedDict


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
