"""The ``sandbox`` fixture: the real sandbox platform served on an ephemeral loopback port.

One server per test session (started on first use, stopped at the end of the session, its
thread joined); each test gets it with faults cleared and settings reset afterwards, so a test
that injects a fault cannot break the next one. Use it with ``from tests.sandbox_fixture import
sandbox`` or through ``pytest_plugins``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION, SandboxSettings
from clerkapp.sandbox.server import ThreadedSandbox
from clerkapp.sandbox.state import SandboxState
from clerkapp.sandbox.web_rules import WebRules

VERIFY_DELAY_S = 0.5  # short, yet long enough for a test to see "queued" first
#: The shared sandbox serves every test of the session from 127.0.0.1: its short-code throttle is
#: wide; tests/integration/test_sandbox_web_rules.py checks the real one on its own sandbox.
SHARED_WEB_RULES = WebRules(code_lookups_per_min=6000, code_lookup_burst=1000)
#: A matter of the bundled catalogue: the purpose the tests' calls state by default.
MATTER = "zjj.public_rental"
PURPOSE = f"matter:{MATTER}"
#: A second workstation the session sandbox knows (cross-workstation tests).
OTHER_WORKSTATION = "WIN-07"
OTHER_SECRET = "win-07-test-secret"


class SandboxHandle:
    """What a test sees of the running sandbox."""

    def __init__(self, server: ThreadedSandbox, data_dir: Path) -> None:
        self._server = server
        self.url = server.url
        self.data_dir = data_dir
        self.workstation = TRAINING_WORKSTATION
        self.secret = TRAINING_SECRET
        self.http = requests.Session()
        self._registered: set[tuple[str, str, str]] = set()

    @property
    def state(self) -> SandboxState:
        """The running app's state (for assertions a client cannot make)."""
        return self._server.sandbox

    def set_fault(
        self, item: str = "*", kind: str = "error", *, status: int = 503, latency_ms: int = 0
    ) -> None:
        """Make calls on ``item`` (an item, ``credit``/``verification``/``progress`` or ``*``)
        fail or slow down until :meth:`clear_faults`."""
        body = {"item": item, "kind": kind, "status": status, "latency_ms": latency_ms}
        self.http.post(f"{self.url}/sandbox/faults", json=body, timeout=5).raise_for_status()

    def clear_faults(self) -> None:
        """Remove every injected per-item fault."""
        self.http.delete(f"{self.url}/sandbox/faults", timeout=5).raise_for_status()

    def settings(self, **changes: Any) -> dict[str, Any]:
        """Change runtime settings (``verify_delay_s`` None: answered only by hand,
        ``latency_ms``, ``fault_rate``); the settings now in force."""
        answer = self.http.post(f"{self.url}/sandbox/settings", json=changes, timeout=5)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def answer_verification(self, ticket: str, action: str = "confirm", note: str = "") -> None:
        """Answer a verification by hand as the department would on /dept
        (``action``: confirm / deny / defer)."""
        answer = desk_post(self.http, self.url, ticket, {"action": action, "note": note})
        if answer.status_code != 303:
            raise AssertionError(f"/dept answer refused: {answer.status_code} {answer.text}")

    def progress(self, token: str) -> dict[str, Any] | None:
        """The public progress of a case (``/p/{token}.json``), None when unknown."""
        answer = self.http.get(f"{self.url}/p/{token}.json", timeout=5)
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        official: str = "wangxiao",
        purpose: str = PURPOSE,
        case: str = "C-TEST",
        idempotency_key: str | None = None,
        headers: dict[str, str] | None = None,
        secret: str | None = None,
        workstation: str | None = None,
        timeout: float = 10.0,
        register: bool = True,
    ) -> requests.Response:
        """A correctly signed call to the platform API (the tests' own small signer).

        The platform answers a case's calls only once the workstation registered the case (its
        progress registration): with ``register`` (the default) the case is registered first,
        once per handle, as the application does; ``register=False`` sends the call as it is."""
        workstation = workstation or self.workstation
        secret = secret if secret is not None else self.secret
        registration = method.upper() == "PUT" and path.startswith("/api/v1/progress/")
        if register and not registration and case != "-":
            self.register_case(case, purpose, workstation=workstation, secret=secret)
        raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        key = None
        if method.upper() in ("POST", "PUT"):
            key = idempotency_key or str(uuid.uuid4())
        sent = sign_headers(
            method,
            path.split("?", 1)[0],
            raw,
            workstation=workstation,
            secret=secret,
            official=official,
            purpose=purpose,
            case=case,
            idempotency_key=key,
        )
        if body is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        return self.http.request(method, self.url + path, data=raw, headers=sent, timeout=timeout)

    def register_case(
        self,
        case: str,
        purpose: str = PURPOSE,
        *,
        workstation: str | None = None,
        secret: str | None = None,
    ) -> str | None:
        """Register ``case`` with the workstation (a progress registration under a fresh token,
        as the application's first call of a case); the token, or None when this handle
        registered it already or the platform refused (the test's own call then says why)."""
        workstation = workstation or self.workstation
        if (workstation, case, purpose) in self._registered:
            return None
        token = secrets.token_urlsafe(24)
        answer = self.call(
            "PUT",
            f"/api/v1/progress/{token}",
            {
                "short_code": secrets.token_hex(5).upper(),
                "matter_name": "测试事项",
                "office": "测试",
            },
            purpose=purpose,
            case=case,
            workstation=workstation,
            secret=secret,
            register=False,
        )
        if answer.status_code not in (200, 201):
            return None
        self._registered.add((workstation, case, purpose))
        return token

    def close(self) -> None:
        """Close the HTTP session (the server is stopped by whoever started it)."""
        self.http.close()

    def reset(self) -> None:
        """Back to the session's defaults."""
        self.clear_faults()
        self.settings(
            verify_delay_s=VERIFY_DELAY_S,
            latency_ms=0,
            fault_rate=0.0,
            after_fault_rate=0.0,
            batch=True,
        )


_CSRF_RE = re.compile(r"name='csrf' value='([0-9a-f]+)'")


def desk_token(http: requests.Session, url: str) -> str:
    """Open the department desk (``/dept``) in ``http`` as a browser would (its session cookie
    kept in the session) and read the CSRF token of its forms ("" when no form is open)."""
    page = http.get(f"{url}/dept", timeout=5)
    page.raise_for_status()
    found = _CSRF_RE.search(page.text)
    return found.group(1) if found else ""


def desk_post(
    http: requests.Session, url: str, ticket: str, form: dict[str, str]
) -> requests.Response:
    """Post a desk form for ``ticket`` as the desk page does: with its CSRF token and the
    session cookie of ``http`` (no redirect followed)."""
    token = desk_token(http, url)
    return http.post(
        f"{url}/dept/{ticket}",
        data={**form, "csrf": token},
        timeout=5,
        allow_redirects=False,
    )


def sign_headers(
    method: str,
    path: str,
    body: bytes,
    *,
    workstation: str,
    secret: str,
    official: str,
    purpose: str,
    case: str,
    timestamp: float | str | None = None,
    request_id: str | None = None,
    idempotency_key: str | None = None,
) -> dict[str, str]:
    """Signed headers per docs/CONTRACTS.md (canonical form version 2), written independently
    of the sandbox's code; with ``idempotency_key`` the ``Idempotency-Key`` header too (signed)."""
    if isinstance(timestamp, str):
        ts = timestamp
    else:
        ts = str(int(timestamp if timestamp is not None else time.time()))
    rid = request_id or str(uuid.uuid4())
    canonical = "\n".join(
        [
            "v2",
            method.upper(),
            path,
            ts,
            rid,
            workstation,
            official,
            purpose,
            case,
            hashlib.sha256(body).hexdigest(),
            idempotency_key or "",
        ]
    )
    signature = hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()
    signed = {
        "X-Workstation": workstation,
        "X-Official": official,
        "X-Purpose": purpose,
        "X-Case": case,
        "X-Request-Id": rid,
        "X-Timestamp": ts,
        "X-Signature": signature,
        "X-Signature-Version": "2",
    }
    if idempotency_key is not None:
        signed["Idempotency-Key"] = idempotency_key
    return signed


_RUNNING: dict[str, SandboxHandle] = {}


def _session_sandbox(request: pytest.FixtureRequest) -> SandboxHandle:
    handle = _RUNNING.get("session")
    if handle is None:
        factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
        data_dir = factory.mktemp("sandbox-data")
        settings = SandboxSettings(
            data_dir=data_dir,
            verify_delay_s=VERIFY_DELAY_S,
            timeout_fault_s=8,
            web=SHARED_WEB_RULES,
            workstations={TRAINING_WORKSTATION: TRAINING_SECRET, OTHER_WORKSTATION: OTHER_SECRET},
        )
        server = ThreadedSandbox(settings).start()
        handle = SandboxHandle(server, data_dir)
        _RUNNING["session"] = handle

        def stop() -> None:
            handle.close()
            server.stop()
            _RUNNING.pop("session", None)

        request.config.add_cleanup(stop)
    return handle


@pytest.fixture
def sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxHandle]:
    """The sandbox platform (``.url``, ``.workstation``, ``.secret``, ``.set_fault(...)``,
    ``.clear_faults()``, ``.settings(...)``, ``.answer_verification(...)``, ``.progress(...)``,
    ``.call(...)``), reset after the test."""
    handle = _session_sandbox(request)
    yield handle
    handle.reset()
