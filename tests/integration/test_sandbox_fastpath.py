"""The fast path and FastAPI's routes serve the same endpoints: a sandbox without the fast path
gives the same answers and problems."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerkapp.sandbox import demo
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.server import ThreadedSandbox
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox


@pytest.fixture(params=[True, False], ids=["fast-path", "fastapi-routes"])
def either(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SandboxHandle]:
    settings = SandboxSettings(
        data_dir=tmp_path, people=100, verify_delay_s=0, fast_path=request.param
    )
    server = ThreadedSandbox(settings).start()
    handle = SandboxHandle(server, tmp_path)
    yield handle
    handle.close()
    server.stop()


def test_same_answers_either_way(either: SandboxHandle) -> None:
    found = either.call(
        "POST",
        "/api/v1/lookups",
        {
            "item": "marriage.record",
            "subject": {"id_number": demo.WEI_XIUYING},
            "fields": ["marital_status"],
        },
    )
    assert found.status_code == 200 and found.json()["record"] == {"marital_status": "widowed"}
    shape = either.call("POST", "/api/v1/lookups", {"subject": {"id_number": demo.LI_MING}})
    assert shape.status_code == 422 and shape.json()["code"] == "invalid_request"
    refused = either.call("GET", "/api/v1/items", secret="wrong")
    assert refused.status_code == 401 and refused.json()["code"] == "bad_signature"
    ticket = either.call(
        "POST",
        "/api/v1/verifications",
        {
            "proof_code": "P",
            "department": "部门",
            "question": "问题",
            "subject": {"id_number": demo.LI_MING},
        },
    ).json()["ticket"]
    polled = either.call("GET", f"/api/v1/verifications/{ticket}?wait=5")
    assert polled.json()["answer"] == "confirmed"
    bad_wait = either.call("GET", f"/api/v1/verifications/{ticket}?wait=soon")
    assert bad_wait.status_code == 422 and bad_wait.json()["code"] == "invalid_request"
    health = either.http.get(f"{either.url}/api/v1/health", timeout=5).json()
    assert health["status"] == "ok"
