"""Demo subjects of training mode: fixed, valid applicants whose records drive the canonical
cases (docs/training.md lists them; the GUI's simulated ID-card reader and the GUI tests use them).

Their ID numbers and credit codes never change. Dates that must look recent (a spouse's death)
are relative to the dataset's ``as_of`` date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
        "车辆登记查询：名下有 1 辆车（浙G·3A***）→ 不予许可；身份核对演示：手工输入姓名“王方”"
        "→ 申请人姓名与户籍登记不一致：填写 王方，登记 王芳（读卡则姓名正确）→ 改正姓名",
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
        "户籍查询：alive=false，died_on 为近期日期；以他为申请人，身份核对显示已死亡，不能准予",
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
        "各项查询均为“未查到”（found=false），部门核验答复“否认”；身份核对：户籍登记中查无此号"
        " → 核对证件后说明理由方可继续",
    ),
    DemoSubject(
        "business",
        "金华市示范科技有限公司",
        "business",
        DEMO_BUSINESS,
        "综合计算工时制审批 / 企业资质核准",
        "营业执照存续；社保参保职工 30 人，无欠费 → 可予许可；企业名称只填“示范科技”→"
        " 与市场主体登记不一致 → 采用登记名称",
    ),
    DemoSubject(
        "revoked_business",
        "金华市旧城贸易有限公司",
        "business",
        REVOKED_BUSINESS,
        "企业资质核准（执照被吊销、社保欠费）",
        "营业执照状态“吊销”，社保有欠费 → 不予许可（身份核对：登记状态吊销，只能不予许可）",
    ),
)

DEMO_IDS = frozenset(s.subject for s in DEMO_SUBJECTS) | {ZHANG_GUILAN, ZHOU_WEI}
