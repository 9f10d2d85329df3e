"""Printing a PDF as it is — vector, with its text layer — through CUPS (Linux).

The PDF files are handed to ``lp`` (CUPS' own client: it honours ``$CUPS_SERVER`` and the
user's default printer), one job for all the papers of one print (e.g. the original and its
存档联 of a 一式两份), without a shell. Where CUPS is not there (Windows, macOS builds without it,
a Linux without ``lp``) the GUI falls back to painting the pages through Qt
(:func:`clerkapp.gui.print_step.render_to_printer`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError

LP_TIMEOUT_S = 60
# What the print step (Qt's printing, in the GUI) tells the clerk when a job cannot be made.
PDF_NOT_LOADED = QT_TRANSLATE_NOOP("Printing", "文书无法打开，未能打印，请重新生成")
PRINTER_NOT_STARTED = QT_TRANSLATE_NOOP("Printing", "打印机无法开始打印，请检查打印机")
NO_PRINTER = QT_TRANSLATE_NOOP("Printing", "没有可用的打印机")
CANNOT_SAVE = QT_TRANSLATE_NOOP("Printing", "无法保存文件，请换一个位置或文件名")
_JOB_ID = re.compile(r"request id is (\S+)")


class PrinterError(ClerkAppError):
    """The print system did not take the job."""


def cups_lp() -> str | None:
    """The path of CUPS' ``lp`` on Linux, or None where PDF files cannot go straight to CUPS."""
    if not sys.platform.startswith("linux"):
        return None
    return shutil.which("lp")


def lp_command(lp: str, printer: str, copies: int, title: str, files: Sequence[Path]) -> list[str]:
    """The ``lp`` command line printing ``files`` as one job: on ``printer`` (empty: the
    default destination), ``copies`` times, titled ``title`` (the document number — never a
    name), A4 and unscaled (the PDF is laid out for A4 already)."""
    command = [lp]
    if printer:
        command += ["-d", printer]
    command += ["-n", str(max(1, copies)), "-t", title, "-o", "media=A4"]
    return [*command, "--", *(str(f) for f in files)]


def send_to_cups(
    papers: Sequence[bytes],
    *,
    printer: str,
    copies: int,
    title: str,
    lp: str | None = None,
    timeout: float = LP_TIMEOUT_S,
) -> str:
    """*worker* — print the PDFs ``papers`` as one CUPS job; returns the job id (e.g.
    ``counter-42``). Raises :class:`PrinterError` (Chinese message) when CUPS refuses."""
    lp = lp or cups_lp()
    if lp is None:
        raise PrinterError(
            "no lp",
            user_message=QT_TRANSLATE_NOOP("Printing", "本机未安装 CUPS 打印系统，无法直接打印"),
        )
    where = printer or QT_TRANSLATE_NOOP("Printing", "默认打印机")
    with tempfile.TemporaryDirectory(prefix="clerkapp-print-") as tmp:
        files = []
        for i, pdf in enumerate(papers, 1):
            path = Path(tmp) / f"paper-{i}.pdf"
            path.write_bytes(pdf)
            files.append(path)
        try:
            done = subprocess.run(
                lp_command(lp, printer, copies, title, files),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PrinterError(
                f"lp failed: {exc}",
                user_message=QT_TRANSLATE_NOOP(
                    "Printing", "打印系统无响应，未能打印到{where}，请检查打印机"
                ).format(where=where),
            ) from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PrinterError(
            f"lp exit {done.returncode}: {detail}",
            user_message=QT_TRANSLATE_NOOP(
                "Printing", "打印机“{where}”未接受打印任务：{value}"
            ).format(where=where, value=detail[-1] if detail else "未知原因"),
        )
    match = _JOB_ID.search(done.stdout)
    return match.group(1) if match else ""
