"""Administrative division codes shipped for ID numbers and credit codes."""

from __future__ import annotations

from clerkapp.core.region_data import ZHEJIANG_CURRENT, ZHEJIANG_HISTORICAL, ZHEJIANG_PREFECTURES
from clerkapp.core.regions import (
    RegionStatus,
    current_county_codes,
    historical_county_codes,
    lookup_org_region,
    lookup_region,
    province_name,
)


def test_jinhua_counties_are_all_there() -> None:
    assert current_county_codes("3307") == [
        "330702", "330703", "330723", "330726", "330727", "330781", "330782", "330783", "330784",
    ]  # fmt: skip
    assert lookup_region("330782").name == "浙江省金华市义乌市"


def test_every_prefecture_3301_to_3311_has_counties() -> None:
    for prefix in (f"33{n:02d}" for n in range(1, 12)):
        assert current_county_codes(prefix), prefix
        assert prefix in ZHEJIANG_PREFECTURES


def test_historical_codes_are_known_and_say_what_they_became() -> None:
    region = lookup_region("330721")
    assert region.status is RegionStatus.KNOWN and region.historical
    assert region.name == "浙江省金华市金华县" and "2000" in region.note
    assert lookup_region("332526").name == "浙江省丽水地区缙云县"
    assert "330721" in historical_county_codes("3307")


def test_current_and_historical_tables_do_not_overlap() -> None:
    assert not set(ZHEJIANG_CURRENT) & set(ZHEJIANG_HISTORICAL)
    for code in [*ZHEJIANG_CURRENT, *ZHEJIANG_HISTORICAL]:
        assert len(code) == 6 and code.startswith("33") and code[:4] in ZHEJIANG_PREFECTURES


def test_out_of_province_and_unknown() -> None:
    beijing = lookup_region("110105")
    assert beijing.status is RegionStatus.OUT_OF_PROVINCE and beijing.name == "北京市"
    assert lookup_region("330799").status is RegionStatus.UNKNOWN
    assert lookup_region("990101").status is RegionStatus.UNKNOWN
    assert lookup_region("33070").status is RegionStatus.UNKNOWN
    assert lookup_region("３３０７０２").status is RegionStatus.UNKNOWN  # callers normalise first
    assert province_name("330702") == "浙江省" and province_name("99") == ""


def test_org_regions_accept_province_prefecture_and_national_levels() -> None:
    assert lookup_org_region("330000").name == "浙江省"
    assert lookup_org_region("330700").name == "浙江省金华市"
    assert lookup_org_region("100000").known
    assert lookup_org_region("320000").status is RegionStatus.OUT_OF_PROVINCE
    assert lookup_region("330700").status is RegionStatus.UNKNOWN  # not on an ID card
