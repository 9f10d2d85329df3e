"""`clerkapp catalogue …` subcommands: validate, import, search and stats.

Messages are in Chinese (the clerks' and IT staff's language); field names are those of the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.cli._args import bounded_int

if TYPE_CHECKING:
    from clerkapp.core.catalogue_schema import Problem


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `catalogue` command group."""
    parser = sub.add_parser(
        "catalogue",
        help="事项与证明事项目录：校验、导入、搜索、统计 (validate, import, search, stats)",
    )
    commands = parser.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)

    validate = commands.add_parser(
        "validate", help="校验目录文件，列出全部问题 (check a catalogue file)"
    )
    validate.add_argument("path", type=Path, help="目录文件 (catalogue JSON file)")
    validate.set_defaults(handler=_validate)

    imp = commands.add_parser(
        "import", help="校验并原子导入目录文件 (validate, then install atomically)"
    )
    imp.add_argument("path", type=Path, help="目录文件 (catalogue JSON file)")
    imp.set_defaults(handler=_import)

    search = commands.add_parser(
        "search", help="搜索事项和证明事项：汉字、拼音全拼或首字母 (search)"
    )
    search.add_argument("query", help="如 公共租赁、社保、gonggongzulin、ggzl")
    search.add_argument("--json", action="store_true", help="以 JSON 输出 (JSON output)")
    search.add_argument("--limit", type=_limit, default=20, help="最多显示条数 (default 20)")
    search.add_argument(
        "--kind", choices=["matter", "proof"], action="append", help="只搜事项或只搜证明事项"
    )
    search.set_defaults(handler=_search)

    stats = commands.add_parser("stats", help="目录统计 (counts of matters, proofs, methods)")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出 (JSON output)")
    stats.set_defaults(handler=_stats)


#: ``--limit``: at least one hit (0 would always print "no match").
_limit = bounded_int("条数应为正整数", 1)


def report_invalid(problems: Sequence[Problem], source: str) -> int:
    """Print every problem of a file that failed validation, then the verdict; exit status 1.
    (Also used by `calendar check`: the holiday file's problems are of the same kind.)"""
    for problem in problems:
        print(problem.render(source))
    print(f"校验失败：{len(problems)} 个问题 (invalid)", file=sys.stderr)
    return 1


def _validate(args: argparse.Namespace) -> int:
    from clerkapp.infra.bounded_read import display_path
    from clerkapp.infra.catalogue_io import CatalogueFileError, check_file

    source = display_path(args.path)
    try:
        _, result = check_file(args.path, full=True)
    except CatalogueFileError as exc:
        return report_invalid(exc.problems, source)
    if result.catalogue is None:
        return report_invalid(result.problems, source)
    counts = _counts(result.catalogue)
    print(
        f"{source}: 校验通过 (valid)：版本 {counts['version']}，事项 {counts['matters']} 项，"
        f"证明事项 {counts['proofs']} 项，部门 {counts['departments']} 个"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from clerkapp.errors import CatalogueError
    from clerkapp.infra.catalogue_io import (
        CatalogueAlreadyInstalled,
        CatalogueFileError,
        import_catalogue,
    )

    try:
        result = import_catalogue(args.path)
    except CatalogueFileError as exc:
        for problem in exc.problems:
            print(problem.render(exc.source))
        print(f"导入失败：目录文件有 {len(exc.problems)} 个问题，未做任何更改", file=sys.stderr)
        return 1
    except CatalogueAlreadyInstalled as exc:
        print(exc.user_message)
        return 0
    except CatalogueError as exc:
        print(f"导入失败：{exc.user_message}", file=sys.stderr)
        return 1
    before = f"（原版本 {result.previous_version}）" if result.previous_version else ""
    print(f"已导入目录版本 {result.version}{before} → {result.path}")
    return 0


def _load() -> tuple[Any, Any] | None:
    """The active catalogue and its file; None after telling the user why it cannot be read."""
    from clerkapp.errors import CatalogueError
    from clerkapp.infra.catalogue_io import active_path, load_catalogue

    try:
        return load_catalogue(), active_path()
    except CatalogueError as exc:
        print(f"无法读取目录：{exc.user_message}", file=sys.stderr)
        return None


def _search(args: argparse.Namespace) -> int:
    from clerkapp.core.search import KINDS
    from clerkapp.infra.catalogue_io import catalogue_index

    loaded = _load()
    if loaded is None:
        return 1
    catalogue, _ = loaded
    index = catalogue_index(catalogue)
    hits = index.search(args.query, limit=args.limit, kinds=args.kind or KINDS)
    if args.json:
        rows = [
            {"kind": h.kind, "code": h.code, "name": h.name, "department": h.department,
             "score": h.score, "detail": h.detail, "matter": h.matter}
            for h in hits
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print(f"没有找到与“{args.query}”匹配的事项或证明事项 (no match)")
        return 0
    for h in hits:
        label = "事项" if h.kind == "matter" else "证明"
        extra = f"  〔{h.matter}〕" if h.matter else ""
        print(f"{h.score:>3}  {label}  {h.code:<32} {h.name}  — {h.department}，{h.detail}{extra}")
    return 0


def _counts(catalogue: Any) -> dict[str, Any]:
    from clerkapp.core.catalogue import ApplicantKind, Method

    methods = Counter(p.method.value for p in catalogue.proofs.values())
    kinds = Counter(m.applicant_kind.value for m in catalogue.matters.values())
    return {
        "version": catalogue.version,
        "issued": catalogue.issued,
        "matters": len(catalogue.matters),
        "proofs": len(catalogue.proofs),
        "departments": len(catalogue.departments),
        "methods": {m.value: methods.get(m.value, 0) for m in Method},
        "applicant_kinds": {k.value: kinds.get(k.value, 0) for k in ApplicantKind},
        "decided_at_counter": sum(m.decided_at_counter for m in catalogue.matters.values()),
        "synthetic_proofs": sum(p.synthetic for p in catalogue.proofs.values()),
    }


def _stats(args: argparse.Namespace) -> int:
    from clerkapp.core.catalogue import Method

    loaded = _load()
    if loaded is None:
        return 1
    catalogue, path = loaded
    counts = _counts(catalogue)
    counts["file"] = str(path)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=1))
        return 0
    print(f"目录文件 (file)：{path}")
    print(f"版本 (version)：{counts['version']}，发布 (issued)：{counts['issued']}")
    print(f"部门 (departments)：{counts['departments']}")
    print(
        f"事项 (matters)：{counts['matters']}（个人 {counts['applicant_kinds']['person']}，"
        f"企业 {counts['applicant_kinds']['business']}；即办件 {counts['decided_at_counter']}）"
    )
    print(f"证明事项 (proofs)：{counts['proofs']}（仿真 {counts['synthetic_proofs']}）")
    for method, n in counts["methods"].items():
        print(f"  {Method(method).label_zh} ({method})：{n}")
    return 0
