"""The platform's writing calls as values (issue 13): what each call sends — method, path, body,
purpose binding and Idempotency-Key — and how its answer is read. The client sends an
:class:`Operation` alone (:meth:`PlatformClient.perform`) or with others in one batch request
(:meth:`PlatformClient.send_batch`, docs/CONTRACTS.md "Batch delivery"); either way the body is
the same bytes, so the platform's stored answer for a key is the same whichever way it went.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote

from clerkapp.infra.platform import answers
from clerkapp.infra.platform.options import Subject
from clerkapp.infra.platform.signing import CallContext


@dataclass(frozen=True)
class Operation:
    """One writing call: ``path`` below ``/api/v1``; ``payload`` the exact JSON body bytes;
    ``decode`` reads the answer's JSON into the call's answer type."""

    op: str  # the call's name in the log (lookup, progress_event, …)
    method: str
    path: str
    source: str  # the registry or component named in errors
    context: CallContext
    payload: bytes
    idempotency_key: str | None
    decode: Callable[[Any], Any]


def body_bytes(body: Mapping[str, Any]) -> bytes:
    """A call's JSON body as sent (UTF-8, Chinese unescaped)."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _op(
    op: str,
    method: str,
    path: str,
    source: str,
    context: CallContext,
    body: Mapping[str, Any],
    key: str | None,
    decode: Callable[[Any], Any],
) -> Operation:
    return Operation(op, method, path, source, context, body_bytes(body), key, decode)


_URLSAFE = re.compile(r"[A-Za-z0-9_.~-]*")


def _token_path(token: str, tail: str = "") -> str:
    # Progress tokens are URL-safe already (quote is slow per call in a drain of thousands).
    safe = token if _URLSAFE.fullmatch(token) else quote(token, safe="")
    return f"/progress/{safe}{tail}"


def lookup(
    item: str, subject: Subject, fields: Sequence[str], context: CallContext, key: str | None
) -> Operation:
    """``POST /lookups``: ``fields`` of ``subject`` from the registry of ``item``."""
    body = {"item": item, "subject": dict(subject), "fields": list(fields)}
    decode = partial(answers.lookup_answer, item=item, fields=list(fields))
    return _op("lookup", "POST", "/lookups", item, context, body, key, decode)


def verification(
    proof_code: str,
    department: str,
    question: str,
    subject: Subject,
    context: CallContext,
    key: str | None,
) -> Operation:
    """``POST /verifications``: ask a department to verify (a queued ticket comes back)."""
    body = {
        "proof_code": proof_code,
        "department": department,
        "question": question,
        "subject": dict(subject),
    }
    return _op(
        "verification", "POST", "/verifications", "verification", context, body, key,
        answers.verification_status,
    )  # fmt: skip


def progress_register(
    token: str,
    short_code: str,
    matter_name: str,
    office: str,
    expected_completion: str | None,
    context: CallContext,
    key: str | None,
) -> Operation:
    """``PUT /progress/{token}``: register the case's tracking token (and the case)."""
    body = {
        "short_code": short_code,
        "matter_name": matter_name,
        "office": office,
        "expected_completion": expected_completion,
    }
    return _op(
        "progress_register", "PUT", _token_path(token), "progress", context, body, key,
        partial(answers.acknowledged, source="progress"),
    )  # fmt: skip


def progress_event(
    token: str, status: str, label: str, at: str, context: CallContext, key: str | None
) -> Operation:
    """``POST /progress/{token}/events``: a status event on the public progress page."""
    body = {"status": status, "label": label, "at": at}
    return _op(
        "progress_event", "POST", _token_path(token, "/events"), "progress", context, body, key,
        partial(answers.acknowledged, source="progress"),
    )  # fmt: skip


def notification(
    token: str, phone: str, event: str, text: str, at: str, context: CallContext, key: str | None
) -> Operation:
    """``POST /notifications``: an SMS notice of the case with progress ``token``."""
    body = {"token": token, "phone": phone, "event": event, "text": text, "at": at}
    return _op(
        "notification", "POST", "/notifications", "platform", context, body, key,
        partial(answers.acknowledged, source="platform"),
    )  # fmt: skip


def credit_check(subject: Subject, context: CallContext, key: str | None) -> Operation:
    """``POST /credit/check``: is the subject on the dishonesty list?"""
    return _op(
        "credit_check", "POST", "/credit/check", "credit", context, {"subject": dict(subject)},
        key, answers.credit_status,
    )  # fmt: skip


def credit_report(
    subject: Subject, proof_code: str, reason: str, context: CallContext, key: str | None
) -> Operation:
    """``POST /credit/reports``: report a false pledge (the report id comes back)."""
    body = {"subject": dict(subject), "proof_code": proof_code, "reason": reason}
    return _op(
        "credit_report", "POST", "/credit/reports", "credit", context, body, key,
        answers.report_id,
    )  # fmt: skip


def audit_anchor(anchor: Mapping[str, Any], context: CallContext, key: str | None) -> Operation:
    """``POST /audit-anchors``: the audit chain's head (counts and hashes only)."""
    body = {k: anchor[k] for k in ("chain", "count", "head", "at")}
    return _op(
        "audit_anchor", "POST", "/audit-anchors", "platform", context, body, key,
        answers.audit_anchor,
    )  # fmt: skip


def case_index(entry: Mapping[str, Any], context: CallContext, key: str | None) -> Operation:
    """``POST /case-index``: one of this workstation's cases on the platform's case index."""
    keys = ("case_id", "subject", "matter", "matter_name", "state", "office", "window")
    body = {k: str(entry.get(k, "")) for k in keys}
    body["opened_at"] = str(entry["opened_at"])
    body["updated_at"] = str(entry.get("updated_at") or entry["opened_at"])
    return _op(
        "case_index", "POST", "/case-index", "platform", context, body, key,
        partial(answers.acknowledged, source="platform"),
    )  # fmt: skip
