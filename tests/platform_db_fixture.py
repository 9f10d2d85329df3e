"""The platform database under test on both engines (issue 12): ``engine_url`` gives, per test
module, a fresh SQLite file or a fresh PostgreSQL database, and ``platform`` a real sandbox
served over HTTP on it.

PostgreSQL: the server named by ``$CLERKAPP_TEST_POSTGRES_URL`` (``.ci/run`` starts one and sets
it), else a throw-away server this session starts with ``tools/postgres_test_server.sh`` (the
PostgreSQL package must be installed). Never mocked, never skipped: without a server the
PostgreSQL tests fail, saying how to get one.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION, SandboxSettings
from clerkapp.sandbox.server import ThreadedSandbox
from tests.sandbox_fixture import OTHER_SECRET, OTHER_WORKSTATION, SHARED_WEB_RULES, SandboxHandle

ENGINES = ("sqlite", "postgresql")
URL_ENV = "CLERKAPP_TEST_POSTGRES_URL"
_SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "postgres_test_server.sh"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a PostgreSQL server's database the tests may create databases on."""
    given = os.environ.get(URL_ENV, "").strip()
    if given:
        yield given
        return
    folder = Path(f"/tmp/clerkapp-pg-{secrets.token_hex(4)}")
    started = subprocess.run(
        ["bash", str(_SCRIPT), "start", str(folder), str(_free_port())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if started.returncode != 0:
        pytest.fail(
            f"no PostgreSQL server for the platform database tests: set {URL_ENV} or install"
            f" PostgreSQL (apt-get install postgresql): {started.stderr.strip()}"
        )
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(_SCRIPT), "stop", str(folder)], timeout=60, check=False)
        subprocess.run(["rm", "-rf", str(folder)], check=False)


def fresh_database(admin_url: str) -> tuple[str, str]:
    """A new empty database on the server of ``admin_url``: (its URL, its name)."""
    import psycopg

    name = f"clerkapp_t_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}", name


def drop_database(admin_url: str, name: str) -> None:
    """Drop a database :func:`fresh_database` made (its connections closed first)."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module", params=ENGINES)
def engine_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh platform database per module and engine: a SQLite file path or a
    ``postgresql://`` URL."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("platform-db") / "platform.sqlite3")
        return
    admin: str = request.getfixturevalue("postgres_url")
    url, name = fresh_database(admin)
    try:
        yield url
    finally:
        drop_database(admin, name)


@pytest.fixture(scope="module")
def platform(engine_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxHandle]:
    """A real sandbox over HTTP whose platform database is ``engine_url``."""
    data_dir = tmp_path_factory.mktemp("platform-sandbox")
    settings = SandboxSettings(
        data_dir=data_dir,
        web=SHARED_WEB_RULES,
        workstations={TRAINING_WORKSTATION: TRAINING_SECRET, OTHER_WORKSTATION: OTHER_SECRET},
        database=engine_url,
    )
    server = ThreadedSandbox(settings).start()
    handle = SandboxHandle(server, data_dir)
    try:
        yield handle
    finally:
        handle.close()
        server.stop()
