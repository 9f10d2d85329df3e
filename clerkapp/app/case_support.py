"""Helpers of the case service: identifiers, outbox payloads, audit mapping, redaction and the
promised completion date. Pure functions, no store."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date, datetime
from typing import Any

from clerkapp.core.case import Case, CaseEvent, CaseState, EventKind
from clerkapp.core.catalogue import APPLICANT, ApplicantKind, Matter, ProcedureKind
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.short_code import CODE_BYTES, code_from
from clerkapp.core.workdays import PACKAGE_CALENDAR, WorkCalendar
from clerkapp.infra.calendar_io import promised_date
from clerkapp.infra.office_clock import office_day
from clerkapp.infra.platform import CallContext
from clerkapp.infra.store.audit import ID_NUMBER_SHAPE

# Case events → audit actions (docs/CONTRACTS.md; the store's audit module lists them all).
AUDIT_ACTIONS = {
    EventKind.CREATED: "case_created",
    EventKind.LOOKUP_SENT: "lookup_sent",
    EventKind.LOOKUP_QUEUED: "lookup_queued",
    EventKind.LOOKUP_ANSWERED: "lookup_answered",
    EventKind.LOOKUP_FAILED: "lookup_failed",
    EventKind.METHOD_SWITCHED: "method_switched",
    EventKind.VERIFICATION_SENT: "verification_sent",
    EventKind.VERIFICATION_ANSWERED: "verification_answered",
    EventKind.VERIFICATION_EXPIRED: "verification_expired",
    EventKind.VERIFICATION_DEFERRED: "verification_deferred",
    EventKind.CREDIT_CHECKED: "credit_checked",
    EventKind.PLEDGE_SIGNED: "pledge_signed",
    EventKind.DECIDED: "decided",
    EventKind.WITHDRAWN: "withdrawn",
    EventKind.IDENTITY_REQUESTED: "identity_requested",
    EventKind.IDENTITY_QUEUED: "identity_queued",
    EventKind.IDENTITY_FAILED: "identity_failed",
    EventKind.IDENTITY_CHECKED: "identity_checked",
    EventKind.APPLICANT_NAME_CORRECTED: "applicant_name_corrected",
    EventKind.NAME_ADOPTED: "name_adopted_from_registry",
    EventKind.IDENTITY_OVERRIDDEN: "identity_override",
    EventKind.CORRECTION_REQUESTED: "correction_requested",
    EventKind.CORRECTION_RESUMED: "correction_resumed",
    EventKind.NOT_ACCEPTED: "not_accepted",
    EventKind.PAPER_RECEIVED: "paper_received",
    EventKind.VERIFICATION_WITHDRAWN: "verification_withdrawn",
}

# What the applicant's progress page says of a state, where the clerk's word alone says too
# little (the label goes to the platform: never any personal data).
PUBLIC_LABELS = {
    CaseState.AWAITING_CORRECTION: "待补正：请按补正材料一次性告知书补正材料后到窗口继续办理",
    CaseState.NOT_ACCEPTED: "不予受理：详见不予受理决定书",
    CaseState.WITHDRAWN: "已撤回：申请人已撤回申请，办件终止",
}


def public_label(case: Case, kind: ProcedureKind | None = None) -> str:
    """The status label of ``case`` on its public progress page, in the words of its matter's
    kind of act (已办结（不予给付） for a 行政给付; ``None``: the neutral words)."""
    return PUBLIC_LABELS.get(case.state, case.state.label_for(kind))


_UNSAFE = re.compile(r"[^0-9A-Za-z]")


def redact(value: Any) -> Any:
    """``value`` with anything shaped like a resident ID number masked (for free text that goes
    into the audit trail: reasons, platform error messages)."""
    if isinstance(value, str):
        return ID_NUMBER_SHAPE.sub(lambda m: mask_id_number(m.group(0)), value)
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def case_id_prefix(day: date, workstation: str) -> str:
    """Prefix of a day's case numbers at a workstation: ``20261127-TRAIN01-``."""
    station = _UNSAFE.sub("", workstation).upper() or "WS"
    return f"{day:%Y%m%d}-{station}-"


def new_tracking_token() -> str:
    """The progress QR's unguessable token (192 bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def new_short_code() -> str:
    """12 Crockford base32 characters (60 random bits), typed by hand on the progress page;
    printed grouped (``K7QM-DA8F-X2Q9``, :func:`clerkapp.core.short_code.grouped`)."""
    return code_from(secrets.token_bytes(CODE_BYTES))


def subject_of(case: Case) -> dict[str, str]:
    """The platform subject of the applicant: ``{"id_number": …}`` or ``{"uscc": …}``."""
    key = "id_number" if case.applicant_kind is ApplicantKind.PERSON else "uscc"
    return {key: case.applicant_id}


def related_subject_of(case: Case, role: str) -> dict[str, str] | None:
    """The platform subject a look-up or verification about ``role`` concerns: the applicant's
    (``"applicant"``) or the related person's ``{"id_number": …}``; None when the case has no
    such person (opened before the catalogue declared the role)."""
    if role == APPLICANT:
        return subject_of(case)
    person = case.related.get(role)
    return None if person is None else {"id_number": person.id_number}


def purpose_of(matter_code: str) -> str:
    """The purpose every platform call about a case states: the matter it is for."""
    return f"matter:{matter_code}"


def call_context(case: Case, official: str | None) -> dict[str, str]:
    """Who asks and why, written into every outbox payload (the platform requires it)."""
    return {"official": official or "system", "purpose": purpose_of(case.matter_code)}


def live_call_context(case: Case, official: str) -> CallContext:
    """Who asks and why, for a call made at once from the counter (not through the outbox)."""
    return CallContext(official, purpose_of(case.matter_code), case.id)


def expected_completion(
    matter: Matter, opened: datetime, calendar: WorkCalendar = PACKAGE_CALENDAR
) -> str:
    """The promised completion date (ISO): today for a counter matter, else N working days on
    by ``calendar`` (public holidays and 调休 days; weekends only in a year it does not cover)."""
    return promised_date(calendar, office_day(opened), matter.time_limit_days).isoformat()


def audit_data(event: CaseEvent) -> dict[str, Any]:
    """The audit entry's data for a case event (redacted free text)."""
    data: dict[str, Any] = {}
    if event.proof_code:
        data["proof"] = event.proof_code
    data.update(redact(dict(event.data)))
    return data


def operation_scope(case: Case) -> str:
    """A per-case random prefix for idempotency keys: derived from the case's unguessable
    tracking token (which it does not reveal), so it is unique across stores and stable for the
    life of the case."""
    return hashlib.sha256(f"idem:{case.tracking_token}".encode()).hexdigest()[:16]
