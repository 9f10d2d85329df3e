"""`clerkapp catalogue …` subcommands."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add the `catalogue` command group."""
    parser = sub.add_parser("catalogue", help="catalogue commands (not yet implemented)")
    parser.set_defaults(handler=lambda args: 2)
