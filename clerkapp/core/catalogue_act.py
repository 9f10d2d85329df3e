"""The act checks of the catalogue parser: the kind of administrative act a matter ends in
(``procedure``), what it grants (``grant_scope``, ``validity``), the article of its legal basis
and its public code. Mixed into the parser's semantic pass (:mod:`clerkapp.core.catalogue_parse`).

Format rule (resources/catalogue/README.md): from ``clerkapp-catalogue/2`` on every matter names
its ``procedure``. A ``clerkapp-catalogue/1`` file, written before kinds existed, may leave it
out: such a matter is read as :attr:`ProcedureKind.OTHER`, whose documents use neutral words
(办理决定书, 予以办理) that are wrong for no act — never the licence words, which would be wrong
on a benefit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clerkapp.core.catalogue import AttorneyRule, ProcedureKind

#: The file format that introduced ``procedure``; files of this format must name it.
FORMAT_WITH_PROCEDURE = 2
#: What a matter of an older file that names no kind is read as.
LEGACY_PROCEDURE = ProcedureKind.OTHER

# 第十二条, 第十二条第一款, 第十二条第（五）项, 第3条: an article, optionally a paragraph/item.
_ARTICLE = re.compile(
    r"^第[〇零一二三四五六七八九十百千0-9]+条"
    r"(第[〇零一二三四五六七八九十百0-9]+款)?"
    r"(第[（(]?[〇零一二三四五六七八九十0-9]+[)）]?项)?$"
)
_PUBLIC_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{2,39}$")
_MAX_TEXT = 200


class ActChecks:
    """Checks of a matter's act fields; the parser provides ``add`` and ``get`` and sets
    ``format_major`` before it reads the matters."""

    format_major: int = FORMAT_WITH_PROCEDURE

    def add(self, location: str, name: str, message: str) -> None:
        """Record a problem with field ``name`` at ``location`` (provided by the parser)."""
        raise NotImplementedError

    def get(
        self, obj: Mapping[str, Any], loc: str, key: str, typ: type, *, required: bool = True
    ) -> Any:
        """The value of ``key`` in ``obj`` if it has type ``typ`` (provided by the parser)."""
        raise NotImplementedError

    def act_fields(self, loc: str, raw: Mapping[str, Any]) -> dict[str, Any] | None:
        """The matter's act fields as :class:`~clerkapp.core.catalogue.Matter` keywords, or None
        when the kind is missing or unknown (a problem is recorded)."""
        procedure = self.procedure(loc, raw)
        fields: dict[str, Any] = {}
        for key in ("grant_scope", "validity", "basis_article", "public_code"):
            value = self.get(raw, loc, key, str, required=False)
            if value is None:
                continue
            value = value.strip()
            if key in raw and not value:
                self.add(loc, key, "不能为空（不适用时省略该字段）")
            elif len(value) > _MAX_TEXT:
                self.add(loc, key, f"过长：不超过 {_MAX_TEXT} 个字符")
            elif key == "basis_article" and not _ARTICLE.match(value):
                self.add(loc, key, f"应为条文序号，如 第十二条、第十二条第一款：{value!r}")
            elif key == "public_code" and not _PUBLIC_CODE.match(value):
                self.add(loc, key, f"事项编码只能含字母、数字和连字符（3–40 位）：{value!r}")
            else:
                fields[key] = value
        attorney = self.attorney_rule(loc, raw)
        if attorney is not None:
            fields["power_of_attorney"] = attorney
        if procedure is None:
            return None
        return {"procedure": procedure, **fields}

    def attorney_rule(self, loc: str, raw: Mapping[str, Any]) -> AttorneyRule | None:
        """The matter's ``power_of_attorney`` rule (issue 9); None when absent (by role) or
        wrong (a problem naming the two values is recorded)."""
        if "power_of_attorney" not in raw:
            return None
        value = raw["power_of_attorney"]
        try:
            return AttorneyRule(value) if isinstance(value, str) else AttorneyRule("?")
        except ValueError:
            self.add(
                loc,
                "power_of_attorney",
                f"授权委托书要求取值无效：{value!r}，"
                "应为 by_role（按办理人身份：代办人、经办人须持）"
                "或 always（申请人本人以外的任何人到场办理，一律须持授权委托书）",
            )
            return None

    def procedure(self, loc: str, raw: Mapping[str, Any]) -> ProcedureKind | None:
        """The kind of act: required from format 2 on, :data:`LEGACY_PROCEDURE` when an older
        file leaves it out."""
        if "procedure" not in raw and self.format_major < FORMAT_WITH_PROCEDURE:
            return LEGACY_PROCEDURE
        value = self.get(raw, loc, "procedure", str)
        if value is None:
            return None
        try:
            return ProcedureKind(value)
        except ValueError:
            options = "、".join(f"{k.value}（{k.label_zh}）" for k in ProcedureKind)
            self.add(loc, "procedure", f"未知的事项类型：{value!r}，应为 {options}")
            return None
