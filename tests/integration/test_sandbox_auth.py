"""Authentication, purpose binding, replay protection and idempotency of the sandbox API."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import requests

from clerkapp.sandbox import demo
from tests.sandbox_fixture import PURPOSE, SandboxHandle, sign_headers

pytestmark = pytest.mark.sandbox

PATH = "/api/v1/lookups"
BODY = {"item": "vehicle.ownership", "subject": {"id_number": demo.LI_MING}, "fields": []}
RAW = json.dumps(BODY).encode()


def _headers(sb: SandboxHandle, **overrides: object) -> dict[str, str]:
    args: dict[str, object] = {
        "workstation": sb.workstation,
        "secret": sb.secret,
        "official": "wangxiao",
        "purpose": PURPOSE,
        "case": "C-1",
        "idempotency_key": str(uuid.uuid4()),
    }
    args.update(overrides)
    sb.register_case(str(args["case"]), str(args["purpose"]))
    headers = sign_headers("POST", PATH, RAW, **args)  # type: ignore[arg-type]
    headers["Content-Type"] = "application/json"
    return headers


def _post(sb: SandboxHandle, headers: dict[str, str], raw: bytes = RAW) -> requests.Response:
    return requests.post(sb.url + PATH, data=raw, headers=headers, timeout=5)


def _problem(answer: requests.Response, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["code"] == code and problem["status"] == status
    assert problem["source"] == "auth" and problem["retryable"] is False
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"])  # Chinese detail


def test_signed_call_is_answered(sandbox: SandboxHandle) -> None:
    answer = _post(sandbox, _headers(sandbox))
    assert answer.status_code == 200 and answer.json()["found"] is True


def test_no_signature_is_refused(sandbox: SandboxHandle) -> None:
    headers = _headers(sandbox)
    del headers["X-Signature"]
    _problem(_post(sandbox, headers), 401, "unauthenticated")


def test_wrong_secret_is_refused(sandbox: SandboxHandle) -> None:
    _problem(_post(sandbox, _headers(sandbox, secret="guess")), 401, "bad_signature")


def test_tampered_body_is_refused(sandbox: SandboxHandle) -> None:
    other = json.dumps({**BODY, "subject": {"id_number": demo.WANG_FANG}}).encode()
    _problem(_post(sandbox, _headers(sandbox), raw=other), 401, "bad_signature")


def test_unknown_workstation_is_refused(sandbox: SandboxHandle) -> None:
    headers = _headers(sandbox, workstation="NOBODY-99", secret="x")
    _problem(_post(sandbox, headers), 403, "unknown_workstation")


@pytest.mark.parametrize("missing", ["X-Official", "X-Purpose", "X-Case"])
def test_missing_purpose_is_refused(sandbox: SandboxHandle, missing: str) -> None:
    headers = _headers(sandbox)
    del headers[missing]
    answer = _post(sandbox, headers)
    _problem(answer, 403, "purpose_missing")
    assert missing in answer.json()["detail"]


def test_replayed_request_is_refused(sandbox: SandboxHandle) -> None:
    headers = _headers(sandbox)
    assert _post(sandbox, headers).status_code == 200
    _problem(_post(sandbox, headers), 401, "replayed")


def test_stale_timestamp_is_refused(sandbox: SandboxHandle) -> None:
    headers = _headers(sandbox, timestamp=time.time() - 301)
    _problem(_post(sandbox, headers), 401, "stale")
    future = _headers(sandbox, timestamp=time.time() + 400)
    _problem(_post(sandbox, future), 401, "stale")


def test_health_needs_no_signature(sandbox: SandboxHandle) -> None:
    assert requests.get(f"{sandbox.url}/api/v1/health", timeout=5).status_code == 200


def test_extra_workstations_from_the_data_dir(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from clerkapp.sandbox.config import SandboxConfigError, load_workstations

    (tmp_path / "workstations.json").write_text('{"WIN-07": "s3cret"}', encoding="utf-8")
    stations = load_workstations(tmp_path)
    assert stations["WIN-07"] == "s3cret" and "TRAIN-01" in stations
    (tmp_path / "workstations.json").write_text('["WIN-07"]', encoding="utf-8")
    with pytest.raises(SandboxConfigError):
        load_workstations(tmp_path)


def test_same_idempotency_key_gets_the_same_answer(sandbox: SandboxHandle) -> None:
    key = str(uuid.uuid4())
    first = sandbox.call("POST", PATH, BODY, idempotency_key=key)
    again = sandbox.call("POST", PATH, BODY, idempotency_key=key)  # fresh nonce: a retry
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    fresh = sandbox.call("POST", PATH, BODY)
    assert fresh.json()["provenance"]["receipt_id"] != first.json()["provenance"]["receipt_id"]


def test_idempotency_key_reused_for_another_request_is_refused(
    sandbox: SandboxHandle,
) -> None:
    key = str(uuid.uuid4())
    assert sandbox.call("POST", PATH, BODY, idempotency_key=key).status_code == 200
    other = {**BODY, "subject": {"id_number": demo.WANG_FANG}}
    answer = sandbox.call("POST", PATH, other, idempotency_key=key)
    assert answer.status_code == 422 and answer.json()["code"] == "idempotency_conflict"


def test_post_without_idempotency_key_is_refused(sandbox: SandboxHandle) -> None:
    headers = _headers(sandbox, idempotency_key=None)
    answer = _post(sandbox, headers)
    assert answer.status_code == 400 and answer.json()["code"] == "idempotency_key_missing"


def test_trainer_controls_answer_only_on_this_machine() -> None:
    # a unit test of the guard: a real non-loopback client is not available in CI
    from starlette.requests import Request

    from clerkapp.sandbox.app import loopback_only
    from clerkapp.sandbox.problems import Problem

    def request_from(host: str) -> Request:
        return Request({"type": "http", "client": (host, 50000), "headers": []})

    loopback_only(request_from("127.0.0.1"))
    loopback_only(request_from("::1"))
    with pytest.raises(Problem) as refused:
        loopback_only(request_from("192.168.1.23"))
    assert refused.value.status == 403 and refused.value.code == "loopback_only"


def _audit_of(sandbox: SandboxHandle, case: str) -> list[dict[str, object]]:
    answer = requests.get(f"{sandbox.url}/sandbox/audit", params={"case": case}, timeout=5)
    entries: list[dict[str, object]] = answer.json()["entries"]
    return entries


def test_refused_calls_are_audited_with_the_claimed_caller(sandbox: SandboxHandle) -> None:
    """Who tried to ask is kept too: a refused call leaves an entry (the identity it claimed,
    the reason), never its subject."""
    case = f"C-REFUSED-{uuid.uuid4().hex[:8]}"
    answer = sandbox.call(
        "POST", PATH, BODY, case=case, secret="guess", official="mallory", register=False
    )
    _problem(answer, 401, "bad_signature")
    [entry] = _audit_of(sandbox, case)
    assert entry["action"] == "refused" and entry["outcome"] == "bad_signature"
    assert entry["official"] == "mallory" and entry["item"] == "vehicle.ownership"
    assert entry["subject_hash"] == ""


def test_an_id_number_in_a_header_never_reaches_the_audit(sandbox: SandboxHandle) -> None:
    """A client that puts an ID number into its case reference: answered, but the audit keeps
    the number only hidden."""
    case = f"C-{demo.LI_MING}"
    assert sandbox.call("POST", PATH, BODY, case=case).status_code == 200
    text = (sandbox.data_dir / "audit.jsonl").read_text(encoding="utf-8")
    assert demo.LI_MING not in text
    assert "C-[身份证号码已隐去]" in text


def test_a_faulted_call_spends_its_request_id(sandbox: SandboxHandle) -> None:
    """The request id is stored with the call's work (issue 10: one commit per call); a call
    answered by an injected fault before any work still spends it."""
    headers = _headers(sandbox)
    answer = _post(sandbox, {**headers, "X-Sandbox-Fault": "503"})
    assert answer.status_code == 503 and answer.json()["code"] == "registry_unavailable"
    _problem(_post(sandbox, headers), 401, "replayed")


def test_a_call_refused_inside_its_transaction_spends_its_request_id(
    sandbox: SandboxHandle,
) -> None:
    """A POST without Idempotency-Key is refused inside the data call's transaction, which is
    undone: its request id is spent all the same, and the same call again is a replay."""
    headers = _headers(sandbox, idempotency_key=None)
    assert "Idempotency-Key" not in headers
    first = _post(sandbox, headers)
    assert first.status_code == 400 and first.json()["code"] == "idempotency_key_missing"
    _problem(_post(sandbox, headers), 401, "replayed")


def test_a_call_refused_for_its_purpose_spends_its_request_id(sandbox: SandboxHandle) -> None:
    """A call the purpose binding refuses (its case registered for another matter) spends its
    request id too: the same call again is a replay, not a second refusal of its purpose."""
    sandbox.register_case("C-1", PURPOSE)
    headers = sign_headers(
        "POST", PATH, RAW,
        workstation=sandbox.workstation, secret=sandbox.secret, official="wangxiao",
        purpose=PURPOSE + "-other", case="C-1", idempotency_key=str(uuid.uuid4()),
    )  # fmt: skip
    headers["Content-Type"] = "application/json"
    first = _post(sandbox, headers)
    assert first.status_code == 403 and first.json()["code"] in (
        "purpose_unknown",
        "purpose_mismatch",
    )
    _problem(_post(sandbox, headers), 401, "replayed")
