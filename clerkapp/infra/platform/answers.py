"""Shape checks of the platform's answers: each parser returns the shared answer type or raises
:class:`PlatformBadAnswer` — a malformed body never becomes blank fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clerkapp.core.platform_types import (
    CreditStatus,
    LookupAnswer,
    Provenance,
    VerificationState,
    VerificationStatus,
)
from clerkapp.infra.platform.errors import PlatformBadAnswer


def _object(data: Any, source: str, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PlatformBadAnswer.build(source, f"{what} is not an object")
    return data


def _text(data: dict[str, Any], key: str, source: str, *, optional: bool = False) -> str:
    value = data.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or (not optional and not value):
        raise PlatformBadAnswer.build(source, f"{key!r} missing or not a non-empty string")
    return value


def _flag(data: dict[str, Any], key: str, source: str) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise PlatformBadAnswer.build(source, f"{key!r} missing or not a boolean")
    return value


def provenance(data: Any, source: str) -> Provenance:
    """Where a fact came from; every part is required."""
    body = _object(data, source, "provenance")
    return Provenance(
        registry=_text(body, "registry", source),
        registry_code=_text(body, "registry_code", source),
        as_of=_text(body, "as_of", source),
        receipt_id=_text(body, "receipt_id", source),
    )


def lookup_answer(data: Any, item: str, fields: Sequence[str]) -> LookupAnswer:
    """A look-up answer; a found record must carry every field asked for."""
    body = _object(data, item, "answer")
    found = _flag(body, "found", item)
    record = body.get("record")
    if found:
        if not isinstance(record, dict):
            raise PlatformBadAnswer.build(item, "found but 'record' is not an object")
        missing = [name for name in fields if name not in record]
        if missing:
            raise PlatformBadAnswer.build(item, f"record lacks fields {missing}")
    elif record is not None:
        raise PlatformBadAnswer.build(item, "not found but 'record' is not null")
    return LookupAnswer(
        item=item, found=found, record=record, provenance=provenance(body.get("provenance"), item)
    )


def verification_status(data: Any, source: str = "verification") -> VerificationStatus:
    """A verification ticket as the platform reports it (submit or poll answer)."""
    body = _object(data, source, "verification")
    ticket = _text(body, "ticket", source)
    try:
        state = VerificationState(str(body.get("state")))
    except ValueError:
        raise PlatformBadAnswer.build(source, "unknown verification state") from None
    answer = body.get("answer")
    if answer not in (None, "confirmed", "denied"):
        raise PlatformBadAnswer.build(source, "unknown verification answer")
    if state is VerificationState.ANSWERED and answer is None:
        raise PlatformBadAnswer.build(source, "answered without an answer")
    return VerificationStatus(
        ticket=ticket,
        state=state,
        confirmed=None if answer is None else answer == "confirmed",
        answered_at=_text(body, "answered_at", source, optional=True) or None,
        department=_text(body, "department", source, optional=True),
        note=_text(body, "note", source, optional=True),
    )


def credit_status(data: Any) -> CreditStatus:
    """A dishonesty-list check result."""
    body = _object(data, "credit", "credit answer")
    listed = _flag(body, "listed", "credit")
    entry = body.get("entry")
    if listed and not isinstance(entry, dict):
        raise PlatformBadAnswer.build("credit", "listed without an entry")
    if entry is not None and not isinstance(entry, dict):
        raise PlatformBadAnswer.build("credit", "'entry' is not an object")
    prov = body.get("provenance")
    return CreditStatus(
        listed=listed,
        list_version=_text(body, "list_version", "credit"),
        entry=entry,
        provenance=None if prov is None else provenance(prov, "credit"),
    )


def health(data: Any) -> dict[str, Any]:
    """The health answer: ``status``, ``version``, ``training``."""
    body = _object(data, "platform", "health")
    _text(body, "status", "platform")
    _flag(body, "training", "platform")
    return body


def items(data: Any) -> list[dict[str, Any]]:
    """The information items the platform serves (each with item, registry and fields)."""
    rows = data.get("items") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise PlatformBadAnswer.build("platform", "items is not a list of objects")
    return rows


def report_id(data: Any) -> str:
    """The id of a filed false-pledge report."""
    return _text(_object(data, "credit", "report"), "report_id", "credit")


def acknowledged(data: Any, source: str) -> dict[str, Any]:
    """An acknowledgement (registration, event): any JSON object; nothing else is used."""
    return _object(data, source, "acknowledgement")


def _anchor(data: Any) -> dict[str, Any]:
    anchor = _object(data, "platform", "audit anchor")
    count = anchor.get("count")
    head = anchor.get("head")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise PlatformBadAnswer.build("platform", "audit anchor: count is not a count")
    if not isinstance(head, str) or len(head) != 64:
        raise PlatformBadAnswer.build("platform", "audit anchor: head is not a hash")
    for key in ("chain", "at"):
        _text(anchor, key, "platform")
    return anchor


def audit_anchor(data: Any) -> dict[str, Any]:
    """The anchor the platform stored: ``{id, workstation, chain, count, head, at,
    received_at}``."""
    return _anchor(data)


def audit_anchor_list(data: Any) -> list[dict[str, Any]]:
    """``{"anchors": [...]}``: the anchors the platform keeps."""
    rows = _object(data, "platform", "audit anchors").get("anchors")
    if not isinstance(rows, list):
        raise PlatformBadAnswer.build("platform", "audit anchors: no list")
    return [_anchor(row) for row in rows]
