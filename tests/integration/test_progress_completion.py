"""The public progress page of a finished case shows the day it was finished (办结日期, the
office's day of the final progress event), not the promise; and a short code typed by hand is
found with O/I/L for 0/1/1, in either case, with spaces, dashes or full-width characters — over
real HTTP to the sandbox, and end to end from the case service through the sync worker."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.clock import SteppingClock
from clerkapp.app.sync import SyncWorker
from clerkapp.infra.store.migrations import CROCKFORD
from tests.integration.case_fixtures import PERSON_ID, RENTAL, sandbox_client, service
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox

REGISTRATION = {
    "matter_name": "公共租赁住房申请",
    "office": "金华市行政服务中心 住建窗口",
    "expected_completion": "2026-12-04",
}


def _registered(sb: SandboxHandle, code: str) -> str:
    token = secrets.token_urlsafe(24)
    answer = sb.call("PUT", f"/api/v1/progress/{token}", {**REGISTRATION, "short_code": code})
    assert answer.status_code == 201, answer.text
    return token


def _event(sb: SandboxHandle, token: str, status: str, label: str, at: str) -> None:
    body = {"status": status, "label": label, "at": at}
    answer = sb.call("POST", f"/api/v1/progress/{token}/events", body)
    assert answer.status_code == 201, answer.text


def _page(sb: SandboxHandle, token: str) -> str:
    page = requests.get(f"{sb.url}/p/{token}", timeout=5)
    assert page.status_code == 200
    return page.text


def _code() -> str:
    """A fresh 8-character code of the app's alphabet that holds a 0 and a 1."""
    rest = "".join(secrets.choice(CROCKFORD) for _ in range(6))
    return f"0{rest[:3]}1{rest[3:]}"


@pytest.mark.parametrize(
    ("status", "label"),
    [
        ("refused", "已办结（不予许可）"),
        ("withdrawn", "已撤回"),
        ("not_accepted", "不予受理"),
        ("approved", "已办结（准予许可）"),
    ],
)
def test_a_finished_case_shows_the_day_it_was_finished(
    sandbox: SandboxHandle, status: str, label: str
) -> None:
    token = _registered(sandbox, _code())
    _event(sandbox, token, "accepted", "已受理", "2026-11-27T09:30:00+08:00")
    assert "预计办结日期：<strong>2026年12月04日" in _page(sandbox, token)
    # 16:30 UTC is already the next day in Beijing: the office's day is printed
    _event(sandbox, token, status, label, "2026-11-28T16:30:00+00:00")
    html = _page(sandbox, token)
    assert "办结日期：<strong>2026年11月29日</strong>" in html
    assert "预计办结" not in html and "2026年12月04日" not in html
    assert "2026-11-29 00:30" in html  # the event's time, Beijing time
    data = requests.get(f"{sandbox.url}/p/{token}.json", timeout=5).json()
    assert data["completed_at"] == "2026-11-28T16:30:00+00:00"


def test_a_running_case_shows_no_completion(sandbox: SandboxHandle) -> None:
    token = _registered(sandbox, _code())
    _event(sandbox, token, "accepted", "已受理", "2026-11-27T09:30:00+08:00")
    data = requests.get(f"{sandbox.url}/p/{token}.json", timeout=5).json()
    assert data["completed_at"] is None


def _typed_variants(code: str) -> list[str]:
    """How people type ``code`` (which holds a 0 and a 1) from a paper."""
    oil = code.replace("0", "O", 1).replace("1", "l", 1)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code.lower())
    return [
        oil,
        oil.lower(),
        code.replace("0", "o", 1).replace("1", "I", 1),
        f" {oil[:4]}-{oil[4:]} ",
        f"{code[:4]}　{code[4:]}",  # an ideographic space
        full_width,
        f"{code[:4]}－{code[4:]}",  # a full-width dash
        f"{code[:4]}—{code[4:]}",  # a dash from a Chinese input method
    ]


def test_short_code_typed_with_lookalike_letters_finds_the_case(sandbox: SandboxHandle) -> None:
    code = _code()
    token = _registered(sandbox, code)
    for typed in _typed_variants(code):
        found = requests.get(
            f"{sandbox.url}/p", params={"code": typed}, timeout=5, allow_redirects=False
        )
        assert found.status_code == 303, typed
        assert found.headers["location"] == f"/p/{token}", typed
    # a code that differs in a real character is still not found
    wrong = ("2" if code[2] != "2" else "3").join((code[:2], code[3:]))
    missing = requests.get(f"{sandbox.url}/p", params={"code": wrong}, timeout=5)
    assert missing.status_code == 404


def test_the_app_s_withdrawn_case_shows_its_completion_day(
    tmp_path: Path, sandbox: SandboxHandle
) -> None:
    """From the case service: opened and withdrawn at 17:30 UTC (01:30 the next day in Beijing)
    on a workstation whose clock hands out UTC; the sync worker sends register and event."""
    late = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)
    cases = service(tmp_path, SteppingClock(late))
    case = cases.open_case(RENTAL, "person", PERSON_ID, "李明", clerk="wangxiao")
    cases.withdraw(case.id, "申请人主动撤回申请", "wangxiao")
    recorder: Any = cases
    with sandbox_client(sandbox) as client:
        report = SyncWorker(cases.store, recorder, client, SteppingClock(late)).drain()
    assert report.needs_person == 0 and report.retry == 0, report
    html = _page(sandbox, case.tracking_token)
    assert "已撤回" in html
    assert "办结日期：<strong>2026年11月28日</strong>" in html and "预计办结" not in html
    # and the applicant finds it by the printed code typed with lookalike letters, lower case
    typed = case.short_code.lower().replace("0", "o").replace("1", "l")
    found = requests.get(
        f"{sandbox.url}/p", params={"code": typed}, timeout=5, allow_redirects=False
    )
    assert found.headers["location"] == f"/p/{case.tracking_token}"
