"""What the data platform answers, as plain data shared by the client (infra) and the case
service (app). No I/O here: the client builds these from HTTP answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """Where a fact came from: registry, how fresh the data is, and the platform's receipt."""

    registry: str  # e.g. "公安车辆登记"
    registry_code: str  # e.g. "vehicle"
    as_of: str  # ISO 8601 datetime of the registry data
    receipt_id: str  # the platform's receipt for the case file


@dataclass(frozen=True)
class LookupAnswer:
    """The answer to a look-up: ``found`` False is an answer ("not found"), not an error."""

    item: str
    found: bool
    record: dict[str, Any] | None
    provenance: Provenance


class VerificationState(StrEnum):
    """States of a department verification ticket on the platform."""

    QUEUED = "queued"
    ANSWERED = "answered"
    DEFERRED = "deferred"
    EXPIRED = "expired"


@dataclass(frozen=True)
class VerificationStatus:
    """A department verification ticket as last seen; ``confirmed`` set once answered."""

    ticket: str
    state: VerificationState
    confirmed: bool | None = None
    answered_at: str | None = None
    department: str = ""
    note: str = ""


@dataclass(frozen=True)
class CreditStatus:
    """Dishonesty-list (失信名单) check result."""

    listed: bool
    list_version: str
    entry: dict[str, Any] | None = field(default=None)
    provenance: Provenance | None = None
