"""Problem answers (RFC 9457 ``application/problem+json``) of the sandbox platform.

Every refusal or failure the sandbox gives is a :class:`Problem`: a machine code the client maps
to a typed error, whether a retry may help, the registry or component that failed, and a Chinese
``detail`` a clerk can read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://clerkapp.invalid/problems/"


class Problem(Exception):  # an RFC 9457 problem document, raised to answer
    """A refusal or failure answered as ``application/problem+json``."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        title: str = "",
        retryable: bool = False,
        source: str = "platform",
    ) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title or code.replace("_", " ")
        self.retryable = retryable
        self.source = source

    def body(self) -> dict[str, object]:
        """The problem document."""
        return {
            "type": PROBLEM_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
            "retryable": self.retryable,
            "source": self.source,
        }

    def response(self) -> Response:
        """The HTTP answer carrying this problem."""
        headers = {"Retry-After": "1"} if self.retryable and self.status in (429, 503) else None
        return Response(
            json.dumps(self.body(), ensure_ascii=False).encode(),
            status_code=self.status,
            media_type=PROBLEM_MEDIA_TYPE,
            headers=headers,
        )


def json_response(body: object, status: int = 200) -> Response:
    """A compact UTF-8 JSON answer (Chinese kept readable, no escaping)."""
    return Response(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(),
        status_code=status,
        media_type="application/json",
    )


def invalid_request(errors: Sequence[Mapping[str, Any]]) -> Problem:
    """422 for a body that is not JSON or not the call's shape (from pydantic's errors)."""
    if any(err.get("type") == "json_invalid" for err in errors):
        return Problem(422, "invalid_request", "请求内容不是合法的 JSON")
    where = "；".join(
        ".".join(str(p) for p in err.get("loc", ()) if p != "body") + f"：{err.get('msg')}"
        for err in errors[:5]
    )
    return Problem(422, "invalid_request", f"请求内容不符合接口要求（{where}）")
