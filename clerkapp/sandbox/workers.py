"""Several uvicorn worker processes serving one platform (issue 12: an office or a city on
PostgreSQL): ``clerkapp platform serve --workers N --database postgresql://…``.

The parent binds the socket and supervises the workers (uvicorn's own supervisor: a worker that
dies is replaced); each worker builds its app from the same settings (passed in the
environment, as the workers are spawned afresh) and opens its own connections. What the workers
share lives in databases, never in a process: the platform database (case summaries, figures),
and the sandbox's state file (nonces, idempotent answers, registrations, tickets, progress) —
SQLite in WAL mode, whose writes the workers take in turn. What stays per process are the
trainer's run-time switches (``/sandbox/faults``, ``/sandbox/settings``) and the department
desk's CSRF sessions: training controls for a single-process sandbox, not for a platform.
"""

from __future__ import annotations

import base64
import os
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from clerkapp.sandbox.app import create_app
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.platform_db import PlatformDb
from clerkapp.sandbox.platform_schema import MIGRATIONS
from clerkapp.sandbox.server import _OneWriteProtocol, bind, url_of
from clerkapp.sandbox.state import PLATFORM_FILE

SETTINGS_ENV = "CLERKAPP_SANDBOX_SETTINGS"
#: How long the workers may take to answer their first health check (dataset, migrations).
START_S = 180.0


def worker_app() -> FastAPI:
    """The app of one worker (uvicorn's factory), from the settings the parent put in the
    environment."""
    settings: SandboxSettings = pickle.loads(base64.b64decode(os.environ[SETTINGS_ENV]))
    return create_app(settings)


def _announce_when_ready(
    url: str, ready_file: Path | None, on_ready: Callable[[str], None] | None
) -> None:
    import urllib.request

    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        return
    if on_ready is not None:
        on_ready(url)
    if ready_file is not None:
        tmp = ready_file.with_name(ready_file.name + ".tmp")
        tmp.write_text(url + "\n", encoding="utf-8")
        os.replace(tmp, ready_file)


def serve_workers(
    settings: SandboxSettings,
    workers: int,
    host: str = "127.0.0.1",
    port: int = 8765,
    ready_file: Path | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Serve with ``workers`` processes until interrupted; the exit code. Once a worker
    answers, the URL is written to ``ready_file`` and passed to ``on_ready``."""
    # The settings are the trainer's own (their process, their directory): pickled for the
    # workers this process spawns, never read from anywhere else.
    os.environ[SETTINGS_ENV] = base64.b64encode(pickle.dumps(settings)).decode("ascii")
    # Reach and migrate the database once here: a wrong URL is one clear message, not N
    # workers failing in turn.
    database = PlatformDb(settings.database or settings.data_dir / PLATFORM_FILE)
    try:
        database.migrate(MIGRATIONS)
    finally:
        database.close()
    config = uvicorn.Config(
        "clerkapp.sandbox.workers:worker_app",
        factory=True,
        workers=workers,
        http=_OneWriteProtocol,
        log_level=os.environ.get("CLERKAPP_WORKERS_LOG", "warning"),
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=1,
        lifespan="on",
        # A worker spawned on a busy machine takes seconds to import and build its app before
        # it can answer the supervisor's ping: uvicorn's 5 s would kill and respawn it.
        timeout_worker_healthcheck=int(START_S),
    )
    sock = bind(host, port)
    url = url_of(sock)
    watcher = threading.Thread(
        target=_announce_when_ready, args=(url, ready_file, on_ready), daemon=True
    )
    watcher.start()
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
        if ready_file is not None:
            ready_file.unlink(missing_ok=True)
    return 0
