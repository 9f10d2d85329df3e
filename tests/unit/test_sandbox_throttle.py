"""The short-code throttle (a token bucket per client), Host header parsing and client keys of
the sandbox's web rules, with a hand-driven clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clerkapp.sandbox.throttle import Throttle
from clerkapp.sandbox.web_rules import WebRules, WebRulesError, client_key, in_networks, is_loopback
from clerkapp.sandbox.webguard import split_host


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_lookup_every_six_seconds() -> None:
    clock = Clock()
    bucket = Throttle(10, 20, clock=clock)
    assert [bucket.take("192.0.2.7") for _ in range(20)] == [0.0] * 20
    wait = bucket.take("192.0.2.7")
    assert wait == pytest.approx(6.0)
    assert Throttle.retry_after(wait) == "6"
    assert bucket.take("198.51.100.1") == 0.0  # another client has its own bucket
    clock.now += 3
    assert bucket.take("192.0.2.7") == pytest.approx(3.0)  # refused calls do not reset the clock
    clock.now += 3
    assert bucket.take("192.0.2.7") == 0.0
    assert bucket.take("192.0.2.7") > 0
    clock.now += 3600  # an hour later: the burst again, never more
    assert [bucket.take("192.0.2.7") for _ in range(21)].count(0.0) == 20


def test_the_bucket_table_is_bounded() -> None:
    clock = Clock()
    bucket = Throttle(10, 2, clock=clock, max_clients=3)
    for client in ("a", "b", "c", "d"):
        bucket.take(client)
    assert len(bucket._buckets) == 3 and "a" not in bucket._buckets


def test_retry_after_is_a_whole_second_at_least() -> None:
    assert Throttle.retry_after(0.2) == "1" and Throttle.retry_after(5.01) == "6"


@pytest.mark.parametrize(
    ("header", "parsed"),
    [
        ("127.0.0.1:8765", ("127.0.0.1", 8765)),
        ("LocalHost:80", ("localhost", 80)),
        ("[::1]:8765", ("::1", 8765)),
        ("[::1]", ("::1", None)),
        ("progress.example.cn", ("progress.example.cn", None)),
        ("", None),
        ("a@b:1", None),
        ("host:0", None),
        ("host:99999", None),
        ("host:x", None),
        ("::1:8765", None),
        ("[::1", None),
        ("evil/x:80", None),
    ],
)
def test_host_headers_are_parsed_strictly(
    header: str, parsed: tuple[str, int | None] | None
) -> None:
    assert split_host(header) == parsed


def test_ipv6_clients_are_throttled_by_their_64() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9")
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert client_key("192.0.2.7") == "192.0.2.7"


def test_loopback_and_trainer_networks() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.3.4.5") and is_loopback("::1")
    assert is_loopback("::ffff:127.0.0.1")
    assert not is_loopback("192.0.2.2") and not is_loopback("testclient")
    rules = WebRules(training_networks=("192.168.10.0/24",))
    from ipaddress import ip_network

    networks = (ip_network(rules.training_networks[0]),)  # type: ignore[index]
    assert in_networks("192.168.10.77", networks) and not in_networks("192.168.11.1", networks)
    assert not in_networks("fd00::1", networks)


def test_bad_web_rules_are_refused() -> None:
    with pytest.raises(WebRulesError):
        WebRules(training_networks=("lab",))
    with pytest.raises(WebRulesError):
        WebRules(max_json_bytes=0)
    with pytest.raises(WebRulesError):
        WebRules(code_lookups_per_min=0)


def _guarded(host: str, server: tuple[str, int], tmp_path: Path) -> int:
    """The status the web guard answers for a GET with ``host`` arriving at ``server``."""
    import asyncio

    from clerkapp.sandbox.web_rules import WebRules
    from clerkapp.sandbox.webguard import WebGuardMiddleware

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    guard = WebGuardMiddleware(app, rules=WebRules(), data_dir=tmp_path, workstations={})
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/p",
        "headers": [(b"host", host.encode())],
        "server": server,
        "client": ("192.0.2.9", 50000),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    return int(sent[0]["status"])


def test_address_literals_are_compared_in_canonical_form(tmp_path: Path) -> None:
    assert _guarded("[fd00:0::2]:8765", ("fd00::2", 8765), tmp_path) == 200
    assert _guarded("192.0.2.2:8765", ("::ffff:192.0.2.2", 8765), tmp_path) == 200
    assert _guarded("[0:0::1]:8765", ("::1", 8765), tmp_path) == 200
    assert _guarded("192.0.2.3:8765", ("192.0.2.2", 8765), tmp_path) == 421
    assert _guarded("localhost", ("127.0.0.1", 80), tmp_path) == 200  # port 80 goes unsaid
    assert _guarded("localhost", ("127.0.0.1", 8765), tmp_path) == 421
