"""Argument types shared by the command groups."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def bounded_int(message: str, low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high`` (no upper bound when None);
    anything else is refused with ``message：<text>`` (Chinese, shown to IT staff)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{message}：{text}")
        return value

    return parse
