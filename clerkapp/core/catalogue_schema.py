"""The structural pass over a catalogue file: JSON Schema errors (jsonschema ``iter_errors``)
turned into :class:`Problem` rows with location, field and a Chinese message."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Type names as the messages say them.
TYPE_ZH: dict[Any, str] = {
    str: "字符串",
    int: "整数",
    bool: "布尔值",
    list: "数组",
    dict: "对象",
    "string": "字符串",
    "integer": "整数",
    "boolean": "布尔值",
    "array": "数组",
    "object": "对象",
    "number": "数字",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue file: where (``matters[3].proofs[1]``, "$" for the top
    level), which field, and what, in Chinese."""

    location: str
    field: str
    message: str

    def render(self, source: str) -> str:
        """ "file: location: field: message", as the CLI prints it."""
        return f"{source}: {self.location}: {self.field or '-'}: {self.message}"


def render_problems(problems: Sequence[Problem], source: str, limit: int = 20) -> str:
    """The first ``limit`` problems of a file, one per line, and how many there are in all when
    some were left out (for an error's Chinese ``user_message``)."""
    lines = "\n".join(p.render(source) for p in problems[:limit])
    more = f"\n…（共 {len(problems)} 个问题）" if len(problems) > limit else ""
    return lines + more


def schema_problems(data: object, schema: Mapping[str, Any]) -> list[Problem]:
    """Problems the JSON Schema finds in ``data``, located and explained in Chinese."""
    from jsonschema import Draft202012Validator

    problems: list[Problem] = []
    validator = Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path = list(error.absolute_path)
        location, name = _split_path(path)
        kind = error.validator
        instance = error.instance
        if kind == "required":
            match = re.match(r"^'(.+)' is a required property", error.message)
            missing = match.group(1) if match else "?"
            problems.append(Problem(_join(path), missing, "缺少必填字段"))
        elif kind == "additionalProperties" and isinstance(instance, dict):
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            for key in instance:
                if key not in allowed:
                    problems.append(Problem(_join(path), str(key), "未知字段"))
        elif kind == "type":
            want = error.validator_value
            want_zh = TYPE_ZH.get(want, str(want)) if isinstance(want, str) else str(want)
            problems.append(Problem(location, name, f"类型错误：应为{want_zh}"))
        elif kind in ("enum", "const"):
            allowed_values = error.validator_value
            shown = allowed_values if kind == "enum" else [allowed_values]
            options = "、".join(str(v) for v in shown)
            problems.append(Problem(location, name, f"取值无效：{instance!r}，应为 {options}"))
        elif kind == "pattern":
            problems.append(Problem(location, name, f"格式不符：{instance!r}"))
        elif kind == "minLength":
            problems.append(Problem(location, name, "不能为空"))
        elif kind in ("minimum", "minItems"):
            problems.append(Problem(location, name, f"取值过小：{instance!r}"))
        else:
            problems.append(Problem(location, name, f"不符合格式要求（{kind}）"))
    return problems


def _join(path: list[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text or "$"


def _split_path(path: list[Any]) -> tuple[str, str]:
    """Location and field of a path: the field is the last key; an array element keeps its
    index in the location (``matters[2].proofs[1]``, field ``proofs``)."""
    keys = [p for p in path if isinstance(p, str)]
    name = keys[-1] if keys else ""
    if path and isinstance(path[-1], str):
        return _join(path[:-1]), name
    return _join(path), name
