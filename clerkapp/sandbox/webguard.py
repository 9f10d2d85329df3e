"""The outermost ASGI layer of the sandbox: checks every request before anything else reads it.

1. **Host allow-list** (421 ``unknown_host``, 400 ``bad_host`` for a missing or malformed Host):
   the sandbox answers only the names it serves — ``localhost``, ``127.0.0.1``, ``::1`` and the
   address the connection arrived on, each with the sandbox's own port, plus the configured
   public names. A page of another site whose name was re-pointed to 127.0.0.1 (DNS rebinding)
   sends its own name and is refused. Starlette's ``TrustedHostMiddleware`` compares names only
   (not ports) and answers in English plain text; this layer answers a problem document.
2. **Body size** (413 ``body_too_large``): 64 KiB for API calls, 4 KiB for the desk's forms
   (configurable, :class:`WebRules`). A ``Content-Length`` over the limit is refused before a
   byte is read; a chunked body is read only up to the limit, then refused (nothing is stored).
3. **The published training secret from loopback only** (403 ``training_secret_remote``): a
   signed call naming a workstation whose secret is the published training secret is refused
   from any address that is not loopback, unless a trainer's file lists its network.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clerkapp.sandbox.config import TRAINING_SECRET
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.web_rules import (
    LOOPBACK_HOSTS,
    WebRules,
    in_networks,
    is_loopback,
    training_networks,
)

#: Paths whose bodies are HTML forms (the small limit).
FORM_PREFIXES = ("/dept",)
#: The one API path whose body is a document (a decision's PDF for the progress page).
DOCUMENT_PATH = re.compile(r"/api/v1/progress/[A-Za-z0-9_-]{1,128}/document")


def split_host(value: str) -> tuple[str, int | None] | None:
    """``(name, port)`` of a Host header (``[::1]:8765`` → ``("::1", 8765)``); None when it is
    not a host."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/\\@?#\x00 "):
        return None
    if value.startswith("["):
        name, sep, rest = value[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else ""
    else:
        name, _, port_text = value.partition(":")
        if ":" in port_text:
            return None
    if not name:
        return None
    if not port_text:
        return name, None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return None
    return name, int(port_text)


_HEADERS_KEY = "clerkapp.headers"
#: Where :func:`scope_headers` keeps its dict (a batch's operations set their own).
HEADERS_KEY = _HEADERS_KEY


def scope_headers(scope: Scope) -> dict[str, str]:
    """A request's headers as a dict of lower-case names (the first of a repeated name, as
    Starlette's ``Headers.get``), made once per request and kept in its scope: Starlette's
    ``Headers.get`` decodes every header name on each look-up, and a data call looks up about
    ten (issue 10)."""
    made: dict[str, str] | None = scope.get(_HEADERS_KEY)
    if made is None:
        made = {}
        for name, value in scope["headers"]:
            made.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
        scope[_HEADERS_KEY] = made
    return made


class WebGuardMiddleware:
    """Host allow-list, body size limit and the training secret's networks (module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        rules: WebRules,
        data_dir: Path,
        workstations: dict[str, str],
    ) -> None:
        self.app = app
        self.rules = rules
        self.public = _public_hosts(rules.public_hosts)
        self.networks = training_networks(rules, data_dir)
        self.published = frozenset(
            ws
            for ws, secret in workstations.items()
            if hmac.compare_digest(secret, TRAINING_SECRET)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope_headers(scope)
        try:
            self._check_host(scope, headers)
            limit = self.rules.max_form_bytes if _is_form(scope) else self.rules.max_json_bytes
            if _is_document(scope):  # a decision's PDF (issue 9)
                limit = self.rules.max_document_bytes
            elif scope["path"] == "/api/v1/batch":  # many operations (issue 13)
                limit = self.rules.max_batch_bytes
            _check_length(headers, limit)
            self._check_training_secret(scope, headers)
            if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE") and not _has_body(headers):
                await self.app(scope, receive, send)
                return
            body = await _read_body(receive, limit)
        except Problem as problem:
            # The connection is closed after the refusal: the rest of an oversized body is
            # never read, and a refused peer gets no keep-alive connection.
            response = problem.response()
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _check_host(self, scope: Scope, headers: Mapping[str, str]) -> None:
        host = split_host(headers.get("host", ""))
        if host is None:
            raise Problem(400, "bad_host", "请求缺少 Host 头或格式错误", source="sandbox")
        name, port = _unmapped(host[0]), host[1]  # an address literal in its canonical form
        server = scope.get("server")
        own_port = server[1] if server and len(server) > 1 else None
        local = _unmapped(str(server[0])) if server else ""
        if name in LOOPBACK_HOSTS or name == local:
            if port == own_port or (port is None and own_port == 80):
                return
        elif name in self.public and (self.public[name] is None or self.public[name] == port):
            return
        raise Problem(
            421,
            "unknown_host",
            f"平台不为“{name}”提供服务（Host 不在允许列表中）；请使用平台的地址访问",
            source="sandbox",
        )

    def _check_training_secret(self, scope: Scope, headers: Mapping[str, str]) -> None:
        workstation = headers.get("x-workstation", "").strip()
        if workstation not in self.published:
            return
        client = scope.get("client")
        address = str(client[0]) if client else ""
        if is_loopback(address) or in_networks(address, self.networks):
            return
        raise Problem(
            403,
            "training_secret_remote",
            f"工作站 {workstation} 使用公开的培训密钥，只接受本机（回环地址）的请求；"
            "培训教室的网络须由培训人员在 trainers.json 中列出",
            source="auth",
        )


@functools.lru_cache(maxsize=256)
def _unmapped(address: str) -> str:
    """A local address as a Host header names it (``::ffff:192.0.2.2`` → ``192.0.2.2``).
    Cached: every call names the same few hosts, and parsing an address each time was a tenth
    of the sandbox's CPU per call in an outbox drain (issue 10)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address.lower()
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def _public_hosts(names: Iterable[str]) -> dict[str, int | None]:
    hosts: dict[str, int | None] = {}
    for text in names:
        parsed = split_host(text)
        if parsed is not None:
            hosts[parsed[0]] = parsed[1]
    return hosts


def _is_form(scope: Scope) -> bool:
    path: str = scope["path"]
    return any(path == p or path.startswith(p + "/") for p in FORM_PREFIXES)


def _has_body(headers: Mapping[str, str]) -> bool:
    length = headers.get("content-length", "0").strip()
    return "chunked" in headers.get("transfer-encoding", "").lower() or length not in ("", "0")


def _is_document(scope: Scope) -> bool:
    return scope["method"] == "PUT" and bool(DOCUMENT_PATH.fullmatch(str(scope["path"])))


def _too_large(limit: int) -> Problem:
    return Problem(
        413,
        "body_too_large",
        f"请求内容过大：平台只接受不超过 {limit // 1024} KiB 的请求体",
        source="sandbox",
    )


def _check_length(headers: Mapping[str, str], limit: int) -> None:
    declared = headers.get("content-length")
    if declared is None:
        return
    if not declared.strip().isdigit():
        raise Problem(400, "bad_length", "Content-Length 格式错误", source="sandbox")
    if int(declared) > limit:
        raise _too_large(limit)


async def _read_body(receive: Receive, limit: int) -> bytes:
    """The whole body, read only up to ``limit`` bytes (then 413: the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body once, then the connection's own messages
    (a later ``http.disconnect`` still arrives)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
