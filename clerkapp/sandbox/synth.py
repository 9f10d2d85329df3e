"""Synthetic registries for the sandbox: households of Jinhua's counties with valid ID numbers,
their marriages, property, insurance, personnel files, vehicles and family economic checks,
businesses with valid credit codes, and the dishonesty list. Deterministic: the same seed and
``as_of`` give the same rows in the same order.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from clerkapp.core.idnumber import age_on, make_id_number
from clerkapp.core.uscc import ALPHABET, make_uscc
from clerkapp.sandbox.dataset import TABLES, Dataset
from clerkapp.sandbox.demo import DEMO_IDS
from clerkapp.sandbox.demo_records import demo_records, person_row

COUNTIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "330702": ("婺城区", ("城东街道", "城西街道", "新狮街道", "西关街道", "江南街道")),
    "330703": ("金东区", ("多湖街道", "东孝街道", "孝顺镇", "澧浦镇")),
    "330723": ("武义县", ("壶山街道", "白洋街道", "熟溪街道", "桐琴镇")),
    "330726": ("浦江县", ("浦阳街道", "仙华街道", "黄宅镇", "郑宅镇")),
    "330727": ("磐安县", ("安文街道", "新渥街道", "尚湖镇")),
    "330781": ("兰溪市", ("兰江街道", "云山街道", "上华街道", "游埠镇")),
    "330782": ("义乌市", ("稠城街道", "北苑街道", "稠江街道", "江东街道", "佛堂镇")),
    "330783": ("东阳市", ("吴宁街道", "白云街道", "江北街道", "横店镇")),
    "330784": ("永康市", ("东城街道", "西城街道", "江南街道", "古山镇")),
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓"
    "曹彭曾肖田董潘袁蒋蔡余杜叶程魏吕丁任沈姚卢傅钟楼金应童"
)
GIVEN_MALE = "伟强军磊洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆建国志文兵晨"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲萍红琳婷雪慧莉倩颖秀英兰梅琴云佳悦欣"
ROADS = tuple(
    "人民路 解放路 八一街 胜利街 环城路 双龙路 李渔路 光南路 宾虹路 丹溪路 回溪街 新华街".split()  # noqa: SIM905
)
CUSTODIANS = (
    "金华市人才市场管理办公室",
    "金华市人力资源和社会保障局人事档案室",
    "义乌市人才管理服务中心",
    "东阳市人才市场",
)
INDUSTRIES = (
    ("科技", "软件开发；信息技术咨询服务"),
    ("贸易", "日用百货、小商品批发零售"),
    ("五金", "五金制品制造、销售"),
    ("建筑", "房屋建筑工程施工"),
    ("食品", "食品经营；农副产品销售"),
    ("物业", "物业管理；家政服务"),
    ("纺织", "针纺织品制造、销售"),
    ("餐饮", "餐饮服务"),
)
WORDS = tuple(
    "宏达 金诚 华信 瑞丰 恒远 新锐 博远 鼎盛 安泰 佳和 兴业 众创 天成 德润 华茂 锦程".split()  # noqa: SIM905
)
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
DEFAULT_AS_OF = datetime.fromisoformat("2026-11-20T06:00:00+08:00")


def _name(rng: random.Random, surname: str, female: bool) -> str:
    pool = GIVEN_FEMALE if female else GIVEN_MALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.6 else "")
    return surname + given


def _birth(rng: random.Random, as_of: date, age_min: int, age_max: int) -> date:
    age_days = rng.randint(age_min * 365 + 1, age_max * 365 + 300)
    return as_of - timedelta(days=age_days)


class _Generator:
    def __init__(self, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.used = set(DEMO_IDS)
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self.last_month = (as_of.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")

    def id_number(self, county: str, birth: date, female: bool) -> str:
        while True:
            number = make_id_number(county, birth, self.rng.randint(100, 999), female=female)
            if number not in self.used:
                self.used.add(number)
                return number

    def person(
        self,
        county: str,
        address: str,
        household: str,
        relation: str,
        surname: str,
        female: bool,
        birth: date,
        died_on: date | None = None,
    ) -> dict[str, Any]:
        row = person_row(
            self.id_number(county, birth, female),  # before the name: the rng's order matters
            _name(self.rng, surname, female),
            "女" if female else "男",
            birth,
            county,
            address,
            household,
            relation,
            died_on,
        )
        self.tables["people"].append(row)
        return row

    def household(self, number: int) -> list[dict[str, Any]]:
        rng = self.rng
        county = rng.choice(sorted(COUNTIES))
        county_name, streets = COUNTIES[county]
        address = (
            f"浙江省金华市{county_name}{rng.choice(streets)}{rng.choice(ROADS)}"
            f"{rng.randint(1, 399)}号"
        )
        household = f"HH{county}{number:06d}"
        surname = rng.choice(SURNAMES)
        head_female = rng.random() < 0.3
        head = self.person(
            county,
            address,
            household,
            "户主",
            surname,
            head_female,
            _birth(rng, self.as_of, 24, 80),
        )
        members = [head]
        head_age = age_on(date.fromisoformat(head["birth_date"]), self.as_of)
        roll = rng.random()
        status = "single"
        if head_age >= 24 and roll < 0.68:
            status = "married"
        elif head_age >= 30 and roll < 0.78:
            status = "divorced"
        elif head_age >= 45 and roll < 0.88:
            status = "widowed"
        spouse = None
        if status in ("married", "widowed"):
            died = (
                self.as_of - timedelta(days=rng.randint(30, 3650)) if status == "widowed" else None
            )
            spouse_age = max(22, min(85, head_age + rng.randint(-5, 5)))
            spouse = self.person(
                county,
                address,
                household,
                "配偶",
                rng.choice(SURNAMES),
                not head_female,
                _birth(rng, self.as_of, spouse_age, spouse_age),
                died_on=died,
            )
            members.append(spouse)
        if head_age <= 62 and status != "single":
            family_surname = spouse["name"][0] if (spouse and head_female) else surname
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                female = rng.random() < 0.5
                child_age = rng.randint(0, max(0, head_age - 23))
                members.append(
                    self.person(
                        county,
                        address,
                        household,
                        "女" if female else "子",
                        family_surname,
                        female,
                        _birth(rng, self.as_of, child_age, child_age),
                    )
                )
        self.marriage(head, spouse, status)
        for member in members:
            self.records(member)
        self.family_economic(members)
        return members

    def marriage(self, head: dict[str, Any], spouse: dict[str, Any] | None, status: str) -> None:
        if age_on(date.fromisoformat(head["birth_date"]), self.as_of) < 20:
            return
        younger = max(head["birth_date"], spouse["birth_date"] if spouse else head["birth_date"])
        registered = date.fromisoformat(younger) + timedelta(days=365 * self.rng.randint(22, 30))
        registered = min(registered, self.as_of - timedelta(days=400))
        on = registered.isoformat() if status != "single" else None
        name = spouse["name"] if spouse and status in ("married", "widowed") else None
        self.tables["marriages"].append(
            {
                "id_number": head["id_number"],
                "marital_status": status,
                "spouse_name": name,
                "registered_on": on,
            }
        )
        if spouse is not None:
            spouse_status = "married" if not spouse["alive"] or status == "married" else status
            self.tables["marriages"].append(
                {
                    "id_number": spouse["id_number"],
                    "marital_status": spouse_status,
                    "spouse_name": head["name"],
                    "registered_on": on,
                }
            )

    def records(self, person: dict[str, Any]) -> None:
        rng, t = self.rng, self.tables
        if not person["alive"]:
            return
        age = age_on(date.fromisoformat(person["birth_date"]), self.as_of)
        if age >= 25 and rng.random() < 0.7:
            count = 1 if rng.random() < 0.8 else 2
            area = sum(rng.randint(45, 160) + rng.randint(0, 99) / 100 for _ in range(count))
            t["realestate"].append(
                {
                    "id_number": person["id_number"],
                    "property_count": count,
                    "total_area_m2": round(area, 2),
                }
            )
        if 18 <= age <= 60 and rng.random() < 0.78:
            employer = rng.choice(t["businesses"]) if t["businesses"] else None
            t["social_insurance"].append(
                {
                    "id_number": person["id_number"],
                    "insured": True,
                    "months_contributed": rng.randint(1, (age - 17) * 12),
                    "employer_name": employer["name"] if employer else None,
                    "last_paid_month": self.last_month,
                }
            )
            if age >= 22 and rng.random() < 0.5:
                since = self.as_of - timedelta(days=rng.randint(200, (age - 20) * 365))
                t["personnel_files"].append(
                    {
                        "id_number": person["id_number"],
                        "custodian": rng.choice(CUSTODIANS),
                        "since": since.isoformat(),
                    }
                )
        elif age > 60 and rng.random() < 0.6:
            t["social_insurance"].append(
                {
                    "id_number": person["id_number"],
                    "insured": True,
                    "months_contributed": rng.randint(180, 480),
                    "employer_name": None,
                    "last_paid_month": None,
                }
            )
        if 20 <= age <= 72 and rng.random() < 0.42:
            plates = [
                "浙G" + "".join(rng.choice(PLATE_CHARS) for _ in range(5))
                for _ in range(1 if rng.random() < 0.9 else 2)
            ]
            t["vehicles"].append({"id_number": person["id_number"], "plates": plates})
        if age >= 18 and rng.random() < 0.01:
            t["dishonesty"].append(
                {
                    "subject": person["id_number"],
                    "name": person["name"],
                    "reason": rng.choice(
                        ("拒不履行法院判决", "申领补贴时作虚假承诺", "恶意拖欠工资")
                    ),
                    "authority": rng.choice(
                        ("金华市中级人民法院", "金华市民政局", "金华市人力社保局")
                    ),
                    "listed_on": (self.as_of - timedelta(days=rng.randint(30, 900))).isoformat(),
                    "document_no": f"金信〔{self.as_of.year - 1}〕{rng.randint(1, 400)}号",
                }
            )

    def family_economic(self, members: list[dict[str, Any]]) -> None:
        rng = self.rng
        if rng.random() >= 0.15:
            return
        alive = [m for m in members if m["alive"]]
        income = rng.choice((rng.randint(0, 1600), rng.randint(1600, 9000)))
        checked = (self.as_of - timedelta(days=rng.randint(5, 300))).isoformat()
        for member in alive:
            if age_on(date.fromisoformat(member["birth_date"]), self.as_of) >= 18:
                self.tables["family_economic"].append(
                    {
                        "id_number": member["id_number"],
                        "monthly_income_per_capita": income,
                        "assets_total": rng.randint(0, 60) * 5000,
                        "low_income_household": income < 1600,
                        "checked_on": checked,
                    }
                )

    def businesses(self, count: int) -> None:
        rng, t = self.rng, self.tables
        letters = ALPHABET[10:]
        for index in range(count):
            county = rng.choice(sorted(COUNTIES))
            body = "MA2" + "".join(rng.choice(ALPHABET) for _ in range(4)) + rng.choice(letters)
            uscc = make_uscc("9", "1", county, body)
            word, scope = rng.choice(INDUSTRIES)
            name = f"{COUNTIES[county][0][:2]}{rng.choice(WORDS)}{word}有限公司"
            if any(b["name"] == name for b in t["businesses"]):
                name = name.replace("有限公司", f"{index}号有限公司")
            status = rng.choices(("存续", "注销", "吊销"), weights=(90, 6, 4))[0]
            t["businesses"].append(
                {
                    "uscc": uscc,
                    "name": "金华市" + name if county == "330702" else name,
                    "legal_representative": _name(rng, rng.choice(SURNAMES), rng.random() < 0.3),
                    "status": status,
                    "established_on": (
                        self.as_of - timedelta(days=rng.randint(90, 8000))
                    ).isoformat(),
                    "registered_capital_wan": rng.choice((10, 50, 100, 200, 500, 1000)),
                    "business_scope": scope,
                }
            )
            if status == "存续":
                t["employers"].append(
                    {
                        "uscc": uscc,
                        "insured_employees": rng.randint(1, 180),
                        "arrears": rng.random() < 0.06,
                        "last_paid_month": self.last_month,
                    }
                )


def generate(
    people: int, seed: int, as_of: datetime = DEFAULT_AS_OF, *, with_demo: bool = True
) -> Dataset:
    """A synthetic dataset of about ``people`` residents (plus the demo subjects)."""
    gen = _Generator(seed, as_of.date())
    gen.businesses(max(5, people // 10))
    number = 1000
    while len(gen.tables["people"]) < people:
        number += 1
        gen.household(number)
    if with_demo:
        for name, rows in demo_records(as_of.date()).items():
            gen.tables[name].extend(rows)
    list_version = f"{as_of:%Y.%m.%d}-{len(gen.tables['dishonesty'])}"
    return Dataset(
        as_of=as_of,
        list_version=list_version,
        seed=seed,
        tables=gen.tables,
        description=f"ClerkApp sandbox synthetic dataset, {people} people, seed {seed}",
    )
