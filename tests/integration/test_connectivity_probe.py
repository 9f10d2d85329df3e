"""What answers on a platform address (issue 10): the real sandbox names itself and its
instance (kept in its data directory), anything else is told apart — a free port, another HTTP
server, a 5xx; and the outbox's backlog and its "platform back: send now" on a real SQLite file."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clerkapp.infra.platform.probe import SANDBOX_SERVICE, ProbeResult, probe_platform
from clerkapp.infra.store import Store
from clerkapp.sandbox.state import instance_id
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = pytest.mark.sandbox

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class _Answer(BaseHTTPRequestHandler):
    status = 200
    body = b'{"hello": "not a platform"}'

    def do_GET(self) -> None:
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *_args: object) -> None:
        pass


class _ServerError(_Answer):
    status = 503
    body = b"{}"


class _OldHealth(_Answer):
    body = b'{"status": "ok", "version": "0.1", "training": true}'  # no identity


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server on a free loopback port answering with ``handler``, stopped after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def foreign() -> Iterator[str]:
    """Another program's HTTP server (a JSON answer that is not a platform's)."""
    yield from serve(_Answer)


def test_the_sandbox_names_itself_and_its_instance(sandbox: SandboxHandle) -> None:  # noqa: F811
    probe = probe_platform(sandbox.url)
    assert probe.result is ProbeResult.HEALTHY and probe.is_sandbox
    assert probe.service == SANDBOX_SERVICE
    assert probe.instance == sandbox.state.instance
    assert (sandbox.data_dir / "instance").read_text(encoding="ascii") == probe.instance


def test_the_instance_is_kept_in_the_data_directory(tmp_path: Path) -> None:
    first = instance_id(tmp_path / "a")
    assert instance_id(tmp_path / "a") == first  # the same sandbox restarted
    assert instance_id(tmp_path / "b") != first  # another sandbox
    (tmp_path / "a" / "instance").write_text("?", encoding="ascii")  # damaged: a new one
    assert instance_id(tmp_path / "a") not in ("?", first)


def test_other_answers_are_not_a_sandbox(foreign: str) -> None:
    probe = probe_platform(foreign)
    assert probe.result is ProbeResult.FOREIGN and not probe.is_sandbox
    for handler, result in ((_ServerError, ProbeResult.SERVER_ERROR), (_OldHealth, None)):
        for url in serve(handler):
            probe = probe_platform(url)
            if result is not None:
                assert probe.result is result
            assert not probe.is_sandbox  # a platform without identity is never reused


def test_a_free_port_is_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert probe_platform(f"http://127.0.0.1:{port}").result is ProbeResult.REFUSED


def test_a_listener_that_never_answers_is_unreachable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        probe = probe_platform(f"http://127.0.0.1:{port}", timeout_s=0.3)
    assert probe.result is ProbeResult.UNREACHABLE and not probe.is_sandbox


def test_backlog_counts_what_waits_for_the_platform(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    assert store.outbox.backlog() == (0, None)
    a = store.outbox.enqueue("lookup", "C1", {}, "a", now=NOW)
    store.outbox.enqueue("progress_register", "C1", {}, "b", now=NOW + timedelta(minutes=1))
    # a department's answer being polled for is not the platform's backlog
    store.outbox.enqueue("verification_poll", "C1", {}, "c", now=NOW - timedelta(hours=5))
    assert store.outbox.backlog() == (2, NOW)
    store.outbox.mark_sent(a.id, None, now=NOW)
    assert store.outbox.backlog() == (1, NOW + timedelta(minutes=1))
    store.close()


def test_retry_now_brings_backed_off_rows_forward(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    failed = store.outbox.enqueue("lookup", "C1", {}, "a", now=NOW)
    fresh = store.outbox.enqueue(
        "lookup", "C1", {}, "b", now=NOW, not_before=NOW + timedelta(minutes=5)
    )
    poll = store.outbox.enqueue("verification_poll", "C1", {}, "c", now=NOW)
    later = NOW + timedelta(minutes=10)
    store.outbox.mark_retry(failed.id, "network", later)
    store.outbox.mark_retry(poll.id, "network", later)
    assert [r.id for r in store.outbox.due(NOW)] == []
    assert store.outbox.retry_now(NOW) == 1
    assert [r.id for r in store.outbox.due(NOW)] == [failed.id]
    # never tried (scheduled) and polls keep their time
    assert fresh.id not in [r.id for r in store.outbox.due(NOW)]
    assert poll.id not in [r.id for r in store.outbox.due(NOW)]
    store.close()
