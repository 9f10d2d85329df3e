"""The city catalogue with Jinhua's nine county-level divisions (×10: 27,290 proof items), for the
search benchmark at the scale of a whole prefecture (issue 13). Not bundled: the benchmark writes
it at run time (``python tools/gen_catalogue.py --counties --output FILE``).

Each county (区 / 县 / 县级市) gets its own variant of the city catalogue, drawn with a seed of its
own from the same departments, stems and proof templates: the same matters (a province's matters
carry the same names in every county), a different mix of proof items per matter, the same size
and method split (2,729 proof items each). Its departments are the county's
(义乌市人力资源和社会保障局, 金华市婺城区民政局, 国家税务总局永康市税务局,
金华市住房公积金管理中心义乌分中心, …), with the county's document-number prefix (义人社, 婺民,
…); its codes are the city's with the county's prefix
(``yw.rsj.m001.p2``); everything of a county is marked synthetic, the canonical matters included
(only the city's rank as canonical). Deterministic like the city file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from clerkapp.core.catalogue_parse import FORMAT
from clerkapp.core.search import reading_of
from tools.gen_catalogue import ISSUED, SEED, SOURCE, VERSION, Parts, city_parts


@dataclass(frozen=True)
class County:
    """One county-level division of Jinhua."""

    code: str  # prefix of its codes
    name: str  # 义乌市, 婺城区
    short: str  # its document-number prefix: 义 (义人社), 婺 (婺民)
    district: bool  # a district (区) of the city: its departments are 金华市婺城区…

    @property
    def full(self) -> str:
        """The name its departments begin with."""
        return f"金华市{self.name}" if self.district else self.name


#: Jinhua's two districts, three county-level cities and four counties (administrative codes
#: 330702–330784).
COUNTIES = (
    County("wc", "婺城区", "婺", True),
    County("jd", "金东区", "金东", True),
    County("lx", "兰溪市", "兰", False),
    County("yw", "义乌市", "义", False),
    County("dy", "东阳市", "东", False),
    County("yk", "永康市", "永", False),
    County("wy", "武义县", "武", False),
    County("pj", "浦江县", "浦", False),
    County("pa", "磐安县", "磐", False),
)

_CITY_BODY = re.compile(
    "国家税务总局金华市税务局|金华市住房公积金管理中心|金华市消防救援支队|金华市"
)


def localise(text: str, county: County) -> str:
    """A city body's name as the county's (金华市民政局 → 义乌市民政局; a branch where the city
    body has branches rather than county counterparts)."""

    def county_body(match: re.Match[str]) -> str:
        found = match.group(0)
        if found == "国家税务总局金华市税务局":
            return f"国家税务总局{county.full}税务局"
        if found == "金华市住房公积金管理中心":
            return f"金华市住房公积金管理中心{county.name[:2]}分中心"
        if found == "金华市消防救援支队":
            return f"{county.full}消防救援大队"
        return county.full

    return _CITY_BODY.sub(county_body, text)


def county_parts(county: County, seed: int) -> Parts:
    """The county's variant of the city catalogue (see the module's docstring)."""
    departments, matters, proofs = city_parts(seed)
    prefix = f"{county.code}."
    for dept in departments:
        dept["code"] = prefix + dept["code"]
        dept["name"] = localise(dept["name"], county)
        dept["office_abbr"] = county.short + dept["office_abbr"].removeprefix("金市")
    out_matters: list[dict[str, Any]] = []
    for matter in matters:
        matter = dict(matter, synthetic=True)
        matter["code"] = prefix + matter["code"]
        matter["department"] = prefix + matter["department"]
        matter["proofs"] = [prefix + code for code in matter["proofs"]]
        if "权力事项清单" in matter["legal_basis"]:
            matter["legal_basis"] = localise(matter["legal_basis"], county)
        if "public_code" in matter:
            matter["public_code"] = county.code.upper() + matter["public_code"].removeprefix("JH")
        out_matters.append(matter)
    out_proofs: list[dict[str, Any]] = []
    for proof in proofs:
        proof = dict(proof, synthetic=True)
        proof["code"] = prefix + proof["code"]
        proof["issuer"] = localise(proof["issuer"], county)
        if "verify" in proof:
            proof["verify"] = dict(
                proof["verify"], department=localise(proof["verify"]["department"], county)
            )
        out_proofs.append(proof)
    return departments, out_matters, out_proofs


def generate_counties() -> dict[str, Any]:
    """The city catalogue and its nine counties' variants as one JSON-ready dict."""
    departments, matters, proofs = city_parts(SEED)
    for n, county in enumerate(COUNTIES, start=1):
        more = county_parts(county, SEED + n)
        departments += more[0]
        matters += more[1]
        proofs += more[2]
    read = cache(reading_of)  # the counties repeat the city's names
    for entry in [*departments, *matters, *proofs]:
        entry["pinyin"] = read(entry["name"])
    return {
        "format": FORMAT,
        "version": VERSION,
        "issued": ISSUED,
        "source": SOURCE.replace("金华市证明事项清单", "金华市及所辖九个县（市、区）证明事项清单"),
        "departments": departments,
        "matters": matters,
        "proofs": proofs,
    }
