"""Every command of the CLI is documented in README.md (as sqlite-utils does for its own CLI)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from clerkapp.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(parser: argparse.ArgumentParser, prefix: str = "clerkapp") -> list[str]:
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _commands(sub, f"{prefix} {name}")
                found.extend(nested or [f"{prefix} {name}"])
    return found


def test_every_cli_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert commands, "the CLI has no subcommands"
    undocumented = [c for c in commands if f"`{c}" not in text]
    assert not undocumented, f"commands missing from README.md: {undocumented}"


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "clerkapp", "--version"], capture_output=True, text=True, check=True
    )
    from clerkapp import __version__

    assert out.stdout.strip() == f"clerkapp {__version__}"
