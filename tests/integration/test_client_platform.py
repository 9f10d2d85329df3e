"""The platform client over real HTTP against the sandbox on an ephemeral loopback port."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from clerkapp.core.idnumber import make_id_number
from clerkapp.core.platform_types import VerificationState
from clerkapp.infra.platform import (
    INTERACTIVE_RETRY,
    INTERACTIVE_TIMEOUTS,
    CallContext,
    Credentials,
    PlatformBadAnswer,
    PlatformClient,
    PlatformRefused,
    PlatformRejected,
    PlatformUnavailable,
    RetryPolicy,
    Timeouts,
    business,
    person,
)
from clerkapp.infra.platform.signing import signed_headers
from clerkapp.sandbox import demo
from tests.sandbox_fixture import PURPOSE, sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

CTX = CallContext(official="wangxiao", purpose=PURPOSE, case_id="C-TEST-0001")
FAST = RetryPolicy(attempts=3, base_s=0.01, cap_s=0.02, budget_s=5)


@pytest.fixture
def client(sandbox: Any) -> Iterator[PlatformClient]:  # noqa: F811
    sandbox.register_case(CTX.case_id, CTX.purpose)  # the platform answers registered cases
    with PlatformClient(
        sandbox.url, Credentials(sandbox.workstation, sandbox.secret), retry=FAST
    ) as c:
        yield c


def _token() -> str:
    return secrets.token_urlsafe(24)


def _events(sandbox: Any, token: str) -> list[dict[str, Any]]:  # noqa: F811
    answer = requests.get(f"{sandbox.url}/p/{token}.json", timeout=5)
    answer.raise_for_status()
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


def test_health_and_items(client: PlatformClient) -> None:
    health = client.health()
    assert health["status"] == "ok" and health["training"] is True
    names = {row["item"] for row in client.items(context=CTX)}
    assert {"population.basic", "vehicle.ownership", "business.licence"} <= names


@pytest.mark.parametrize(
    ("item", "subject", "fields"),
    [
        ("population.basic", person(demo.LI_MING), ["name", "alive", "died_on"]),
        ("household.members", person(demo.LI_MING), ["members_count", "members"]),
        ("marriage.record", person(demo.WEI_XIUYING), ["marital_status", "spouse_name"]),
        ("realestate.holdings", person(demo.LI_MING), ["property_count"]),
        ("social_insurance.person", person(demo.LI_MING), ["insured", "months_contributed"]),
        ("social_insurance.employer", business(demo.DEMO_BUSINESS), ["arrears"]),
        ("personnel_file.custody", person(demo.LI_MING), ["custodian", "since"]),
        ("vehicle.ownership", person(demo.WANG_FANG), ["vehicle_count", "plates"]),
        ("family_economic.status", person(demo.LI_MING), ["monthly_income_per_capita"]),
        ("business.licence", business(demo.DEMO_BUSINESS), ["name", "status"]),
    ],
)
def test_each_registry_answers_with_provenance(
    client: PlatformClient, item: str, subject: dict[str, str], fields: list[str]
) -> None:
    answer = client.lookup(item, subject, fields, context=CTX)
    assert answer.found and answer.item == item
    assert answer.record is not None and set(fields) <= set(answer.record)
    assert answer.provenance.registry and answer.provenance.receipt_id


def test_vehicle_owner_and_widow_records(client: PlatformClient) -> None:
    cars = client.lookup(
        "vehicle.ownership", person(demo.WANG_FANG), ["vehicle_count", "plates"], context=CTX
    )
    assert cars.record is not None and cars.record["vehicle_count"] >= 1
    assert all("*" in plate for plate in cars.record["plates"])  # masked plates only
    spouse = client.lookup(
        "population.basic", person(demo.CHEN_JIANGUO), ["alive", "died_on"], context=CTX
    )
    assert spouse.record is not None and spouse.record["alive"] is False


def test_not_found_is_an_answer(client: PlatformClient) -> None:
    answer = client.lookup(
        "vehicle.ownership", person(demo.LIU_YANG), ["vehicle_count"], context=CTX
    )
    assert answer.found is False and answer.record is None
    assert answer.provenance.receipt_id


def test_wrong_secret_is_refused_once_without_retry(sandbox: Any) -> None:  # noqa: F811
    slept: list[float] = []
    with (
        PlatformClient(
            sandbox.url,
            Credentials(sandbox.workstation, "not-the-secret"),
            retry=FAST,
            sleep=slept.append,
        ) as c,
        pytest.raises(PlatformRefused) as refused,
    ):
        c.lookup("marriage.record", person(demo.LI_MING), ["marital_status"], context=CTX)
    assert refused.value.status == 401 and not refused.value.retryable
    assert slept == []  # a 4xx is never retried
    assert "婚姻登记库" in refused.value.user_message


def test_unknown_workstation_is_refused(sandbox: Any) -> None:  # noqa: F811
    with (
        PlatformClient(sandbox.url, Credentials("NOBODY-99", "x"), retry=FAST) as c,
        pytest.raises(PlatformRefused) as refused,
    ):
        c.items(context=CTX)
    assert refused.value.status == 403


def test_purpose_missing_is_refused(client: PlatformClient) -> None:
    no_purpose = CallContext(official="wangxiao", purpose="", case_id="C-1")
    with pytest.raises(PlatformRefused) as refused:
        client.lookup(
            "vehicle.ownership", person(demo.LI_MING), ["vehicle_count"], context=no_purpose
        )
    assert refused.value.code == "purpose_missing"
    assert refused.value.user_message


def test_replayed_request_is_refused(sandbox: Any) -> None:  # noqa: F811
    creds = Credentials(sandbox.workstation, sandbox.secret)
    body = json.dumps(
        {"item": "vehicle.ownership", "subject": person(demo.LI_MING), "fields": ["vehicle_count"]}
    ).encode()
    sandbox.register_case(CTX.case_id, CTX.purpose)
    headers = signed_headers(
        creds, CTX, "POST", "/api/v1/lookups", body, idempotency_key="replay-test-1"
    )
    headers.update({"Content-Type": "application/json", "Idempotency-Key": "replay-test-1"})
    first = requests.post(f"{sandbox.url}/api/v1/lookups", data=body, headers=headers, timeout=5)
    again = requests.post(f"{sandbox.url}/api/v1/lookups", data=body, headers=headers, timeout=5)
    assert first.status_code == 200
    assert again.status_code == 401
    assert again.headers["Content-Type"].startswith("application/problem+json")
    assert again.json()["code"] == "replayed"


def test_stale_timestamp_is_refused(sandbox: Any) -> None:  # noqa: F811
    creds = Credentials(sandbox.workstation, sandbox.secret)
    headers = signed_headers(
        creds, CTX, "GET", "/api/v1/items", b"", clock=lambda: time.time() - 3600
    )
    answer = requests.get(f"{sandbox.url}/api/v1/items", headers=headers, timeout=5)
    assert answer.status_code == 401 and answer.json()["code"] == "stale"


def test_unknown_item_is_rejected_with_the_problem_detail(client: PlatformClient) -> None:
    with pytest.raises(PlatformRejected) as rejected:
        client.lookup("horoscope.sign", person(demo.LI_MING), ["sign"], context=CTX)
    assert 400 <= (rejected.value.status or 0) < 500 and rejected.value.detail


@pytest.mark.parametrize("status", ["500", "503"])
def test_5xx_is_retried_then_unavailable(sandbox: Any, status: str) -> None:  # noqa: F811
    slept: list[float] = []
    with (
        PlatformClient(
            sandbox.url,
            Credentials(sandbox.workstation, sandbox.secret),
            retry=FAST,
            sleep=slept.append,
            extra_headers={"X-Sandbox-Fault": status},
        ) as c,
        pytest.raises(PlatformUnavailable) as down,
    ):
        c.lookup("marriage.record", person(demo.LI_MING), ["marital_status"], context=CTX)
    assert len(slept) == FAST.attempts - 1
    assert down.value.retryable and down.value.status == int(status)
    assert down.value.user_message.startswith("婚姻登记库暂时无法访问")


def test_5xx_retried_then_succeeds(sandbox: Any) -> None:  # noqa: F811
    sandbox.set_fault("marriage.record", "error", status=503)

    def clear_on_backoff(_: float) -> None:
        sandbox.clear_faults()

    with PlatformClient(
        sandbox.url,
        Credentials(sandbox.workstation, sandbox.secret),
        retry=FAST,
        sleep=clear_on_backoff,
    ) as c:
        answer = c.lookup(
            "marriage.record", person(demo.WEI_XIUYING), ["marital_status"], context=CTX
        )
    assert answer.found and answer.record is not None
    assert answer.record["marital_status"] == "widowed"


def test_timeout_gives_unavailable(sandbox: Any) -> None:  # noqa: F811
    sandbox.set_fault("vehicle.ownership", "timeout")
    with (
        PlatformClient(
            sandbox.url,
            Credentials(sandbox.workstation, sandbox.secret),
            retry=RetryPolicy(attempts=2, base_s=0.01, cap_s=0.01, budget_s=5),
            timeouts=Timeouts(connect=1, read=0.3),
        ) as c,
        pytest.raises(PlatformUnavailable) as down,
    ):
        c.lookup("vehicle.ownership", person(demo.LI_MING), ["vehicle_count"], context=CTX)
    assert down.value.code == "timeout" and "车辆登记库" in down.value.user_message


def test_malformed_answer_is_refused_never_blank(client: PlatformClient, sandbox: Any) -> None:  # noqa: F811
    sandbox.set_fault("population.basic", "malformed")
    with pytest.raises(PlatformBadAnswer) as bad:
        client.lookup("population.basic", person(demo.LI_MING), ["name"], context=CTX)
    assert "户籍库" in bad.value.user_message


def test_connection_refused_is_unavailable() -> None:
    with (
        PlatformClient(
            "http://127.0.0.1:9", Credentials("TRAIN-01", "x"), retry=FAST, sleep=lambda _: None
        ) as c,
        pytest.raises(PlatformUnavailable) as down,
    ):
        c.credit_check(person(demo.LI_MING), context=CTX)
    assert down.value.code == "network" and "失信名单库" in down.value.user_message


def test_verification_round_trip(client: PlatformClient, sandbox: Any) -> None:  # noqa: F811
    ticket = client.submit_verification(
        "P-ZJD-001",
        "婺城区自然资源和规划局",
        "申请人是否有宅基地批建记录？",
        person(demo.LI_MING),
        context=CTX,
    )
    assert ticket.state is VerificationState.QUEUED and ticket.ticket
    status = ticket
    for _ in range(20):  # long polls; the sandbox answers after its configured delay
        status = client.poll_verification(ticket.ticket, wait_s=2, context=CTX)
        if status.state is not VerificationState.QUEUED:
            break
    assert status.state is VerificationState.ANSWERED and status.confirmed is not None


def test_progress_and_idempotent_event(client: PlatformClient, sandbox: Any) -> None:  # noqa: F811
    token = _token()
    client.register_progress(
        token,
        "GZF8K2M3",
        "公共租赁住房申请",
        "金华市住建局",
        "2026-12-04",
        context=CTX,
        idempotency_key=f"reg-{token}",
    )
    key = f"evt-{token}-1"
    for _ in range(2):  # a resend after a crash: same idempotency key
        client.progress_event(
            token,
            "accepted",
            "已受理",
            "2026-11-27T09:00:00+08:00",
            context=CTX,
            idempotency_key=key,
        )
    client.progress_event(
        token,
        "approved",
        "已办结",
        "2026-11-27T09:30:00+08:00",
        context=CTX,
        idempotency_key=f"evt-{token}-2",
    )
    assert [e["status"] for e in _events(sandbox, token)] == ["accepted", "approved"]
    page = requests.get(f"{sandbox.url}/p/{token}", timeout=5).text
    assert "公共租赁住房申请" in page and demo.LI_MING not in page


def test_idempotency_key_stays_the_same_across_retries(sandbox: Any) -> None:  # noqa: F811
    """The first try lands on the platform but its answer is lost (client timeout); the retry
    must carry the same key, so the platform replays the first answer instead of a second event."""
    creds = Credentials(sandbox.workstation, sandbox.secret)
    token = _token()
    with PlatformClient(sandbox.url, creds, retry=FAST) as c:
        c.register_progress(
            token, "IDEM0001", "企业资质核准", "金华市市场监管局", None, context=CTX
        )
    sandbox.set_fault("progress", "latency", latency_ms=600)
    retries: list[float] = []

    def first_try_landed(_: float) -> None:
        retries.append(_)
        sandbox.clear_faults()
        deadline = time.monotonic() + 10
        while not _events(sandbox, token) and time.monotonic() < deadline:
            time.sleep(0.02)  # polling with a deadline for the server side to finish
        assert _events(sandbox, token), "the first try never reached the platform"

    with PlatformClient(
        sandbox.url,
        creds,
        retry=FAST,
        sleep=first_try_landed,
        timeouts=Timeouts(connect=1, read=0.3),
    ) as c:
        c.progress_event(token, "accepted", "已受理", "2026-11-27T10:00:00+08:00", context=CTX)
    assert len(retries) == 1
    assert [e["status"] for e in _events(sandbox, token)] == ["accepted"]


def test_credit_check_and_false_pledge_report(client: PlatformClient) -> None:
    listed = client.credit_check(person(demo.ZHAO_QIANG), context=CTX)
    assert listed.listed and listed.entry and listed.list_version
    clean = client.credit_check(person(demo.LI_MING), context=CTX)
    assert not clean.listed
    report = client.report_false_pledge(
        person(demo.WEI_XIUYING),
        "P-HY-001",
        "核查发现婚姻状况不实",
        context=CTX,
        idempotency_key="report-1",
    )
    again = client.report_false_pledge(
        person(demo.WEI_XIUYING),
        "P-HY-001",
        "核查发现婚姻状况不实",
        context=CTX,
        idempotency_key="report-1",
    )
    assert report and report == again


def test_id_numbers_never_in_urls_or_logs(
    client: PlatformClient, caplog: pytest.LogCaptureFixture
) -> None:
    unknown = make_id_number("330702", __import__("datetime").date(1990, 1, 1), 77)
    caplog.set_level("DEBUG")
    client.lookup("population.basic", person(unknown), ["name"], context=CTX)
    client.credit_check(person(unknown), context=CTX)
    assert unknown not in caplog.text


def test_interactive_view_shares_the_pool_and_gives_up_sooner(sandbox: Any) -> None:  # noqa: F811
    slept: list[float] = []
    with PlatformClient(
        sandbox.url,
        Credentials(sandbox.workstation, sandbox.secret),
        sleep=slept.append,
        extra_headers={"X-Sandbox-Fault": "503"},
    ) as base:
        quick = base.with_options(retry=INTERACTIVE_RETRY, timeouts=INTERACTIVE_TIMEOUTS)
        with pytest.raises(PlatformUnavailable):
            quick.credit_check(person(demo.LI_MING), context=CTX)
        assert len(slept) == INTERACTIVE_RETRY.attempts - 1
        quick.close()  # a view: the shared session stays usable
        assert base.health()["status"] == "ok"


def test_malformed_acknowledgement_is_a_bad_answer(
    client: PlatformClient,
    sandbox: Any,  # noqa: F811
) -> None:
    token = _token()
    client.register_progress(token, "ACK00001", "企业资质核准", "金华市住建局", None, context=CTX)
    sandbox.set_fault("progress", "malformed")
    with pytest.raises(PlatformBadAnswer) as bad:
        client.progress_event(token, "accepted", "已受理", "2026-11-27T10:00:00+08:00", context=CTX)
    assert bad.value.retryable and "办件进度登记" in bad.value.user_message
