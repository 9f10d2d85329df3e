"""Catalogue file contents (already decoded JSON) → :class:`Catalogue`, collecting every problem
with its location instead of stopping at the first one. Pure: reading the file (and reporting
broken JSON with line and column) is :mod:`clerkapp.infra.catalogue_io`'s job.

Two passes: the JSON Schema (resources/catalogue/schema.json, when given) checks the structure
(:mod:`clerkapp.core.catalogue_schema`); the code checks what a schema cannot: duplicate codes,
references, specs of every method and fallback, platform items and their fields, operators and
their values. A problem both passes find at the same place is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from clerkapp.core.catalogue import (
    PLATFORM_ITEMS,
    ApplicantKind,
    Catalogue,
    Condition,
    DataQuerySpec,
    Department,
    DropSpec,
    Matter,
    Method,
    Op,
    PledgeSpec,
    ProofItem,
    VerifySpec,
)
from clerkapp.core.catalogue_act import ActChecks
from clerkapp.core.catalogue_related import RelatedChecks
from clerkapp.core.catalogue_schema import TYPE_ZH, Problem, schema_problems
from clerkapp.core.search import parse_reading

__all__ = ["FORMAT", "FORMATS", "ParseResult", "Problem", "parse_catalogue"]

FORMAT = "clerkapp-catalogue/2"  # what the generator and a new file write
#: The formats read, by major version: /1 has no act kinds (see :mod:`.catalogue_act`).
FORMATS = {"clerkapp-catalogue/1": 1, FORMAT: 2}
_VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_SPEC_OF = {
    Method.DATA_QUERY: "query",
    Method.PLEDGE: "pledge",
    Method.DEPT_VERIFY: "verify",
    Method.DROPPED: "drop",
}
_NOT_FOUND = {"satisfied": True, "not_satisfied": False}
_MISSING = object()
E = TypeVar("E")


@dataclass
class ParseResult:
    """The catalogue (None when there is any problem) and every problem found."""

    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file can be used."""
        return self.catalogue is not None and not self.problems


def parse_catalogue(data: object, *, schema: Mapping[str, Any] | None = None) -> ParseResult:
    """Check decoded catalogue JSON and build the :class:`Catalogue`.

    ``schema`` (the file format's JSON Schema) adds the structural pass; without it only the code
    checks run, which is what loading an already validated, installed catalogue needs."""
    found = schema_problems(data, schema) if schema is not None else []
    builder = _Builder()
    catalogue = builder.build(data)
    seen = {(p.location, p.field) for p in found}
    problems = found + [p for p in builder.problems if (p.location, p.field) not in seen]
    return ParseResult(None if problems else catalogue, problems)


class _Builder(RelatedChecks, ActChecks):
    """The semantic pass: builds the model and records a problem for everything it cannot use."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (name, reading) → whether the reading fits: names repeat (the same proof item in many
        # matters, the same matter in every county), each pair is checked once
        self._readings: dict[tuple[str, str], bool] = {}

    def add(self, location: str, name: str, message: str) -> None:
        self.problems.append(Problem(location, name, message))

    def get(
        self, obj: Mapping[str, Any], loc: str, key: str, typ: type, *, required: bool = True
    ) -> Any:
        value = obj.get(key, _MISSING)
        if type(value) is typ and (not required or not isinstance(value, str) or value.strip()):
            return value  # the common case, decided at once (~400,000 calls for 27,000 proofs)
        if value is _MISSING:
            if required:
                self.add(loc, key, "缺少必填字段")
            return None
        wrong = not isinstance(value, typ) or (typ is int and isinstance(value, bool))
        if wrong:
            self.add(loc, key, f"类型错误：应为{TYPE_ZH[typ]}")
            return None
        if typ is str and required and not value.strip():
            self.add(loc, key, "不能为空")
            return None
        return value

    def enum(
        self, obj: Mapping[str, Any], loc: str, key: str, kind: Callable[[str], E], what: str
    ) -> E | None:
        raw = self.get(obj, loc, key, str)
        if raw is None:
            return None
        members = getattr(kind, "_value2member_map_", None)  # an Enum: look the value up
        if members is not None and raw in members:
            found: E = members[raw]
            return found
        try:
            return kind(raw)
        except ValueError:
            self.add(loc, key, f"未知的{what}：{raw!r}")
            return None

    def objects(self, data: Mapping[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        items = self.get(data, "$", key, list)
        out: list[tuple[str, dict[str, Any]]] = []
        for i, raw in enumerate(items or []):
            loc = f"{key}[{i}]"
            if isinstance(raw, dict):
                out.append((loc, raw))
            else:
                self.add(loc, "", "类型错误：应为对象")
        return out

    def codes(self, entries: list[tuple[str, dict[str, Any]]]) -> dict[str, str]:
        """code → location of its first definition; later duplicates are problems."""
        first: dict[str, str] = {}
        for loc, raw in entries:
            code = raw.get("code")
            if isinstance(code, str):
                if code in first:
                    self.add(loc, "code", f"编码重复：{code!r} 已在 {first[code]} 定义")
                else:
                    first[code] = loc
        return first

    def reading(self, raw: Mapping[str, Any], loc: str, name: str | None) -> str:
        value = self.get(raw, loc, "pinyin", str, required=False) or ""
        if not (value and name):
            return value
        fits = self._readings.get((name, value))
        if fits is None:
            fits = self._readings[(name, value)] = parse_reading(name, value) is not None
        if not fits:
            self.add(loc, "pinyin", "拼音与名称不对应（每个字一个读音，以空格分隔）")
            return ""
        return value

    def build(self, data: object) -> Catalogue | None:
        if not isinstance(data, dict):
            self.add("$", "", "类型错误：目录文件的顶层应为对象")
            return None
        fmt = self.get(data, "$", "format", str)
        if fmt is not None and fmt not in FORMATS:
            self.add("$", "format", f"不支持的格式：{fmt!r}，应为 {FORMAT}")
        self.format_major = FORMATS.get(fmt or "", FORMATS[FORMAT])
        version = self.get(data, "$", "version", str)
        if version is not None and not _VERSION.match(version):
            self.add("$", "version", f"版本号应为以点分隔的数字，如 2026.11.1：{version!r}")
        issued = self.get(data, "$", "issued", str)
        source = self.get(data, "$", "source", str, required=False) or ""
        if "source" not in data:
            self.add("$", "source", "缺少必填字段")
        dept_entries = self.objects(data, "departments")
        matter_entries = self.objects(data, "matters")
        proof_entries = self.objects(data, "proofs")
        self.codes(dept_entries)
        self.codes(matter_entries)
        self.codes(proof_entries)
        departments: dict[str, Department] = {}
        for loc, raw in dept_entries:
            dept = self.department(loc, raw)
            if dept is not None:
                departments.setdefault(dept.code, dept)
        proofs: dict[str, ProofItem] = {}
        proof_locs: dict[str, str] = {}
        proof_codes = {c for _, raw in proof_entries if isinstance(c := raw.get("code"), str)}
        for loc, raw in proof_entries:
            proof = self.proof(loc, raw)
            if proof is not None and proof.code not in proofs:
                proofs[proof.code] = proof
                proof_locs[proof.code] = loc
        dept_codes = {c for _, raw in dept_entries if isinstance(c := raw.get("code"), str)}
        matters: dict[str, Matter] = {}
        for loc, raw in matter_entries:
            matter = self.matter(loc, raw, departments, dept_codes, proof_codes)
            if matter is not None:
                matters.setdefault(matter.code, matter)
        self.subjects(matters, proofs, proof_locs)
        if self.problems or version is None or issued is None:
            return None
        return Catalogue(version, issued, matters, proofs, departments, source)

    def department(self, loc: str, raw: dict[str, Any]) -> Department | None:
        code = self.get(raw, loc, "code", str)
        name = self.get(raw, loc, "name", str)
        abbr = self.get(raw, loc, "office_abbr", str)
        reading = self.reading(raw, loc, name)
        if code is None or name is None or abbr is None:
            return None
        return Department(code, name, abbr, reading)

    def matter(
        self,
        loc: str,
        raw: dict[str, Any],
        departments: dict[str, Department],
        dept_codes: set[Any],
        proof_codes: set[Any],
    ) -> Matter | None:
        code = self.get(raw, loc, "code", str)
        name = self.get(raw, loc, "name", str)
        dept_code = self.get(raw, loc, "department", str)
        if dept_code is not None and dept_code not in dept_codes:
            self.add(loc, "department", f"未定义的部门：{dept_code!r}")
        kind = self.enum(raw, loc, "applicant_kind", ApplicantKind, "申请人类型")
        basis = self.get(raw, loc, "legal_basis", str)
        days = self.get(raw, loc, "time_limit_days", int)
        if days is not None and days < 0:
            self.add(loc, "time_limit_days", "办理时限不能为负数")
        synthetic = self.get(raw, loc, "synthetic", bool, required=False) or False
        reading = self.reading(raw, loc, name)
        related = self.related(loc, raw)
        act = self.act_fields(loc, raw)
        refs = self.get(raw, loc, "proofs", list)
        codes: list[str] = []
        for j, ref in enumerate(refs or []):
            ref_loc = f"{loc}.proofs[{j}]"
            if not isinstance(ref, str):
                self.add(ref_loc, "proofs", "类型错误：应为字符串")
            elif ref not in proof_codes:
                self.add(ref_loc, "proofs", f"引用了未定义的证明事项：{ref!r}")
            elif ref in codes:
                self.add(ref_loc, "proofs", f"证明事项重复列出：{ref!r}")
            else:
                codes.append(ref)
        if None in (code, name, dept_code, basis, days, refs, act) or kind is None:
            return None
        dept = departments.get(dept_code or "")
        return Matter(
            code=code, name=name, department=dept.name if dept else dept_code or "",
            applicant_kind=kind, legal_basis=basis, time_limit_days=days, proofs=tuple(codes),
            office_abbr=dept.office_abbr if dept else "", synthetic=synthetic,
            department_code=dept_code or "", pinyin=reading, related=related, **(act or {}),
        )  # fmt: skip

    def proof(self, loc: str, raw: dict[str, Any]) -> ProofItem | None:
        code = self.get(raw, loc, "code", str)
        name = self.get(raw, loc, "name", str)
        issuer = self.get(raw, loc, "issuer", str)
        method = self.enum(raw, loc, "method", Method, "取消方式")
        synthetic = self.get(raw, loc, "synthetic", bool, required=False) or False
        reading = self.reading(raw, loc, name)
        fallbacks: list[Method] = []
        for j, value in enumerate(self.get(raw, loc, "fallbacks", list, required=False) or []):
            f_loc = f"{loc}.fallbacks[{j}]"
            try:
                fallback = Method(value) if isinstance(value, str) else None
            except ValueError:
                fallback = None
            if fallback is None:
                self.add(f_loc, "fallbacks", f"未知的取消方式：{value!r}")
            elif fallback is Method.DROPPED:
                self.add(f_loc, "fallbacks", "直接取消（dropped）不能作为备用方式")
            elif fallback == method or fallback in fallbacks:
                self.add(f_loc, "fallbacks", f"备用方式重复：{value!r}")
            else:
                fallbacks.append(fallback)
        paper = self.paper_fallback(loc, raw, method, fallbacks)
        query = self.query(f"{loc}.query", raw["query"]) if "query" in raw else None
        pledge = self.pledge(f"{loc}.pledge", raw["pledge"]) if "pledge" in raw else None
        verify = self.verify(f"{loc}.verify", raw["verify"]) if "verify" in raw else None
        drop = self.drop(f"{loc}.drop", raw["drop"]) if "drop" in raw else None
        for j, needed in [(-1, method), *enumerate(fallbacks)]:
            if needed is None:
                continue
            key = _SPEC_OF[needed]
            if key not in raw:
                where = loc if j < 0 else f"{loc}.fallbacks[{j}]"
                role = "取消方式" if j < 0 else "备用方式"
                self.add(where, key, f"{role} {needed.value} 缺少 {key} 规格")
        if None in (code, name, issuer) or method is None:
            return None
        return ProofItem(
            code=code, name=name, issuer=issuer, method=method, query=query, pledge=pledge,
            verify=verify, drop=drop, fallbacks=tuple(fallbacks), synthetic=synthetic,
            pinyin=reading, paper_fallback=paper,
        )  # fmt: skip

    def paper_fallback(
        self, loc: str, raw: dict[str, Any], method: Method | None, fallbacks: list[Method]
    ) -> bool:
        """``paper_fallback``: may the applicant hand in the paper proof? Default: yes where the
        item can be pledged — 国办发〔2020〕42号 (证明事项告知承诺制): an applicant who will not
        or may not pledge (失信) must be able to submit the proof itself — otherwise no. Never
        for a dropped proof: asking for an abolished proof is itself unlawful."""
        explicit = self.get(raw, loc, "paper_fallback", bool, required=False)
        if method is Method.DROPPED:
            if explicit:
                self.add(loc, "paper_fallback", "直接取消的证明事项不能要求纸质证明")
            return False
        if explicit is None:
            return method is Method.PLEDGE or Method.PLEDGE in fallbacks
        return bool(explicit)

    def spec_object(self, loc: str, raw: object) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.add(loc, "", "类型错误：应为对象")
            return None
        return raw

    def query(self, loc: str, raw: object) -> DataQuerySpec | None:
        obj = self.spec_object(loc, raw)
        if obj is None:
            return None
        item = self.get(obj, loc, "item", str)
        known = PLATFORM_ITEMS.get(item or "")
        if item is not None and known is None:
            self.add(loc, "item", f"不是数据共享平台的信息项：{item!r}")
        registry = self.get(obj, loc, "registry", str)
        if known and registry is not None and registry != known.registry:
            self.add(loc, "registry", f"信息项 {item} 的来源应为 {known.registry!r}")
        fields = self.get(obj, loc, "fields", list)
        for k, name in enumerate(fields or []):
            if not isinstance(name, str):
                self.add(f"{loc}.fields[{k}]", "fields", "类型错误：应为字符串")
            elif known and name not in known.fields:
                self.add(f"{loc}.fields[{k}]", "fields", f"信息项 {item} 没有字段 {name!r}")
        if fields is not None and not fields:
            self.add(loc, "fields", "至少请求一个字段")
        conditions: list[Condition] = []
        for k, cond in enumerate(self.get(obj, loc, "conditions", list) or []):
            built = self.condition(f"{loc}.conditions[{k}]", cond, fields or [], item, known)
            if built is not None:
                conditions.append(built)
        not_found = self.get(obj, loc, "when_not_found", str)
        if not_found is not None and not_found not in _NOT_FOUND:
            self.add(
                loc, "when_not_found", f"取值无效：{not_found!r}，应为 satisfied、not_satisfied"
            )
            not_found = None
        subject = self.subject(obj, loc)
        if None in (item, registry, fields, not_found) or "conditions" not in obj:
            return None
        return DataQuerySpec(
            item or "", registry or "", tuple(fields or ()), tuple(conditions),
            _NOT_FOUND[not_found or "not_satisfied"], subject,
        )  # fmt: skip

    def condition(
        self, loc: str, raw: object, fields: list[Any], item: str | None, known: Any
    ) -> Condition | None:
        obj = self.spec_object(loc, raw)
        if obj is None:
            return None
        name = self.get(obj, loc, "field", str)
        if name is not None and known and name not in known.fields:
            self.add(loc, "field", f"信息项 {item} 没有字段 {name!r}")
        elif name is not None and name not in fields:
            self.add(loc, "field", f"条件字段 {name!r} 未在 fields 中请求")
        op = self.enum(obj, loc, "op", Op, "比较运算符")
        description = self.get(obj, loc, "description", str)
        value = obj.get("value")
        if op in (Op.IS_TRUE, Op.IS_FALSE):
            if value is not None:
                self.add(loc, "value", f"运算符 {op.value} 不需要 value")
        elif op in (Op.IN, Op.NOT_IN):
            if not isinstance(value, list):
                self.add(loc, "value", f"运算符 {op.value} 的 value 应为数组")
                return None
            value = tuple(value)
        elif op in (Op.LT, Op.LE, Op.GT, Op.GE):
            if not isinstance(value, int | float) or isinstance(value, bool):
                self.add(loc, "value", f"运算符 {op.value} 的 value 应为数字")
                return None
        elif op is not None and (value is None or isinstance(value, list | dict)):
            self.add(loc, "value", f"运算符 {op.value} 需要一个取值")
            return None
        if name is None or op is None or description is None:
            return None
        return Condition(name, op, value, description)

    def pledge(self, loc: str, raw: object) -> PledgeSpec | None:
        obj = self.spec_object(loc, raw)
        text = self.get(obj, loc, "text", str) if obj is not None else None
        consequences = self.get(obj, loc, "consequences", str) if obj is not None else None
        return PledgeSpec(text, consequences) if text and consequences else None

    def verify(self, loc: str, raw: object) -> VerifySpec | None:
        obj = self.spec_object(loc, raw)
        if obj is None:
            return None
        department = self.get(obj, loc, "department", str)
        question = self.get(obj, loc, "question", str)
        days = self.get(obj, loc, "expected_days", int)
        if days is not None and days < 0:
            self.add(loc, "expected_days", "核验时限不能为负数")
        subject = self.subject(obj, loc)
        if department is None or question is None or days is None:
            return None
        return VerifySpec(department, question, days, subject)

    def drop(self, loc: str, raw: object) -> DropSpec | None:
        obj = self.spec_object(loc, raw)
        basis = self.get(obj, loc, "legal_basis", str) if obj is not None else None
        return DropSpec(basis) if basis else None
