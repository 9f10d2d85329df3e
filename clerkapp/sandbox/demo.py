"""Demo subjects of training mode: fixed, valid applicants whose records drive the canonical
cases (docs/training.md lists them; the GUI's simulated ID-card reader and the GUI tests use them).

Their ID numbers and credit codes never change. Dates that must look recent (a spouse's death)
are relative to the dataset's ``as_of`` date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from clerkapp.core.idnumber import make_id_number
from clerkapp.core.uscc import make_uscc


@dataclass(frozen=True)
class DemoSubject:
    """One demo applicant (person or business) and what the trainer can do with it."""

    key: str
    name: str
    kind: str  # "person" or "business"
    subject: str  # ID number or USCC
    scenario: str  # Chinese: the case to run with it
    expected: str  # Chinese: what the clerk should see

    def as_json(self) -> dict[str, str]:
        """The subject as shown on GET /sandbox/demo."""
        field = "id_number" if self.kind == "person" else "uscc"
        return {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            field: self.subject,
            "scenario": self.scenario,
            "expected": self.expected,
        }


LI_MING = make_id_number("330702", date(1985, 3, 12), 31, female=False)
ZHANG_GUILAN = make_id_number("330702", date(1957, 8, 5), 24, female=True)
WANG_FANG = make_id_number("330703", date(1990, 7, 8), 42, female=True)
WEI_XIUYING = make_id_number("330723", date(1958, 9, 23), 22, female=True)
CHEN_JIANGUO = make_id_number("330723", date(1955, 4, 2), 15, female=False)
ZHAO_QIANG = make_id_number("330782", date(1979, 11, 30), 57, female=False)
ZHOU_WEI = make_id_number("330702", date(1972, 6, 18), 11, female=False)
SUN_LI = make_id_number("330783", date(1988, 2, 14), 36, female=True)
LIU_YANG = make_id_number("330784", date(1995, 1, 15), 88, female=False)
DEMO_BUSINESS = make_uscc("9", "1", "330702", "MA2J8K1T")
REVOKED_BUSINESS = make_uscc("9", "1", "330703", "MA2G6U3P")

DEMO_SUBJECTS: tuple[DemoSubject, ...] = (
    DemoSubject(
        "eligible_housing",
        "李明",
        "person",
        LI_MING,
        "公共租赁住房申请（符合条件）",
        "家庭人均月收入低、社保已缴 36 个月、名下无车辆、无房产；宅基地核验答复“属实”→ 可予许可",
    ),
    DemoSubject(
        "vehicle_owner",
        "王芳",
        "person",
        WANG_FANG,
        "公共租赁住房申请（名下有车辆）",
        "车辆登记查询：名下有 1 辆车（浙G·3A***）→ 不予许可",
    ),
    DemoSubject(
        "widow",
        "韦秀英",
        "person",
        WEI_XIUYING,
        "遗属补助 / 抚恤金申请",
        "配偶陈建国已于近期死亡，婚姻状况为丧偶，无收入；婚姻与无收入以告知承诺办理 → 当场办结",
    ),
    DemoSubject(
        "deceased_spouse",
        "陈建国",
        "person",
        CHEN_JIANGUO,
        "（韦秀英的已故配偶，供户籍查询演示）",
        "户籍查询：alive=false，died_on 为近期日期",
    ),
    DemoSubject(
        "dishonest",
        "赵强",
        "person",
        ZHAO_QIANG,
        "任一可承诺事项（申请人在失信名单上）",
        "信用核查：已列入失信名单 → 不能选择告知承诺，须提交材料或部门核验",
    ),
    DemoSubject(
        "deferred",
        "孙丽",
        "person",
        SUN_LI,
        "任一含部门核验的事项",
        "部门核验答复“延期”（部门需要更多时间）→ 受理后等待",
    ),
    DemoSubject(
        "unknown",
        "刘洋",
        "person",
        LIU_YANG,
        "任一数据查询事项（号码有效但平台无记录）",
        "各项查询均为“未查到”（found=false），部门核验答复“否认”",
    ),
    DemoSubject(
        "business",
        "金华市示范科技有限公司",
        "business",
        DEMO_BUSINESS,
        "综合计算工时制审批 / 企业资质核准",
        "营业执照存续；社保参保职工 30 人，无欠费 → 可予许可",
    ),
    DemoSubject(
        "revoked_business",
        "金华市旧城贸易有限公司",
        "business",
        REVOKED_BUSINESS,
        "企业资质核准（执照被吊销、社保欠费）",
        "营业执照状态“吊销”，社保有欠费 → 不予许可",
    ),
)

DEMO_IDS = frozenset(s.subject for s in DEMO_SUBJECTS) | {ZHANG_GUILAN, ZHOU_WEI}


def _person(
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


def demo_tables(as_of: date) -> dict[str, list[dict[str, Any]]]:
    """The demo subjects' records, table by table (dataset format)."""
    last_month = (as_of.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    died = as_of - timedelta(days=40)
    people = [
        _person(
            LI_MING,
            "李明",
            "男",
            date(1985, 3, 12),
            "330702",
            "浙江省金华市婺城区城西街道丹溪路128号3幢201室",
            "HD330702000001",
            "户主",
        ),
        _person(
            ZHANG_GUILAN,
            "张桂兰",
            "女",
            date(1957, 8, 5),
            "330702",
            "浙江省金华市婺城区城西街道丹溪路128号3幢201室",
            "HD330702000001",
            "母",
        ),
        _person(
            WANG_FANG,
            "王芳",
            "女",
            date(1990, 7, 8),
            "330703",
            "浙江省金华市金东区多湖街道光南路66号",
            "HD330703000001",
            "户主",
        ),
        _person(
            WEI_XIUYING,
            "韦秀英",
            "女",
            date(1958, 9, 23),
            "330723",
            "浙江省金华市武义县壶山街道熟溪路19号",
            "HD330723000001",
            "户主",
        ),
        _person(
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
        _person(
            ZHAO_QIANG,
            "赵强",
            "男",
            date(1979, 11, 30),
            "330782",
            "浙江省金华市义乌市稠城街道工人西路88号",
            "HD330782000001",
            "户主",
        ),
        _person(
            ZHOU_WEI,
            "周伟",
            "男",
            date(1972, 6, 18),
            "330702",
            "浙江省金华市婺城区新狮街道八一北街301号",
            "HD330702000002",
            "户主",
        ),
        _person(
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
