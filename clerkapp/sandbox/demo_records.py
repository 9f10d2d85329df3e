"""The demo subjects' registry records, in the dataset format (see :mod:`clerkapp.sandbox.demo`
for who they are and docs/training.md for what each one shows)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from clerkapp.sandbox.demo import (
    CHEN_JIANGUO,
    DEMO_BUSINESS,
    LI_MING,
    LIU_YANG,
    REVOKED_BUSINESS,
    SUN_LI,
    WANG_FANG,
    WEI_XIUYING,
    ZHANG_GUILAN,
    ZHAO_QIANG,
    ZHOU_WEI,
)


def person_row(
    id_number: str,
    name: str,
    gender: str,
    birth: date,
    county: str,
    address: str,
    household: str,
    relation: str,
    died_on: date | None = None,
) -> dict[str, Any]:
    """One row of the population registry's ``people`` table (dataset format)."""
    return {
        "id_number": id_number,
        "name": name,
        "gender": gender,
        "birth_date": birth.isoformat(),
        "household_address": address,
        "county_code": county,
        "alive": died_on is None,
        "died_on": died_on.isoformat() if died_on else None,
        "household_id": household,
        "relation": relation,
    }


def demo_records(as_of: date) -> dict[str, list[dict[str, Any]]]:
    """The demo subjects' records, table by table (dataset format)."""
    last_month = (as_of.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    died = as_of - timedelta(days=40)
    people = [
        person_row(
            LI_MING,
            "李明",
            "男",
            date(1985, 3, 12),
            "330702",
            "浙江省金华市婺城区城西街道丹溪路128号3幢201室",
            "HD330702000001",
            "户主",
        ),
        person_row(
            ZHANG_GUILAN,
            "张桂兰",
            "女",
            date(1957, 8, 5),
            "330702",
            "浙江省金华市婺城区城西街道丹溪路128号3幢201室",
            "HD330702000001",
            "母",
        ),
        person_row(
            WANG_FANG,
            "王芳",
            "女",
            date(1990, 7, 8),
            "330703",
            "浙江省金华市金东区多湖街道光南路66号",
            "HD330703000001",
            "户主",
        ),
        person_row(
            WEI_XIUYING,
            "韦秀英",
            "女",
            date(1958, 9, 23),
            "330723",
            "浙江省金华市武义县壶山街道熟溪路19号",
            "HD330723000001",
            "户主",
        ),
        person_row(
            CHEN_JIANGUO,
            "陈建国",
            "男",
            date(1955, 4, 2),
            "330723",
            "浙江省金华市武义县壶山街道熟溪路19号",
            "HD330723000001",
            "配偶",
            died_on=died,
        ),
        person_row(
            ZHAO_QIANG,
            "赵强",
            "男",
            date(1979, 11, 30),
            "330782",
            "浙江省金华市义乌市稠城街道工人西路88号",
            "HD330782000001",
            "户主",
        ),
        person_row(
            ZHOU_WEI,
            "周伟",
            "男",
            date(1972, 6, 18),
            "330702",
            "浙江省金华市婺城区新狮街道八一北街301号",
            "HD330702000002",
            "户主",
        ),
        person_row(
            SUN_LI,
            "孙丽",
            "女",
            date(1988, 2, 14),
            "330783",
            "浙江省金华市东阳市吴宁街道艺海路12号",
            "HD330783000001",
            "户主",
        ),
    ]
    return {
        "people": people,
        "marriages": [
            {
                "id_number": LI_MING,
                "marital_status": "single",
                "spouse_name": None,
                "registered_on": None,
            },
            {
                "id_number": WANG_FANG,
                "marital_status": "single",
                "spouse_name": None,
                "registered_on": None,
            },
            {
                "id_number": WEI_XIUYING,
                "marital_status": "widowed",
                "spouse_name": "陈建国",
                "registered_on": "1980-10-01",
            },
            {
                "id_number": CHEN_JIANGUO,
                "marital_status": "married",
                "spouse_name": "韦秀英",
                "registered_on": "1980-10-01",
            },
            {
                "id_number": ZHAO_QIANG,
                "marital_status": "divorced",
                "spouse_name": None,
                "registered_on": "2006-05-20",
            },
        ],
        "realestate": [],
        "social_insurance": [
            {
                "id_number": LI_MING,
                "insured": True,
                "months_contributed": 36,
                "employer_name": "金华市婺城区城西物业服务有限公司",
                "last_paid_month": last_month,
            },
            {
                "id_number": WANG_FANG,
                "insured": True,
                "months_contributed": 24,
                "employer_name": "金华市金东区光南超市",
                "last_paid_month": last_month,
            },
            {
                "id_number": ZHAO_QIANG,
                "insured": True,
                "months_contributed": 60,
                "employer_name": "义乌市稠城小商品经营部",
                "last_paid_month": last_month,
            },
            {
                # 孙丽 qualifies on every look-up of public rental housing: only the deferred
                # homestead verification keeps her case waiting (受理, acceptance receipt).
                "id_number": SUN_LI,
                "insured": True,
                "months_contributed": 18,
                "employer_name": "东阳市吴宁街道社区卫生服务中心",
                "last_paid_month": last_month,
            },
            {
                "id_number": ZHOU_WEI,
                "insured": True,
                "months_contributed": 240,
                "employer_name": "金华市示范科技有限公司",
                "last_paid_month": last_month,
            },
        ],
        "employers": [
            {
                "uscc": DEMO_BUSINESS,
                "insured_employees": 30,
                "arrears": False,
                "last_paid_month": last_month,
            },
            {
                "uscc": REVOKED_BUSINESS,
                "insured_employees": 4,
                "arrears": True,
                "last_paid_month": "2025-06",
            },
        ],
        "personnel_files": [
            {"id_number": LI_MING, "custodian": "金华市人才市场管理办公室", "since": "2008-07-01"},
        ],
        "vehicles": [{"id_number": WANG_FANG, "plates": ["浙G3A7K2"]}],
        "family_economic": [
            {
                "id_number": LI_MING,
                "monthly_income_per_capita": 1380,
                "assets_total": 26000,
                "low_income_household": True,
                "checked_on": (as_of - timedelta(days=20)).isoformat(),
            },
            {
                "id_number": WANG_FANG,
                "monthly_income_per_capita": 1520,
                "assets_total": 48000,
                "low_income_household": True,
                "checked_on": (as_of - timedelta(days=25)).isoformat(),
            },
            {
                "id_number": SUN_LI,
                "monthly_income_per_capita": 1450,
                "assets_total": 30000,
                "low_income_household": True,
                "checked_on": (as_of - timedelta(days=15)).isoformat(),
            },
            {
                "id_number": WEI_XIUYING,
                "monthly_income_per_capita": 0,
                "assets_total": 12000,
                "low_income_household": True,
                "checked_on": (as_of - timedelta(days=30)).isoformat(),
            },
        ],
        "businesses": [
            {
                "uscc": DEMO_BUSINESS,
                "name": "金华市示范科技有限公司",
                "legal_representative": "周伟",
                "status": "存续",
                "established_on": "2015-04-08",
                "registered_capital_wan": 500,
                "business_scope": "软件开发；信息系统集成服务；技术服务、技术咨询",
            },
            {
                "uscc": REVOKED_BUSINESS,
                "name": "金华市旧城贸易有限公司",
                "legal_representative": "赵强",
                "status": "吊销",
                "established_on": "2011-09-16",
                "registered_capital_wan": 50,
                "business_scope": "日用百货、五金交电批发零售",
            },
        ],
        "dishonesty": [
            {
                "subject": ZHAO_QIANG,
                "name": "赵强",
                "reason": "申领社会救助时作虚假承诺",
                "authority": "金华市民政局",
                "listed_on": "2025-03-18",
                "document_no": "金民失信〔2025〕7号",
            },
        ],
        "verifications": [
            {
                "subject": LI_MING,
                "proof_code": "*",
                "answer": "confirmed",
                "note": "经核实，申请人宅基地批建及住房情况属实",
            },
            {
                "subject": WANG_FANG,
                "proof_code": "*",
                "answer": "confirmed",
                "note": "经核实，情况属实",
            },
            {
                "subject": SUN_LI,
                "proof_code": "*",
                "answer": "deferred",
                "note": "需实地核查，延期答复",
            },
            {
                "subject": LIU_YANG,
                "proof_code": "*",
                "answer": "denied",
                "note": "本部门未查到该申请人的相关记录",
            },
        ],
    }
