"""Keep-alive HTTP/1.1 connections to the platform's host, on the standard library's
``http.client``.

An outbox drain makes thousands of small calls (issue 10): per call, requests cost ~0.7 ms of
client CPU, urllib3 ~0.25 ms and ``http.client`` alone ~0.15 ms (its parsing is the same, without
the layers above it). The client uses this for a platform reached directly; through a proxy it
goes on using urllib3's proxy manager (:func:`clerkapp.infra.platform.client.connection_manager`).

Connections are kept idle in a small stack (at most ``pool_size``, as many as threads call at
once) and checked before reuse: an idle connection the server closed (keep-alive timeout,
restart) is readable at EOF and is dropped rather than written to.
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import threading
from urllib.parse import urlsplit


class KeepAlive:
    """Pooled keep-alive connections to the origin of ``base_url`` (http or https).

    Thread-safe: each exchange takes a connection of its own and gives it back after.
    """

    def __init__(self, base_url: str, pool_size: int, tls: ssl.SSLContext | None = None) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.https = parts.scheme == "https"
        self.host = parts.hostname
        self.port = parts.port or (443 if self.https else 80)
        self.prefix = parts.path.rstrip("/")
        self._tls = tls if tls is not None else ssl.create_default_context()
        self._size = pool_size
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._closed = False

    def exchange(
        self,
        method: str,
        target: str,
        body: bytes | None,
        headers: dict[str, str],
        timeout: tuple[float, float],
    ) -> tuple[int, bytes]:
        """Send one request (``target``: path and query below the base URL) and read the whole
        answer: ``(status, body)``. Raises :class:`OSError` (``TimeoutError`` when the server
        did not connect or answer within ``timeout`` = (connect, read) seconds) or
        :class:`http.client.HTTPException` when no usable answer came."""
        conn = self._take(timeout[0])
        try:
            assert conn.sock is not None
            conn.sock.settimeout(timeout[1])
            conn.request(method, self.prefix + target, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except BaseException:
            conn.close()
            raise
        if response.will_close:
            conn.close()
        else:
            self._give_back(conn)
        return response.status, data

    def close(self) -> None:
        """Close the idle connections; those in use close when their exchange ends (a closed
        pool keeps nothing, but still opens a connection when asked to)."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._closed = True
        for conn in idle:
            conn.close()

    def idle_count(self) -> int:
        """Connections kept for reuse now."""
        with self._lock:
            return len(self._idle)

    def _take(self, connect_s: float) -> http.client.HTTPConnection:
        while True:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                break
            if conn.sock is not None and not _dropped(conn.sock):
                return conn
            conn.close()
        if self.https:
            conn = http.client.HTTPSConnection(
                self.host, self.port, timeout=connect_s, context=self._tls
            )
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=connect_s)
        conn.connect()
        assert conn.sock is not None
        # Small requests and answers: do not hold a segment back for the peer's ACK.
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def _give_back(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < self._size:
                self._idle.append(conn)
                return
        conn.close()


def _dropped(sock: socket.socket) -> bool:
    """Whether an idle connection was closed by the server: an idle connection with something
    to read has either reached EOF or holds bytes no request asked for — unusable either way."""
    try:
        if hasattr(select, "poll"):  # not limited to descriptors below FD_SETSIZE
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)
