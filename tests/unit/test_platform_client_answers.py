"""Answer shapes: a well-formed answer becomes the shared type, a malformed one never does."""

from __future__ import annotations

from typing import Any

import pytest

from clerkapp.core.platform_types import VerificationState
from clerkapp.infra.platform import answers
from clerkapp.infra.platform.errors import (
    PlatformBadAnswer,
    PlatformUnavailable,
    Problem,
    registry_name,
)

PROV = {
    "registry": "公安车辆登记",
    "registry_code": "vehicle",
    "as_of": "2026-11-26T09:00:00+08:00",
    "receipt_id": "R-1",
}


def test_found_lookup_answer() -> None:
    data = {"found": True, "record": {"vehicle_count": 0, "plates": []}, "provenance": PROV}
    answer = answers.lookup_answer(data, "vehicle.ownership", ["vehicle_count", "plates"])
    assert answer.found and answer.record == {"vehicle_count": 0, "plates": []}
    assert answer.provenance.receipt_id == "R-1"


def test_not_found_is_an_answer() -> None:
    answer = answers.lookup_answer(
        {"found": False, "record": None, "provenance": PROV}, "marriage.record", ["spouse_name"]
    )
    assert not answer.found and answer.record is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"found": "yes", "record": {}, "provenance": PROV},
        {"found": True, "record": None, "provenance": PROV},
        {"found": True, "record": {"vehicle_count": 1}, "provenance": PROV},  # plates missing
        {"found": False, "record": {"vehicle_count": 1}, "provenance": PROV},
        {"found": True, "record": {"vehicle_count": 0, "plates": []}},
        {
            "found": True,
            "record": {"vehicle_count": 0, "plates": []},
            "provenance": {**PROV, "receipt_id": ""},
        },
    ],
)
def test_malformed_lookup_answer_is_refused(data: Any) -> None:
    with pytest.raises(PlatformBadAnswer) as bad:
        answers.lookup_answer(data, "vehicle.ownership", ["vehicle_count", "plates"])
    assert "车辆登记库" in bad.value.user_message


def test_verification_states() -> None:
    queued = answers.verification_status({"ticket": "T1", "state": "queued", "poll_after_s": 1})
    assert queued.state is VerificationState.QUEUED and queued.confirmed is None
    denied = answers.verification_status(
        {
            "ticket": "T1",
            "state": "answered",
            "answer": "denied",
            "answered_at": "2026-11-27",
            "department": "自然资源局",
            "note": "",
        }
    )
    assert denied.confirmed is False and denied.department == "自然资源局"
    for bad in (
        {"ticket": "T1", "state": "lost"},
        {"ticket": "T1", "state": "answered"},
        {"ticket": "T1", "state": "answered", "answer": "maybe"},
    ):
        with pytest.raises(PlatformBadAnswer):
            answers.verification_status(bad)


def test_credit_status_listed_needs_an_entry() -> None:
    ok = answers.credit_status(
        {"listed": False, "list_version": "2026-11", "entry": None, "provenance": PROV}
    )
    assert not ok.listed and ok.provenance is not None
    with pytest.raises(PlatformBadAnswer):
        answers.credit_status({"listed": True, "list_version": "2026-11", "entry": None})


def test_problem_parsing_is_tolerant_and_errors_name_the_registry() -> None:
    problem = Problem.from_json(
        503,
        {
            "code": "registry_down",
            "retryable": True,
            "detail": "婚姻登记系统维护中",
            "source": "marriage",
        },
    )
    assert (problem.code, problem.retryable) == ("registry_down", True)
    assert Problem.from_json(502, "<html>").code == "http_502"
    error = PlatformUnavailable.build("marriage.record", code="timeout")
    assert error.retryable and error.user_message.startswith("婚姻登记库暂时无法访问，可重试")
    assert registry_name("民政婚姻登记") == "民政婚姻登记"
    assert registry_name("auth") == "数据共享平台"
