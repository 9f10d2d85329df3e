"""The platform client's keep-alive transport (clerkapp.infra.platform.transport) over real
loopback sockets: connections are reused, one the server closed while idle is replaced (the
request is not lost on it), a silent server is a timeout, and the sandbox answers through it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from clerkapp.infra.platform.transport import KeepAlive
from tests.sandbox_fixture import SandboxHandle

TIMEOUT = (2.0, 2.0)


class _Accepted(list[int]):
    """One item per connection the test server accepted; ``closed`` is set once it closed one
    after its answers (``close_after``)."""

    def __init__(self) -> None:
        super().__init__()
        self.closed = threading.Event()


@contextmanager
def _server(
    *, close_after: int | None = None, silent: bool = False
) -> Iterator[tuple[str, list[int]]]:
    """A raw HTTP/1.1 server on a free port answering ``200 {"n": i}`` with keep-alive; it
    closes each connection after ``close_after`` answers, or never answers (``silent``). Yields
    its URL and the count of connections it accepted."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = _Accepted()
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            reader = conn.makefile("rb")
            answered = 0
            while not stop.is_set():
                lines = []
                while (line := reader.readline()) not in (b"\r\n", b""):
                    lines.append(line)
                if not lines:
                    return
                length = next(
                    (
                        int(h.split(b":")[1])
                        for h in lines
                        if h.lower().startswith(b"content-length")
                    ),
                    0,
                )
                reader.read(length)
                if silent:
                    stop.wait(5)
                    return
                answered += 1
                body = b'{"n": %d}' % answered
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                )
                if close_after is not None and answered >= close_after:
                    reader.close()  # the file keeps the socket open: close both, really
                    conn.shutdown(socket.SHUT_RDWR)
                    accepted.closed.set()
                    return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if stop.is_set():  # the wake-up connection at the end
                conn.close()
                return
            accepted.append(1)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        stop.set()
        socket.create_connection(listener.getsockname(), timeout=2).close()  # wakes accept()
        thread.join(5)
        listener.close()


def test_sequential_calls_share_one_kept_alive_connection() -> None:
    with _server() as (url, accepted):
        transport = KeepAlive(url, pool_size=4)
        answers = [transport.exchange("POST", "/x", b"{}", {}, TIMEOUT) for _ in range(20)]
        transport.close()
    assert [status for status, _ in answers] == [200] * 20
    assert answers[-1][1] == b'{"n": 20}'  # the 20th answer on the same connection
    assert len(accepted) == 1


def test_a_connection_the_server_closed_while_idle_is_replaced() -> None:
    with _server(close_after=1) as (url, accepted):
        transport = KeepAlive(url, pool_size=4)
        first = transport.exchange("GET", "/a", None, {}, TIMEOUT)
        assert accepted.closed.wait(5)  # the server has closed it: now it is idle and dead
        # The server has closed that connection after its answer; the next call must not be
        # written to it (and lost) but go on a fresh one.
        second = transport.exchange("GET", "/b", None, {}, TIMEOUT)
        transport.close()
    assert first == (200, b'{"n": 1}') and second == (200, b'{"n": 1}')
    assert len(accepted) == 2


def test_a_silent_server_is_a_timeout() -> None:
    with _server(silent=True) as (url, _):
        transport = KeepAlive(url, pool_size=1)
        with pytest.raises(TimeoutError):
            transport.exchange("GET", "/x", None, {}, (1.0, 0.3))
        assert transport.idle_count() == 0  # a failed connection is not kept
        transport.close()


def test_a_refused_connection_is_an_os_error() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    transport = KeepAlive(f"http://127.0.0.1:{port}", pool_size=1)
    with pytest.raises(ConnectionRefusedError):
        transport.exchange("GET", "/x", None, {}, TIMEOUT)


def test_the_pool_keeps_at_most_pool_size_idle_connections(sandbox: SandboxHandle) -> None:
    transport = KeepAlive(sandbox.url, pool_size=2)
    with ThreadPoolExecutor(6) as pool:
        results = list(
            pool.map(
                lambda _: transport.exchange("GET", "/api/v1/health", None, {}, TIMEOUT), range(60)
            )
        )
    assert all(status == 200 and b"status" in body for status, body in results)
    assert 1 <= transport.idle_count() <= 2
    transport.close()
    assert transport.idle_count() == 0


def test_the_client_goes_through_the_environments_proxy_unless_no_proxy_names_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clerkapp.infra.platform.client import proxy_manager

    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.test:3128")
    monkeypatch.setenv("NO_PROXY", "direct.example.test")
    proxied = proxy_manager("https://platform.example.test", 4)
    assert proxied is not None and proxied.proxy is not None
    assert proxied.proxy.host == "proxy.example.test"
    assert proxy_manager("https://direct.example.test", 4) is None
    monkeypatch.delenv("HTTPS_PROXY")
    assert proxy_manager("https://platform.example.test", 4) is None


def test_a_connection_in_use_when_the_pool_closes_is_not_kept() -> None:
    with _server() as (url, _):
        transport = KeepAlive(url, pool_size=2)
        transport.exchange("GET", "/a", None, {}, TIMEOUT)
        conn = transport._take(2.0)  # in use by an exchange while the client closes
        transport.close()
        transport._give_back(conn)
        assert transport.idle_count() == 0 and conn.sock is None
