"""The platform checks who asks (issue 11): tickets and progress tokens belong to the workstation
that made them, the purpose names a known matter and a case that workstation registered,
timestamps are finite, nonces survive a restart and the Idempotency-Key is signed."""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from clerkapp.sandbox import demo
from tests.sandbox_fixture import (
    OTHER_SECRET,
    OTHER_WORKSTATION,
    PURPOSE,
    SandboxHandle,
    sign_headers,
)

pytestmark = pytest.mark.sandbox

ROOT = Path(__file__).resolve().parents[2]
LOOKUP = "/api/v1/lookups"
BODY = {"item": "vehicle.ownership", "subject": {"id_number": demo.LI_MING}, "fields": []}
RAW = json.dumps(BODY).encode()
FORGED = {"status": "approved", "label": "已办结：准予许可", "at": "2026-11-27T10:00:00+08:00"}


def _refused(answer: requests.Response, status: int, code: str) -> dict[str, object]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem: dict[str, object] = answer.json()
    assert problem["code"] == code and problem["retryable"] is False
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(problem["detail"]))  # Chinese detail
    return problem


def _as_win07(sb: SandboxHandle, method: str, path: str, body: object = None, **kw: object):  # type: ignore[no-untyped-def]
    return sb.call(method, path, body, workstation=OTHER_WORKSTATION, secret=OTHER_SECRET, **kw)  # type: ignore[arg-type]


# ---- the attack of the issue: WIN-07 against TRAIN-01's case -----------------------------------


def test_another_workstation_cannot_poll_overwrite_or_append(sandbox: SandboxHandle) -> None:
    """WIN-07 — a workstation the platform knows, with a case of its own — polls TRAIN-01's
    verification ticket, registers over TRAIN-01's progress token and appends a forged
    "已办结：准予许可": each step is refused and TRAIN-01's public page stays as it was."""
    sandbox.settings(verify_delay_s=None)  # the ticket stays open: only its owner may see it
    case = f"C-T01-{uuid.uuid4().hex[:6]}"
    token = sandbox.register_case(case)
    assert token is not None
    assert (
        sandbox.call(
            "POST",
            f"/api/v1/progress/{token}/events",
            {"status": "accepted", "label": "已受理", "at": "2026-11-27T09:30:00+08:00"},
            case=case,
        ).status_code
        == 201
    )
    created = sandbox.call(
        "POST",
        "/api/v1/verifications",
        {
            "proof_code": "P-HOUSING",
            "department": "住建局",
            "question": "申请人是否在本市有住房？",
            "subject": {"id_number": demo.LI_MING},
        },
        case=case,
    )
    assert created.status_code == 202, created.text
    ticket = created.json()["ticket"]
    page_before = sandbox.progress(token)
    html_before = sandbox.http.get(f"{sandbox.url}/p/{token}", timeout=5).text

    own_case = f"C-W07-{uuid.uuid4().hex[:6]}"
    assert sandbox.register_case(own_case, workstation=OTHER_WORKSTATION, secret=OTHER_SECRET)

    # 1. polling the other workstation's ticket: the same 404 as a ticket that does not exist
    polled = _as_win07(sandbox, "GET", f"/api/v1/verifications/{ticket}", case=own_case)
    unknown = _as_win07(
        sandbox, "GET", f"/api/v1/verifications/vt_{secrets.token_urlsafe(16)}", case=own_case
    )
    assert _refused(polled, 404, "unknown_ticket") == _refused(unknown, 404, "unknown_ticket")
    # ... under TRAIN-01's case number too (not registered by WIN-07)
    _refused(
        _as_win07(sandbox, "GET", f"/api/v1/verifications/{ticket}", case=case, register=False),
        403,
        "case_not_registered",
    )

    # 2. registering over the other workstation's token
    overwrite = {"short_code": "WIN07XAB", "matter_name": "伪造事项", "office": "伪造窗口"}
    _refused(
        _as_win07(sandbox, "PUT", f"/api/v1/progress/{token}", overwrite, case=own_case),
        403,
        "not_owner",
    )
    _refused(
        _as_win07(sandbox, "PUT", f"/api/v1/progress/{token}", overwrite, case=case),
        403,
        "not_owner",
    )

    # 3. appending a forged decision to the other workstation's case
    path = f"/api/v1/progress/{token}/events"
    _refused(_as_win07(sandbox, "POST", path, FORGED, case=own_case), 403, "not_owner")
    _refused(
        _as_win07(sandbox, "POST", path, FORGED, case=case, register=False),
        403,
        "case_not_registered",
    )

    # the public page is unchanged; the owner still reads its ticket
    assert sandbox.progress(token) == page_before
    assert sandbox.http.get(f"{sandbox.url}/p/{token}", timeout=5).text == html_before
    assert "准予许可" not in html_before
    mine = sandbox.call("GET", f"/api/v1/verifications/{ticket}", case=case)
    assert mine.status_code == 200 and mine.json()["state"] == "queued"


def test_a_token_belongs_to_its_case_too(sandbox: SandboxHandle) -> None:
    """The same workstation cannot move one case's public page to another of its cases."""
    first, second = (f"C-OWN-{uuid.uuid4().hex[:6]}" for _ in range(2))
    token = sandbox.register_case(first)
    sandbox.register_case(second)
    body = {"short_code": "MOVE0001", "matter_name": "其他事项", "office": "其他窗口"}
    _refused(sandbox.call("PUT", f"/api/v1/progress/{token}", body, case=second), 403, "not_owner")
    _refused(
        sandbox.call("POST", f"/api/v1/progress/{token}/events", FORGED, case=second),
        403,
        "not_owner",
    )
    again = {"short_code": "MOVE0002", "matter_name": "公共租赁住房申请", "office": "住建窗口"}
    assert sandbox.call("PUT", f"/api/v1/progress/{token}", again, case=first).status_code == 200


# ---- purpose and case --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("purpose", "code"),
    [
        ("curiosity", "purpose_unknown"),
        ("matter:", "purpose_unknown"),
        ("matter:no.such_matter", "purpose_unknown"),
        ("catalogue", "purpose_not_allowed"),  # a system purpose off its own endpoint
        ("audit-anchor", "purpose_not_allowed"),
    ],
)
def test_purpose_must_name_a_known_matter(sandbox: SandboxHandle, purpose: str, code: str) -> None:
    answer = sandbox.call("POST", LOOKUP, BODY, purpose=purpose, register=False)
    _refused(answer, 403, code)


def test_a_registration_needs_a_known_matter_and_a_case(sandbox: SandboxHandle) -> None:
    body = {"short_code": "REG00001", "matter_name": "好奇", "office": "无"}
    path = f"/api/v1/progress/{secrets.token_urlsafe(24)}"
    _refused(sandbox.call("PUT", path, body, purpose="curiosity"), 403, "purpose_unknown")
    _refused(sandbox.call("PUT", path, body, purpose="catalogue"), 403, "purpose_not_allowed")
    _refused(sandbox.call("PUT", path, body, case="-"), 403, "case_missing")


def test_the_catalogue_purpose_reads_the_items(sandbox: SandboxHandle) -> None:
    answer = sandbox.call("GET", "/api/v1/items", purpose="catalogue", case="-")
    assert answer.status_code == 200 and answer.json()["items"]


def test_case_must_be_registered_by_this_workstation(sandbox: SandboxHandle) -> None:
    case = f"C-UNREG-{uuid.uuid4().hex[:6]}"
    problem = _refused(
        sandbox.call("POST", LOOKUP, BODY, case=case, register=False), 403, "case_not_registered"
    )
    assert case in str(problem["detail"])
    _refused(sandbox.call("POST", LOOKUP, BODY, case="-", register=False), 403, "case_missing")
    sandbox.register_case(case)
    assert sandbox.call("POST", LOOKUP, BODY, case=case).status_code == 200
    # the case was registered for its matter: another matter is another purpose
    other = "matter:mzj.minimum_living"
    _refused(
        sandbox.call("POST", LOOKUP, BODY, case=case, purpose=other, register=False),
        403,
        "purpose_mismatch",
    )
    # and another workstation's case of the same number is not this one
    _refused(
        _as_win07(sandbox, "POST", LOOKUP, BODY, case=case, register=False),
        403,
        "case_not_registered",
    )


def test_system_endpoints_answer_their_system_purpose_only() -> None:
    """A unit test of the binding for the audit anchors' endpoint (another part of the issue
    adds it): only ``audit-anchor`` may call it, and ``audit-anchor`` nothing else."""
    from clerkapp.sandbox.auth import Caller
    from clerkapp.sandbox.binding import PurposeBinding
    from clerkapp.sandbox.problems import Problem

    binding = PurposeBinding(store=None, matters={"zjj.public_rental"})  # type: ignore[arg-type]
    anchor = Caller("TRAIN-01", "system", "audit-anchor", "-", "r1")
    binding.check(anchor, "/api/v1/audit-anchors")
    binding.check(anchor, "/api/v1/audit-anchors/TRAIN-01")
    for caller, path in [
        (Caller("TRAIN-01", "x", PURPOSE, "C-1", "r2"), "/api/v1/audit-anchors"),
        (anchor, "/api/v1/lookups"),
        (anchor, "/api/v1/audit-anchorsX"),
    ]:
        with pytest.raises(Problem) as refused:
            binding.check(caller, path)
        assert refused.value.status == 403 and refused.value.code == "purpose_not_allowed"


# ---- time, nonce, idempotency key --------------------------------------------------------------


def _signed(sb: SandboxHandle, **overrides: object) -> dict[str, str]:
    args: dict[str, object] = {
        "workstation": sb.workstation,
        "secret": sb.secret,
        "official": "wangxiao",
        "purpose": PURPOSE,
        "case": "C-WHO-1",
        "idempotency_key": str(uuid.uuid4()),
    }
    args.update(overrides)
    sb.register_case(str(args["case"]))
    headers = sign_headers("POST", LOOKUP, RAW, **args)  # type: ignore[arg-type]
    headers["Content-Type"] = "application/json"
    return headers


def _post(url: str, headers: dict[str, str]) -> requests.Response:
    return requests.post(url + LOOKUP, data=RAW, headers=headers, timeout=5)


@pytest.mark.parametrize(
    "timestamp",
    ["nan", "NaN", "inf", "-inf", "infinity", "1e9", "-1", "+1765000000", "9" * 400, "0x10", "1_0"],
)
def test_a_timestamp_that_is_not_finite_seconds_is_refused(
    sandbox: SandboxHandle, timestamp: str
) -> None:
    answer = _post(sandbox.url, _signed(sandbox, timestamp=timestamp))
    _refused(answer, 401, "bad_timestamp")


def test_a_decimal_timestamp_within_the_window_is_accepted(sandbox: SandboxHandle) -> None:
    answer = _post(sandbox.url, _signed(sandbox, timestamp=f"{time.time():.3f}"))
    assert answer.status_code == 200, answer.text


def test_a_far_timestamp_of_twelve_digits_is_stale(sandbox: SandboxHandle) -> None:
    _refused(_post(sandbox.url, _signed(sandbox, timestamp="9" * 12)), 401, "stale")


def test_a_swapped_idempotency_key_breaks_the_signature(sandbox: SandboxHandle) -> None:
    headers = _signed(sandbox, idempotency_key="key-signed")
    swapped = {**headers, "Idempotency-Key": "key-swapped"}
    _refused(_post(sandbox.url, swapped), 401, "bad_signature")  # before the original
    assert _post(sandbox.url, headers).status_code == 200
    _refused(_post(sandbox.url, swapped), 401, "bad_signature")  # a replay under another key
    _refused(_post(sandbox.url, headers), 401, "replayed")  # the replay as it was
    dropped = {k: v for k, v in headers.items() if k != "Idempotency-Key"}
    _refused(_post(sandbox.url, dropped), 401, "bad_signature")


def test_a_version_1_signature_is_refused(sandbox: SandboxHandle) -> None:
    headers = _signed(sandbox)
    del headers["X-Signature-Version"]
    _refused(_post(sandbox.url, headers), 401, "signature_version")


def test_nonces_are_kept_for_the_window_and_pruned_after() -> None:
    """Unit test of the stored nonce cache with a clock the test moves."""
    import tempfile

    from clerkapp.sandbox.auth import Authenticator
    from clerkapp.sandbox.problems import Problem
    from clerkapp.sandbox.store import StateStore

    now = [1_800_000_000.0]
    with tempfile.TemporaryDirectory() as tmp:
        store = StateStore(Path(tmp) / "s.sqlite3")
        auth = Authenticator({"TRAIN-01": "s"}, window_s=300, clock=lambda: now[0], store=store)

        def send(request_id: str) -> None:
            headers = sign_headers(
                "GET", "/api/v1/items", b"", workstation="TRAIN-01", secret="s",
                official="o", purpose="catalogue", case="-", timestamp=now[0],
                request_id=request_id,
            )  # fmt: skip
            auth.authenticate("GET", "/api/v1/items", headers, b"")

        send("a")
        with pytest.raises(Problem) as replayed:
            send("a")
        assert replayed.value.code == "replayed"
        now[0] += 700  # past twice the window: "a" is pruned by the next signed call
        send("b")
        kept = {r["request_id"] for r in store.all("SELECT request_id FROM nonces")}
        assert kept == {"b"}
        store.close()


@contextmanager
def _serve(data: Path, ready: Path) -> Iterator[str]:
    """A real `clerkapp platform serve` process on ``data``; its URL; stopped (SIGTERM) after."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0", "--data",
         str(data), "--ready-file", str(ready), "--people", "200"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "sandbox did not become ready"
            time.sleep(0.05)
        yield ready.read_text(encoding="utf-8").strip()
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err


def test_a_replay_after_a_restart_is_refused(tmp_path: Path) -> None:
    """The nonce cache lives in the state file: the same signed request sent again to a
    restarted sandbox (same data directory) is a replay."""
    data, ready = tmp_path / "data", tmp_path / "ready.txt"
    from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION

    def signed(method: str, path: str, raw: bytes, key: str) -> dict[str, str]:
        headers = sign_headers(
            method, path, raw, workstation=TRAINING_WORKSTATION, secret=TRAINING_SECRET,
            official="wangxiao", purpose=PURPOSE, case="C-RESTART-1", idempotency_key=key,
        )  # fmt: skip
        headers["Content-Type"] = "application/json"
        return headers

    token = secrets.token_urlsafe(24)
    registration = json.dumps({"short_code": "RST00001", "matter_name": "公租房", "office": "住建"})
    lookup = signed("POST", LOOKUP, RAW, "restart-key-1")
    with _serve(data, ready) as url:
        path = f"/api/v1/progress/{token}"
        reg = signed("PUT", path, registration.encode(), "restart-reg")
        assert (
            requests.put(url + path, data=registration, headers=reg, timeout=5).status_code == 201
        )
        first = requests.post(url + LOOKUP, data=RAW, headers=lookup, timeout=5)
        assert first.status_code == 200, first.text
    with _serve(data, ready) as url:
        _refused(requests.post(url + LOOKUP, data=RAW, headers=lookup, timeout=5), 401, "replayed")
        # the case is still registered after the restart: a fresh request is answered
        fresh = signed("POST", LOOKUP, RAW, "restart-key-2")
        assert requests.post(url + LOOKUP, data=RAW, headers=fresh, timeout=5).status_code == 200


def test_known_matters_come_from_the_catalogues_and_the_trainers_file(tmp_path: Path) -> None:
    from clerkapp.sandbox.config import SandboxConfigError, load_matters

    data = tmp_path / "home" / "sandbox"
    data.mkdir(parents=True)
    shipped = load_matters(data)
    assert {"zjj.public_rental", "mzj.minimum_living"} <= shipped and "curiosity" not in shipped
    # the catalogue the workstation imported (training: the sandbox beside it knows it too)
    (tmp_path / "home" / "catalogue").mkdir()
    installed = {"matters": [{"code": "xx.imported_matter", "name": "导入事项"}]}
    (tmp_path / "home" / "catalogue" / "current.json").write_text(json.dumps(installed), "utf-8")
    (data / "matters.json").write_text('["xx.trainers_matter"]', encoding="utf-8")
    assert load_matters(data) == shipped | {"xx.imported_matter", "xx.trainers_matter"}
    (data / "matters.json").write_text('{"matters": 7}', encoding="utf-8")
    with pytest.raises(SandboxConfigError) as broken:
        load_matters(data)
    assert "matters.json" in broken.value.user_message
