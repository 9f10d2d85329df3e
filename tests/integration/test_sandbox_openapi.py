"""The published OpenAPI document describes what the sandbox really answers: real answers are
validated against the schemas the document declares for them."""

from __future__ import annotations

import secrets
from typing import Any

import jsonschema
import pytest
import requests

from clerkapp.sandbox import demo
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox


@pytest.fixture
def spec(sandbox: SandboxHandle) -> dict[str, Any]:
    answer = requests.get(f"{sandbox.url}/openapi.json", timeout=5)
    answer.raise_for_status()
    document: dict[str, Any] = answer.json()
    return document


def _check(spec: dict[str, Any], path: str, method: str, answer: requests.Response) -> None:
    declared = spec["paths"][path][method]["responses"][str(answer.status_code)]
    media = declared["content"][answer.headers["content-type"].split(";")[0]]
    schema = {**media["schema"], "components": spec["components"]}
    jsonschema.validate(answer.json(), schema)


def test_every_api_call_declares_its_answers_and_problems(spec: dict[str, Any]) -> None:
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/v1/") or path == "/api/v1/health":
            continue
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403", "503"} <= codes, (method, path)
            problem = operation["responses"]["401"]["content"]
            assert "application/problem+json" in problem, (method, path)


def test_real_answers_match_the_declared_schemas(
    sandbox: SandboxHandle, spec: dict[str, Any]
) -> None:
    found = sandbox.call(
        "POST",
        "/api/v1/lookups",
        {"item": "vehicle.ownership", "subject": {"id_number": demo.WANG_FANG}},
    )
    _check(spec, "/api/v1/lookups", "post", found)
    missing = sandbox.call(
        "POST",
        "/api/v1/lookups",
        {"item": "marriage.record", "subject": {"id_number": demo.LIU_YANG}},
    )
    _check(spec, "/api/v1/lookups", "post", missing)
    refused = sandbox.call("POST", "/api/v1/lookups", {"item": "x", "subject": {}}, secret="no")
    _check(spec, "/api/v1/lookups", "post", refused)
    _check(spec, "/api/v1/items", "get", sandbox.call("GET", "/api/v1/items"))

    ticket = sandbox.call(
        "POST",
        "/api/v1/verifications",
        {
            "proof_code": "P",
            "department": "部门",
            "question": "问题",
            "subject": {"uscc": demo.DEMO_BUSINESS},
        },
    )
    _check(spec, "/api/v1/verifications", "post", ticket)
    polled = sandbox.call("GET", f"/api/v1/verifications/{ticket.json()['ticket']}?wait=5")
    _check(spec, "/api/v1/verifications/{ticket}", "get", polled)

    token = secrets.token_urlsafe(24)
    registered = sandbox.call(
        "PUT",
        f"/api/v1/progress/{token}",
        {"short_code": secrets.token_hex(6), "matter_name": "事项", "office": "窗口"},
    )
    _check(spec, "/api/v1/progress/{token}", "put", registered)
    event = sandbox.call(
        "POST",
        f"/api/v1/progress/{token}/events",
        {"status": "accepted", "label": "已受理", "at": "2026-11-27T01:00:00Z"},
    )
    _check(spec, "/api/v1/progress/{token}/events", "post", event)

    credit = sandbox.call(
        "POST", "/api/v1/credit/check", {"subject": {"id_number": demo.ZHAO_QIANG}}
    )
    _check(spec, "/api/v1/credit/check", "post", credit)
    report = sandbox.call(
        "POST",
        "/api/v1/credit/reports",
        {"subject": {"id_number": demo.ZHAO_QIANG}, "proof_code": "P", "reason": "虚假承诺"},
    )
    _check(spec, "/api/v1/credit/reports", "post", report)
