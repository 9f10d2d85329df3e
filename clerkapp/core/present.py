"""The person present at the counter when it is not the applicant (issue 9): a 代办人 (委托代理人)
or a 监护人 for a person, the 法定代表人 or an 经办人 for a company.

A 代办人 and an 经办人 act on a 授权委托书 the clerk must have received; a 监护人 acts by the
relationship itself; a 法定代表人 acts for the company by law (the market registry names them).
The ID number is validated by the case service (it needs today); :func:`check_present` checks
the rest, with the Chinese message naming the role. The repr masks name and number."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError


class PresentRole(StrEnum):
    """Who stands at the counter for the applicant."""

    AGENT = "agent"  # 代办人 (委托代理人) of a person
    GUARDIAN = "guardian"  # 监护人 of a person
    LEGAL_REP = "legal_rep"  # 法定代表人 of a company
    HANDLER = "handler"  # 经办人 of a company

    @property
    def label_zh(self) -> str:
        """The role as printed: 代办人, 监护人, 法定代表人, 经办人."""
        return _LABELS[self]

    @property
    def needs_power_of_attorney(self) -> bool:
        """A 代办人 and an 经办人 act on a 授权委托书; a guardian and a legal representative
        do not."""
        return self in (PresentRole.AGENT, PresentRole.HANDLER)

    @property
    def needs_relationship(self) -> bool:
        """A 代办人's or 监护人's relationship to the applicant is recorded (a guardian's is the
        ground of acting)."""
        return self in (PresentRole.AGENT, PresentRole.GUARDIAN)

    @property
    def applicant_kind(self) -> ApplicantKind:
        """The kind of applicant this role acts for."""
        if self in (PresentRole.AGENT, PresentRole.GUARDIAN):
            return ApplicantKind.PERSON
        return ApplicantKind.BUSINESS


_LABELS = {
    PresentRole.AGENT: QT_TRANSLATE_NOOP("PresentPerson", "代办人"),
    PresentRole.GUARDIAN: QT_TRANSLATE_NOOP("PresentPerson", "监护人"),
    PresentRole.LEGAL_REP: QT_TRANSLATE_NOOP("PresentPerson", "法定代表人"),
    PresentRole.HANDLER: QT_TRANSLATE_NOOP("PresentPerson", "经办人"),
}

# Relationships offered for a 代办人 / 监护人 (the clerk may type another).
RELATIONSHIPS: dict[PresentRole, tuple[str, ...]] = {
    PresentRole.AGENT: (
        QT_TRANSLATE_NOOP("PresentPerson", "子女"),
        QT_TRANSLATE_NOOP("PresentPerson", "配偶"),
        QT_TRANSLATE_NOOP("PresentPerson", "父母"),
        QT_TRANSLATE_NOOP("PresentPerson", "兄弟姐妹"),
        QT_TRANSLATE_NOOP("PresentPerson", "其他亲属"),
        QT_TRANSLATE_NOOP("PresentPerson", "朋友"),
        QT_TRANSLATE_NOOP("PresentPerson", "其他"),
    ),
    PresentRole.GUARDIAN: (
        QT_TRANSLATE_NOOP("PresentPerson", "父母"),
        QT_TRANSLATE_NOOP("PresentPerson", "子女"),
        QT_TRANSLATE_NOOP("PresentPerson", "配偶"),
        QT_TRANSLATE_NOOP("PresentPerson", "其他近亲属"),
        QT_TRANSLATE_NOOP("PresentPerson", "村（居）民委员会"),
        QT_TRANSLATE_NOOP("PresentPerson", "民政部门"),
    ),
}


def roles_for(kind: ApplicantKind) -> tuple[PresentRole, ...]:
    """The roles that can act for an applicant of ``kind``, in the order offered."""
    return tuple(r for r in PresentRole if r.applicant_kind is kind)


@dataclass(frozen=True)
class PersonPresent:
    """The person at the counter for the applicant. ``id_number`` is their resident ID number
    (validated by the case service); ``relationship`` their relationship to the applicant
    (代办人, 监护人; empty otherwise); ``power_of_attorney_received``: the clerk has received
    the 授权委托书."""

    role: PresentRole
    id_number: str
    name: str
    relationship: str = ""
    power_of_attorney_received: bool = False

    def __repr__(self) -> str:
        return f"PersonPresent({self.role.value}, {self.display()!r})"

    def display(self, *, full: bool = False) -> str:
        """Name, number and the ground of acting, as printed:
        "李** 330702********1234（子女，持授权委托书）"; unmasked when ``full``."""
        name = self.name if full else mask_name(self.name)
        number = self.id_number if full else mask_id_number(self.id_number)
        return QT_TRANSLATE_NOOP("PresentPerson", "{name} {number}（{ground}）").format(
            name=name, number=number, ground=self.ground()
        )

    def line(self, *, full: bool = False) -> str:
        """One line with the role: "代办人：李** 330702********1234（子女，持授权委托书）"."""
        return QT_TRANSLATE_NOOP("PresentPerson", "{role}：{display}").format(
            role=self.role.label_zh, display=self.display(full=full)
        )

    def ground(self) -> str:
        """Why this person may act: "子女，持授权委托书", "监护人：父母", "依法代表企业"."""
        if self.role is PresentRole.GUARDIAN:
            # a matter that demands a letter of everyone present (issue 9): said with the ground
            if self.power_of_attorney_received:
                return QT_TRANSLATE_NOOP(
                    "PresentPerson", "监护关系：{relationship}，持授权委托书"
                ).format(relationship=self.relationship)
            return QT_TRANSLATE_NOOP("PresentPerson", "监护关系：{relationship}").format(
                relationship=self.relationship
            )
        if self.role is PresentRole.LEGAL_REP:
            if self.power_of_attorney_received:
                return QT_TRANSLATE_NOOP("PresentPerson", "依法代表企业，持授权委托书")
            return QT_TRANSLATE_NOOP("PresentPerson", "依法代表企业")
        parts = [self.relationship] if self.relationship else []
        parts.append(QT_TRANSLATE_NOOP("PresentPerson", "持授权委托书"))
        if not self.relationship:
            return parts[0]
        return QT_TRANSLATE_NOOP("PresentPerson", "{relationship}，{attorney}").format(
            relationship=self.relationship, attorney=parts[-1]
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return {
            "role": self.role.value,
            "id_number": self.id_number,
            "name": self.name,
            "relationship": self.relationship,
            "power_of_attorney_received": self.power_of_attorney_received,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PersonPresent | None:
        """Inverse of :meth:`to_dict` (None: the applicant came in person)."""
        if not data:
            return None
        return cls(
            PresentRole(data["role"]),
            str(data["id_number"]),
            str(data["name"]),
            str(data.get("relationship", "")),
            bool(data.get("power_of_attorney_received", False)),
        )


def mask_name(name: str) -> str:
    """陈建国 → 陈** (as :func:`clerkapp.core.case_types.mask_name`)."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def representative_block(present: PersonPresent | None, registered: str) -> str | None:
    """Why no decision may be taken while a 法定代表人 at the counter is not the one the market
    registry names (``registered``; empty: not answered yet or not given — nothing to compare),
    or None."""
    if present is None or present.role is not PresentRole.LEGAL_REP or not registered.strip():
        return None
    if "".join(present.name.split()) == "".join(registered.split()):
        return None
    return QT_TRANSLATE_NOOP(
        "PresentPerson",
        "法定代表人与市场监管登记不一致：填写 {present}，登记 {registered}。"
        "请核对营业执照；非法定代表人本人的，请改为经办人并收取授权委托书",
    ).format(present=present.name, registered=registered)


def require_present(applicant_kind: ApplicantKind, present: PersonPresent | None) -> None:
    """A company cannot come to the counter itself: a company's case names who acts for it
    (its 法定代表人, or an 经办人 with a 授权委托书). :class:`ValidationError` otherwise."""
    if applicant_kind is ApplicantKind.BUSINESS and present is None:
        raise ValidationError(
            "business applicant without a person present",
            user_message=QT_TRANSLATE_NOOP(
                "PresentPerson",
                "企业申请须登记到场办理人：法定代表人本人到场的选择“法定代表人”并核对营业执照；"
                "他人到场的选择“经办人”，并收取加盖企业公章的授权委托书",
            ),
        )


def check_present(
    applicant_kind: ApplicantKind, present: PersonPresent, *, attorney_demanded: bool = False
) -> None:
    """The person present fits the applicant: a role for the applicant's kind, a name, the
    relationship where the role has one, the 授权委托书 where the role acts on one — or, when
    the matter demands it of anyone present (``attorney_demanded``: catalogue
    ``power_of_attorney: always``), whatever the role. :class:`ValidationError` with the
    precise Chinese message otherwise."""
    label = present.role.label_zh
    if present.role.applicant_kind is not applicant_kind:
        who = (
            QT_TRANSLATE_NOOP("PresentPerson", "企业")
            if applicant_kind is ApplicantKind.BUSINESS
            else QT_TRANSLATE_NOOP("PresentPerson", "个人")
        )
        raise ValidationError(
            f"role {present.role.value} cannot act for a {applicant_kind.value}",
            user_message=QT_TRANSLATE_NOOP("PresentPerson", "{label}不能代{who}申请人办理").format(
                label=label, who=who
            ),
        )
    if not present.name.strip():
        raise ValidationError(
            "present person has no name",
            user_message=QT_TRANSLATE_NOOP("PresentPerson", "请填写{label}的姓名").format(
                label=label
            ),
        )
    if present.role.needs_relationship and not present.relationship.strip():
        raise ValidationError(
            "present person has no relationship",
            user_message=QT_TRANSLATE_NOOP("PresentPerson", "请填写{label}与申请人的关系").format(
                label=label
            ),
        )
    if present.role.needs_power_of_attorney and not present.power_of_attorney_received:
        raise ValidationError(
            "power of attorney missing",
            user_message=QT_TRANSLATE_NOOP(
                "PresentPerson", "{label}须持申请人的授权委托书：请收取并核对后勾选“已收授权委托书”"
            ).format(label=label),
        )
    if attorney_demanded and not present.power_of_attorney_received:
        raise ValidationError(
            "power of attorney demanded by the matter",
            user_message=QT_TRANSLATE_NOOP(
                "PresentPerson",
                "本事项凡申请人本人以外的人员到场办理，均须持申请人的授权委托书（{label}也不例外）："
                "请收取并核对后勾选“已收授权委托书”",
            ).format(label=label),
        )
