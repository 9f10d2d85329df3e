"""Running the sandbox: as its own process (``clerkapp platform serve``) or, for tests and
benchmarks, in a background thread of the current process. Either way the socket is bound
before the server starts, so ``port 0`` gets a free port and the URL is known at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, cast

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from clerkapp.sandbox.app import create_app
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.dataset import Dataset
from clerkapp.sandbox.state import SandboxState

log = logging.getLogger(__name__)


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket (``port`` 0: any free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted sockets inherit this: without it h11 writes headers and body as two segments
    # and Nagle holds the body for the client's delayed ACK (~40 ms per keep-alive call).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """``http://HOST:PORT`` of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class _OneWrite:
    """A connection's transport that sends all one event-loop step wrote as one ``send``:
    uvicorn writes a response's head and body separately, two system calls and two TCP
    segments per answer — a tenth of the sandbox's CPU in an outbox drain, and a second read
    for the client (issue 10). What is written is sent at the end of the loop step (or at
    once before closing); everything else is the transport's own."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Queue ``data`` for this loop step's one send."""
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(bytes(data))

    def _flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending = []
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        """Send what is queued, then close."""
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _OneWriteProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol over :class:`_OneWrite`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(cast(asyncio.Transport, _OneWrite(transport, self.loop)))


def _config(app: FastAPI) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=_OneWriteProtocol,
        log_level="warning",
        access_log=False,
        # The sandbox is reached directly, never through a proxy: the client address is the
        # connection's own (the loopback rules read it), and no layer rewrites it per call.
        proxy_headers=False,
        # A request held by an injected timeout must not hold the shutdown.
        timeout_graceful_shutdown=1,
        lifespan="on",
    )


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that says where it listens once it really accepts connections."""

    def __init__(
        self,
        app: FastAPI,
        url: str,
        ready_file: Path | None,
        on_ready: Callable[[str], None] | None,
    ) -> None:
        super().__init__(_config(app))
        self.sandbox: SandboxState = app.state.sandbox
        self.url = url
        self.ready_file = ready_file
        self.on_ready = on_ready

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.sandbox.faults.release()
        super().handle_exit(sig, frame)
        # uvicorn re-raises a captured SIGTERM after shutdown, which would kill the process
        # before the ready file is removed; a requested stop is a clean exit (code 0) here.
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if not self.started:
            return
        if self.on_ready is not None:
            self.on_ready(self.url)
        if self.ready_file is not None:
            # Written whole then renamed: a reader never sees half a URL.
            tmp = self.ready_file.with_name(self.ready_file.name + ".tmp")
            tmp.write_text(self.url + "\n", encoding="utf-8")
            os.replace(tmp, self.ready_file)


def serve(
    settings: SandboxSettings,
    host: str = "127.0.0.1",
    port: int = 8765,
    ready_file: Path | None = None,
    dataset: Dataset | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Serve until interrupted (SIGINT/SIGTERM); the process's exit code. Once connections are
    accepted, the URL is written to ``ready_file`` and passed to ``on_ready``."""
    app = create_app(settings, dataset)
    sock = bind(host, port)
    server = _AnnouncingServer(app, url_of(sock), ready_file, on_ready)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        if ready_file is not None:
            ready_file.unlink(missing_ok=True)
    return 0 if server.started else 1


class ThreadedSandbox:
    """A sandbox served from a background thread (tests, benchmarks, an embedding process)."""

    def __init__(self, settings: SandboxSettings, host: str = "127.0.0.1") -> None:
        self.settings = settings
        self.app = create_app(settings)  # first: a broken dataset must not leave a socket open
        self._sock = bind(host, 0)
        self.url = url_of(self._sock)
        self.sandbox: SandboxState = self.app.state.sandbox
        self._server = uvicorn.Server(_config(self.app))
        self._thread = threading.Thread(target=self._run, name="sandbox-server", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:  # reported to the starting thread
            self._error = exc

    def start(self, timeout_s: float = 15.0) -> ThreadedSandbox:
        """Start serving; returns once connections are accepted."""
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError(f"sandbox failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                raise TimeoutError("sandbox did not start in time")
            time.sleep(0.01)
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop serving and wait for the thread to end."""
        self.sandbox.faults.release()
        self._server.should_exit = True
        self._thread.join(timeout_s)
        self._sock.close()
        if self._thread.is_alive():
            log.warning("sandbox server thread did not stop within %.0f s", timeout_s)
