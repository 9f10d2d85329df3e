"""Progress registry and its public page, and the credit check / false-pledge report."""

from __future__ import annotations

import secrets

import pytest
import requests

from clerkapp.sandbox import demo
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox

REGISTRATION = {
    "short_code": "",
    "matter_name": "公共租赁住房申请",
    "office": "金华市行政服务中心 住建窗口",
    "expected_completion": "2026-12-04",
}


def _register(sb: SandboxHandle, token: str, code: str) -> requests.Response:
    return sb.call(
        "PUT",
        f"/api/v1/progress/{token}",
        {**REGISTRATION, "short_code": code},
    )


def _event(sb: SandboxHandle, token: str, status: str, label: str, at: str) -> None:
    answer = sb.call(
        "POST", f"/api/v1/progress/{token}/events", {"status": status, "label": label, "at": at}
    )
    assert answer.status_code == 201, answer.text


def test_register_events_and_public_page(sandbox: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    code = secrets.token_hex(6).upper()
    assert _register(sandbox, token, code).status_code == 201
    assert _register(sandbox, token, code).status_code == 200  # same body again
    _event(sandbox, token, "accepted", "已受理，等待部门核验", "2026-11-27T01:30:00+00:00")
    running = requests.get(f"{sandbox.url}/p/{token}", timeout=5).text
    assert "预计办结日期：<strong>2026年12月04日" in running  # a running case: the promise
    _event(sandbox, token, "approved", "已办结：准予许可", "2026-11-27T03:05:00+00:00")

    page = requests.get(f"{sandbox.url}/p/{token}", timeout=5)
    assert page.status_code == 200
    html = page.text
    assert 'name="viewport"' in html and 'lang="zh-CN"' in html
    assert "公共租赁住房申请" in html and "金华市行政服务中心 住建窗口" in html
    assert "已办结：准予许可" in html and "已受理，等待部门核验" in html
    assert "2026-11-27 09:30" in html and "2026-11-27 11:05" in html  # Beijing time
    # finished: the day it was finished (Beijing time), no longer the promise
    assert "办结日期：<strong>2026年11月27日" in html and "预计办结" not in html
    assert html.index("已办结：准予许可") < html.index("已受理，等待部门核验")  # newest first
    # nothing personal: not the ID number, nor the name, nor the case number
    for secret in (demo.LI_MING, "李明", "C-20261127-0001"):
        assert secret not in html

    data = requests.get(f"{sandbox.url}/p/{token}.json", timeout=5).json()
    assert data["status"] == "approved" and data["status_label"] == "已办结：准予许可"
    assert [e["status"] for e in data["events"]] == ["accepted", "approved"]
    assert data["expected_completion"] == "2026-12-04"
    assert data["completed_at"] == "2026-11-27T03:05:00+00:00"


def test_find_by_short_code(sandbox: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    code = secrets.token_hex(6).upper()
    _register(sandbox, token, code)
    found = requests.get(
        f"{sandbox.url}/p",
        params={"code": f" {code[:3]}-{code[3:].lower()} "},
        timeout=5,
        allow_redirects=False,
    )
    assert found.status_code == 303 and found.headers["location"] == f"/p/{token}"
    form = requests.get(f"{sandbox.url}/p", timeout=5)
    assert form.status_code == 200 and "查询码" in form.text
    missing = requests.get(f"{sandbox.url}/p", params={"code": "NOPE00"}, timeout=5)
    assert missing.status_code == 404 and "未找到该办件" in missing.text


def test_unknown_token_gets_a_friendly_page(sandbox: SandboxHandle) -> None:
    unknown = secrets.token_urlsafe(24)
    page = requests.get(f"{sandbox.url}/p/{unknown}", timeout=5)
    assert page.status_code == 404 and "未找到该办件" in page.text
    assert page.headers["content-type"].startswith("text/html")
    as_json = requests.get(f"{sandbox.url}/p/{unknown}.json", timeout=5)
    assert as_json.status_code == 404 and as_json.json()["code"] == "unknown_token"


@pytest.mark.parametrize(
    "token", ["short-token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "has.dot.0123456789abcdefgh"]
)
def test_weak_tokens_are_refused(sandbox: SandboxHandle, token: str) -> None:
    answer = _register(sandbox, token, "WEAK01")
    assert answer.status_code == 400 and answer.json()["code"] == "token_weak"


def test_event_for_unregistered_token(sandbox: SandboxHandle) -> None:
    answer = sandbox.call(
        "POST",
        f"/api/v1/progress/{secrets.token_urlsafe(24)}/events",
        {"status": "accepted", "label": "已受理", "at": "2026-11-27T01:30:00Z"},
    )
    assert answer.status_code == 404 and answer.json()["code"] == "unknown_token"


def test_event_retry_is_not_doubled(sandbox: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    _register(sandbox, token, secrets.token_hex(6).upper())
    body = {"status": "accepted", "label": "已受理", "at": "2026-11-27T01:30:00Z"}
    path = f"/api/v1/progress/{token}/events"
    for _ in range(3):
        assert sandbox.call("POST", path, body, idempotency_key=f"ev-{token}").status_code == 201
    progress = sandbox.progress(token)
    assert progress is not None and len(progress["events"]) == 1


def test_short_code_of_another_case_is_refused(sandbox: SandboxHandle) -> None:
    code = secrets.token_hex(6).upper()
    _register(sandbox, secrets.token_urlsafe(24), code)
    answer = _register(sandbox, secrets.token_urlsafe(24), code)
    assert answer.status_code == 409 and answer.json()["code"] == "short_code_taken"


def test_credit_check_listed_and_clean(sandbox: SandboxHandle) -> None:
    listed = sandbox.call(
        "POST", "/api/v1/credit/check", {"subject": {"id_number": demo.ZHAO_QIANG}}
    ).json()
    assert listed["listed"] is True and listed["list_version"]
    assert listed["entry"]["authority"] == "金华市民政局" and listed["entry"]["name"] == "赵强"
    assert listed["provenance"]["registry_code"] == "credit"
    clean = sandbox.call(
        "POST", "/api/v1/credit/check", {"subject": {"id_number": demo.LI_MING}}
    ).json()
    assert clean["listed"] is False and clean["entry"] is None
    assert clean["list_version"] == listed["list_version"]
    firm = sandbox.call(
        "POST", "/api/v1/credit/check", {"subject": {"uscc": demo.DEMO_BUSINESS}}
    ).json()
    assert firm["listed"] is False


def test_report_a_false_pledge(sandbox: SandboxHandle) -> None:
    answer = sandbox.call(
        "POST",
        "/api/v1/credit/reports",
        {
            "subject": {"id_number": demo.WEI_XIUYING},
            "proof_code": "YSBZ-P01",
            "reason": "核查发现申请人隐瞒收入",
        },
        case="C-CHECK-7",
    )
    assert answer.status_code == 201 and answer.json()["report_id"].startswith("CR")
    stored = sandbox.state.store.all("SELECT * FROM credit_reports WHERE case_id = 'C-CHECK-7'")
    assert len(stored) == 1 and demo.WEI_XIUYING not in str(stored)


def test_bad_times_are_refused(sandbox: SandboxHandle) -> None:
    token = secrets.token_urlsafe(24)
    bad = sandbox.call(
        "PUT",
        f"/api/v1/progress/{token}",
        {**REGISTRATION, "short_code": "TIME0001", "expected_completion": "next week"},
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_request"
    _register(sandbox, token, secrets.token_hex(6).upper())
    answer = sandbox.call(
        "POST",
        f"/api/v1/progress/{token}/events",
        {"status": "accepted", "label": "已受理", "at": "yesterday"},
    )
    assert answer.status_code == 422 and "时间格式错误" in answer.json()["detail"]


@pytest.mark.parametrize("legacy", [False, True])
def test_public_text_with_an_id_number_is_refused(sandbox: SandboxHandle, legacy: bool) -> None:
    """The public page never shows an ID number, even when a client puts one in the text."""
    number = demo.LI_MING
    if legacy:  # the 15-digit form: region, two-digit year, date, sequence
        number = number[:6] + number[8:17]
    token = secrets.token_urlsafe(24)
    code = secrets.token_hex(4).upper()
    answer = sandbox.call(
        "PUT",
        f"/api/v1/progress/{token}",
        {**REGISTRATION, "short_code": code, "matter_name": f"公共租赁住房申请（{number}）"},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "personal_data"
    assert sandbox.progress(token) is None

    assert _register(sandbox, token, code).status_code == 201
    answer = sandbox.call(
        "POST",
        f"/api/v1/progress/{token}/events",
        {"status": "accepted", "label": f"申请人{number}已受理", "at": "2026-11-27T09:30:00+08:00"},
    )
    assert answer.status_code == 422 and answer.json()["code"] == "personal_data"
    progress = sandbox.progress(token)
    assert progress is not None and progress["events"] == []
    page = sandbox.http.get(f"{sandbox.url}/p/{token}", timeout=5).text
    assert number not in page
