"""CSRF protection of the sandbox's HTML forms (the department desk, ``/dept``).

A browser on the counter PC may run a hostile page; it must not be able to answer a verification
by posting a form to the sandbox. Each desk visitor gets a random session cookie (``HttpOnly``,
``SameSite=Strict``, path ``/dept``); each form carries a token that is an HMAC of that session
under a key known only to the running sandbox. A POST is accepted only with the cookie, the
matching token, and — when the browser sends them — an ``Origin`` or ``Referer`` of the same
host and port the request was sent to.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

COOKIE = "clerkapp_desk"
FIELD = "csrf"
_SESSION_RE = re.compile(r"[A-Za-z0-9_-]{32,64}")


class CsrfRefused(Exception):  # a desk form post refused; the message is for the clerk
    """A form post without a valid token, or from another origin."""


class CsrfGuard:
    """Issues and checks the desk's form tokens (the key lives as long as the process)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def session(self, cookies: Mapping[str, str]) -> tuple[str, bool]:
        """The visitor's session id and whether it is new (then the cookie must be set)."""
        current = cookies.get(COOKIE, "")
        if _SESSION_RE.fullmatch(current):
            return current, False
        return secrets.token_urlsafe(32), True

    def token(self, session: str) -> str:
        """The form token of a session."""
        return hmac.new(self._key, session.encode(), hashlib.sha256).hexdigest()

    def check(self, cookies: Mapping[str, str], headers: Mapping[str, str], sent: str) -> None:
        """Refuse (:class:`CsrfRefused`) a post from another origin or without the token that
        belongs to its session cookie."""
        host = headers.get("host", "").lower()
        origin = headers.get("origin")
        if origin is not None:
            if origin == "null" or urlsplit(origin).netloc.lower() != host:
                raise CsrfRefused("表单来自其他网站（Origin 不符），已拒绝")
        else:
            referer = headers.get("referer")
            if referer and urlsplit(referer).netloc.lower() != host:
                raise CsrfRefused("表单来自其他网站（Referer 不符），已拒绝")
        session = cookies.get(COOKIE, "")
        if not _SESSION_RE.fullmatch(session):
            raise CsrfRefused("会话已失效，请重新打开核验工作台后再答复")
        if not sent or not hmac.compare_digest(self.token(session), sent):
            raise CsrfRefused("表单校验码不符或已过期，请重新打开核验工作台后再答复")

    @staticmethod
    def cookie_header(session: str) -> str:
        """The ``Set-Cookie`` value for a new session."""
        return f"{COOKIE}={session}; Path=/dept; HttpOnly; SameSite=Strict"
