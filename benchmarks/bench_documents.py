"""Printed documents (DESIGN.md §5: one-page decision with CJK font, QR and signature ≤ 80 ms
warm). Figures: the decision and the pledge letter (which carries the signature image), each
built warm many times (p50/p95), and the one-off font registration measured in a fresh
interpreter (informational: the GUI does it off its thread at start)."""

from __future__ import annotations

import dataclasses
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Figure, figure, percentile
from clerkapp.infra.documents import DocumentKind, build_pdf, warm_up
from clerkapp.infra.documents.samples import sample_data

BUDGET_MS = 80.0
ROUNDS = 60
REPO = Path(__file__).resolve().parents[1]

_COLD_LOAD = (
    "import time; t = time.perf_counter();"
    "from clerkapp.infra.documents import fonts;"
    "loaded = fonts.fonts();"
    "print(loaded.load_seconds, time.perf_counter() - t)"
)


def _cold_font_load() -> tuple[float, float]:
    """(font registration, import + registration) seconds in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD_LOAD],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split()
    return float(out[0]), float(out[1])


def _build_times(kind: DocumentKind) -> list[float]:
    data = sample_data(kind, name="欧阳䶮𠮷")  # a rare name: the fallback fonts take part too
    build_pdf(data)  # first build of this kind: not counted (warm means fonts loaded)
    samples = []
    for _ in range(ROUNDS):
        # a new case each round, so the QR encoder's per-URL cache does not flatter the figure
        url = f"http://127.0.0.1:8765/p/{secrets.token_urlsafe(16)}"
        data = dataclasses.replace(data, tracking_url=url)
        started = time.perf_counter()
        pdf = build_pdf(data)
        samples.append((time.perf_counter() - started) * 1000)
        assert pdf.startswith(b"%PDF")
    return samples


def run() -> Iterator[Figure]:
    """Yield the document figures."""
    registration_s, with_import_s = _cold_font_load()
    yield figure("documents_font_load_ms", registration_s * 1000, "ms")
    yield figure("documents_import_and_font_load_ms", with_import_s * 1000, "ms")
    warm_up()
    for kind in (DocumentKind.DECISION, DocumentKind.PLEDGE):
        samples = _build_times(kind)
        yield figure(
            f"documents_{kind.value}_build_p50_ms", percentile(samples, 50), "ms", BUDGET_MS
        )
        yield figure(
            f"documents_{kind.value}_build_p95_ms", percentile(samples, 95), "ms", BUDGET_MS
        )
    size = len(build_pdf(sample_data(DocumentKind.DECISION)))
    yield figure("documents_decision_pdf_kb", size / 1024, "KiB")
