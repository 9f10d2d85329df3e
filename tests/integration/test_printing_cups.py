"""Printing through a real CUPS (a private scheduler, tests/cups_fixture.py): the PDF arrives
as a PDF with its text layer — vector output, not a raster — one job for the original and its
存档联; a printer CUPS does not know is a clear refusal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.documents.samples import sample_data
from clerkapp.infra.printing import PrinterError, cups_lp, lp_command, send_to_cups
from tests.cups_fixture import PrivateCups, private_cups  # noqa: F401  (the fixture)
from tests.integration.documents_cases import pdf_text


def test_the_lp_command_prints_files_as_one_job_without_a_shell() -> None:
    files = [Path("/tmp/a.pdf"), Path("/tmp/b.pdf")]
    command = lp_command("/usr/bin/lp", "Counter-3", 2, "金市建决〔2026〕1号", files)
    assert command == [
        "/usr/bin/lp",
        "-d",
        "Counter-3",
        "-n",
        "2",
        "-t",
        "金市建决〔2026〕1号",
        "-o",
        "media=A4",
        "--",
        "/tmp/a.pdf",
        "/tmp/b.pdf",
    ]
    assert lp_command("lp", "", 1, "t", files)[:3] == ["lp", "-n", "1"]  # the default printer


def test_a_pdf_printed_through_cups_keeps_its_text_layer(
    private_cups: PrivateCups,  # noqa: F811
) -> None:
    assert cups_lp() is not None
    data = sample_data(DocumentKind.DECISION)
    original = build_pdf(data)
    file_copy = build_pdf(replace(data, copy_number=2, copy_label="存档联"))
    job = send_to_cups(
        [original, file_copy], printer=private_cups.printer, copies=1, title=data.number
    )
    assert job.startswith(private_cups.printer)
    printed = private_cups.wait_for_output()
    text = pdf_text(printed[printed.index(b"%PDF") :])
    assert data.number in text and "给付决定书" in text  # text, not pixels
    assert "存档联" in text  # both papers in the one job


def test_a_printer_cups_does_not_know_is_refused_in_words(
    private_cups: PrivateCups,  # noqa: F811
) -> None:
    with pytest.raises(PrinterError) as info:
        send_to_cups([b"%PDF-1.4"], printer="no-such-printer", copies=1, title="t")
    assert "no-such-printer" in info.value.user_message
