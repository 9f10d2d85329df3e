"""`clerkapp platform …` subcommands."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add the `platform` command group."""
    parser = sub.add_parser("platform", help="platform commands (not yet implemented)")
    parser.set_defaults(handler=lambda args: 2)
