"""`clerkapp audit …` subcommands: check the hash-chained audit trail of a store."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `audit` command group."""
    parser = sub.add_parser("audit", help="audit trail (全程留痕) commands")
    commands = parser.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True)
    verify = commands.add_parser(
        "verify",
        help="check the audit chain: number of intact entries, or the first broken one (exit 1)",
    )
    verify.add_argument(
        "--db", type=Path, default=None, help="store file (default: this workstation's store)"
    )
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    """`clerkapp audit verify`: exit 0 when the chain holds, 1 at the first broken entry, 2 when
    there is no store to check."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.office_clock import set_office_zone, show_time
    from clerkapp.infra.paths import database_path
    from clerkapp.infra.settings import load_settings
    from clerkapp.infra.store import Store

    path: Path = args.db or database_path()
    if not path.is_file():
        print(f"找不到数据库文件：{path}", file=sys.stderr)
        return 2
    # An unreadable configuration: the default office zone (the check goes on).
    with contextlib.suppress(ClerkAppError):
        set_office_zone(load_settings().office_zone)
    try:
        with Store(path) as store:
            report = store.audit.verify()
    except ClerkAppError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    if args.json:
        broken = report.broken
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "intact": report.intact,
                    "broken": None
                    if broken is None
                    else {
                        "seq": broken.seq,
                        "action": broken.action,
                        "at": broken.at,
                        "problem": broken.problem,
                    },
                },
                ensure_ascii=False,
            )
        )
        return 0 if report.ok else 1
    if report.broken is None:
        print(f"审计链完整：{report.intact} 条")
        return 0
    broken = report.broken
    # For people: the office's wall time (the JSON above keeps the stored UTC time).
    what = f"（{broken.action}，{show_time(broken.at)}）" if broken.action else ""
    print(f"审计链断开：第 {broken.seq} 条{what}：{broken.problem}")
    print(f"此前完整：{report.intact} 条")
    return 1
