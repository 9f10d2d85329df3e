"""Bounded decoding of the text and JSON in files a person hands the application (catalogues,
holiday overrides, trainers' datasets, settings): pure functions over bytes already read (the
reading itself, with its size limit, is ``clerkapp.infra.bounded_read``).

Whatever the bytes, the result is the decoded value or :class:`InputError` naming where the
problem is (line, column and byte offset) — never a RecursionError, a 5,000-digit integer, a lone
surrogate that breaks printing later, or a NUL. The limits are documented in docs/CONTRACTS.md
("Files the application reads").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from clerkapp.errors import ValidationError

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class JsonLimits:
    """How deep and how big a JSON document may be: nesting depth of arrays and objects, the
    number of values in all (array items and object members), and the characters of one number
    (sign, digits, point and exponent)."""

    max_depth: int = 32
    max_elements: int = 2_000_000
    max_number_chars: int = 40


class InputError(ValidationError):
    """A file's content that cannot be used: ``location`` (e.g. ``第 3 行第 7 列（字节 41）`` or
    ``$`` for the whole file), ``field`` (a key, or empty) and ``message`` (Chinese), to be
    printed as ``file: location: field: message``."""

    def __init__(self, location: str, field: str, message: str) -> None:
        super().__init__(f"{location}: {field or '-'}: {message}")
        self.location = location
        self.field = field
        self.message = message


def where(text: str, index: int, offset: int = 0, first_line: int = 1) -> str:
    """``第 L 行第 C 列（字节 B）`` for character ``index`` of ``text`` (line and column from 1,
    the byte offset from 0 in the file: ``text`` starts ``offset`` bytes into the file, e.g.
    after a byte-order mark, on line ``first_line``)."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + first_line
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    byte = offset + len(text[:index].encode("utf-8", "surrogatepass"))
    return f"第 {line} 行第 {column} 列（字节 {byte}）"


def decode_utf8(data: bytes) -> tuple[str, int]:
    """The text of ``data``, strict UTF-8 (a leading byte-order mark is allowed and dropped),
    and how many bytes came before it (3 after a mark, else 0). A byte that is not UTF-8, an
    encoded surrogate or a NUL byte raises :class:`InputError` with its position."""
    offset = len(BOM) if data.startswith(BOM) else 0
    body = data[offset:]
    try:
        text = body.decode("utf-8", "strict")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8", "strict")
        bad = body[exc.start : exc.start + 1].hex().upper()
        raise InputError(
            where(good, len(good), offset), "", f"文件不是 UTF-8 编码（字节 0x{bad} 无效）"
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(where(text, nul, offset), "", "文件含有空字符（NUL），不是文本文件")
    return text, offset


# A JSON string (escapes included) — skipped when measuring the structure.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
# \uD800-\uDFFF and \u0000 escapes: allowed only as a proper surrogate pair (never NUL).
_ESCAPE = re.compile(r"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2}|0000)")
_LOW = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


class _Refused(Exception):
    """Raised inside the JSON decoder's hooks; turned into an InputError with a position."""

    def __init__(self, needle: str, field: str, message: str) -> None:
        super().__init__(message)
        self.needle = needle
        self.field = field
        self.message = message


def _check_structure(text: str, limits: JsonLimits, offset: int, first_line: int) -> None:
    """Depth and element count, measured on the brackets and commas outside strings."""
    structure = _STRING.sub('""', text)
    elements = structure.count(",") + structure.count("[") + structure.count("{") + 1
    if elements > limits.max_elements:
        raise InputError("$", "", f"JSON 值过多（约 {elements} 个，上限 {limits.max_elements}）")
    depth = 0
    for match in _BRACKET.finditer(structure):
        if match.group() in "[{":
            depth += 1
            if depth > limits.max_depth:
                raise InputError(
                    where(text, _deep_index(text, limits.max_depth), offset, first_line),
                    "",
                    f"JSON 嵌套过深（超过 {limits.max_depth} 层）",
                )
        else:
            depth = max(0, depth - 1)


def _deep_index(text: str, limit: int) -> int:
    """Where in ``text`` the nesting first goes deeper than ``limit`` (error path only)."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth = max(0, depth - 1)
    return len(text)


def _check_escapes(text: str, offset: int, first_line: int) -> None:
    """Refuse ``\\u0000`` and a ``\\uD800``-``\\uDFFF`` escape that is not half of a pair."""
    if "\\u" not in text:  # most files: no escape at all
        return
    paired_low = -1
    for match in _ESCAPE.finditer(text):
        slashes = len(match.group(1))
        if slashes % 2 == 0:  # an escaped backslash followed by a plain "u…"
            continue
        start = match.end(1) - 1
        code = match.group(2).lower()
        if code == "0000":
            raise InputError(
                where(text, start, offset, first_line), "", "文字中含有空字符（\\u0000）"
            )
        if start == paired_low:
            continue
        if code[1] in "89ab" and _LOW.match(text, match.end()):
            paired_low = match.end()
            continue
        raise InputError(
            where(text, start, offset, first_line),
            "",
            f"文字中含有不成对的代理码位（\\u{match.group(2)}）",
        )


def _find(text: str, needle: str, *, key: bool) -> int:
    """Where ``needle`` is in ``text`` (for a duplicate key: its second use as a key)."""
    if not key:
        return text.find(needle)
    uses = [m.start() for m in re.finditer(re.escape(needle) + r"\s*:", text)]
    return uses[1] if len(uses) > 1 else (uses[0] if uses else -1)


def _hooks(limits: JsonLimits) -> dict[str, Any]:
    def parse_int(token: str) -> int:
        if len(token) > limits.max_number_chars:
            raise _Refused(
                token, "", f"数字过长（{len(token)} 位，上限 {limits.max_number_chars}）"
            )
        return int(token)

    def parse_float(token: str) -> float:
        if len(token) > limits.max_number_chars:
            raise _Refused(
                token, "", f"数字过长（{len(token)} 位，上限 {limits.max_number_chars}）"
            )
        value = float(token)
        if not math.isfinite(value):
            raise _Refused(token, "", f"数字超出范围：{token}")
        return value

    def parse_constant(token: str) -> float:
        raise _Refused(token, "", f"{token} 不是 JSON 允许的数值")

    def object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    raise _Refused(json.dumps(key, ensure_ascii=False), key, "字段重复出现")
                seen.add(key)
        return result

    return {
        "parse_int": parse_int,
        "parse_float": parse_float,
        "parse_constant": parse_constant,
        "object_pairs_hook": object_pairs,
    }


def parse_json(
    text: str,
    limits: JsonLimits = JsonLimits(),
    offset: int = 0,
    first_line: int = 1,
) -> Any:
    """The value of the JSON document ``text`` within ``limits``; :class:`InputError` with the
    position (``text`` starts ``offset`` bytes into its file, on line ``first_line``) for bad
    syntax, too deep or too many values, an over-long or non-finite number, a duplicate key, a
    lone surrogate or NUL."""
    _check_structure(text, limits, offset, first_line)
    _check_escapes(text, offset, first_line)
    try:
        return json.loads(text, **_hooks(limits))
    except _Refused as exc:
        found = _find(text, exc.needle, key=bool(exc.field))
        location = where(text, found, offset, first_line) if found >= 0 else "$"
        raise InputError(location, exc.field, exc.message) from None
    except json.JSONDecodeError as exc:
        location = where(text, exc.pos, offset, first_line)
        raise InputError(location, "", f"不是有效的 JSON：{exc.msg}") from None
    except (RecursionError, ValueError, MemoryError) as exc:  # a last line: never a traceback
        raise InputError("$", "", f"不是有效的 JSON：{type(exc).__name__}") from None


def decode_json(data: bytes, limits: JsonLimits = JsonLimits()) -> Any:
    """``parse_json(decode_utf8(data))``: the JSON value of a file's bytes."""
    text, offset = decode_utf8(data)
    return parse_json(text, limits, offset)
