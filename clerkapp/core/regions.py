"""Look up administrative division codes (GB/T 2260) for ID numbers and credit codes.

Three outcomes, decided here once for every caller:

- ``RegionStatus.KNOWN``: a Zhejiang county-level code we ship (current or historical);
- ``RegionStatus.OUT_OF_PROVINCE``: the first two digits are a known province other than
  Zhejiang; the county part is not checked (we do not ship other provinces' tables) — callers
  report it as a *warning* ("省外号码，地址码未核对"), not an error;
- ``RegionStatus.UNKNOWN``: a Zhejiang code we do not know, or an unknown province — an error
  for ID numbers ("地址码 xxxxxx 不在已知行政区划代码中"); never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clerkapp.core.region_data import (
    PROVINCES,
    ZHEJIANG_CURRENT,
    ZHEJIANG_HISTORICAL,
    ZHEJIANG_PREFECTURES,
)

ZHEJIANG = "33"


class RegionStatus(StrEnum):
    """How much we know about a 6-digit address code."""

    KNOWN = "known"
    OUT_OF_PROVINCE = "out_of_province"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Region:
    """The result of looking up a 6-digit address code.

    ``name`` is the full name ("浙江省金华市婺城区"), the province name only for an
    out-of-province code, and "" for an unknown one. ``note`` says what a historical code became.
    """

    code: str
    status: RegionStatus
    name: str
    historical: bool = False
    note: str = ""

    @property
    def known(self) -> bool:
        """Whether the code is one we ship."""
        return self.status is RegionStatus.KNOWN


def lookup_region(code: str) -> Region:
    """Look up a 6-digit address code (county level; see :func:`lookup_org_region` for the
    province- and prefecture-level codes businesses may carry)."""
    if len(code) != 6 or not code.isdigit() or not code.isascii():
        return Region(code, RegionStatus.UNKNOWN, "")
    province = code[:2]
    if province != ZHEJIANG:
        if province in PROVINCES:
            return Region(code, RegionStatus.OUT_OF_PROVINCE, PROVINCES[province])
        return Region(code, RegionStatus.UNKNOWN, "")
    prefecture = ZHEJIANG_PREFECTURES.get(code[:4], "")
    if code in ZHEJIANG_CURRENT:
        return Region(code, RegionStatus.KNOWN, f"浙江省{prefecture}{ZHEJIANG_CURRENT[code]}")
    if code in ZHEJIANG_HISTORICAL:
        name, note = ZHEJIANG_HISTORICAL[code]
        return Region(
            code, RegionStatus.KNOWN, f"浙江省{prefecture}{name}", historical=True, note=note
        )
    return Region(code, RegionStatus.UNKNOWN, "")


def lookup_org_region(code: str) -> Region:
    """Look up the address code of a business (USCC positions 3-8): like :func:`lookup_region`
    but also accepts province (330000) and prefecture (330700) level codes and the national
    code 100000 used by bodies registered with a central authority."""
    if code == "100000":
        return Region(code, RegionStatus.KNOWN, "全国")
    if len(code) == 6 and code.isascii() and code.isdigit():
        if code[2:] == "0000" and code[:2] in PROVINCES:
            known = code[:2] == ZHEJIANG
            status = RegionStatus.KNOWN if known else RegionStatus.OUT_OF_PROVINCE
            return Region(code, status, PROVINCES[code[:2]])
        if code[:2] == ZHEJIANG and code[4:] == "00" and code[:4] in ZHEJIANG_PREFECTURES:
            return Region(code, RegionStatus.KNOWN, f"浙江省{ZHEJIANG_PREFECTURES[code[:4]]}")
    return lookup_region(code)


def current_county_codes(prefix: str = ZHEJIANG) -> list[str]:
    """Current (not abolished) Zhejiang county-level codes starting with ``prefix``, sorted —
    e.g. ``current_county_codes("3307")`` for Jinhua; used to generate synthetic people."""
    return sorted(code for code in ZHEJIANG_CURRENT if code.startswith(prefix))


def historical_county_codes(prefix: str = ZHEJIANG) -> list[str]:
    """Abolished Zhejiang county-level codes starting with ``prefix``, sorted."""
    return sorted(code for code in ZHEJIANG_HISTORICAL if code.startswith(prefix))


def province_name(code: str) -> str:
    """The province name for the first two digits of ``code``, or "" when unknown."""
    return PROVINCES.get(code[:2], "")
