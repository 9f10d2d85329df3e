"""`clerkapp platform …` subcommands: serve the sandbox data platform, write a dataset, print the
demo subjects. Heavy imports (FastAPI, uvicorn) happen inside the handlers."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from clerkapp.cli._args import bounded_int


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `platform` command group."""
    parser = sub.add_parser(
        "platform", help="the sandbox data platform (training mode, tests, demos)"
    )
    psub = parser.add_subparsers(dest="platform_command", metavar="SUBCOMMAND", required=True)

    serve = psub.add_parser("serve", help="run the sandbox platform server")
    serve.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8765, help="port; 0 picks a free one")
    serve.add_argument(
        "--data",
        type=Path,
        help="state directory; a trainer's dataset when it holds manifest.json"
        " (default: sandbox/ in the data directory, $CLERKAPP_HOME or the user data directory)",
    )
    serve.add_argument("--latency-ms", type=int, default=0, help="latency added to data calls")
    serve.add_argument(
        "--fault-rate", type=float, default=0.0, help="probability of a random 503 (0..1)"
    )
    serve.add_argument(
        "--after-fault-rate",
        type=float,
        default=0.0,
        help="probability that a done operation's answer is lost (connection dropped after the"
        " work, answer stored for the retry) (0..1)",
    )
    serve.add_argument("--fault-seed", type=int, default=0, help="seed of the random faults")
    serve.add_argument(
        "--no-batch",
        action="store_true",
        help="answer POST /api/v1/batch with 404, as a platform without batch delivery",
    )
    serve.add_argument(
        "--verify-delay-s",
        type=float,
        default=5.0,
        help="seconds before a department answers automatically; negative: only by hand",
    )
    serve.add_argument("--people", type=_people, default=2000, help="size of the built-in dataset")
    serve.add_argument("--seed", type=int, default=2019, help="seed of the built-in dataset")
    serve.add_argument("--ready-file", type=Path, help="write the URL here once listening")
    serve.add_argument(
        "--office-zone",
        default="Asia/Shanghai",
        help="time zone of the times on the progress page and of the data's as-of time (IANA"
        " name; default Asia/Shanghai)",
    )
    serve.add_argument(
        "--public-host",
        action="append",
        default=[],
        metavar="NAME[:PORT]",
        help="a public name the progress pages are reached under (the host of the QR base URL,"
        " e.g. progress.example.cn); repeatable. Loopback names and this machine's addresses are"
        " always served; any other Host header is refused (421)",
    )
    serve.add_argument(
        "--database",
        default="",
        metavar="URL",
        help="the platform database of case summaries and office figures (issue 12):"
        " postgresql://USER@HOST/DB for an office or a city, or a SQLite file"
        " (default: platform.sqlite3 in the state directory)",
    )
    serve.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="worker processes serving the one port (default 1; several for a platform on"
        " PostgreSQL)",
    )
    serve.set_defaults(handler=_serve)

    dataset = psub.add_parser("dataset", help="write a deterministic synthetic dataset")
    dataset.add_argument("--out", type=Path, required=True, help="directory to write")
    dataset.add_argument("--people", type=_people, default=2000, help="number of residents")
    dataset.add_argument("--seed", type=int, default=2019, help="random seed")
    dataset.add_argument(
        "--as-of", default="2026-11-20T06:00:00+08:00", help="data as-of time (ISO 8601)"
    )
    dataset.set_defaults(handler=_dataset)

    check = psub.add_parser("check-dataset", help="validate a dataset directory")
    check.add_argument("path", type=Path)
    check.set_defaults(handler=_check_dataset)

    demo = psub.add_parser("demo", help="print the demo subjects of training mode")
    demo.add_argument("--json", action="store_true", help="JSON instead of a table")
    demo.set_defaults(handler=_demo)

    configure = psub.add_parser(
        "configure", help="point this workstation at a real platform (leaves training mode)"
    )
    configure.add_argument("--url", required=True, help="the platform's API address")
    configure.add_argument("--workstation", required=True, help="this workstation's id")
    configure.add_argument(
        "--public-base", help="public address of the progress pages printed in QR codes"
    )
    configure.add_argument("--office", help="issuing office shown on documents")
    configure.add_argument(
        "--office-zone",
        help="the office's time zone, an IANA name (default Asia/Shanghai): every time people"
        " read is shown in it",
    )
    configure.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow a plain http:// address of another host (a lab without certificates only:"
        " personal data then crosses the network unencrypted; warned about on every start)",
    )
    configure.add_argument(
        "--secret-stdin",
        action="store_true",
        help="read the workstation secret from standard input instead of a hidden prompt",
    )
    configure.set_defaults(handler=_configure)

    training = psub.add_parser(
        "training", help="forget the platform configuration: back to training mode"
    )
    training.set_defaults(handler=_training)

    discard = psub.add_parser(
        "discard-training",
        help="delete the training store (training cases, their queued operations and documents);"
        " only outside training mode",
    )
    discard.add_argument("--yes", action="store_true", help="do it (without it: only show)")
    discard.set_defaults(handler=_discard_training)


def _serve(args: argparse.Namespace) -> int:
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.file_modes import tighten_tree
    from clerkapp.infra.paths import data_dir as clerkapp_data_dir
    from clerkapp.sandbox.config import SandboxSettings
    from clerkapp.sandbox.server import serve
    from clerkapp.sandbox.web_rules import WebRules

    # The data directory rule of ClerkApp ($CLERKAPP_HOME, else the platform's user data
    # directory), not a fresh temporary one: a training room's progress registry must survive a
    # restart so that yesterday's receipts still scan.
    data_dir = args.data if args.data is not None else clerkapp_data_dir() / "sandbox"
    try:
        # The sandbox's state (progress registry, its audit of who looked up whom) is the
        # trainer's only: files 0600, folders 0700 whatever the umask (docs/security.md).
        os.umask(0o077)
        data_dir.mkdir(parents=True, exist_ok=True)
        tighten_tree(data_dir)
        settings = SandboxSettings(
            data_dir=data_dir,
            latency_ms=args.latency_ms,
            fault_rate=args.fault_rate,
            after_fault_rate=args.after_fault_rate,
            fault_seed=args.fault_seed,
            batch=not args.no_batch,
            verify_delay_s=args.verify_delay_s if args.verify_delay_s >= 0 else None,
            people=args.people,
            seed=args.seed,
            office_zone=args.office_zone,
            web=WebRules(public_hosts=tuple(args.public_host)),
            database=args.database,
        )
        if args.workers > 1:
            from clerkapp.sandbox.workers import serve_workers

            return serve_workers(
                settings, args.workers, args.host, args.port, args.ready_file, on_ready=_announce
            )
        return serve(settings, args.host, args.port, args.ready_file, on_ready=_announce)
    except ClerkAppError as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"沙箱无法启动：{exc}", file=sys.stderr)
        return 1


def _announce(url: str) -> None:
    print(f"ClerkApp sandbox listening on {url}", flush=True)


#: ``--port``: 0 (any free port) to 65535.
_port = bounded_int("端口应为 0–65535 之间的整数", 0, 65535)
#: ``--workers``: 1 to 64 processes.
_workers = bounded_int("工作进程数应为 1–64 之间的整数", 1, 64)
#: ``--people``: a whole number of residents, 0 or more (the demo subjects always come).
_people = bounded_int("人数应为不小于 0 的整数", 0)


def _dataset(args: argparse.Namespace) -> int:
    from datetime import datetime

    from clerkapp.sandbox.dataset import write_dataset
    from clerkapp.sandbox.synth import generate

    try:
        as_of = datetime.fromisoformat(args.as_of)
    except ValueError:
        print(f"--as-of 不是合法的 ISO 时间：{args.as_of}", file=sys.stderr)
        return 2
    dataset = generate(args.people, args.seed, as_of)
    try:
        written = write_dataset(dataset, args.out)
    except OSError as exc:
        print(f"无法写入数据集目录 {args.out}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    counts = dataset.manifest()["counts"]
    print(f"dataset written to {args.out} ({len(written)} files): {json.dumps(counts)}")
    return 0


def _check_dataset(args: argparse.Namespace) -> int:
    from clerkapp.sandbox.dataset import DatasetError, load_dataset

    try:
        dataset = load_dataset(args.path)
    except DatasetError as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    print(f"dataset OK: {json.dumps(dataset.manifest()['counts'])}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from clerkapp.sandbox.demo import DEMO_SUBJECTS

    if args.json:
        print(json.dumps([s.as_json() for s in DEMO_SUBJECTS], ensure_ascii=False, indent=2))
        return 0
    for s in DEMO_SUBJECTS:
        print(f"{s.name}\t{s.subject}\t{s.scenario}")
    return 0


def _configure(args: argparse.Namespace) -> int:
    """Store the platform address and workstation; the secret never goes on the command line
    (it would end up in shell history) and is stored protected, never in plain text."""
    import getpass

    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.file_modes import secure_data_dir
    from clerkapp.infra.paths import data_dir
    from clerkapp.infra.settings import configure_platform
    from clerkapp.infra.url_policy import check_platform_url

    try:  # before the secret is asked for: a refused address should not waste it
        check_platform_url(args.url, insecure_http=args.insecure_http)
    except ClerkAppError as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    secret = sys.stdin.readline().strip() if args.secret_stdin else getpass.getpass("工作站密钥: ")
    try:
        saved = configure_platform(
            args.url,
            args.workstation,
            secret,
            official_display=args.office,
            public_base_url=args.public_base,
            office_zone=args.office_zone,
            insecure_http=args.insecure_http,
        )
    except ClerkAppError as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    secure_data_dir(data_dir())  # the key folder too, owner-only at once
    print(f"已配置平台 {saved.url}，工作站 {saved.workstation_id}（密钥已加密保存）")
    _say_training_work(leaving=True)
    from clerkapp.infra.secret_vault import describe

    print(describe())  # where the secret went, and what that protects against
    return 0


def _say_training_work(*, leaving: bool) -> None:
    """Tell what becomes of the training store's unfinished work (issue 10 part 5)."""
    from clerkapp.app.training_store import training_work
    from clerkapp.infra.paths import data_dir

    work = training_work(data_dir())
    if not work.any:
        return
    parts = [f"{work.open_cases} 件未办结"] if work.open_cases else []
    if work.pending:
        parts.append(f"{work.pending} 项待发送的操作")
    if work.needs_person:
        parts.append(f"{work.needs_person} 项待人工处理的操作")
    held = "、".join(parts)
    if leaving:
        print(
            f"培训模式中有 {held}：它们留在培训库中，不会发送到正式平台。"
            "回到培训模式（clerkapp platform training）可继续办理；"
            "不再需要时可删除（clerkapp platform discard-training --yes）。"
        )
    else:
        print(f"培训库中有 {held}，将继续发送到培训沙箱。")


def _training(args: argparse.Namespace) -> int:
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.settings import use_training

    try:
        use_training()
    except ClerkAppError as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    print("已恢复培训模式（使用内置沙箱平台）")
    _say_training_work(leaving=False)
    return 0


def _discard_training(args: argparse.Namespace) -> int:
    """Delete the training store and its documents — never in training mode (the application
    may have it open); training data are synthetic, nothing real is lost."""
    import shutil

    from clerkapp.app.training_store import training_work
    from clerkapp.infra.paths import data_dir, store_file
    from clerkapp.infra.settings import is_training

    if is_training():
        print(
            "培训模式中不能删除培训库：请先配置正式平台（clerkapp platform configure）",
            file=sys.stderr,
        )
        return 1
    home = data_dir()
    folder = store_file(home, training=True).parent
    work = training_work(home)
    if not folder.exists():
        print("没有培训库，无需删除")
        return 0
    if not args.yes:
        print(
            f"培训库（{folder}）中有 {work.open_cases} 件未办结、{work.pending} 项待发送的操作；"
            "加 --yes 删除"
        )
        return 0
    shutil.rmtree(folder)
    print(f"已删除培训库（{work.open_cases} 件未办结、{work.pending} 项待发送的操作）")
    return 0
