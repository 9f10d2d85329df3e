"""`clerkapp sync`: send the outbox without the GUI (a scheduled task while no clerk is logged
in). Exit 0 all sent, 3 some wait (offline, backoff, a department's answer), 4 some need a
person (the 需人工处理 list), 1 an error (said in words)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `sync` command."""
    parser = sub.add_parser(
        "sync",
        help="send the outbox without the GUI: exit 0 all sent, 3 some wait, 4 some need a "
        "person, 1 error",
    )
    parser.add_argument("--once", action="store_true", help="one pass only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--sandbox-url",
        default=None,
        help="training mode only: the training sandbox's address (default http://127.0.0.1:8765)",
    )
    # The desktop app's own sync worker (clerkapp.app.sync_process): not for people.
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--platform-url", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--home", default=None, help=argparse.SUPPRESS)
    parser.set_defaults(handler=run_sync_command)


def run_sync_command(args: argparse.Namespace) -> int:
    """`clerkapp sync [--once] [--json]`."""
    from clerkapp.app.sync_run import EXIT_ERROR, SyncRun, summary_lines
    from clerkapp.errors import ClerkAppError

    if args.serve:
        return _serve(args)
    try:
        run = _run(args)
    except ClerkAppError as exc:
        run = SyncRun(platform="unknown", error=exc.user_message)
    if args.json:
        print(json.dumps(run.as_json(), ensure_ascii=False))
    else:
        stream = sys.stderr if run.exit_code == EXIT_ERROR else sys.stdout
        for line in summary_lines(run):
            print(line, file=stream)
    return run.exit_code


def _serve(args: argparse.Namespace) -> int:
    """The desktop app's sync worker in its child process (lines on stdin and stdout)."""
    from clerkapp.app.sync_process import serve
    from clerkapp.infra.logging_setup import setup_logging
    from clerkapp.infra.paths import data_dir
    from clerkapp.infra.settings import load_settings

    setup_logging()
    url = args.platform_url or load_settings().url
    return serve(Path(args.home) if args.home else data_dir(), url)


def _run(args: argparse.Namespace) -> Any:
    from clerkapp.app.case_service import CaseService
    from clerkapp.app.clock import local_now
    from clerkapp.app.sync_run import SyncRun, run_sync
    from clerkapp.app.training_store import (
        adopt_legacy_training_store,
        mode_target,
        open_mode_store,
    )
    from clerkapp.infra.calendar_io import load_work_calendar
    from clerkapp.infra.catalogue_io import load_catalogue
    from clerkapp.infra.logging_setup import setup_logging
    from clerkapp.infra.office_clock import set_office_zone
    from clerkapp.infra.paths import data_dir, database_path
    from clerkapp.infra.platform import PlatformClient
    from clerkapp.infra.settings import load_settings, platform_credentials

    setup_logging()  # the drain's log lines go to the workstation's log file, not the terminal
    settings = load_settings()
    set_office_zone(settings.office_zone)
    if args.sandbox_url and not settings.training:
        return SyncRun(
            platform="unknown", error="--sandbox-url 只用于培训模式：本工作站已配置正式平台"
        )
    adopt_legacy_training_store(data_dir())  # an old store of training work only: now training's
    path = database_path()
    if not path.is_file():
        return SyncRun(platform="unknown", platform_note=f"本工作站还没有本地数据库（{path}）")
    url = (args.sandbox_url or settings.url) if settings.training else settings.url
    # The store of the mode in use, its rows stamped with the mode's platform: training work is
    # never sent to a real platform, nor a real case's to the training sandbox (issue 10).
    with open_mode_store(data_dir(), settings) as store:
        service = CaseService(
            store,
            load_catalogue(),
            local_now,
            workstation=settings.workstation_id,
            documents_dir=store.path.parent / "documents",
            calendar=load_work_calendar(),
        )
        with PlatformClient(
            url, platform_credentials(settings), allow_insecure_http=settings.insecure_http
        ) as client:
            client.target = mode_target(settings)
            return run_sync(service, client, training=settings.training, once=args.once)
