"""The bounded reader (issue 11, part 5) on real files: what it refuses, how fast, and where it
says the problem is (line, column, byte offset)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from clerkapp.core.bounded_json import InputError, JsonLimits, decode_json
from clerkapp.infra.bounded_read import (
    CATALOGUE,
    DATASET_TABLE,
    HOLIDAYS,
    FileKind,
    display_path,
    read_bytes,
    read_head,
    read_json,
    read_json_lines,
)


def _refused(path: Path, kind: FileKind = HOLIDAYS) -> InputError:
    with pytest.raises(InputError) as caught:
        read_json(path, kind)
    return caught.value


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_special_files_are_refused_before_anything_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # nobody writes: opening it for reading would block for ever
    started = time.monotonic()
    assert "不是普通文件" in _refused(fifo).message
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    assert "不是普通文件" in _refused(zero, CATALOGUE).message
    assert "不是普通文件" in _refused(Path("/dev/zero")).message
    assert time.monotonic() - started < 2
    assert "目录" in _refused(tmp_path).message
    missing = _refused(tmp_path / "missing.json")
    assert missing.location == "$" and "无法读取文件" in missing.message
    with pytest.raises(InputError):
        read_head(fifo, 4096)


def test_size_limits_per_kind(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.json", b"[" + b" " * (2 * 1024 * 1024) + b"]")
    assert "节假日覆盖文件过大：2.0 MB，上限 1.0 MB" in _refused(big).message
    assert read_json(big, CATALOGUE) == []  # 32 MB for a catalogue
    assert read_head(big, 10) == b"[" + b" " * 9  # the version peek reads the head only
    assert read_json_lines(_write(tmp_path / "e.jsonl", b""), DATASET_TABLE) == []
    assert "Expecting value" in _refused(_write(tmp_path / "empty.json", b"")).message


def test_bad_bytes_are_located_by_line_column_and_byte(tmp_path: Path) -> None:
    # 国 is 3 bytes: the bad byte is at offset 12, line 2, column 9
    error = _refused(_write(tmp_path / "b.json", b'{\n "a": "\xe5\x9b\xbd\xff"\n}'))
    assert error.location == "第 2 行第 9 列（字节 12）"
    assert error.message == "文件不是 UTF-8 编码（字节 0xFF 无效）"
    surrogate = _refused(_write(tmp_path / "s.json", b'["ok",\n "\xed\xa0\x80"]'))
    assert surrogate.location == "第 2 行第 3 列（字节 9）" and "0xED" in surrogate.message
    escaped = _refused(_write(tmp_path / "e.json", b'{"a": "x\\ud83d"}'))
    assert escaped.location == "第 1 行第 9 列（字节 8）" and "代理码位" in escaped.message
    pair = _write(tmp_path / "pair.json", b'{"a": "\\ud83d\\ude00", "b": "\\\\ud800"}')
    assert read_json(pair, HOLIDAYS) == {"a": "😀", "b": "\\ud800"}  # a pair; an escaped "\"
    nul = _refused(_write(tmp_path / "n.json", b'{"a":\n"\x00"}'))
    assert nul.location == "第 2 行第 2 列（字节 7）" and "NUL" in nul.message
    assert "\\u0000" in _refused(_write(tmp_path / "n2.json", b'["\\u0000"]')).message


def test_a_byte_order_mark_is_allowed_and_counted(tmp_path: Path) -> None:
    bom = _write(tmp_path / "bom.json", b'\xef\xbb\xbf{"a": 1}')
    assert read_json(bom, HOLIDAYS) == {"a": 1}
    error = _refused(_write(tmp_path / "bom2.json", b"\xef\xbb\xbf{,}"))
    assert error.location == "第 1 行第 2 列（字节 4）"
    twice = _refused(_write(tmp_path / "b3.json", b"\xef\xbb\xbf" * 2))
    assert "Unexpected UTF-8 BOM" in twice.message


def test_numbers_depth_elements_and_duplicate_keys(tmp_path: Path) -> None:
    digits = _refused(_write(tmp_path / "d.json", b'{"v": ' + b"9" * 5000 + b"}"))
    assert digits.location == "第 1 行第 7 列（字节 6）" and "5000 位" in digits.message
    assert "超出范围" in _refused(_write(tmp_path / "f.json", b"[1e999]")).message
    assert "NaN" in _refused(_write(tmp_path / "nan.json", b"[NaN]")).message
    deep = _refused(_write(tmp_path / "deep.json", b"[" * 100_000 + b"]" * 100_000), CATALOGUE)
    assert "值过多" in deep.message or "嵌套过深" in deep.message
    nested = _refused(_write(tmp_path / "n.json", b'{"a": ' + b"[" * 17 + b"]" * 17 + b"}"))
    assert nested.location == "第 1 行第 14 列（字节 13）" and "超过 8 层" in nested.message
    eight = decode_json(b"[" * 8 + b"]" * 8, JsonLimits(max_depth=8))  # 8 levels are fine
    for _ in range(7):
        eight = eight[0]
    assert eight == []
    many = _refused(_write(tmp_path / "m.json", b"[" + b"0," * 100_000 + b"0]"))
    assert "JSON 值过多" in many.message
    duplicate = _refused(_write(tmp_path / "k.json", b'{"years": {},\n "years": []}'))
    assert (duplicate.location, duplicate.field) == ("第 2 行第 2 列（字节 15）", "years")
    assert duplicate.message == "字段重复出现"


def test_json_lines_give_each_bad_line_its_place(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.jsonl", b'{"a": 1}\r\n\r\n{"a": \n{"a": "\\udc00"}\n[' + b"[" * 20)
    rows = read_json_lines(path, DATASET_TABLE)
    assert rows[0] == (1, {"a": 1})
    numbers = [n for n, _ in rows]
    assert numbers == [1, 3, 4, 5]
    errors = [row for _, row in rows[1:]]
    assert all(isinstance(e, InputError) for e in errors)
    assert [e.location for e in errors if isinstance(e, InputError)] == [
        "第 3 行第 7 列（字节 18）",
        "第 4 行第 8 列（字节 26）",
        "第 5 行第 9 列（字节 43）",
    ]


def test_a_name_that_is_not_utf8_can_still_be_printed(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff\xfe-catalogue.json")
    shown = display_path(tmp_path / name)
    shown.encode("utf-8")  # no lone surrogate left
    assert shown.endswith("\\udcff\\udcfe-catalogue.json")
    assert read_bytes(_write(tmp_path / name, b"{}"), HOLIDAYS) == b"{}"
