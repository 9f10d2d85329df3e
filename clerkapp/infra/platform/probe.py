"""A health probe of a platform address: who answers ``GET {url}/api/v1/health``, how fast.

Unauthenticated, no proxy (the training platform is on loopback; a real platform's health is
public), a short timeout, stdlib only (no session to keep). It tells apart *nothing listens*
(connection refused: the port is free), *something answers that is not a ClerkApp platform*,
*a 5xx*, a *timeout* and a healthy answer, with the sandbox's identity when it gives one.
Worker threads only: it blocks up to ``timeout_s``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

#: The ``service`` a ClerkApp sandbox names in its health answer.
SANDBOX_SERVICE = "clerkapp-sandbox"


class ProbeResult(StrEnum):
    """What answered on the address."""

    HEALTHY = "healthy"  # a ClerkApp platform said ``status: ok``
    SERVER_ERROR = "server_error"  # it answered 5xx
    FOREIGN = "foreign"  # something answered, but not a ClerkApp platform
    REFUSED = "refused"  # nothing listens there (the port is free)
    UNREACHABLE = "unreachable"  # timeout or another network error


@dataclass(frozen=True)
class Probe:
    """One health probe's outcome; ``body`` the health answer when there was one."""

    result: ProbeResult
    elapsed_s: float
    body: dict[str, Any] | None = None

    @property
    def service(self) -> str:
        """The ``service`` the answer names ("" when none)."""
        return str((self.body or {}).get("service", ""))

    @property
    def instance(self) -> str:
        """The sandbox instance that answered ("" when none named)."""
        return str((self.body or {}).get("instance", ""))

    @property
    def is_sandbox(self) -> bool:
        """A healthy ClerkApp sandbox with an instance identity answered."""
        return (
            self.result is ProbeResult.HEALTHY
            and self.service == SANDBOX_SERVICE
            and bool(self.instance)
        )


def probe_platform(url: str, timeout_s: float = 2.0) -> Probe:
    """Probe ``{url}/api/v1/health`` once (blocks up to ``timeout_s``)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    started = time.monotonic()

    def done(result: ProbeResult, body: dict[str, Any] | None = None) -> Probe:
        return Probe(result, time.monotonic() - started, body)

    try:
        with opener.open(f"{url.rstrip('/')}/api/v1/health", timeout=timeout_s) as answer:
            raw = answer.read(64 * 1024)
    except urllib.error.HTTPError as exc:
        return done(ProbeResult.SERVER_ERROR if exc.code >= 500 else ProbeResult.FOREIGN)
    except urllib.error.URLError as exc:
        return done(_network_result(exc.reason))
    except TimeoutError:
        return done(ProbeResult.UNREACHABLE)
    except ConnectionRefusedError:
        return done(ProbeResult.REFUSED)
    except (OSError, ValueError):  # reset, bad status line: something that is not HTTP/JSON
        return done(ProbeResult.FOREIGN)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return done(ProbeResult.FOREIGN)
    if isinstance(body, dict) and body.get("status") == "ok":
        return done(ProbeResult.HEALTHY, body)
    return done(ProbeResult.FOREIGN)


def _network_result(reason: object) -> ProbeResult:
    if isinstance(reason, ConnectionRefusedError):
        return ProbeResult.REFUSED
    if isinstance(reason, TimeoutError):
        return ProbeResult.UNREACHABLE
    if isinstance(reason, ConnectionResetError | ConnectionAbortedError):
        return ProbeResult.FOREIGN
    return ProbeResult.UNREACHABLE
