"""The platform API's request signature (docs/CONTRACTS.md "Platform HTTP API"), defined once for
both sides: the client signs with it (``clerkapp.infra.platform``) and the sandbox checks with it
(``clerkapp.sandbox.auth``). Pure computation: no I/O, no clock.

Version 2 of the canonical form (header ``X-Signature-Version: 2``) starts with the version and
ends with the ``Idempotency-Key`` (empty when the call has none), so a signed request cannot be
sent again under another key; version 1 (without both) is no longer accepted by the platform."""

from __future__ import annotations

import hashlib
import hmac

#: The canonical form this build signs with (sent as ``X-Signature-Version``).
SIGNATURE_VERSION = "2"


def body_digest(body: bytes) -> str:
    """Hex SHA-256 of the exact request body bytes (empty body included)."""
    return hashlib.sha256(body).hexdigest()


def canonical_string(
    method: str,
    path: str,
    timestamp: str,
    request_id: str,
    workstation: str,
    official: str,
    purpose: str,
    case: str,
    body: bytes,
    idempotency_key: str = "",
) -> str:
    """The string a request's signature covers (version 2): the version, then the parts joined
    by newlines (the path without its query string, the body by its digest), then the
    Idempotency-Key as sent ("" for a call without one)."""
    return "\n".join(
        [
            "v" + SIGNATURE_VERSION,
            method.upper(),
            path,
            timestamp,
            request_id,
            workstation,
            official,
            purpose,
            case,
            body_digest(body),
            idempotency_key,
        ]
    )


def signature(secret: str, canonical: str) -> str:
    """Hex HMAC-SHA256 of the canonical string under the workstation secret."""
    return hmac.new(secret.encode("utf-8"), canonical.encode("utf-8"), hashlib.sha256).hexdigest()
