"""Run the benchmarks: ``python -m benchmarks [NAME ...]`` (NAME: e.g. ``catalogue_search`` for
``benchmarks/bench_catalogue_search.py``). Prints one JSON line per figure; exits 1 when a figure
is over its budget. With more than one benchmark, each runs in a process of its own."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
from pathlib import Path

import benchmarks


def main(argv: list[str]) -> int:
    """Discover and run the benchmark modules, each in a fresh ``$CLERKAPP_HOME``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(Path(benchmarks.__file__).parent)])
        if m.name.startswith("bench_")
    )
    if any(a in ("-h", "--help") for a in argv):
        print(f"{__doc__}\nbenchmarks: {' '.join(names)}")
        return 0
    wanted = set(argv)
    unknown = sorted(wanted - set(names))
    if unknown:
        # A typo must not pass as a green run that measured nothing.
        print(
            f"unknown benchmark(s): {' '.join(unknown)}; known: {' '.join(names)}", file=sys.stderr
        )
        return 2
    selected = [n for n in names if not wanted or n in wanted]
    if len(selected) > 1:
        # Each module in a process of its own, as the app runs: one module's leftovers (its
        # contexts' catalogues, fonts, Qt objects) must not weigh on the next one's figures
        # (a sync stall measured 100 ms after the GUI benchmarks in one process, 20 ms alone).
        failed = 0
        for name in selected:
            result = subprocess.run([sys.executable, "-m", "benchmarks", name], check=False)
            failed += result.returncode != 0
        return 1 if failed else 0
    over = 0
    for name in selected:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        with tempfile.TemporaryDirectory(prefix="clerkapp-bench-") as home:
            os.environ["CLERKAPP_HOME"] = home
            for fig in module.run():
                print(json.dumps(fig, ensure_ascii=False), flush=True)
                over += fig["ok"] is False
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
