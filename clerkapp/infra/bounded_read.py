"""The one way ClerkApp reads a file a person hands it or may have edited: a catalogue, the
holiday override file, a trainer's dataset, ``settings.json``, ``gui.json``, the sandbox's
``workstations.json``.

Every read is bounded: regular files only (a directory, a FIFO or ``/dev/zero`` is refused before
anything is read, and the file is opened non-blocking so a FIFO swapped in cannot hang the
process), at most the kind's size limit, strict UTF-8 with the position of a bad byte, and for
JSON the depth, element and number limits of :mod:`clerkapp.core.bounded_json`. Any problem is
an :class:`~clerkapp.core.bounded_json.InputError` (``location``, ``field``, ``message``), which
each caller reports as ``file: location: field: message``. The limits are in docs/CONTRACTS.md.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerkapp.core.bounded_json import InputError, JsonLimits, decode_utf8, parse_json

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class FileKind:
    """A kind of file and its limits: ``label`` (Chinese, in messages), the largest size in
    bytes, and the JSON limits (per line for a JSON-lines file)."""

    label: str
    max_bytes: int
    json: JsonLimits = field(default_factory=JsonLimits)


#: The kinds of file the application reads, with their limits (docs/CONTRACTS.md).
CATALOGUE = FileKind("目录文件", 32 * MIB, JsonLimits(max_depth=16))
HOLIDAYS = FileKind("节假日覆盖文件", 1 * MIB, JsonLimits(max_depth=8, max_elements=100_000))
DATASET_MANIFEST = FileKind("数据集清单", 1 * MIB, JsonLimits(max_depth=8, max_elements=10_000))
DATASET_TABLE = FileKind("数据集文件", 256 * MIB, JsonLimits(max_depth=8, max_elements=10_000))
SETTINGS = FileKind("工作站配置文件", 256 * KIB, JsonLimits(max_depth=8, max_elements=10_000))
PREFERENCES = FileKind("界面偏好文件", 64 * KIB, JsonLimits(max_depth=8, max_elements=1_000))
WORKSTATIONS = FileKind("工作站名单", 1 * MIB, JsonLimits(max_depth=8, max_elements=100_000))

_CHUNK = 1 * MIB
#: Line ends of a JSON-lines file (as Python's text mode reads them: \r\n, \r or \n).
_LINES = re.compile(r"(\r\n|\r|\n)")


def _size(n: int) -> str:
    return f"{n / MIB:.1f} MB" if n >= MIB else f"{n} 字节"


def read_bytes(path: Path, kind: FileKind) -> bytes:
    """The bytes of the regular file ``path``, at most ``kind.max_bytes`` of them;
    :class:`InputError` when it is missing, unreadable, not a regular file or too large."""
    data = _read(path, kind, kind.max_bytes + 1)
    if len(data) > kind.max_bytes:  # it grew after it was measured
        raise InputError("$", "", f"{kind.label}过大：超过上限 {_size(kind.max_bytes)}")
    return data


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (whatever its length), with the
    same refusals as :func:`read_bytes` otherwise."""
    return _read(path, None, size)


def _read(path: Path, kind: FileKind | None, most: int) -> bytes:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError("$", "", f"无法读取文件：{exc.strerror or exc}") from None
    _check_regular(info, kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError("$", "", f"无法读取文件：{exc.strerror or exc}") from None
    try:
        _check_regular(os.fstat(fd), kind)  # the same file we checked, not one swapped in
        chunks: list[bytes] = []
        total = 0
        while total < most:
            chunk = os.read(fd, min(_CHUNK, most - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError("$", "", f"无法读取文件：{exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _check_regular(info: os.stat_result, kind: FileKind | None) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError("$", "", "这是一个目录，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("$", "", "不是普通文件（管道、设备或套接字不能作为输入）")
    if kind is not None and info.st_size > kind.max_bytes:
        raise InputError(
            "$", "", f"{kind.label}过大：{_size(info.st_size)}，上限 {_size(kind.max_bytes)}"
        )


def read_text(path: Path, kind: FileKind) -> tuple[str, int]:
    """The strict UTF-8 text of ``path`` (a leading byte-order mark dropped) and the number of
    bytes before it (3 after a mark, else 0)."""
    return decode_utf8(read_bytes(path, kind))


def read_json(path: Path, kind: FileKind) -> Any:
    """The JSON value in ``path`` within ``kind``'s limits (:class:`InputError` otherwise)."""
    text, offset = read_text(path, kind)
    return parse_json(text, kind.json, offset)


def read_json_lines(path: Path, kind: FileKind) -> list[tuple[int, Any | InputError]]:
    """Each non-blank line of the JSON-lines file ``path`` as ``(line number, value)``, or
    ``(line number, InputError)`` for a line that is not valid JSON within the limits (so a
    caller lists every bad line). A file that cannot be read or decoded raises InputError."""
    text, offset = read_text(path, kind)
    rows: list[tuple[int, Any | InputError]] = []
    parts = _LINES.split(text)  # line, end, line, end, …, last line
    for number, start in enumerate(range(0, len(parts), 2), start=1):
        line = parts[start]
        if line.strip():
            try:
                rows.append((number, parse_json(line, kind.json, offset, number)))
            except InputError as exc:
                rows.append((number, exc))
        end = parts[start + 1] if start + 1 < len(parts) else ""
        offset += len(line.encode("utf-8")) + len(end)
    return rows


def display_path(path: Path | str) -> str:
    """``path`` as text that can always be printed (bytes of a non-UTF-8 file name shown as
    ``\\xNN`` instead of breaking the output)."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")
