"""Request signing of the platform API (docs/CONTRACTS.md "Platform HTTP API").

Every ``/api/v1`` call except health carries the workstation, the official, the purpose and the
case, a fresh nonce (``X-Request-Id``) and a timestamp, and an HMAC-SHA256 signature over the
canonical string of all of them plus the SHA-256 of the body and the ``Idempotency-Key`` (canonical
form version 2, ``X-Signature-Version``). Each attempt of a call is signed afresh: a retry is a new
request (new nonce) that carries the same ``Idempotency-Key``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from clerkapp.core.request_signing import SIGNATURE_VERSION, canonical_string, signature


@dataclass(frozen=True)
class Credentials:
    """The workstation's identity on the platform and its shared secret."""

    workstation: str
    secret: str

    def __repr__(self) -> str:  # never print the secret (logs, tracebacks)
        return f"Credentials(workstation={self.workstation!r}, secret=***)"


@dataclass(frozen=True)
class CallContext:
    """Who asks and why (purpose binding): the clerk, the purpose and the case."""

    official: str
    purpose: str  # e.g. "matter:<matter code>"
    case_id: str


def header_value(text: str) -> str:
    """A header-safe form of ``text``: HTTP headers are Latin-1, so anything outside ASCII is
    percent-encoded; the signature covers the value as sent."""
    return text if text.isascii() else quote(text, safe="")


def signed_headers(
    credentials: Credentials,
    context: CallContext,
    method: str,
    path: str,
    body: bytes,
    *,
    clock: Callable[[], float] = time.time,
    nonce: Callable[[], str] = lambda: str(uuid.uuid4()),
    idempotency_key: str = "",
) -> dict[str, str]:
    """The identity, purpose and signature headers of one attempt of one call.

    ``path`` is the URL path without the query string (e.g. ``/api/v1/lookups``);
    ``idempotency_key`` the ``Idempotency-Key`` the attempt carries ("" when none): the signature
    covers it, and the caller sends it as it is.
    """
    official = header_value(context.official)
    purpose = header_value(context.purpose)
    case = header_value(context.case_id)
    workstation = header_value(credentials.workstation)
    timestamp = str(int(clock()))
    request_id = nonce()
    canonical = canonical_string(
        method,
        path,
        timestamp,
        request_id,
        workstation,
        official,
        purpose,
        case,
        body,
        idempotency_key,
    )
    return {
        "X-Workstation": workstation,
        "X-Official": official,
        "X-Purpose": purpose,
        "X-Case": case,
        "X-Request-Id": request_id,
        "X-Timestamp": timestamp,
        "X-Signature": signature(credentials.secret, canonical),
        "X-Signature-Version": SIGNATURE_VERSION,
    }
