"""Department verification round trips: automatic answers from the data, long-poll, answers by
hand from the department page, deferred and expired tickets, tickets surviving a restart."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.sandbox import demo
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.server import ThreadedSandbox
from tests.sandbox_fixture import SandboxHandle, desk_post, desk_token

pytestmark = pytest.mark.sandbox


def _ask(sb: SandboxHandle, id_number: str, proof: str = "GZF-P03") -> dict[str, Any]:
    answer = sb.call(
        "POST",
        "/api/v1/verifications",
        {
            "proof_code": proof,
            "department": "市自然资源和规划局",
            "question": "申请人宅基地批建情况是否属实？",
            "subject": {"id_number": id_number},
        },
    )
    assert answer.status_code == 202, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _poll(sb: SandboxHandle, ticket: str, wait: float = 0) -> dict[str, Any]:
    answer = sb.call("GET", f"/api/v1/verifications/{ticket}?wait={wait}")
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_automatic_answer_from_the_data(sandbox: SandboxHandle) -> None:
    queued = _ask(sandbox, demo.LI_MING)
    assert queued["state"] == "queued" and queued["poll_after_s"] >= 1
    assert _poll(sandbox, queued["ticket"])["state"] == "queued"
    answered = _poll(sandbox, queued["ticket"], wait=10)  # long-poll wakes when due
    assert answered["state"] == "answered" and answered["answer"] == "confirmed"
    assert answered["answered_at"] and answered["department"] == "市自然资源和规划局"
    assert "属实" in answered["note"]


def test_unknown_subject_is_denied(sandbox: SandboxHandle) -> None:
    ticket = _ask(sandbox, demo.LIU_YANG)["ticket"]
    answered = _poll(sandbox, ticket, wait=10)
    assert answered["state"] == "answered" and answered["answer"] == "denied"


def test_deferred_by_the_data(sandbox: SandboxHandle) -> None:
    ticket = _ask(sandbox, demo.SUN_LI)["ticket"]
    deferred = _poll(sandbox, ticket, wait=10)
    assert deferred["state"] == "deferred" and deferred["answer"] is None


def test_long_poll_returns_after_wait_while_queued(sandbox: SandboxHandle) -> None:
    sandbox.settings(verify_delay_s=None)
    ticket = _ask(sandbox, demo.LI_MING)["ticket"]
    started = time.monotonic()
    assert _poll(sandbox, ticket, wait=0.4)["state"] == "queued"
    assert time.monotonic() - started >= 0.4


def test_answer_by_hand_on_the_department_page(sandbox: SandboxHandle) -> None:
    sandbox.settings(verify_delay_s=None)  # only a person answers now
    confirm = _ask(sandbox, demo.WANG_FANG)["ticket"]
    deny = _ask(sandbox, demo.LI_MING)["ticket"]
    page = requests.get(f"{sandbox.url}/dept", timeout=5)
    assert page.status_code == 200 and "部门核验" in page.text
    assert confirm in page.text and deny in page.text
    assert demo.WANG_FANG not in page.text  # masked on the page
    assert demo.WANG_FANG[:6] + "********" + demo.WANG_FANG[-4:] in page.text

    form = desk_post(
        requests.Session(), sandbox.url, confirm, {"action": "confirm", "note": "经实地核查属实"}
    )
    assert form.status_code == 303
    sandbox.answer_verification(deny, "deny")

    confirmed = _poll(sandbox, confirm)
    assert confirmed["state"] == "answered" and confirmed["answer"] == "confirmed"
    assert confirmed["note"] == "经实地核查属实"
    denied = _poll(sandbox, deny)
    assert denied["answer"] == "denied"
    remaining = requests.get(f"{sandbox.url}/dept", timeout=5).text
    assert confirm not in remaining and deny not in remaining


def test_hand_answer_wakes_a_waiting_poll(sandbox: SandboxHandle) -> None:
    from concurrent.futures import ThreadPoolExecutor

    sandbox.settings(verify_delay_s=None)
    ticket = _ask(sandbox, demo.WANG_FANG)["ticket"]
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        waiting = pool.submit(_poll, sandbox, ticket, 20)
        deadline = time.monotonic() + 5
        # wait until the poll is parked on the server, then answer by hand
        while ticket not in sandbox.state.verifications._wakers:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert desk_post(requests.Session(), sandbox.url, ticket, {"action": "defer"}).ok
        result = waiting.result(timeout=10)
    assert result["state"] == "deferred"
    assert time.monotonic() - started < 5  # woken, not timed out after 20 s


def test_closed_ticket_cannot_be_answered_again(sandbox: SandboxHandle) -> None:
    sandbox.settings(verify_delay_s=None)
    ticket = _ask(sandbox, demo.WANG_FANG)["ticket"]
    desk = requests.Session()
    token = desk_token(desk, sandbox.url)  # the session's token, read while the form is shown
    for action, status in (("confirm", 303), ("deny", 409)):
        again = desk.post(
            f"{sandbox.url}/dept/{ticket}",
            data={"action": action, "csrf": token},
            timeout=5,
            allow_redirects=False,
        )
        assert again.status_code == status
    assert again.status_code == 409 and again.json()["code"] == "ticket_closed"


def test_unknown_ticket_is_a_problem(sandbox: SandboxHandle) -> None:
    answer = sandbox.call("GET", "/api/v1/verifications/vt_nothing-here")
    assert answer.status_code == 404 and answer.json()["code"] == "unknown_ticket"


def test_tickets_survive_a_restart_and_expire(tmp_path: Path) -> None:
    settings = SandboxSettings(data_dir=tmp_path, verify_delay_s=None, people=50)
    first = ThreadedSandbox(settings).start()
    try:
        handle = SandboxHandle(first, tmp_path)
        ticket = _ask(handle, demo.LI_MING)["ticket"]
        handle.close()
    finally:
        first.stop()
    again = SandboxSettings(data_dir=tmp_path, verify_delay_s=None, people=50)
    second = ThreadedSandbox(again).start()
    try:
        handle = SandboxHandle(second, tmp_path)
        assert _poll(handle, ticket)["state"] == "queued"
        # a ticket past its answer period expires
        second.sandbox.store.execute(
            "UPDATE tickets SET expires_at = 0 WHERE ticket = ?", (ticket,)
        )
        expired = _poll(handle, ticket)
        assert expired["state"] == "expired" and expired["answer"] is None
        handle.close()
    finally:
        second.stop()


def test_ticket_ids_are_unguessable(sandbox: SandboxHandle) -> None:
    tickets = {_ask(sandbox, demo.LI_MING)["ticket"] for _ in range(3)}
    assert len(tickets) == 3
    assert all(re.fullmatch(r"vt_[A-Za-z0-9_-]{22}", t) for t in tickets)
