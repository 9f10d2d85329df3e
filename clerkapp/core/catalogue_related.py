"""The related-person (关系人) checks of the catalogue parser: a matter's ``related`` roles and
the ``subject`` of its look-ups and verifications. Mixed into the parser's semantic pass
(:mod:`clerkapp.core.catalogue_parse`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clerkapp.core.catalogue import (
    APPLICANT,
    PLATFORM_ITEMS,
    DataQuerySpec,
    Matter,
    ProofItem,
    RelatedRole,
)

_ROLE = re.compile(r"^[a-z][a-z0-9_]*$")


class RelatedChecks:
    """Checks of related roles and subjects; the parser provides ``add``, ``get`` and
    ``spec_object``."""

    def add(self, location: str, name: str, message: str) -> None:
        """Record a problem with field ``name`` at ``location`` (provided by the parser)."""
        raise NotImplementedError

    def get(
        self, obj: Mapping[str, Any], loc: str, key: str, typ: type, *, required: bool = True
    ) -> Any:
        """The value of ``key`` in ``obj`` if it has type ``typ`` (provided by the parser)."""
        raise NotImplementedError

    def spec_object(self, loc: str, raw: object) -> dict[str, Any] | None:
        """``raw`` as a mapping, or None after recording a problem (provided by the parser)."""
        raise NotImplementedError

    def related(self, loc: str, raw: dict[str, Any]) -> tuple[RelatedRole, ...]:
        """The matter's related persons (关系人): roles unique, never "applicant"."""
        roles: list[RelatedRole] = []
        for j, entry in enumerate(self.get(raw, loc, "related", list, required=False) or []):
            r_loc = f"{loc}.related[{j}]"
            obj = self.spec_object(r_loc, entry)
            if obj is None:
                continue
            role = self.get(obj, r_loc, "role", str)
            label = self.get(obj, r_loc, "label", str)
            if role is not None and not _ROLE.match(role):
                self.add(r_loc, "role", f"角色名应为小写字母、数字和下划线：{role!r}")
            elif role == APPLICANT:
                self.add(r_loc, "role", "申请人本人不是关系人，不能声明为 related 角色")
            elif role is not None and any(r.role == role for r in roles):
                self.add(r_loc, "role", f"关系人角色重复：{role!r}")
            elif role is not None and label is not None:
                roles.append(RelatedRole(role, label))
        return tuple(roles)

    def subjects(
        self, matters: dict[str, Matter], proofs: dict[str, ProofItem], locs: dict[str, str]
    ) -> None:
        """Every look-up or verification about a related person names a role that each matter
        listing the proof declares; a look-up about a person asks a person's information item."""
        for code, proof in proofs.items():
            specs = (("query", proof.query), ("verify", proof.verify))
            for key, spec in specs:
                subject = getattr(spec, "subject", APPLICANT)
                if subject == APPLICANT:
                    continue
                where = f"{locs[code]}.{key}"
                if isinstance(spec, DataQuerySpec):
                    known = PLATFORM_ITEMS.get(spec.item)
                    if known is not None and known.subject != "id_number":
                        self.add(
                            where, "subject",
                            f"信息项 {spec.item} 按统一社会信用代码查询，"
                            f"不能查询关系人 {subject!r}",
                        )  # fmt: skip
                for matter in matters.values():
                    if code in matter.proofs and matter.related_role(subject) is None:
                        self.add(
                            where, "subject",
                            f"主体 {subject!r} 未在事项 {matter.code} 的 related 中声明"
                            "（应为 applicant 或该事项声明的关系人角色）",
                        )  # fmt: skip

    def subject(self, obj: Mapping[str, Any], loc: str) -> str:
        """The subject a look-up or verification spec names; "applicant" when absent or bad."""
        value = self.get(obj, loc, "subject", str, required=False)
        if value is None:
            return APPLICANT
        if not _ROLE.match(value):
            self.add(loc, "subject", f"主体应为 applicant 或关系人角色名：{value!r}")
            return APPLICANT
        return value
