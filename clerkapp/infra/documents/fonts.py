"""The shipped CJK fonts: lazy, thread-safe registration with ReportLab, and per-character
fallback so no character of a citizen's name is ever printed blank.

ReportLab has no font fallback of its own: :func:`markup` wraps each run of characters the
primary font lacks in ``<font name=...>`` for the first fallback that has them, and raises
:class:`~clerkapp.errors.DocumentError` naming a character no shipped font has.
"""

from __future__ import annotations

import mmap
import threading
import time
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import DocumentError
from clerkapp.infra.paths import resources_dir

PRIMARY = "ClerkSong"  # AR PL UMing CN: Ming/Song style, the official look
FALLBACK_EXT_A = "ClerkSongExtA"  # Hanazono Mincho A, subset: URO + Ext A that UMing lacks
FALLBACK_EXT_B = "ClerkSongExtB"  # Hanazono Mincho B, subset: Ext B that UMing lacks

_FILES = (
    (PRIMARY, "UMingCN.ttf"),
    (FALLBACK_EXT_A, "HanaMinA-ExtA.ttf"),
    (FALLBACK_EXT_B, "HanaMinB-ExtB.ttf"),
)

# Characters that never need a glyph: layout whitespace, and variation selectors (an IVS
# picks a glyph variant; ReportLab cannot apply it, the base character still prints).
_IGNORABLE = frozenset({0x09, 0x0A, 0x0D, 0x200B, 0xFEFF}) | frozenset(range(0xFE00, 0xFE10))


@dataclass(frozen=True)
class FontSet:
    """The registered fonts in fallback order and the code points each one covers."""

    names: tuple[str, ...]
    coverage: tuple[Container[int], ...]  # each font's code points (its character map)
    load_seconds: float

    def font_for(self, char: str) -> str | None:
        """The first font (primary, then fallbacks) with a glyph for ``char``; None if none."""
        cp = ord(char)
        for name, covered in zip(self.names, self.coverage, strict=True):
            if cp in covered:
                return name
        return None


_lock = threading.Lock()
_fonts: FontSet | None = None


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, fixed for characters beyond the BMP (Extension B names):
    they must be written as UTF-16BE surrogate pairs, or text extraction and search lose them."""

    def utf16_hex(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16_hex(cp)}>" for i, cp in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


# Chinese punctuation that must not start a line (GB/T 15834); ReportLab's CJK line breaker
# knows the Japanese set only and would start a line with "，" or "”".
_CANNOT_START_LINE_ZH = "，。、；：？！）》〉」』】〕”’…—·％"


def _fix_reportlab() -> None:
    # Replace ReportLab's module-level helper (used when a document's fonts are written); the
    # fix only changes the encoding of code points above U+FFFF.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    # Binary (Flate only) page streams: ASCII85 on top costs a few ms a page in pure Python and
    # buys nothing (the PDFs are never sent through 7-bit channels).
    rl_config.useA85 = 0
    for module in (paragraph, textsplit):  # multi-font and single-font line breakers
        known: str = module.ALL_CANNOT_START
        module.ALL_CANNOT_START = known + "".join(
            c for c in _CANNOT_START_LINE_ZH if c not in known
        )


class _GlyphTable:
    """The 'glyf' table as a view: ReportLab slices single glyphs out of it while subsetting, and
    its own ``get_table`` would copy the whole table (tens of MB for CJK fonts) per document."""

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, key: slice) -> bytes:
        return bytes(self._view[key])


def _share_glyph_table(face: Any) -> None:
    copy_table = face.get_table
    data = memoryview(face._ttf_data)

    def get_table(tag: str) -> Any:
        if tag != "glyf":
            return copy_table(tag)
        pos, length = face.get_table_pos(tag)
        return _GlyphTable(data[pos : pos + length])

    face.get_table = get_table


class _MappedFile:
    """A font file as ReportLab reads it (``name``, ``read()``), read as a read-only memory
    map: ReportLab keeps the whole file in memory and slices what it needs out of it. As a
    ``bytes`` object the three files were 40 MiB of the process's memory from the first
    document on (issue 13); mapped, only the pages read (the character maps and metrics, the
    glyphs printed) are resident, shared with the page cache and given back under pressure."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self._path = path

    def read(self) -> mmap.mmap:
        """The whole file, mapped (the map outlives the closed file)."""
        with self._path.open("rb") as file:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _load() -> FontSet:
    started = time.perf_counter()
    _fix_reportlab()
    folder = resources_dir() / "fonts"
    names: list[str] = []
    coverage: list[Container[int]] = []
    for name, filename in _FILES:
        path = folder / filename
        if not path.is_file():
            raise DocumentError(
                f"font file missing: {path}",
                user_message=QT_TRANSLATE_NOOP(
                    "Documents", "无法打印：缺少字体文件 {filename}，请重新安装本程序"
                ).format(filename=filename),
            )
        font = TTFont(name, _MappedFile(path))
        _share_glyph_table(font.face)
        pdfmetrics.registerFont(font)
        names.append(name)
        coverage.append(font.face.charToGlyph)  # the face's own map: no second copy
    return FontSet(tuple(names), tuple(coverage), time.perf_counter() - started)


def fonts() -> FontSet:
    """The registered fonts, loading them on first use (safe from any thread)."""
    global _fonts
    loaded = _fonts
    if loaded is not None:
        return loaded
    with _lock:
        if _fonts is None:
            _fonts = _load()
        return _fonts


def warm_up() -> float:
    """Load the fonts now (call it off the GUI thread at start); returns the one-off load time
    in seconds (0 when they were already loaded)."""
    already = _fonts is not None
    loaded = fonts()
    return 0.0 if already else loaded.load_seconds


def missing_glyph_error(char: str) -> DocumentError:
    """The error for a character no shipped font can print."""
    cp = ord(char)
    return DocumentError(
        f"no shipped font has U+{cp:04X}",
        user_message=QT_TRANSLATE_NOOP(
            "Documents", "无法打印：字符 “{char}”（U+{cp:04X}）没有可用字体"
        ).format(char=char, cp=cp),
    )


def check_text(text: str) -> None:
    """Raise :class:`DocumentError` for the first character no shipped font has."""
    font_set = fonts()
    for char in text:
        if ord(char) not in _IGNORABLE and font_set.font_for(char) is None:
            raise missing_glyph_error(char)


def markup(text: str) -> str:
    """Paragraph markup for plain ``text``: XML-escaped, runs of characters the primary font
    lacks wrapped in ``<font name=...>`` for the fallback that has them, newlines as ``<br/>``.

    Raises :class:`DocumentError` naming the first character no shipped font has.
    """
    font_set = fonts()
    out: list[str] = []
    run: list[str] = []
    run_font = PRIMARY

    def flush() -> None:
        if not run:
            return
        piece = escape("".join(run))
        out.append(piece if run_font == PRIMARY else f'<font name="{run_font}">{piece}</font>')
        run.clear()

    for char in text:
        cp = ord(char)
        if char == "\n":
            flush()
            out.append("<br/>")
            continue
        if cp in _IGNORABLE:
            continue
        font = font_set.font_for(char)
        if font is None:
            raise missing_glyph_error(char)
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(out)
