"""Starting the desktop application (the default when no subcommand is given)."""

from __future__ import annotations

import argparse


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    """Options of the desktop app itself."""
    parser.add_argument(
        "--lang", choices=["zh_CN", "en"], help="interface language (default zh_CN)"
    )


def run_gui(args: argparse.Namespace) -> int:
    """Start the desktop application; imports Qt only now."""
    from clerkapp.gui.application import run

    result: int = run(args)
    return result
