"""How hard the platform client tries, and the look-up subjects it sends."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

Subject = Mapping[str, str]  # {"id_number": …} or {"uscc": …}


def person(id_number: str) -> dict[str, str]:
    """The look-up subject for a person."""
    return {"id_number": id_number}


def business(uscc: str) -> dict[str, str]:
    """The look-up subject for a business."""
    return {"uscc": uscc}


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one call tries: at most ``attempts`` tries within ``budget_s`` seconds, waiting a
    random ("full jitter") time up to ``base_s * 2**n`` (capped at ``cap_s``) between tries."""

    attempts: int = 4
    base_s: float = 0.2
    cap_s: float = 2.0
    budget_s: float = 15.0

    def delay(self, retry: int) -> float:
        """The wait before retry number ``retry`` (1-based)."""
        return random.uniform(0, min(self.cap_s, self.base_s * 2 ** (retry - 1)))


@dataclass(frozen=True)
class Timeouts:
    """(connect, read) seconds for every call; long polls add their wait to ``read``."""

    connect: float = 3.05
    read: float = 10.0


# For a clerk waiting at the counter: give up sooner, the outbox retries later anyway.
INTERACTIVE_RETRY = RetryPolicy(attempts=3, base_s=0.2, cap_s=1.0, budget_s=6.0)
INTERACTIVE_TIMEOUTS = Timeouts(connect=2.0, read=5.0)
