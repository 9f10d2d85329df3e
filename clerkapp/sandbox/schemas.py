"""Request and answer shapes of the platform API, as pydantic models: requests are validated
with them, answers are declared with them so the published OpenAPI document (``/openapi.json``)
describes every call, including its problems. Answers themselves are written as plain JSON."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Subject(BaseModel):
    """Whom a call is about: a resident by ID number or a business by credit code."""

    id_number: str | None = None
    uscc: str | None = None


class LookupRequest(BaseModel):
    """A look-up of one information item; ``fields`` empty means all of the item's fields."""

    item: str = Field(examples=["vehicle.ownership"])
    subject: Subject
    fields: list[str] = Field(default_factory=list)


class VerificationRequest(BaseModel):
    """A question to the department that used to issue a proof."""

    proof_code: str
    department: str
    question: str
    subject: Subject


class ProgressRegistration(BaseModel):
    """A case registered in the progress registry (public fields only)."""

    short_code: str
    matter_name: str
    office: str
    expected_completion: str | None = Field(default=None, examples=["2026-12-04"])


class ProgressEvent(BaseModel):
    """A status event of a registered case (``label`` is the Chinese status shown)."""

    status: str = Field(examples=["approved"])
    label: str = Field(examples=["已办结：准予许可"])
    at: str = Field(examples=["2026-11-27T03:05:00+00:00"])


class CreditCheck(BaseModel):
    """Is the subject on the dishonesty list?"""

    subject: Subject


class CreditReport(BaseModel):
    """A false pledge reported by the office."""

    subject: Subject
    proof_code: str
    reason: str


class ProblemAnswer(BaseModel):
    """``application/problem+json``: every refusal and failure."""

    type: str
    title: str
    status: int
    detail: str = Field(description="Chinese, safe to show to a clerk")
    code: str = Field(examples=["purpose_missing", "registry_unavailable"])
    retryable: bool
    source: str = Field(examples=["auth", "民政婚姻登记"])


class HealthAnswer(BaseModel):
    """Liveness."""

    status: Literal["ok"]
    service: str
    instance: str
    version: str
    training: bool


class ItemAnswer(BaseModel):
    """One information item."""

    item: str
    registry: str
    registry_code: str
    subject: Literal["id_number", "uscc"]
    fields: list[str]


class ItemsAnswer(BaseModel):
    """The information items a look-up may name."""

    items: list[ItemAnswer]


class ProvenanceAnswer(BaseModel):
    """Where an answer came from."""

    registry: str
    registry_code: str
    as_of: str
    receipt_id: str


class LookupAnswer(BaseModel):
    """A look-up answer; "not found" is ``found: false`` with ``record: null``."""

    item: str
    found: bool
    record: dict[str, Any] | None
    provenance: ProvenanceAnswer


class TicketAnswer(BaseModel):
    """A queued verification request."""

    ticket: str
    state: Literal["queued"]
    poll_after_s: int


class VerificationAnswer(BaseModel):
    """A verification ticket as it stands."""

    ticket: str
    state: Literal["queued", "answered", "deferred", "expired"]
    answer: Literal["confirmed", "denied"] | None
    answered_at: str | None
    department: str
    proof_code: str
    note: str


class ProgressAnswer(BaseModel):
    """A progress registration."""

    token: str
    short_code: str
    created: bool


class ProgressEventAnswer(BaseModel):
    """A stored status event."""

    status: str
    label: str
    at: str
    received_at: str


class CreditAnswer(BaseModel):
    """A dishonesty-list check."""

    listed: bool
    list_version: str
    entry: dict[str, Any] | None
    provenance: ProvenanceAnswer


class ReportAnswer(BaseModel):
    """A filed false-pledge report."""

    report_id: str


_PROBLEM = {
    "model": ProblemAnswer,
    "description": "Problem (RFC 9457)",
    "content": {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemAnswer"}}
    },
}


def answers(status: int, model: type[BaseModel], *problems: int) -> dict[int | str, Any]:
    """The ``responses`` of a route: its answer and the problems it may give (every data call
    may be refused by authentication and fail by an injected fault)."""
    codes = {401, 403, 422, 503, *problems}
    declared: dict[int | str, Any] = {status: {"model": model}}
    declared.update({code: _PROBLEM for code in sorted(codes)})
    return declared


class AuditAnchorRequest(BaseModel):
    """The head of a workstation's audit chain: counts and hashes only, never personal data."""

    chain: str = Field(min_length=1, max_length=64, examples=["9f2c4e1a7b3d5c60"])
    count: int = Field(ge=1, examples=[1207])
    head: str = Field(pattern="^[0-9a-f]{64}$", examples=["ab" * 32])
    at: str = Field(min_length=1, max_length=40, examples=["2026-11-27T03:05:00.000000Z"])


class AuditAnchorAnswer(BaseModel):
    """An anchor the platform keeps."""

    id: int
    workstation: str
    chain: str
    count: int
    head: str
    at: str
    received_at: str


class AuditAnchorList(BaseModel):
    """The anchors of one workstation's chain, oldest first."""

    anchors: list[AuditAnchorAnswer]
