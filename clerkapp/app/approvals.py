"""The supervisor's approval (四眼原则) of 作废 and 更正 of an issued document, two ways:

- **on the spot** — a supervisor (role ``supervisor``, not the clerk who asks) types their user
  name and password at the same workstation (checked by :class:`~clerkapp.app.auth.AuthService`,
  lock-out included); the act is carried out at once;
- **through the queue** — the request is stored ``pending``; a supervisor works through the
  queue later and approves it (with a reason: the act is carried out then) or sends it back
  (with a reason).

Every refusal is audited (``approval_refused``: a clerk opening the queue, a clerk's or the
requester's own credentials, a wrong password — the latter also as ``login_failed``). The act
itself is :class:`~clerkapp.app.document_acts.DocumentActs`. Later work extends the queue
office-wide; this service is its one entry point.
"""

from __future__ import annotations

from typing import Any

from clerkapp.app import case_support as support
from clerkapp.app.auth import AccountLockedError, AuthService, Clerk, LoginFailedError
from clerkapp.app.document_acts import ActOutcome, ActRequest, DocumentAction, DocumentActs
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError, ValidationError
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.wording import document_title
from clerkapp.infra.store.approvals import ApprovalRepository, ApprovalRequest, ApprovalState
from clerkapp.infra.store.clerks import Role


class ApprovalRefused(ClerkAppError):
    """Someone who may not approve tried to (a clerk, the requester, wrong credentials)."""


class ApprovalService:
    """Approve voids and corrections on the spot or through the queue."""

    def __init__(self, service: Any, auth: AuthService) -> None:
        self._service = service
        self._auth = auth
        self.acts = DocumentActs(service)
        self.requests = ApprovalRepository(service.store)

    @classmethod
    def for_context(cls, context: Any) -> ApprovalService:
        """The service of an :class:`~clerkapp.app.context.AppContext` (*worker*)."""
        return cls(context.case_service, context.auth)

    # ---- on the spot ----------------------------------------------------------------------

    def supervisor_on_the_spot(self, username: str, password: str, request: ActRequest) -> Clerk:
        """The supervisor whose credentials were typed in, if they may approve ``request``;
        wrong credentials, a clerk's account or the requester's own are refused and audited."""
        try:
            clerk = self._auth.login(username, password)
        except (LoginFailedError, AccountLockedError):
            self._refused(request.requested_by, "wrong_credentials", request)
            raise
        self._require_supervisor(clerk, request)
        return clerk

    def carry_out_now(
        self, request: ActRequest, username: str, password: str, approval_reason: str = ""
    ) -> ActOutcome:
        """*worker* — void or correct with the supervisor present (credentials checked here);
        one transaction with its ``approval_approved`` audit entry."""
        self.acts.check(request)  # a request that could never be carried out asks nobody
        supervisor = self.supervisor_on_the_spot(username, password, request)
        with self._service.store.atomic():
            outcome = self.acts.carry_out(request, supervisor.username)
            self._audit(
                "approval_approved",
                supervisor.username,
                request,
                way="on_the_spot",
                reason=approval_reason.strip(),
                requested_by=request.requested_by,
            )
        return outcome

    # ---- the queue ------------------------------------------------------------------------

    def submit(self, request: ActRequest) -> ApprovalRequest:
        """*worker* — queue ``request`` for a supervisor (checked now; carried out on
        approval). One pending request per document."""
        entry = self.acts.check(request)
        with self._service.store.atomic():
            if any(
                r.document_number == entry.number and r.state is ApprovalState.PENDING
                for r in self.requests.for_case(request.case_id)
            ):
                raise ValidationError(
                    "already pending",
                    user_message=QT_TRANSLATE_NOOP(
                        "Approvals", "文书 {number} 已有待审批的申请，请等待科室负责人审批"
                    ).format(number=entry.number),
                )
            queued = self.requests.add(
                case_id=request.case_id,
                document_number=entry.number,
                kind=entry.kind,
                action=request.action.value,
                reason=request.reason.strip(),
                changes={k: v.strip() for k, v in request.changes.items()},
                requested_by=request.requested_by,
                now=self._service.clock(),
            )
            self._audit("approval_requested", request.requested_by, request, request_id=queued.id)
        return queued

    def queue(self, actor: Clerk) -> list[ApprovalRequest]:
        """*worker* — the pending requests, for a supervisor only (a clerk is refused and the
        refusal audited)."""
        if actor.role is not Role.SUPERVISOR:
            self._service.store.audit.append(
                "approval_refused",
                at=self._service.clock(),
                actor=actor.username,
                workstation=self._service.workstation or None,
                data={"why": "not_supervisor", "what": "open_queue"},
            )
            raise ApprovalRefused(
                "queue opened by a clerk",
                user_message=QT_TRANSLATE_NOOP("Approvals", "审批队列仅限科室负责人使用"),
            )
        return self.requests.pending()

    def titles(self, requests: list[ApprovalRequest]) -> list[str]:
        """*worker* — the title each request's paper bears (不予给付决定书, 准予行政许可决定书, …:
        by its matter's kind of act), in the order of ``requests``."""
        catalogue = self._service.catalogue
        titles = []
        for request in requests:
            kind = DocumentKind(request.kind)
            case = self._service.get_case(request.case_id)
            matter = catalogue.matters.get(case.matter_code)
            titles.append(document_title(kind, matter) if matter is not None else kind.title_zh)
        return titles

    def approve(self, request_id: int, supervisor: Clerk, reason: str) -> ActOutcome:
        """*worker* — approve a queued request with a reason: the act is carried out in the
        same transaction."""
        queued = self.requests.get(request_id)
        request = _act_request(queued)
        self._require_supervisor(supervisor, request)
        if not reason.strip():
            raise ValidationError(
                "reason missing", user_message=QT_TRANSLATE_NOOP("Approvals", "请填写批准意见")
            )
        with self._service.store.atomic():
            self.requests.decide(
                request_id,
                ApprovalState.APPROVED,
                by=supervisor.username,
                reason=support.redact(reason.strip()),
                now=self._service.clock(),
            )
            outcome = self.acts.carry_out(request, supervisor.username)
            self._audit(
                "approval_approved",
                supervisor.username,
                request,
                way="queue",
                request_id=request_id,
                reason=reason.strip(),
                requested_by=request.requested_by,
            )
        return outcome

    def send_back(self, request_id: int, supervisor: Clerk, reason: str) -> ApprovalRequest:
        """*worker* — send a queued request back to the clerk with a reason; nothing changes on
        the document."""
        queued = self.requests.get(request_id)
        request = _act_request(queued)
        self._require_supervisor(supervisor, request)
        if not reason.strip():
            raise ValidationError(
                "reason missing", user_message=QT_TRANSLATE_NOOP("Approvals", "请填写退回理由")
            )
        with self._service.store.atomic():
            self.requests.decide(
                request_id,
                ApprovalState.SENT_BACK,
                by=supervisor.username,
                reason=support.redact(reason.strip()),
                now=self._service.clock(),
            )
            self._audit(
                "approval_sent_back",
                supervisor.username,
                request,
                request_id=request_id,
                reason=reason.strip(),
            )
        return self.requests.get(request_id)

    def for_case(self, case_id: str) -> list[ApprovalRequest]:
        """A case's requests (any state), oldest first."""
        return self.requests.for_case(case_id)

    # ---- rules ----------------------------------------------------------------------------

    def _require_supervisor(self, clerk: Clerk, request: ActRequest) -> None:
        if clerk.role is not Role.SUPERVISOR:
            self._refused(clerk.username, "not_supervisor", request)
            raise ApprovalRefused(
                "approver is not a supervisor",
                user_message=QT_TRANSLATE_NOOP(
                    "Approvals", "{display_name}不是科室负责人，不能批准{action}"
                ).format(display_name=clerk.display_name, action=request.action.label_zh),
            )
        if clerk.username == request.requested_by:
            self._refused(clerk.username, "own_request", request)
            raise ApprovalRefused(
                "approver is the requester",
                user_message=QT_TRANSLATE_NOOP(
                    "Approvals", "申请人本人不能批准自己的申请，请另一位科室负责人审批"
                ),
            )

    def _refused(self, actor: str, why: str, request: ActRequest) -> None:
        # Its own transaction: the refusal stays on record although the caller fails.
        with self._service.store.atomic():
            self._audit("approval_refused", actor, request, why=why)

    def _audit(self, action: str, actor: str, request: ActRequest, **data: Any) -> None:
        self._service.store.audit.append(
            action,
            at=self._service.clock(),
            actor=actor,
            workstation=self._service.workstation or None,
            case_id=request.case_id,
            data=support.redact(
                {"action": request.action.value, "number": request.document_number, **data}
            ),
        )


def _act_request(queued: ApprovalRequest) -> ActRequest:
    return ActRequest(
        case_id=queued.case_id,
        document_number=queued.document_number,
        action=DocumentAction(queued.action),
        reason=queued.reason,
        requested_by=queued.requested_by,
        changes=dict(queued.changes),
    )
