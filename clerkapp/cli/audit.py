"""`clerkapp audit …` subcommands: check the hash-chained audit trail of a store."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerkapp.infra.store.audit_chain import AuditAnchor
from clerkapp.infra.store.audit_verify import AuditReport


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `audit` command group."""
    parser = sub.add_parser("audit", help="audit trail (全程留痕) commands")
    commands = parser.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True)
    verify = commands.add_parser(
        "verify",
        help="check the audit chain (its key, the platform's anchors, each decided case): number"
        " of intact entries, or every problem named (exit 1); the store is opened read-only",
    )
    verify.add_argument(
        "--db",
        type=Path,
        default=None,
        help="store file, opened read-only, never migrated (default: this workstation's store)",
    )
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(handler=run_verify)


@dataclass(frozen=True)
class AnchorSource:
    """The anchors checked against and where they came from (said in words)."""

    anchors: list[AuditAnchor]
    source: str  # platform / local / none
    words: str


def run_verify(args: argparse.Namespace) -> int:
    """`clerkapp audit verify`: exit 0 when the trail holds, 1 when anything is wrong (or the
    file is not a ClerkApp store, or is damaged), 2 when there is no store to check."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.bounded_read import display_path
    from clerkapp.infra.office_clock import set_office_zone
    from clerkapp.infra.paths import database_path
    from clerkapp.infra.settings import load_settings
    from clerkapp.infra.store.audit import current_audit_key
    from clerkapp.infra.store.audit_chain import MarkerDamaged, read_marker
    from clerkapp.infra.store.audit_verify import verify_trail
    from clerkapp.infra.store.readonly import damaged, open_read_only

    path: Path = args.db or database_path()
    if os.path.lexists(path) and not path.is_file():
        # A directory, a FIFO, a device, a dangling link: nothing to check (exit 1, in words).
        print(f"{display_path(path)}: -: -: 无法检查：该路径不是普通文件", file=sys.stderr)
        return 1
    if not path.is_file():
        print(f"找不到数据库文件：{path}", file=sys.stderr)
        return 2
    # An unreadable configuration: the default office zone (the check goes on).
    with contextlib.suppress(ClerkAppError):
        set_office_zone(load_settings().office_zone)
    try:
        conn = open_read_only(path)
    except ClerkAppError as exc:  # file: location: field: message, as every reading command
        print(f"{display_path(path)}: -: -: {exc.user_message}", file=sys.stderr)
        return 1
    try:
        try:
            marker = read_marker(conn)
        except MarkerDamaged:
            marker = None
        source = _anchors(conn, None if marker is None else marker.chain)
        key, key_problem = current_audit_key()
        report = verify_trail(conn, key, source.anchors, key_problem=key_problem)
    except sqlite3.DatabaseError as exc:
        print(f"{display_path(path)}: -: -: {damaged(path, exc).user_message}", file=sys.stderr)
        return 1
    finally:
        conn.close()
    if args.json:
        print(json.dumps(_as_json(report, source), ensure_ascii=False))
    else:
        _print(report, source, key.backend if key else None)
    return 0 if report.ok else 1


def _anchors(conn: sqlite3.Connection, chain: str | None) -> AnchorSource:
    """The platform's anchors of this chain when it answers; otherwise the ones it confirmed
    earlier, as kept in the store."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.store.audit_chain import local_anchors

    if chain is None:
        return AnchorSource([], "none", "本数据库没有带密钥的审计链，无平台存证可核对")
    try:
        anchors = _platform_anchors(chain)
    except ClerkAppError as exc:
        from clerkapp.infra.platform import PlatformUnavailable

        kept = local_anchors(conn, chain)
        why = "网络不通或平台未响应" if isinstance(exc, PlatformUnavailable) else exc.user_message
        return AnchorSource(
            kept,
            "local",
            f"平台无法连接（{why}），改用本地保存的平台已确认存证 {len(kept)} 条核对",
        )
    from clerkapp.infra.office_clock import show_time

    last = anchors[-1] if anchors else None
    latest = f"，最新为第 {last.count} 条（{show_time(last.at)}）" if last else ""
    words = f"已向平台取得存证 {len(anchors)} 条{latest}"
    missing = _confirmed_but_missing(conn, chain, anchors)
    if missing:
        # The platform lost what it confirmed to this workstation, or the workstation now points
        # at another platform: what the store kept is checked as well, and said.
        words += (
            f"；本地保存的平台已确认存证中有 {len(missing)} 条平台上没有"
            "（平台丢失了存证，或本机改为连接另一个平台），已一并核对"
        )
    return AnchorSource([*anchors, *missing], "platform", words)


def _confirmed_but_missing(
    conn: sqlite3.Connection, chain: str, anchors: list[AuditAnchor]
) -> list[AuditAnchor]:
    """The anchors the store kept as confirmed for this workstation that the platform no longer
    answers for (those confirmed to another workstation id, e.g. the training one, are not)."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.settings import load_settings
    from clerkapp.infra.store.audit_chain import local_anchors

    try:
        workstation = load_settings().workstation
    except ClerkAppError:
        return []
    known = {(a.count, a.head) for a in anchors}
    return [
        a
        for a in local_anchors(conn, chain)
        if a.workstation == workstation and (a.count, a.head) not in known
    ]


def _platform_anchors(chain: str) -> list[AuditAnchor]:
    from clerkapp.app.audit_anchor import platform_anchors
    from clerkapp.infra.platform import PlatformClient, RetryPolicy, Timeouts
    from clerkapp.infra.settings import load_settings, platform_credentials

    # The client logs a failed call (for the app's log file); here the sentence below says it.
    logging.getLogger("clerkapp.platform").addHandler(logging.NullHandler())
    settings = load_settings()
    with PlatformClient(
        settings.url,
        platform_credentials(settings),
        timeouts=Timeouts(connect=2.0, read=5.0),
        retry=RetryPolicy(attempts=1),
        # a lab configured with --insecure-http is asked as the app asks it (warned at start)
        allow_insecure_http=settings.insecure_http,
    ) as client:
        return platform_anchors(client, chain)


def _as_json(report: AuditReport, source: AnchorSource) -> dict[str, Any]:
    broken = report.broken
    return {
        "ok": report.ok,
        "intact": report.intact,
        "count": report.count,
        "broken": None
        if broken is None
        else {
            "seq": broken.seq,
            "action": broken.action,
            "at": broken.at,
            "problem": broken.problem,
        },
        "findings": list(report.findings),
        "keyed_from": report.keyed_from,
        "key_id": report.key_id,
        "anchors": {"source": source.source, "count": len(source.anchors), "words": source.words},
    }


def _print(report: AuditReport, source: AnchorSource, backend: str | None) -> None:
    from clerkapp.infra.office_clock import show_time

    if report.ok:
        print(f"审计链完整：{report.intact} 条")
    elif report.broken is not None:
        broken = report.broken
        # For people: the office's wall time (the JSON keeps the stored UTC time).
        what = f"（{broken.action}，{show_time(broken.at)}）" if broken.action else ""
        print(f"审计链断开：第 {broken.seq} 条{what}：{broken.problem}")
        print(f"此前完整：{report.intact} 条")
    else:
        print(f"审计链各条记录的链接完整（{report.intact} 条），但发现以下问题：")
    for finding in report.findings:
        print(f"发现问题：{finding}")
    if report.keyed_from is not None:
        where = {"keyring": "操作系统密钥环", "fernet": "本机密钥文件"}.get(backend or "", "")
        kept = f"，保存于{where}" if where else ""
        if report.keyed_from > 1:
            print(
                f"第 1–{report.keyed_from - 1} 条为旧格式（无密钥）；"
                f"第 {report.keyed_from} 条起由审计密钥 {report.key_id} 签署{kept}"
            )
        else:
            print(f"全部记录由审计密钥 {report.key_id} 签署{kept}")
    print(f"存证核对：{source.words}")
