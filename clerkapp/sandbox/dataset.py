"""The sandbox dataset format: a directory with ``manifest.json`` and one JSON-lines file per
registry (documented in docs/platform-api.md, "Dataset format"). Loading validates every line
and reports each problem with file, line and field; a broken dataset is refused as a whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from clerkapp.core.bounded_json import InputError
from clerkapp.core.idnumber import check_id_number
from clerkapp.core.uscc import check_uscc
from clerkapp.errors import ClerkAppError
from clerkapp.infra.bounded_read import (
    DATASET_MANIFEST,
    DATASET_TABLE,
    read_json,
    read_json_lines,
)

FORMAT = "clerkapp-sandbox-dataset"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_PROBLEMS = 50

Check = Callable[[Any, date], str | None]


class DatasetError(ClerkAppError):
    """A dataset that cannot be loaded; ``problems`` lists each as "file:line: field: what"."""

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(problems[:MAX_PROBLEMS])
        super().__init__(
            f"{len(problems)} dataset problem(s)\n{shown}",
            user_message=f"数据集有 {len(problems)} 处错误，沙箱不能启动：\n{shown}",
        )
        self.problems = problems


def _str(value: Any, _: date) -> str | None:
    return None if isinstance(value, str) and value.strip() else "应为非空文本"


def _bool(value: Any, _: date) -> str | None:
    return None if isinstance(value, bool) else "应为 true 或 false"


def _count(value: Any, _: date) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "应为非负整数"


def _amount(value: Any, _: date) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    return None if ok else "应为非负数"


def _date(value: Any, as_of: date) -> str | None:
    try:
        parsed = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 10:
        return "应为日期 YYYY-MM-DD"
    return "日期晚于数据截至日期" if parsed > as_of else None


def _month(value: Any, _: date) -> str | None:
    ok = isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value)
    return None if ok else "应为月份 YYYY-MM"


def _id(value: Any, as_of: date) -> str | None:
    if not isinstance(value, str):
        return "应为18位公民身份号码"
    errors = [p for p in check_id_number(value, as_of) if p.severity == "error"]
    return errors[0].message if errors else None


def _uscc(value: Any, _: date) -> str | None:
    if not isinstance(value, str):
        return "应为18位统一社会信用代码"
    errors = [p for p in check_uscc(value) if not p.warning]
    return errors[0].message if errors else None


def _subject(value: Any, as_of: date) -> str | None:
    if isinstance(value, str) and value[:1].isdigit() and len(value) == 18:
        id_error = _id(value, as_of)
        return None if id_error is None or _uscc(value, as_of) is None else id_error
    return _uscc(value, as_of)


def _plates(value: Any, _: date) -> str | None:
    ok = isinstance(value, list) and all(
        isinstance(p, str) and re.fullmatch(r"浙G[A-HJ-NP-Z0-9]{5,6}", p) for p in value
    )
    return None if ok else '应为车牌号列表，如 ["浙G3A7K2"]'


def _enum(*allowed: str) -> Check:
    def check(value: Any, _: date) -> str | None:
        return None if value in allowed else "应为 " + " / ".join(allowed) + " 之一"

    return check


def _nullable(check: Check) -> Check:
    def inner(value: Any, as_of: date) -> str | None:
        return None if value is None else check(value, as_of)

    return inner


@dataclass(frozen=True)
class TableSpec:
    """One registry file: its key field, its fields and their checks, and what its key must
    refer to (``refers`` = another table whose key it must be)."""

    key: str
    fields: Mapping[str, Check]
    refers: str | None = None
    unique: bool = True


TABLES: dict[str, TableSpec] = {
    "people": TableSpec(
        "id_number",
        {
            "id_number": _id,
            "name": _str,
            "gender": _enum("男", "女"),
            "birth_date": _date,
            "household_address": _str,
            "county_code": _str,
            "alive": _bool,
            "died_on": _nullable(_date),
            "household_id": _str,
            "relation": _str,
        },
    ),
    "marriages": TableSpec(
        "id_number",
        {
            "id_number": _id,
            "marital_status": _enum("married", "single", "divorced", "widowed"),
            "spouse_name": _nullable(_str),
            "registered_on": _nullable(_date),
        },
        refers="people",
    ),
    "realestate": TableSpec(
        "id_number",
        {"id_number": _id, "property_count": _count, "total_area_m2": _amount},
        refers="people",
    ),
    "social_insurance": TableSpec(
        "id_number",
        {
            "id_number": _id,
            "insured": _bool,
            "months_contributed": _count,
            "employer_name": _nullable(_str),
            "last_paid_month": _nullable(_month),
        },
        refers="people",
    ),
    "employers": TableSpec(
        "uscc",
        {"uscc": _uscc, "insured_employees": _count, "arrears": _bool, "last_paid_month": _month},
        refers="businesses",
    ),
    "personnel_files": TableSpec(
        "id_number", {"id_number": _id, "custodian": _str, "since": _date}, refers="people"
    ),
    "vehicles": TableSpec("id_number", {"id_number": _id, "plates": _plates}, refers="people"),
    "family_economic": TableSpec(
        "id_number",
        {
            "id_number": _id,
            "monthly_income_per_capita": _amount,
            "assets_total": _amount,
            "low_income_household": _bool,
            "checked_on": _date,
        },
        refers="people",
    ),
    "businesses": TableSpec(
        "uscc",
        {
            "uscc": _uscc,
            "name": _str,
            "legal_representative": _str,
            "status": _enum("存续", "注销", "吊销"),
            "established_on": _date,
            "registered_capital_wan": _amount,
            "business_scope": _str,
        },
    ),
    "dishonesty": TableSpec(
        "subject",
        {
            "subject": _subject,
            "name": _str,
            "reason": _str,
            "authority": _str,
            "listed_on": _date,
            "document_no": _str,
        },
    ),
    "verifications": TableSpec(
        "subject",
        {
            "subject": _subject,
            "proof_code": _str,
            "answer": _enum("confirmed", "denied", "deferred", "expired", "manual"),
            "note": _str,
        },
        unique=False,
    ),
}


@dataclass
class Dataset:
    """A loaded (or generated) dataset: the manifest and the rows of every table."""

    as_of: datetime
    list_version: str
    seed: int | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    description: str = ""

    def manifest(self) -> dict[str, Any]:
        """The manifest describing this dataset."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "description": self.description,
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
            "dishonesty_list_version": self.list_version,
            "counts": {name: len(self.tables.get(name, [])) for name in TABLES},
        }


def write_dataset(dataset: Dataset, out: Path) -> list[Path]:
    """Write the dataset (byte-identical for the same content); the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = out / f"{name}.jsonl"
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in dataset.tables.get(name, []))
        path.write_text("".join(lines), encoding="utf-8", newline="\n")
        written.append(path)
    manifest = out / MANIFEST
    text = json.dumps(dataset.manifest(), ensure_ascii=False, indent=2) + "\n"
    manifest.write_text(text, encoding="utf-8", newline="\n")
    return [manifest, *written]


def is_dataset_dir(path: Path) -> bool:
    """Whether ``path`` holds a dataset (it has a manifest)."""
    return (path / MANIFEST).is_file()


def load_dataset(path: Path) -> Dataset:
    """Load and validate a dataset directory; raises :class:`DatasetError` listing every problem."""
    problems: list[str] = []
    try:
        manifest = read_json(path / MANIFEST, DATASET_MANIFEST)
    except InputError as exc:
        raise DatasetError([_render(MANIFEST, exc)]) from None
    as_of, list_version = _check_manifest(manifest, problems)
    if problems:
        raise DatasetError(problems)
    tables: dict[str, list[dict[str, Any]]] = {}
    lines: dict[str, list[int]] = {}
    for name, spec in TABLES.items():
        tables[name], lines[name] = _load_table(
            path / f"{name}.jsonl", spec, as_of.date(), problems
        )
        counts = manifest.get("counts")
        expected = counts.get(name) if isinstance(counts, dict) else None
        if expected is not None and expected != len(tables[name]):
            problems.append(
                f"{MANIFEST}: counts.{name}: 清单写 {expected} 行，文件实有 {len(tables[name])} 行"
            )
    _check_references(tables, lines, problems)
    if problems:
        raise DatasetError(problems)
    seed = manifest.get("seed")
    return Dataset(
        as_of=as_of,
        list_version=list_version,
        seed=seed if isinstance(seed, int) else None,
        tables=tables,
        description=str(manifest.get("description", "")),
    )


def _render(name: str, exc: InputError) -> str:
    """``file: location: field: message`` for a file that cannot be read or decoded."""
    return f"{name}: {exc.location}: {exc.field or '-'}: {exc.message}"


def _check_manifest(manifest: Any, problems: list[str]) -> tuple[datetime, str]:
    as_of = datetime(2000, 1, 1)
    if not isinstance(manifest, dict):
        problems.append(f"{MANIFEST}: 应为 JSON 对象")
        return as_of, ""
    if manifest.get("format") != FORMAT:
        problems.append(f'{MANIFEST}: format: 应为 "{FORMAT}"')
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"{MANIFEST}: format_version: 只支持版本 {FORMAT_VERSION}")
    try:
        as_of = datetime.fromisoformat(manifest["as_of"])
    except (KeyError, TypeError, ValueError):
        problems.append(f"{MANIFEST}: as_of: 应为数据截至时间，如 2026-11-20T06:00:00+08:00")
    version = manifest.get("dishonesty_list_version")
    if not isinstance(version, str) or not version:
        problems.append(f"{MANIFEST}: dishonesty_list_version: 应为失信名单版本号")
        version = ""
    return as_of, version


def _load_table(
    path: Path, spec: TableSpec, as_of: date, problems: list[str]
) -> tuple[list[dict[str, Any]], list[int]]:
    rows: list[dict[str, Any]] = []
    line_numbers: list[int] = []
    if not path.exists() and not path.is_symlink():
        problems.append(f"{path.name}: 文件缺失（没有记录时也应有空文件）")
        return rows, line_numbers
    seen: set[str] = set()
    try:
        lines = read_json_lines(path, DATASET_TABLE)
    except InputError as exc:
        problems.append(_render(path.name, exc))
        return rows, line_numbers
    for number, row in lines:
        where = f"{path.name}:{number}"
        if isinstance(row, InputError):
            problems.append(f"{where}: {row.field or '-'}: {row.message}（{row.location}）")
            continue
        if not isinstance(row, dict):
            problems.append(f"{where}: 每行应为一个 JSON 对象")
            continue
        ok = True
        for name, check in spec.fields.items():
            if name not in row:
                problems.append(f"{where}: {name}: 缺少字段")
                ok = False
                continue
            message = check(row[name], as_of)
            if message:
                problems.append(f"{where}: {name}: {message}")
                ok = False
        for extra in sorted(set(row) - set(spec.fields)):
            problems.append(f"{where}: {extra}: 未知字段")
            ok = False
        key = str(row.get(spec.key))
        if ok and spec.unique and key in seen:
            problems.append(f"{where}: {spec.key}: 重复的记录")
            ok = False
        if ok:
            seen.add(key)
            rows.append(row)
            line_numbers.append(number)
    return rows, line_numbers


def _check_references(
    tables: dict[str, list[dict[str, Any]]], lines: dict[str, list[int]], problems: list[str]
) -> None:
    for name, spec in TABLES.items():
        if spec.refers is None:
            continue
        target = TABLES[spec.refers].key
        known = {r[target] for r in tables[spec.refers]}
        for number, row in zip(lines[name], tables[name], strict=True):
            if row[spec.key] not in known:
                problems.append(
                    f"{name}.jsonl:{number}: {spec.key}: 在 {spec.refers}.jsonl 中不存在"
                )
