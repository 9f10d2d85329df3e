"""The platform API's request signature (docs/CONTRACTS.md "Platform HTTP API"), defined once for
both sides: the client signs with it (``clerkapp.infra.platform``) and the sandbox checks with it
(``clerkapp.sandbox.auth``). Pure computation: no I/O, no clock."""

from __future__ import annotations

import hashlib
import hmac


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
) -> str:
    """The string a request's signature covers: its parts joined by newlines (the path without
    its query string, the body by its digest)."""
    return "\n".join(
        [
            method.upper(),
            path,
            timestamp,
            request_id,
            workstation,
            official,
            purpose,
            case,
            body_digest(body),
        ]
    )


def signature(secret: str, canonical: str) -> str:
    """Hex HMAC-SHA256 of the canonical string under the workstation secret."""
    return hmac.new(secret.encode("utf-8"), canonical.encode("utf-8"), hashlib.sha256).hexdigest()
