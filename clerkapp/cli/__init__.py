"""Command line: `clerkapp` starts the desktop app; subcommands serve IT staff and trainers.

Each subcommand group lives in its own module exposing ``register(subparsers)``; modules import
their heavy dependencies lazily so that ``clerkapp --version`` and ``--help`` stay instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from clerkapp import __version__
from clerkapp.cli import audit, calendar, catalogue, clerks, gui, platform
from clerkapp.cli import sync as sync_command


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree (documented in README.md; a test checks every command is)."""
    parser = argparse.ArgumentParser(
        prog="clerkapp",
        description="ClerkApp — counter clerk application for a proof-free city (无证明城市).",
    )
    parser.add_argument("--version", action="version", version=f"clerkapp {__version__}")
    gui.add_gui_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    catalogue.register(sub)
    audit.register(sub)
    platform.register(sub)
    calendar.register(sub)
    clerks.register(sub)
    sync_command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m clerkapp``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    _warn_insecure_platform()
    if handler is None:
        return gui.run_gui(args)
    try:
        result: int = handler(args)
    except BrokenPipeError:
        # The reader went away (`clerkapp catalogue search x | head`): stop quietly, as Unix
        # tools do, instead of a traceback; stdout is pointed at devnull so the interpreter's
        # final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # A file or directory the command needs is unusable (e.g. $CLERKAPP_HOME names a file):
        # say which, in Chinese, instead of a traceback.
        where = exc.filename if exc.filename is not None else ""
        print(f"无法访问文件或目录 {where}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    return result


def _warn_insecure_platform() -> None:
    """On every start: say so on stderr when the configured platform is plain http to another
    host (the lab exception ``--insecure-http``, or an address configured before the rule)."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.paths import data_dir_location
    from clerkapp.infra.settings import load_settings
    from clerkapp.infra.url_policy import insecure_warning

    try:
        if not (data_dir_location() / "settings.json").is_file():
            return
        settings = load_settings()
    except (ClerkAppError, OSError):  # the command itself says what is wrong with the file
        return
    warning = insecure_warning(settings.platform_url, settings.insecure_http)
    if warning:
        print(warning, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
