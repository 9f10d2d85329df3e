"""Render each document kind for the sample case to PNG (for docs/documents/ and a look by eye).

Usage: ``python tools/render_documents.py [--out docs/documents] [--dpi 110]`` from the repository
root. Needs ``pdftoppm`` (poppler-utils). Writes ``<kind>[-<variant>].pdf`` to a temporary
folder and ``<kind>[-<variant>]-<page>.png`` to ``--out``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataclasses import replace

from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.documents.samples import sample_data

VARIANTS = {
    "": {},
    "-provisional": {"provisional": True},
    "-copy": {"copy_number": 2},  # the first reprint
    "-rare-name": {"name": "王䶮𠇔㐀𠮷"},  # Ext A/B, two of them from the fallback fonts
}
# Variants set on the finished data (issue 8): a corrected document naming the one it replaces,
# and the 存档联 of a 一式两份 print.
DATA_VARIANTS = {
    "-corrected": {"replaces": "金市建决〔2026〕122号"},
    "-file-copy": {"copy_number": 2, "copy_label": "存档联"},
}


def main() -> None:
    """Build the sample documents and rasterise their pages with pdftoppm."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/documents")
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument(
        "--all-variants",
        action="store_true",
        help="also the provisional, copy and rare-name variants of every kind",
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in DocumentKind:
            variants = [(suffix, options, {}) for suffix, options in VARIANTS.items()]
            variants += [(suffix, {}, changes) for suffix, changes in DATA_VARIANTS.items()]
            for suffix, options, changes in variants:
                if suffix and not args.all_variants and kind is not DocumentKind.DECISION:
                    continue
                pdf = Path(tmp) / f"{kind.value}{suffix}.pdf"
                data = replace(sample_data(kind, **options), **changes)  # type: ignore[arg-type]
                pdf.write_bytes(build_pdf(data))
                subprocess.run(
                    ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(out / pdf.stem)],
                    check=True,
                )
    for png in sorted(out.glob("*.png")):
        print(png)


if __name__ == "__main__":
    main()
