"""The sandbox's web rules over real HTTP (docs/platform-api.md "Web rules"): the Host
allow-list, CSRF tokens on the department desk, the body size limit, the short-code throttle and
the published training secret only from loopback (or a trainer's networks).

These tests run their own sandboxes with the rules as ``platform serve`` has them (the shared
session sandbox has a wide short-code throttle, see tests/sandbox_fixture.py).
"""

from __future__ import annotations

import json
import re
import secrets
import socket
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.sandbox import demo
from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION, SandboxSettings
from clerkapp.sandbox.server import ThreadedSandbox
from tests.sandbox_fixture import SandboxHandle, desk_token, sign_headers

PEOPLE = 20  # the demo subjects come anyway; a small dataset starts fast


def _start(data_dir: Path, host: str = "127.0.0.1") -> tuple[ThreadedSandbox, SandboxHandle]:
    server = ThreadedSandbox(
        SandboxSettings(data_dir=data_dir, verify_delay_s=None, people=PEOPLE), host=host
    ).start()
    return server, SandboxHandle(server, data_dir)


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxHandle]:
    """A loopback sandbox with the default web rules; verifications answered only by hand."""
    server, handle = _start(tmp_path_factory.mktemp("strict"))
    yield handle
    handle.close()
    server.stop()


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _open_ticket(sb: SandboxHandle) -> str:
    """A queued verification ticket (as tests/integration/test_sandbox_verification.py asks)."""
    answer = sb.call(
        "POST",
        "/api/v1/verifications",
        {
            "proof_code": "GZF-P03",
            "department": "市自然资源和规划局",
            "question": "申请人宅基地批建情况是否属实？",
            "subject": {"id_number": demo.WANG_FANG},
        },
    )
    assert answer.status_code == 202, answer.text
    ticket: str = answer.json()["ticket"]
    return ticket


def _ticket_state(sb: SandboxHandle, ticket: str) -> str:
    answer = sb.call("GET", f"/api/v1/verifications/{ticket}")
    assert answer.status_code == 200, answer.text
    state: str = answer.json()["state"]
    return state


def _raw(url: str, request: bytes, body: Iterable[bytes] = ()) -> tuple[bytes, int]:
    """Send a hand-written HTTP request over a socket; the answer (up to the server closing the
    connection) and how many body bytes the server took before it closed."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        try:
            for chunk in body:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:  # the server closed the connection after refusing: the point
            pass
        answer = b""
        try:
            while data := sock.recv(65536):
                answer += data
        except OSError:
            pass
    return answer, sent


def _problem_of(answer: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body)


# --- Host allow-list -----------------------------------------------------------------------


def test_a_rebound_host_name_is_refused_on_every_page(strict: SandboxHandle) -> None:
    port = _port(strict.url)
    for path in ("/dept", "/p", "/api/v1/health", "/sandbox/faults"):
        answer = requests.get(
            strict.url + path, headers={"Host": f"attacker.example:{port}"}, timeout=5
        )
        assert answer.status_code == 421, (path, answer.status_code)
        assert answer.json()["code"] == "unknown_host"
        assert "attacker.example" in answer.json()["detail"]
    # its own names with its own port are served; another port is not its own
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert requests.get(strict.url + "/p", headers={"Host": host}, timeout=5).ok, host
    other = requests.get(strict.url + "/p", headers={"Host": f"127.0.0.1:{port + 1}"}, timeout=5)
    assert other.status_code == 421


def test_a_rebound_desk_post_changes_nothing(strict: SandboxHandle) -> None:
    ticket = _open_ticket(strict)
    desk = requests.Session()
    token = desk_token(desk, strict.url)
    answer = desk.post(
        f"{strict.url}/dept/{ticket}",
        data={"action": "confirm", "csrf": token},
        headers={"Host": f"attacker.example:{_port(strict.url)}"},
        timeout=5,
        allow_redirects=False,
    )
    assert answer.status_code == 421
    assert _ticket_state(strict, ticket) == "queued"


def test_a_missing_or_malformed_host_is_a_bad_request(strict: SandboxHandle) -> None:
    for request in (
        b"GET /p HTTP/1.0\r\n\r\n",
        b"GET /p HTTP/1.0\r\nHost: a@b:1\r\n\r\n",
        b"GET /p HTTP/1.0\r\nHost: 127.0.0.1:99999\r\n\r\n",
    ):
        status, problem = _problem_of(_raw(strict.url, request)[0])
        assert status == 400 and problem["code"] == "bad_host", request


def test_configured_public_names_are_served(tmp_path: Path) -> None:
    from clerkapp.sandbox.web_rules import WebRules

    settings = SandboxSettings(
        data_dir=tmp_path,
        people=PEOPLE,
        web=WebRules(public_hosts=("progress.example.cn", "desk.example.cn:8443")),
    )
    server = ThreadedSandbox(settings).start()
    try:
        for host, status in (
            ("progress.example.cn", 200),  # no port: behind a reverse proxy, any port
            ("progress.example.cn:443", 200),
            ("desk.example.cn:8443", 200),
            ("desk.example.cn:9000", 421),
            ("example.cn", 421),
        ):
            answer = requests.get(server.url + "/p", headers={"Host": host}, timeout=5)
            assert answer.status_code == status, host
    finally:
        server.stop()


# --- CSRF on the department desk -------------------------------------------------------------


def test_the_desk_sets_a_strict_session_cookie_and_a_token_per_session(
    strict: SandboxHandle,
) -> None:
    _open_ticket(strict)
    first = requests.get(f"{strict.url}/dept", timeout=5)
    cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/dept" in cookie
    assert first.headers["X-Frame-Options"] == "DENY"
    assert first.headers["Cache-Control"] == "no-store"
    one, two = requests.Session(), requests.Session()
    assert desk_token(one, strict.url) != desk_token(two, strict.url)
    assert desk_token(one, strict.url) == desk_token(one, strict.url)  # stable in a session


@pytest.mark.parametrize(
    "forge",
    [
        "no token",
        "wrong token",
        "another session's token",
        "no cookie",
        "foreign origin",
        "null origin",
        "foreign referer",
    ],
)
def test_a_forged_desk_post_is_refused_and_changes_nothing(
    strict: SandboxHandle, forge: str
) -> None:
    ticket = _open_ticket(strict)
    desk, other = requests.Session(), requests.Session()
    token = desk_token(desk, strict.url)
    form: dict[str, str] = {"action": "confirm", "note": "伪造", "csrf": token}
    headers: dict[str, str] = {}
    if forge == "no token":
        del form["csrf"]
    elif forge == "wrong token":
        form["csrf"] = secrets.token_hex(32)
    elif forge == "another session's token":
        form["csrf"] = desk_token(other, strict.url)
    elif forge == "no cookie":
        desk.cookies.clear()
    elif forge == "foreign origin":
        headers["Origin"] = "http://attacker.example"
    elif forge == "null origin":
        headers["Origin"] = "null"
    else:
        headers["Referer"] = "http://attacker.example/page"
    answer = desk.post(
        f"{strict.url}/dept/{ticket}",
        data=form,
        headers=headers,
        timeout=5,
        allow_redirects=False,
    )
    assert answer.status_code == 403, forge
    assert "答复未提交" in answer.text
    assert _ticket_state(strict, ticket) == "queued"
    # the same desk, posting as its page does, is heard
    good = desk.post(
        f"{strict.url}/dept/{ticket}",
        data={"action": "confirm", "csrf": desk_token(desk, strict.url)},
        headers={"Origin": strict.url, "Referer": strict.url + "/dept"},
        timeout=5,
        allow_redirects=False,
    )
    assert good.status_code == 303
    assert _ticket_state(strict, ticket) == "answered"


# --- Body size -------------------------------------------------------------------------------


def _put_progress_head(url: str, token: str, length_header: str) -> bytes:
    host = url.removeprefix("http://")
    headers = sign_headers(
        "PUT",
        f"/api/v1/progress/{token}",
        b"",
        workstation=TRAINING_WORKSTATION,
        secret=TRAINING_SECRET,
        official="wangxiao",
        purpose="matter:TEST",
        case="C-TEST",
    )
    lines = [
        f"PUT /api/v1/progress/{token} HTTP/1.1",
        f"Host: {host}",
        length_header,
        "Content-Type: application/json",
        "Idempotency-Key: big-body",
    ]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_100_mb_body_is_refused_before_it_is_read(strict: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    head = _put_progress_head(strict.url, token, "Content-Length: 104857600")
    started = time.monotonic()
    answer, _ = _raw(strict.url, head)  # not one byte of the body is sent
    status, problem = _problem_of(answer)
    assert status == 413 and problem["code"] == "body_too_large"
    assert b"connection: close" in answer.lower()
    assert time.monotonic() - started < 5
    assert strict.progress(token) is None


def test_a_chunked_body_is_cut_off_at_the_limit(strict: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    head = _put_progress_head(strict.url, token, "Transfer-Encoding: chunked")
    piece = b"x" * 65536

    def chunks() -> Iterator[bytes]:
        for _ in range(1600):  # 100 MB if the server kept reading
            yield b"%x\r\n" % len(piece) + piece + b"\r\n"

    answer, sent = _raw(strict.url, head, chunks())
    status, problem = _problem_of(answer)
    assert status == 413 and problem["code"] == "body_too_large"
    assert sent < 16 * 1024 * 1024  # the connection was closed long before 100 MB
    assert strict.progress(token) is None


def test_api_bodies_up_to_64_kib_and_desk_forms_up_to_4_kib(strict: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    code = secrets.token_hex(6).upper()
    registration = {"short_code": code, "office": "窗口", "expected_completion": None}
    big = strict.call(
        "PUT", f"/api/v1/progress/{token}", {**registration, "matter_name": "事" * 22000}
    )
    assert big.status_code == 413 and big.json()["code"] == "body_too_large"
    assert strict.progress(token) is None
    fits = strict.call("PUT", f"/api/v1/progress/{token}", {**registration, "matter_name": "事项"})
    assert fits.status_code == 201, fits.text

    ticket = _open_ticket(strict)
    desk = requests.Session()
    token_field = desk_token(desk, strict.url)
    long_note = desk.post(
        f"{strict.url}/dept/{ticket}",
        data={"action": "confirm", "note": "核" * 2000, "csrf": token_field},
        timeout=5,
        allow_redirects=False,
    )
    assert long_note.status_code == 413
    assert _ticket_state(strict, ticket) == "queued"


def test_legacy_codes_still_resolve_and_shorter_ones_are_refused(sandbox: SandboxHandle) -> None:
    legacy = "K7QM" + secrets.token_hex(2).upper()  # 8 characters: a receipt printed before
    token = secrets.token_urlsafe(24)
    body = {
        "short_code": legacy,
        "matter_name": "事项",
        "office": "窗口",
        "expected_completion": None,
    }
    assert sandbox.call("PUT", f"/api/v1/progress/{token}", body).status_code == 201
    for typed in (legacy, f"{legacy[:4]}-{legacy[4:]}".lower()):
        found = requests.get(
            f"{sandbox.url}/p", params={"code": typed}, timeout=5, allow_redirects=False
        )
        assert found.status_code == 303 and found.headers["Location"] == f"/p/{token}", typed
    page = requests.get(f"{sandbox.url}/p/{token}", timeout=5).text
    assert f"查询码 {legacy[:4]}-{legacy[4:]}" in page  # shown grouped as printed
    weak = {**body, "short_code": "K7QM3XP"}
    refused = sandbox.call("PUT", f"/api/v1/progress/{secrets.token_urlsafe(24)}", weak)
    assert refused.status_code == 422 and refused.json()["code"] == "invalid_short_code"


# --- The short-code throttle -----------------------------------------------------------------


def test_short_code_guessing_is_throttled_per_client(strict: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    code = "K7QM" + secrets.token_hex(4).upper()
    registered = strict.call(
        "PUT",
        f"/api/v1/progress/{token}",
        {"short_code": code, "matter_name": "事项", "office": "窗口", "expected_completion": None},
    )
    assert registered.status_code == 201, registered.text
    http = requests.Session()
    statuses = []
    for _ in range(25):
        guess = "Z" + secrets.token_hex(6).upper()[:11]
        statuses.append(http.get(f"{strict.url}/p", params={"code": guess}, timeout=5).status_code)
    # a burst of 20, then refused — whatever the earlier tests of this module spent
    assert statuses.count(404) <= 20 and statuses[-5:] == [429] * 5, statuses
    refused = http.get(f"{strict.url}/p", params={"code": code}, timeout=5, allow_redirects=False)
    assert refused.status_code == 429  # even the right code: the client waits like any other
    assert 1 <= int(refused.headers["Retry-After"]) <= 6
    assert "查询过于频繁" in refused.text
    # the QR's own link (the token) is not throttled
    assert http.get(f"{strict.url}/p/{token}", timeout=5).status_code == 200


# --- The published training secret ----------------------------------------------------------


def _this_machine_address() -> str:
    """An address of this machine that is not loopback (the one its default route uses, else
    one its host name resolves to)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # UDP: no packet is sent
        address = str(probe.getsockname()[0])
    except OSError:
        address = ""
    finally:
        probe.close()
    if address and not address.startswith("127."):
        return address
    for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
        candidate = str(info[4][0])
        if not candidate.startswith("127."):
            return candidate
    pytest.fail("this machine has no non-loopback IPv4 address to serve the sandbox on")


def _items(sb: SandboxHandle, workstation: str, secret: str) -> requests.Response:
    return sb.call("GET", "/api/v1/items", workstation=workstation, secret=secret)


def test_the_training_secret_is_refused_from_the_network(tmp_path: Path) -> None:
    address = _this_machine_address()
    (tmp_path / "workstations.json").write_text(
        json.dumps({"WIN-07": "a-real-secret-of-win-07"}), encoding="utf-8"
    )
    server, remote = _start(tmp_path, host=address)
    try:
        assert remote.url == f"http://{address}:{_port(remote.url)}"
        refused = _items(remote, TRAINING_WORKSTATION, TRAINING_SECRET)
        assert refused.status_code == 403
        problem = refused.json()
        assert problem["code"] == "training_secret_remote"
        assert "培训密钥" in problem["detail"] and "trainers.json" in problem["detail"]
        # unsigned or wrongly signed, a training-workstation call from afar is refused the same
        assert _items(remote, TRAINING_WORKSTATION, "guess").json()["code"] == (
            "training_secret_remote"
        )
        # a workstation with its own secret is served from the network
        assert _items(remote, "WIN-07", "a-real-secret-of-win-07").status_code == 200
        # and the public pages are (phones scanning receipts)
        assert requests.get(f"{remote.url}/p", timeout=5).status_code == 200
    finally:
        remote.close()
        server.stop()


def test_a_trainers_file_opens_the_training_secret_to_its_networks(tmp_path: Path) -> None:
    address = _this_machine_address()
    (tmp_path / "trainers.json").write_text(
        json.dumps({"training_secret_networks": [f"{address}/32"]}), encoding="utf-8"
    )
    server, remote = _start(tmp_path, host=address)
    try:
        assert _items(remote, TRAINING_WORKSTATION, TRAINING_SECRET).status_code == 200
    finally:
        remote.close()
        server.stop()


def test_a_broken_trainers_file_stops_the_start(tmp_path: Path) -> None:
    from clerkapp.sandbox.web_rules import WebRulesError

    (tmp_path / "trainers.json").write_text(
        json.dumps({"training_secret_networks": ["the whole lab"]}), encoding="utf-8"
    )
    with pytest.raises(WebRulesError) as refused:
        ThreadedSandbox(SandboxSettings(data_dir=tmp_path, people=PEOPLE))
    assert "the whole lab" in refused.value.user_message
    assert re.search(r"192\.168\.10\.0/24", refused.value.user_message)
