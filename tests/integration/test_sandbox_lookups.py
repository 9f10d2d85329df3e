"""Look-ups against the sandbox over real HTTP: every registry, fields, not found, provenance,
and the sandbox's own audit."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from clerkapp.sandbox import demo
from tests.sandbox_fixture import PURPOSE, SandboxHandle

pytestmark = pytest.mark.sandbox


def lookup(sb: SandboxHandle, item: str, subject: dict[str, str], fields: list[str]) -> Any:
    answer = sb.call(
        "POST", "/api/v1/lookups", {"item": item, "subject": subject, "fields": fields}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def person(number: str) -> dict[str, str]:
    return {"id_number": number}


def firm(uscc: str) -> dict[str, str]:
    return {"uscc": uscc}


def test_health_openapi_and_items(sandbox: SandboxHandle) -> None:
    health = requests.get(f"{sandbox.url}/api/v1/health", timeout=5).json()
    assert health["status"] == "ok" and health["training"] is True
    spec = requests.get(f"{sandbox.url}/openapi.json", timeout=5).json()
    assert "/api/v1/lookups" in spec["paths"] and "/api/v1/verifications/{ticket}" in spec["paths"]
    assert requests.get(f"{sandbox.url}/docs", timeout=5).status_code == 200
    items = sandbox.call("GET", "/api/v1/items").json()["items"]
    by_name = {i["item"]: i for i in items}
    assert len(by_name) == 10
    assert by_name["vehicle.ownership"]["registry"] == "公安车辆登记"
    assert by_name["business.licence"]["subject"] == "uscc"


@pytest.mark.parametrize(
    ("item", "subject", "expected"),
    [
        ("population.basic", person(demo.CHEN_JIANGUO), {"name": "陈建国", "alive": False}),
        ("household.members", person(demo.LI_MING), {"members_count": 2}),
        (
            "marriage.record",
            person(demo.WEI_XIUYING),
            {"marital_status": "widowed", "spouse_name": "陈建国"},
        ),
        ("realestate.holdings", person(demo.LI_MING), {"property_count": 0}),
        (
            "social_insurance.person",
            person(demo.LI_MING),
            {"insured": True, "months_contributed": 36},
        ),
        (
            "social_insurance.employer",
            firm(demo.DEMO_BUSINESS),
            {"insured_employees": 30, "arrears": False},
        ),
        ("personnel_file.custody", person(demo.LI_MING), {"custodian": "金华市人才市场管理办公室"}),
        (
            "vehicle.ownership",
            person(demo.WANG_FANG),
            {"vehicle_count": 1, "plates": ["浙G·3A***"]},
        ),
        ("vehicle.ownership", person(demo.LI_MING), {"vehicle_count": 0, "plates": []}),
        (
            "family_economic.status",
            person(demo.WEI_XIUYING),
            {"monthly_income_per_capita": 0, "low_income_household": True},
        ),
        (
            "business.licence",
            firm(demo.DEMO_BUSINESS),
            {"status": "存续", "legal_representative": "周伟"},
        ),
        ("business.licence", firm(demo.REVOKED_BUSINESS), {"status": "吊销"}),
    ],
)
def test_each_registry_answers_the_demo_subjects(
    sandbox: SandboxHandle,
    item: str,
    subject: dict[str, str],
    expected: dict[str, Any],
) -> None:
    answer = lookup(sandbox, item, subject, list(expected))
    assert answer["found"] is True
    assert answer["record"] == expected
    provenance = answer["provenance"]
    assert provenance["registry"] and provenance["registry_code"] and provenance["as_of"]
    assert provenance["receipt_id"].startswith("RC")


def test_all_fields_when_none_named_and_dead_spouse_died_recently(
    sandbox: SandboxHandle,
) -> None:
    record = lookup(sandbox, "population.basic", person(demo.CHEN_JIANGUO), [])["record"]
    assert set(record) == {
        "name",
        "gender",
        "birth_date",
        "household_address",
        "county_code",
        "alive",
        "died_on",
    }
    assert record["died_on"] is not None and record["county_code"] == "330723"
    household = lookup(sandbox, "household.members", person(demo.WEI_XIUYING), [])["record"]
    # the deceased spouse is no longer a member of the household
    assert household["members"] == [{"name": "韦秀英", "relation": "户主"}]


def test_not_found_is_an_answer_with_provenance(sandbox: SandboxHandle) -> None:
    for item in ("population.basic", "vehicle.ownership", "marriage.record"):
        answer = lookup(sandbox, item, person(demo.LIU_YANG), [])
        assert answer["found"] is False and answer["record"] is None
        assert answer["provenance"]["receipt_id"]


def test_a_subject_written_loosely_is_looked_up_as_the_number_it_is(
    sandbox: SandboxHandle,
) -> None:
    # full-width digits and spaces, as pasted from a document: valid, so it must also be found
    loose = " ".join(demo.LI_MING[i : i + 6] for i in range(0, 18, 6))
    loose = loose.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    answer = lookup(sandbox, "population.basic", person(loose), ["name"])
    assert answer["found"] is True and answer["record"]["name"] == "李明"
    loose_firm = firm(" " + demo.DEMO_BUSINESS.lower())
    firm_answer = lookup(sandbox, "business.licence", loose_firm, ["name"])
    assert firm_answer["found"] is True


def test_receipts_are_unique(sandbox: SandboxHandle) -> None:
    receipts = {
        lookup(sandbox, "population.basic", person(demo.LI_MING), ["name"])["provenance"][
            "receipt_id"
        ]
        for _ in range(5)
    }
    assert len(receipts) == 5


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"item": "horoscope.sign", "subject": {"id_number": demo.LI_MING}}, "unknown_item"),
        (
            {
                "item": "vehicle.ownership",
                "subject": {"id_number": demo.LI_MING},
                "fields": ["colour"],
            },
            "unknown_field",
        ),
        ({"item": "business.licence", "subject": {"id_number": demo.LI_MING}}, "invalid_subject"),
        (
            {
                "item": "population.basic",
                "subject": {
                    "id_number": demo.LI_MING[:17] + "0"
                    if demo.LI_MING[17] != "0"
                    else demo.LI_MING[:17] + "1"
                },
            },
            "invalid_subject",
        ),
        ({"item": "population.basic", "subject": {}}, "invalid_subject"),
        ({"subject": {"id_number": demo.LI_MING}}, "invalid_request"),
    ],
)
def test_bad_look_ups_are_problems(
    sandbox: SandboxHandle,
    body: dict[str, Any],
    code: str,
) -> None:
    answer = sandbox.call("POST", "/api/v1/lookups", body)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["code"] == code and problem["retryable"] is False
    assert set(problem) >= {"type", "title", "status", "detail", "code", "retryable", "source"}


def test_audit_records_who_asked_about_whom_without_the_number(
    sandbox: SandboxHandle,
) -> None:
    case = "C-AUDIT-0042"
    sandbox.call(
        "POST",
        "/api/v1/lookups",
        {"item": "vehicle.ownership", "subject": person(demo.WANG_FANG), "fields": []},
        official="lina",
        case=case,
    )
    entries = requests.get(f"{sandbox.url}/sandbox/audit", params={"case": case}, timeout=5).json()[
        "entries"
    ]
    # the case's registration first (the platform answers registered cases only), then the ask
    assert [e["action"] for e in entries] == ["progress_register", "lookup"]
    entry = entries[1]
    assert entry["official"] == "lina" and entry["purpose"] == PURPOSE
    assert entry["item"] == "vehicle.ownership" and entry["outcome"] == "found"
    assert entry["workstation"] == sandbox.workstation and entry["receipt_id"]
    assert entry["subject_hash"] and demo.WANG_FANG not in entry["subject_hash"]
    assert demo.WANG_FANG not in (sandbox.data_dir / "audit.jsonl").read_text(encoding="utf-8")


def test_demo_sheet_lists_the_subjects(sandbox: SandboxHandle) -> None:
    sheet = requests.get(f"{sandbox.url}/sandbox/demo", timeout=5).json()
    names = {s["name"] for s in sheet["subjects"]}
    assert {"李明", "王芳", "韦秀英", "赵强", "金华市示范科技有限公司"} <= names
    li = next(s for s in sheet["subjects"] if s["name"] == "李明")
    assert li["id_number"] == demo.LI_MING


def test_broken_json_and_unknown_paths_are_problems(sandbox: SandboxHandle) -> None:
    broken = requests.post(
        f"{sandbox.url}/api/v1/lookups",
        data=b'{"item": ',
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert broken.status_code == 422 and broken.json()["detail"] == "请求内容不是合法的 JSON"
    missing = requests.get(f"{sandbox.url}/api/v1/nothing", timeout=5)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    page = requests.get(f"{sandbox.url}/nothing", timeout=5)
    assert page.status_code == 404 and "未找到" in page.text
