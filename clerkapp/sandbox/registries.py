"""The information items the sandbox answers (docs/CONTRACTS.md "Platform information items"),
built over a loaded :class:`~clerkapp.sandbox.dataset.Dataset`.

A holdings registry (real estate, vehicles, social insurance) answers a resident it knows with a
zero record ("holds nothing") rather than "not found", as the real services do; a subject the
population registry does not know is "not found" everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clerkapp.core.catalogue import PLATFORM_ITEMS
from clerkapp.sandbox.dataset import Dataset

Record = dict[str, Any]


@dataclass(frozen=True)
class ItemDef:
    """One information item: the registry that holds it, its subject kind and fields."""

    item: str
    registry: str
    registry_code: str
    subject: str  # "id_number" or "uscc"
    fields: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """The item as listed by GET /api/v1/items."""
        return {
            "item": self.item,
            "registry": self.registry,
            "registry_code": self.registry_code,
            "subject": self.subject,
            "fields": list(self.fields),
        }


#: The registry's code in a look-up's provenance, per item (the rest of an item's definition is
#: the platform contract, :data:`clerkapp.core.catalogue.PLATFORM_ITEMS`).
_REGISTRY_CODES = {
    "population.basic": "hukou",
    "household.members": "hukou",
    "marriage.record": "marriage",
    "realestate.holdings": "realestate",
    "social_insurance.person": "social_insurance",
    "social_insurance.employer": "social_insurance",
    "personnel_file.custody": "personnel_file",
    "vehicle.ownership": "vehicle",
    "family_economic.status": "family_economic",
    "business.licence": "market_supervision",
}

ITEMS: dict[str, ItemDef] = {
    name: ItemDef(name, item.registry, _REGISTRY_CODES[name], item.subject, item.fields)
    for name, item in PLATFORM_ITEMS.items()
}

CREDIT_REGISTRY = "信用中国（浙江）失信名单"


def mask_plate(plate: str) -> str:
    """浙G3A7K2 → 浙G·3A*** (enough to recognise one's own car, not to find it)."""
    return f"{plate[:2]}·{plate[2:4]}{'*' * (len(plate) - 4)}"


def _index(rows: list[Record], key: str) -> dict[str, Record]:
    return {row[key]: row for row in rows}


class Registries:
    """Look-ups over one dataset (read-only after construction)."""

    def __init__(self, dataset: Dataset) -> None:
        t = dataset.tables
        self.dataset = dataset
        self.people = _index(t["people"], "id_number")
        self.households: dict[str, list[Record]] = defaultdict(list)
        for person in t["people"]:
            self.households[person["household_id"]].append(person)
        self.marriages = _index(t["marriages"], "id_number")
        self.realestate = _index(t["realestate"], "id_number")
        self.insurance = _index(t["social_insurance"], "id_number")
        self.employers = _index(t["employers"], "uscc")
        self.files = _index(t["personnel_files"], "id_number")
        self.vehicles = _index(t["vehicles"], "id_number")
        self.family = _index(t["family_economic"], "id_number")
        self.businesses = _index(t["businesses"], "uscc")
        self.dishonesty = _index(t["dishonesty"], "subject")
        self.verifications: dict[tuple[str, str], Record] = {
            (r["subject"], r["proof_code"]): r for r in t["verifications"]
        }
        self._builders: dict[str, Callable[[str], Record | None]] = {
            "population.basic": self._population,
            "household.members": self._household,
            "marriage.record": self.marriages.get,
            "realestate.holdings": self._realestate,
            "social_insurance.person": self._insurance,
            "social_insurance.employer": self.employers.get,
            "personnel_file.custody": self.files.get,
            "vehicle.ownership": self._vehicles,
            "family_economic.status": self.family.get,
            "business.licence": self.businesses.get,
        }

    def lookup(self, item: str, subject: str) -> Record | None:
        """The full record of ``item`` for ``subject`` (all fields), or None when not found."""
        row = self._builders[item](subject)
        if row is None:
            return None
        return {name: row[name] for name in ITEMS[item].fields}

    def known(self, subject: str) -> bool:
        """Whether the platform knows the subject at all (a resident or a business)."""
        return subject in self.people or subject in self.businesses

    def display_name(self, subject: str) -> str:
        """The subject's name as registered ("" when unknown)."""
        row = self.people.get(subject) or self.businesses.get(subject)
        return str(row["name"]) if row else ""

    def _population(self, subject: str) -> Record | None:
        return self.people.get(subject)

    def _household(self, subject: str) -> Record | None:
        person = self.people.get(subject)
        if person is None:
            return None
        members = [
            {"name": m["name"], "relation": m["relation"]}
            for m in self.households[person["household_id"]]
            if m["alive"]
        ]
        return {
            "household_id": person["household_id"],
            "members_count": len(members),
            "members": members,
        }

    def _realestate(self, subject: str) -> Record | None:
        if subject not in self.people:
            return None
        return self.realestate.get(subject) or {"property_count": 0, "total_area_m2": 0}

    def _insurance(self, subject: str) -> Record | None:
        if subject not in self.people:
            return None
        return self.insurance.get(subject) or {
            "insured": False,
            "months_contributed": 0,
            "employer_name": None,
            "last_paid_month": None,
        }

    def _vehicles(self, subject: str) -> Record | None:
        if subject not in self.people:
            return None
        plates = self.vehicles.get(subject, {}).get("plates", [])
        return {"vehicle_count": len(plates), "plates": [mask_plate(p) for p in plates]}

    def verification_plan(self, subject: str, proof_code: str) -> tuple[str, str]:
        """How the department will answer a verification about ``subject``: (answer, note).

        The dataset's ``verifications`` rows decide (by proof code, then ``*``); otherwise a
        subject the platform knows is confirmed and an unknown one denied.
        """
        row = self.verifications.get((subject, proof_code)) or self.verifications.get(
            (subject, "*")
        )
        if row is not None:
            return str(row["answer"]), str(row["note"])
        if self.known(subject):
            return "confirmed", "经核实，情况属实"
        return "denied", "本部门未查到该申请人的相关记录"
