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

import datetime as dt
from dataclasses import replace

from clerkapp.infra.documents import DocumentKind, build_pdf, voided_copy, voided_note
from clerkapp.infra.documents.model import DocumentData
from clerkapp.infra.documents.samples import licence_sample, sample_data

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
# The 作废存档联 of a voided number (the file's copy, stamped 作废 with the approval's note).
VOID_NOTE = voided_note(dt.date(2026, 11, 28), "赵敏", "申请事项名称打印有误，已重新出具")
# Whole samples of another matter: the decision and refusal of a 行政许可 (a business).
OTHER_SAMPLES = {"-licence": licence_sample}


def _variants(kind: DocumentKind, every: bool) -> list[tuple[str, DocumentData]]:
    """The (file suffix, data) of ``kind`` to render: the decision's variants always, every
    kind's with ``every``."""
    out = [("", sample_data(kind))]
    if every or kind is DocumentKind.DECISION:
        out += [
            (suffix, sample_data(kind, **options))  # type: ignore[arg-type]
            for suffix, options in VARIANTS.items()
            if suffix
        ]
        out += [
            (suffix, replace(sample_data(kind), **changes))  # type: ignore[arg-type]
            for suffix, changes in DATA_VARIANTS.items()
        ]
        out.append(("-voided", voided_copy(sample_data(kind), VOID_NOTE)))
    if kind in (DocumentKind.DECISION, DocumentKind.REFUSAL):
        out += [(suffix, sample(kind)) for suffix, sample in OTHER_SAMPLES.items()]
    return out


def main() -> None:
    """Build the sample documents and rasterise their pages with pdftoppm."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/documents")
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument(
        "--all-variants",
        action="store_true",
        help="every variant (provisional, copy, rare name, corrected, file copy, voided) of every"
        " kind, not only of the decision",
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in DocumentKind:
            for suffix, data in _variants(kind, args.all_variants):
                pdf = Path(tmp) / f"{kind.value}{suffix}.pdf"
                pdf.write_bytes(build_pdf(data))
                subprocess.run(
                    ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(out / pdf.stem)],
                    check=True,
                )
    for png in sorted(out.glob("*.png")):
        print(png)


if __name__ == "__main__":
    main()
