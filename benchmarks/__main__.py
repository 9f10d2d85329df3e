"""Run the benchmarks: ``python -m benchmarks [NAME ...]`` (NAME: e.g. ``catalogue_search`` for
``benchmarks/bench_catalogue_search.py``). Prints one JSON line per figure; exits 1 when a figure
is over its budget."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
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
    over = 0
    for name in names:
        if wanted and name not in wanted:
            continue
        module = importlib.import_module(f"benchmarks.bench_{name}")
        with tempfile.TemporaryDirectory(prefix="clerkapp-bench-") as home:
            os.environ["CLERKAPP_HOME"] = home
            for fig in module.run():
                print(json.dumps(fig, ensure_ascii=False), flush=True)
                over += fig["ok"] is False
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
