"""A token bucket per client: the short-code lookup (``/p?code=``) is throttled so that guessing
codes is hopeless (the arithmetic is in docs/platform-api.md "Web rules")."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

#: Clients remembered at most; beyond it the longest-idle ones are forgotten (a forgotten client
#: starts again with a full bucket, which costs an attacker a new address per burst).
MAX_CLIENTS = 10_000


class Throttle:
    """``rate_per_min`` tokens a minute per client, at most ``burst`` saved up; each lookup
    takes one."""

    def __init__(
        self,
        rate_per_min: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.rate_per_s = rate_per_min / 60.0
        self.burst = float(burst)
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0.0 when allowed, else the seconds until one is free
        (the ``Retry-After`` of the refusal)."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate_per_s)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (1.0 - tokens) / self.rate_per_s
            if len(self._buckets) > self._max_clients:
                # dicts keep insertion order and a used key is re-inserted: the first is idlest
                del self._buckets[next(iter(self._buckets))]
        return wait

    @staticmethod
    def retry_after(wait_s: float) -> str:
        """Whole seconds for a ``Retry-After`` header (at least 1)."""
        return str(max(1, math.ceil(wait_s)))
