"""Injected faults: per-request header, per-item rules, process-wide latency and fault rate.
Latency is awaited, never blocking: concurrent look-ups overlap on the server."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from clerkapp.sandbox import demo
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox

LOOKUP = {"item": "marriage.record", "subject": {"id_number": demo.WEI_XIUYING}, "fields": []}


def _lookup(sb: SandboxHandle, item: str = "marriage.record", **kw: object) -> requests.Response:
    body = {**LOOKUP, "item": item}
    if item.startswith("vehicle"):
        body["subject"] = {"id_number": demo.WANG_FANG}
    return sb.call("POST", "/api/v1/lookups", body, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [500, 503])
def test_header_error_fault(sandbox: SandboxHandle, status: int) -> None:
    answer = _lookup(sandbox, headers={"X-Sandbox-Fault": str(status)})
    assert answer.status_code == status
    problem = answer.json()
    assert problem["retryable"] is True and problem["source"] == "民政婚姻登记"
    assert problem["code"] == "registry_unavailable"


def test_header_malformed_fault(sandbox: SandboxHandle) -> None:
    answer = _lookup(sandbox, headers={"X-Sandbox-Fault": "malformed"})
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()


def test_header_timeout_fault_outlasts_the_client(sandbox: SandboxHandle) -> None:
    with pytest.raises(requests.Timeout):
        _lookup(sandbox, headers={"X-Sandbox-Fault": "timeout"}, timeout=0.5)
    # the server keeps serving others while that request hangs
    assert _lookup(sandbox).status_code == 200


def test_header_latency_fault(sandbox: SandboxHandle) -> None:
    started = time.monotonic()
    answer = _lookup(sandbox, headers={"X-Sandbox-Fault": "latency=300"})
    assert answer.status_code == 200 and time.monotonic() - started >= 0.3


def test_item_fault_hits_only_that_item_until_cleared(sandbox: SandboxHandle) -> None:
    sandbox.set_fault("marriage.record", "error", status=503)
    assert _lookup(sandbox).status_code == 503
    assert _lookup(sandbox, "vehicle.ownership").status_code == 200
    listed = requests.get(f"{sandbox.url}/sandbox/faults", timeout=5).json()["rules"]
    assert listed == [
        {"target": "marriage.record", "kind": "error", "status": 503, "latency_ms": 0}
    ]
    sandbox.clear_faults()
    assert _lookup(sandbox).status_code == 200


def test_item_faults_of_each_kind(sandbox: SandboxHandle) -> None:
    sandbox.set_fault("vehicle.ownership", "malformed")
    with pytest.raises(ValueError):
        _lookup(sandbox, "vehicle.ownership").json()
    sandbox.set_fault("vehicle.ownership", "timeout")
    with pytest.raises(requests.Timeout):
        _lookup(sandbox, "vehicle.ownership", timeout=0.5)
    sandbox.set_fault("vehicle.ownership", "latency", latency_ms=250)
    started = time.monotonic()
    assert _lookup(sandbox, "vehicle.ownership").status_code == 200
    assert time.monotonic() - started >= 0.25
    sandbox.set_fault("*", "error", status=500)
    assert _lookup(sandbox).status_code == 500
    credit = sandbox.call("POST", "/api/v1/credit/check", {"subject": {"id_number": demo.LI_MING}})
    assert credit.status_code == 500


def test_component_fault_on_progress(sandbox: SandboxHandle) -> None:
    sandbox.set_fault("progress", "error", status=503)
    answer = sandbox.call(
        "PUT",
        "/api/v1/progress/" + "Abcdefghij0123456789_-XYZ",
        {"short_code": "FLT00001", "matter_name": "测试", "office": "测试窗口"},
    )
    assert answer.status_code == 503 and answer.json()["retryable"] is True


def test_unknown_fault_kind_is_refused(sandbox: SandboxHandle) -> None:
    answer = requests.post(
        f"{sandbox.url}/sandbox/faults", json={"item": "*", "kind": "gremlins"}, timeout=5
    )
    assert answer.status_code == 422 and answer.json()["code"] == "invalid_fault"


def test_a_503_answer_is_not_kept_for_the_retry(sandbox: SandboxHandle) -> None:
    key = "retry-after-503-0001"
    assert (
        _lookup(sandbox, headers={"X-Sandbox-Fault": "503"}, idempotency_key=key).status_code == 503
    )
    assert _lookup(sandbox, idempotency_key=key).status_code == 200


def test_fault_rate_is_seeded_and_proportional(sandbox: SandboxHandle) -> None:
    sandbox.settings(fault_rate=0.5)
    statuses = [_lookup(sandbox).status_code for _ in range(60)]
    sandbox.settings(fault_rate=0.0)
    assert set(statuses) == {200, 503}
    assert 10 <= statuses.count(503) <= 50


def test_latency_does_not_block_concurrent_look_ups(sandbox: SandboxHandle) -> None:
    sandbox.settings(latency_ms=600)
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: _lookup(sandbox).status_code, range(4)))
    elapsed = time.monotonic() - started
    assert statuses == [200] * 4
    # four 600 ms look-ups overlap: well under the 2.4 s they would take in a row
    assert 0.6 <= elapsed < 1.8


@pytest.mark.parametrize("value", ["bogus", "latency=abc", "latency=-5", "5O3"])
def test_unknown_fault_header_is_refused_not_ignored(sandbox: SandboxHandle, value: str) -> None:
    """A mistyped fault header is an error, not a silent "no fault"."""
    answer = _lookup(sandbox, headers={"X-Sandbox-Fault": value})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "unknown_fault"
