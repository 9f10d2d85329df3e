"""Changing the applicant's contact on a case still in progress (issue 9): the clerk corrects a
mistyped phone, adds an address or changes the 送达方式 while the case is open, accepted (waiting
for a department) or awaiting 补正. Mixed into :class:`clerkapp.app.case_service.CaseService`.

One transaction: the case (its ``contact``), the audit entry ``contact_changed`` (which fields
changed and the new 送达方式 — never the number or the address) and, when the platform already
holds a number for the case's SMS notices, the outbox:

- notices not yet delivered (open, or held for a person — a mistyped number the platform
  refused) are closed (``{"cancelled": "contact_changed"}``) and, when the new contact still
  takes notices, queued again for the new number;
- when the new contact takes notices, a ``contact_changed`` notice tells the new number that the
  case's news now comes there (the platform knows the number from then on).

A case that is decided or ended is refused with the reason and the lawful way back
(:func:`closed_case_message`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from clerkapp.app.case_base import CaseServiceBase
from clerkapp.core.case import Case, CaseState
from clerkapp.core.contact import Contact, Delivery, check_contact
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError
from clerkapp.infra.store import OutboxKind, OutboxState

#: The notice the new number receives (clerkapp.app.notifications.NOTICE_WORDS).
CONTACT_EVENT = "contact_changed"


class ContactChangeRefused(ValidationError):
    """The case is decided or ended: its contact is no longer changed here."""


def closed_case_message(state: CaseState) -> str:
    """Why the contact of a case in ``state`` (final) cannot be changed, and the lawful way."""
    if state in (CaseState.APPROVED, CaseState.REFUSED):
        return QT_TRANSLATE_NOOP(
            "ContactChange",
            "办件已办结，不能再修改联系方式：决定书已按登记的联系电话和送达方式出具，"
            "改动办件记录会使其与已出具的文书不一致。文书上的联系电话有误的，"
            "请对该文书申请“更正”（须负责人审批，更正后的文书载明正确的联系电话）；"
            "申请人仍可凭查询码在办件进度页查询和下载决定书",
        )
    return QT_TRANSLATE_NOOP(
        "ContactChange",
        "办件{state}，已经终止，不再送达任何文书，联系方式不能也无需修改；"
        "申请人重新申请的，在新办件中登记正确的联系方式",
    ).format(state=state.label_zh)


class ContactActions(CaseServiceBase):
    """:meth:`change_contact` of a case in progress."""

    def change_contact(
        self, case_id: str, phone: str, address: str, delivery: Delivery | str, clerk: str
    ) -> Case:
        """Change the contact of a case not yet decided or ended: checked as at opening
        (:func:`~clerkapp.core.contact.check_contact`, a :class:`ContactError` naming the
        field), refused when nothing changes, or when the case is decided or ended
        (:class:`ContactChangeRefused`, :func:`closed_case_message`). See the module
        docstring for the audit entry and the outbox."""
        new = check_contact(phone, address, delivery)
        with self.store.atomic():
            now = self.clock()
            case = self.store.cases.load(case_id)
            if case.state.final:
                message = closed_case_message(case.state)
                raise ContactChangeRefused(f"case {case.state.value}", user_message=message)
            old = case.contact
            fields = _changed_fields(old, new)
            if not fields:
                raise ValidationError(
                    "contact unchanged",
                    user_message=QT_TRANSLATE_NOOP("ContactChange", "联系方式没有改变"),
                )
            case.contact = new
            self.store.cases.save(case, now=now)
            readdressed = self._readdress_notices(case, clerk, now)
            # the platform holds a number for the case's notices: it learns the new one
            registered = old.notifies or self._count(case.id, OutboxKind.NOTIFICATION) > 0
            told = new.notifies and registered and ("phone" in fields or not old.notifies)
            if told:
                self._notify(case, clerk, now, CONTACT_EVENT)
            self._audit(
                "contact_changed",
                case.id,
                clerk,
                now,
                fields=fields,
                delivery=new.delivery.value,
                notices_readdressed=readdressed,
                platform_told=told,
            )
        return case

    def _readdress_notices(self, case: Case, clerk: str, now: datetime) -> int:
        """Close the case's undelivered notices (to the old number) and queue them again for
        the new one when it takes notices; returns how many were closed."""
        rows = [
            r
            for r in self.store.outbox.for_case(case.id)
            if r.kind == OutboxKind.NOTIFICATION.value
            and r.state in (OutboxState.OPEN, OutboxState.NEEDS_PERSON)
        ]
        for row in rows:
            self.store.outbox.mark_sent(row.id, {"cancelled": CONTACT_EVENT}, now=now)
        if case.contact.notifies:
            for row in rows:
                n = self._count(case.id, OutboxKind.NOTIFICATION) + 1
                payload: dict[str, Any] = {
                    k: row.payload[k] for k in ("token", "event", "text", "at") if k in row.payload
                }
                payload["phone"] = case.contact.phone
                self._enqueue(
                    OutboxKind.NOTIFICATION,
                    case,
                    clerk,
                    f"notification:{case.id}:{n}",
                    payload,
                    now,
                )
        return len(rows)


def _changed_fields(old: Contact, new: Contact) -> list[str]:
    """Which of phone, address and 送达方式 differ (names only: the audit keeps no values)."""
    pairs = (("phone", old.phone, new.phone), ("address", old.address, new.address))
    changed = [name for name, a, b in pairs if a != b]
    if old.delivery is not new.delivery:
        changed.append("delivery")
    return changed


__all__ = ["CONTACT_EVENT", "ContactActions", "ContactChangeRefused", "closed_case_message"]
