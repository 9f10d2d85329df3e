"""需人工处理: outbox operations the platform refused (a 4xx, an answer that could not be used).

Each item says why (the platform's problem detail, in Chinese), its history (written, tries,
each refusal and each person's action, in office time) and the case it belongs to. A clerk (the
items of this workstation's cases) or a supervisor (all) may:

- **retry**: the row goes back into the queue with the same idempotency key; its proof waits
  again (已排队) so the board does not offer a second way meanwhile;
- **edit** where that makes sense — a department verification's department or question (the
  platform said the request was incomplete or named no department it knows); the row gets a
  new idempotency key (the platform keeps its refusal under the old one) and is queued;
- **cancel** with a reason: the row is closed and the proof goes back to 待处理 with the reason,
  so the clerk asks again, switches method or takes the paper proof.

A look-up's subject is the case's applicant or related person: it is not edited here (that
would ask about someone else than the case names); a refused look-up is cancelled and the case
corrected in the wizard. Each action is one transaction — row, case and audit entry
(``outbox_requeued`` / ``outbox_edited`` / ``outbox_cancelled``, no personal data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.app.case_support import redact
from clerkapp.core.case import Case, ProofState
from clerkapp.core.case_types import mask_name
from clerkapp.core.catalogue import Method
from clerkapp.core.identity import IDENTITY_CHECK
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError, ValidationError
from clerkapp.infra.office_clock import show_time
from clerkapp.infra.store import OutboxKind, OutboxRow, OutboxState
from clerkapp.infra.store.outbox_people import amend, history, masked, needs_person_count

if TYPE_CHECKING:
    from clerkapp.app.auth import Clerk
    from clerkapp.app.case_service import CaseService

KIND_LABELS = {
    OutboxKind.LOOKUP.value: QT_TRANSLATE_NOOP("NeedsPerson", "数据查询"),
    OutboxKind.VERIFICATION.value: QT_TRANSLATE_NOOP("NeedsPerson", "部门核验申请"),
    OutboxKind.VERIFICATION_POLL.value: QT_TRANSLATE_NOOP("NeedsPerson", "核验结果查询"),
    OutboxKind.PROGRESS_REGISTER.value: QT_TRANSLATE_NOOP("NeedsPerson", "办件进度登记"),
    OutboxKind.PROGRESS_EVENT.value: QT_TRANSLATE_NOOP("NeedsPerson", "办件进度更新"),
    OutboxKind.CREDIT_REPORT.value: QT_TRANSLATE_NOOP("NeedsPerson", "失信信息报送"),
    OutboxKind.AUDIT_ANCHOR.value: QT_TRANSLATE_NOOP("NeedsPerson", "审计链存证"),
    OutboxKind.NOTIFICATION.value: QT_TRANSLATE_NOOP("NeedsPerson", "短信通知"),
    OutboxKind.DOCUMENT_UPLOAD.value: QT_TRANSLATE_NOOP("NeedsPerson", "决定书上传"),
    OutboxKind.CASE_SUMMARY.value: QT_TRANSLATE_NOOP("NeedsPerson", "监管数据报送"),
}
STEP_LABELS = {
    "outbox_needs_person": QT_TRANSLATE_NOOP("NeedsPerson", "平台未受理"),
    "outbox_requeued": QT_TRANSLATE_NOOP("NeedsPerson", "重新发送"),
    "outbox_edited": QT_TRANSLATE_NOOP("NeedsPerson", "修改后重新发送"),
    "outbox_cancelled": QT_TRANSLATE_NOOP("NeedsPerson", "撤销"),
}
#: What a person may edit, per kind (field → the clerk's word).
EDITABLE = {
    OutboxKind.VERIFICATION.value: {
        "department": QT_TRANSLATE_NOOP("NeedsPerson", "核验部门"),
        "question": QT_TRANSLATE_NOOP("NeedsPerson", "核验问题"),
    }
}
TEXT_LIMIT = 200
_ASKS = {OutboxKind.LOOKUP.value, OutboxKind.VERIFICATION.value, OutboxKind.VERIFICATION_POLL.value}


@dataclass(frozen=True)
class HistoryLine:
    """One step of an item's life, for people: ``at`` is the office's wall time."""

    at: str
    what: str
    actor: str


@dataclass(frozen=True)
class NeedsPersonItem:
    """One refused operation as the 需人工处理 list shows it (ID numbers masked)."""

    row_id: int
    kind: str
    kind_label: str
    case_id: str | None
    case_label: str  # matter · applicant (masked), "" for an operation of no case
    proof_name: str
    reason: str
    code: str
    attempts: int
    history: tuple[HistoryLine, ...]
    retry_block: str  # why it cannot be sent again as it is ("" : it can)
    editable: dict[str, str]  # field → current value (empty: nothing to edit)

    @property
    def can_retry(self) -> bool:
        """Whether 重新发送 is possible."""
        return not self.retry_block


def reason_of(last_error: str | None) -> tuple[str, str]:
    """The problem code and the Chinese reason of a refused row (``code: message``)."""
    code, _, message = (last_error or "").partition(": ")
    if not message.strip():
        message = QT_TRANSLATE_NOOP(
            "NeedsPerson", "本条记录无法发送（{value}），请撤销后重新办理"
        ).format(value=code or QT_TRANSLATE_NOOP("NeedsPerson", "原因不明"))
    return code, masked(message.strip())


class NeedsPersonDesk:
    """The 需人工处理 list of one workstation's store (see the module docstring)."""

    def __init__(self, service: CaseService, clock: Callable[[], datetime] | None = None) -> None:
        self.service = service
        self.store = service.store
        self.clock = clock or service.clock

    @classmethod
    def for_context(cls, context: Any) -> NeedsPersonDesk:
        """The desk of a running workstation (:class:`clerkapp.app.context.AppContext`)."""
        return cls(context.case_service)

    # ---- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many operations wait for a person."""
        return needs_person_count(self.store)

    def items(self, actor: Clerk | None = None) -> list[NeedsPersonItem]:
        """The refused operations, oldest first; a clerk sees this workstation's cases only
        (and operations of no case), a supervisor (or ``None``: the system) all."""
        from clerkapp.app.auth import Role

        mine_only = actor is not None and actor.role is not Role.SUPERVISOR
        found = []
        for row in self.store.outbox.needs_person():
            case = self._case(row)
            if mine_only and case is not None and not self._of_this_workstation(row):
                continue
            found.append(self._item(row, case))
        return found

    def item(self, row_id: int) -> NeedsPersonItem:
        """One item (``StoreError`` when the row no longer waits for a person)."""
        row = self._row(row_id)
        return self._item(row, self._case(row))

    # ---- actions (one transaction each) ---------------------------------------------------------

    def retry(self, row_id: int, actor: str) -> None:
        """Send the operation again as it is."""
        with self.store.atomic():
            row = self._row(row_id)
            self._requeue(row, actor, "outbox_requeued", {})

    def edit(self, row_id: int, actor: str, changes: dict[str, str]) -> None:
        """Correct what the operation asks (``EDITABLE`` fields of its kind) and send it again
        under a new idempotency key."""
        with self.store.atomic():
            row = self._row(row_id)
            allowed = EDITABLE.get(row.kind, {})
            if not allowed:
                raise ValidationError(
                    f"{row.kind} rows are not edited",
                    user_message=QT_TRANSLATE_NOOP(
                        "NeedsPerson", "{kind}不能修改，可重新发送或撤销"
                    ).format(kind=KIND_LABELS.get(row.kind, row.kind)),
                )
            payload = dict(row.payload)
            changed = []
            for field, value in changes.items():
                if field not in allowed:
                    raise ValidationError(
                        f"field {field}",
                        user_message=QT_TRANSLATE_NOOP("NeedsPerson", "不能修改{field}").format(
                            field=field
                        ),
                    )
                text = value.strip()
                if not text or len(text) > TEXT_LIMIT:
                    raise ValidationError(
                        f"{field} empty or too long",
                        user_message=QT_TRANSLATE_NOOP(
                            "NeedsPerson", "{field}不能为空，且不超过 {text_limit} 字"
                        ).format(field=allowed[field], text_limit=TEXT_LIMIT),
                    )
                if payload.get(field) != text:
                    payload[field] = text
                    changed.append(field)
            if not changed:
                raise ValidationError(
                    "nothing changed",
                    user_message=QT_TRANSLATE_NOOP("NeedsPerson", "没有修改任何内容"),
                )
            edits = sum(1 for h in history(self.store, row.id) if h.action == "outbox_edited")
            amend(self.store, row.id, payload, f"{row.idempotency_key}:edit{edits + 1}")
            self._requeue(row, actor, "outbox_edited", {"fields": changed})

    def cancel(self, row_id: int, actor: str, reason: str) -> None:
        """Give the operation up with ``reason``; its proof goes back to 待处理."""
        reason = reason.strip()
        if not reason or len(reason) > TEXT_LIMIT:
            raise ValidationError(
                "cancel reason",
                user_message=QT_TRANSLATE_NOOP(
                    "NeedsPerson", "请填写撤销原因（不超过 {text_limit} 字）"
                ).format(text_limit=TEXT_LIMIT),
            )
        with self.store.atomic():
            row = self._row(row_id)
            now = self.clock()
            if row.case_id and row.kind in _ASKS:
                with self.service._change(row.case_id, actor) as (case, now):
                    self._give_up(row, case, reason, now)
            self.store.outbox.mark_sent(row.id, {"cancelled": "by_person"}, now=now)
            self._audit("outbox_cancelled", row, actor, now, {"reason": redact(reason)})

    # ---- helpers --------------------------------------------------------------------------------

    def _requeue(self, row: OutboxRow, actor: str, action: str, data: dict[str, Any]) -> None:
        now = self.clock()
        if row.case_id and row.kind in _ASKS:
            with self.service._change(row.case_id, actor) as (case, now):
                block = self._retry_block(row, case)
                if block:
                    raise ValidationError("cannot retry", user_message=block)
                self._wait_again(row, case, now)
        self.store.outbox.requeue(row.id, now=now)
        self._audit(action, row, actor, now, data)

    def _audit(
        self, action: str, row: OutboxRow, actor: str, now: datetime, data: dict[str, Any]
    ) -> None:
        self.store.audit.append(
            action,
            at=now,
            actor=actor,
            workstation=self.service.workstation or None,
            case_id=row.case_id,
            data={"outbox_id": row.id, "kind": row.kind, **data},
        )

    def _row(self, row_id: int) -> OutboxRow:
        row = self.store.outbox.get(row_id)
        if row is None or row.state is not OutboxState.NEEDS_PERSON:
            raise StoreError(
                f"outbox row {row_id} does not need a person",
                user_message=QT_TRANSLATE_NOOP(
                    "NeedsPerson", "该记录已不在需人工处理列表中（可能已被他人处理），请刷新。"
                ),
            )
        return row

    def _case(self, row: OutboxRow) -> Case | None:
        if not row.case_id:
            return None
        try:
            return self.store.cases.load(row.case_id)
        except StoreError:
            return None

    def _of_this_workstation(self, row: OutboxRow) -> bool:
        with self.store.read():
            found = self.store.conn.execute(
                "SELECT workstation FROM cases WHERE id = ?", (row.case_id,)
            ).fetchone()
        return found is None or not found[0] or found[0] == self.service.workstation

    def _proof_name(self, row: OutboxRow) -> str:
        code = str(row.payload.get("proof_code") or "")
        if code == IDENTITY_CHECK:
            return QT_TRANSLATE_NOOP("NeedsPerson", "申请人身份核对")
        item = self.service.catalogue.proofs.get(code)
        return item.name if item else code

    def _item(self, row: OutboxRow, case: Case | None) -> NeedsPersonItem:
        code, reason = reason_of(row.last_error)
        label = ""
        if case is not None:
            name = mask_name(case.applicant_name) if case.applicant_name else ""
            label = f"{case.matter_name or case.matter_code} · {name} {case.applicant_display}"
        lines = [
            HistoryLine(
                show_time(row.created_at), QT_TRANSLATE_NOOP("NeedsPerson", "写入待发送队列"), ""
            )
        ]
        for step in history(self.store, row.id):
            what = STEP_LABELS.get(step.action, step.action)
            if step.action == "outbox_needs_person":
                what = QT_TRANSLATE_NOOP(
                    "NeedsPerson", "{what}（第 {attempt} 次发送）：{reason}"
                ).format(
                    what=what,
                    attempt=int(step.data.get("attempts", 0)),
                    reason=reason_of(str(step.data.get("problem", "")))[1],
                )
            elif step.data.get("fields"):
                fields = EDITABLE.get(row.kind, {})
                what = QT_TRANSLATE_NOOP("NeedsPerson", "{what}：修改了{fields}").format(
                    what=what, fields="、".join(fields.get(f, f) for f in step.data["fields"])
                )
            elif step.data.get("reason"):
                what = QT_TRANSLATE_NOOP("NeedsPerson", "{what}：{reason}").format(
                    what=what, reason=step.data["reason"]
                )
            lines.append(HistoryLine(show_time(step.at), what, step.actor or ""))
        editable = {f: str(row.payload.get(f) or "") for f in EDITABLE.get(row.kind, {})}
        return NeedsPersonItem(
            row_id=row.id,
            kind=row.kind,
            kind_label=KIND_LABELS.get(row.kind, row.kind),
            case_id=row.case_id,
            case_label=label,
            proof_name=self._proof_name(row),
            reason=reason,
            code=code,
            attempts=row.attempts,
            history=tuple(lines),
            retry_block=self._retry_block(row, case) if row.kind in _ASKS else "",
            editable=editable,
        )

    def _retry_block(self, row: OutboxRow, case: Case | None) -> str:
        """Why an operation asking about the applicant cannot go again ("" : it can)."""
        if case is None:
            return QT_TRANSLATE_NOOP("NeedsPerson", "找不到该记录所属的办件，请撤销此项")
        if case.state.final:
            return QT_TRANSLATE_NOOP(
                "NeedsPerson", "办件已办结或终止，不能再向平台查询或核验，请撤销此项"
            )
        code = str(row.payload.get("proof_code") or "")
        if code == IDENTITY_CHECK:
            if case.needs_identity_question() or case.awaits_identity_answer():
                return ""
            return QT_TRANSLATE_NOOP(
                "NeedsPerson", "申请人身份核对已有结果，无需重新发送，请撤销此项"
            )
        p = case.proofs.get(code)
        if p is None:
            return QT_TRANSLATE_NOOP("NeedsPerson", "办件中已没有该证明事项，请撤销此项")
        other_open = any(
            r.id != row.id and r.state is OutboxState.OPEN and r.kind == row.kind
            for r in self.store.outbox.for_case(case.id)
            if r.payload.get("proof_code") == code
        )
        if row.kind == OutboxKind.LOOKUP.value:
            waits = p.method is Method.DATA_QUERY and p.state in (
                ProofState.PENDING,
                ProofState.IN_FLIGHT,
                ProofState.QUEUED,
            )
        elif row.kind == OutboxKind.VERIFICATION.value:
            waits = p.state is ProofState.AWAITING_DEPT and not p.ticket
        else:
            waits = p.state is ProofState.AWAITING_DEPT and p.ticket == row.payload.get("ticket")
        if not waits or other_open:
            return QT_TRANSLATE_NOOP(
                "NeedsPerson", "“{name}”已另行办理（{state}），无需重新发送，请撤销此项"
            ).format(name=p.name, state=p.state.label_zh)
        return ""

    @staticmethod
    def _wait_again(row: OutboxRow, case: Case, now: datetime) -> None:
        """The proof (or the identity question) waits for this operation again: 已排队."""
        code = str(row.payload.get("proof_code") or "")
        if code == IDENTITY_CHECK:
            if case.needs_identity_question():
                case.request_identity_check(now)
            case.identity_queued(now)
        elif row.kind == OutboxKind.LOOKUP.value:
            if case.proofs[code].state is ProofState.PENDING:
                case.start_lookup(code, now)
            if case.proofs[code].state is ProofState.IN_FLIGHT:
                case.queue_lookup(code, now)

    def _give_up(self, row: OutboxRow, case: Case, reason: str, now: datetime) -> None:
        """The proof stops waiting for a cancelled operation: back to 待处理 with the reason."""
        if case.state.final:
            return
        code = str(row.payload.get("proof_code") or "")
        note = masked(reason)
        if code == IDENTITY_CHECK:
            case.identity_failed(
                QT_TRANSLATE_NOOP("NeedsPerson", "身份核对请求已撤销：{note}，请重新核对").format(
                    note=note
                ),
                now,
            )
            return
        p = case.proofs.get(code)
        if p is None:
            return
        if row.kind == OutboxKind.LOOKUP.value:
            if p.method is Method.DATA_QUERY and p.state in (
                ProofState.IN_FLIGHT,
                ProofState.QUEUED,
            ):
                case.lookup_failed(
                    code,
                    QT_TRANSLATE_NOOP(
                        "NeedsPerson", "查询已撤销：{note}，请重新查询或改用其他方式"
                    ).format(note=note),
                    now,
                )
        elif p.state is ProofState.AWAITING_DEPT and (
            (row.kind == OutboxKind.VERIFICATION.value and not p.ticket)
            or p.ticket == row.payload.get("ticket")
        ):
            case.verification_withdrawn(
                code,
                QT_TRANSLATE_NOOP(
                    "NeedsPerson",
                    "部门核验请求已撤销：{note}，请重新发起、改用其他方式或收取纸质证明",
                ).format(note=note),
                now,
            )


__all__ = ["EDITABLE", "HistoryLine", "NeedsPersonDesk", "NeedsPersonItem", "reason_of"]
