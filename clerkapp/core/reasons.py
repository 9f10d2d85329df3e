"""The reasons of a refusal (不予许可), one source for the decision step and the printed notice.

A refusal states every proof that failed (its registry's or department's answer, e.g.
"车辆登记情况：名下有车辆 1 辆") and then whatever the clerk added in their own words. The
decision step pre-fills the reason field with the failed proofs' reasons (joined by
:data:`SEPARATOR`) so that refusing a recommended refusal needs no second reason; the clerk may
edit it. What the clerk confirms may therefore repeat the failed reasons: :func:`own_reason`
takes them out again, so the case keeps only the clerk's own words and the notice never lists a
reason twice. A pre-filled reason the clerk reworded is the clerk's own words and printed after
the registry's answer (both are true statements; the answer itself cannot be edited away).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from clerkapp.core.case_types import FAILED, ProofResolution

#: How pre-filled reasons are joined in the one-line reason field.
SEPARATOR = "；"

#: Separators and blanks a clerk leaves around or between reasons.
_SEPARATORS = re.compile(r"^[\s；;，,。、]+|[\s；;，,、]+$")
_RUNS = re.compile(r"(?:\s*[；;]\s*){2,}")


def failed_reasons(proofs: Iterable[ProofResolution]) -> tuple[str, ...]:
    """Why each failed proof (not satisfied, denied) fails, in the case's order."""
    return tuple(p.failure_reason() for p in proofs if p.state in FAILED)


def prefill(reasons: Sequence[str]) -> str:
    """The reason field's pre-filled text: the failed proofs' reasons on one line."""
    return SEPARATOR.join(reasons)


def own_reason(text: str | None, given: Sequence[str]) -> str | None:
    """The clerk's own words in ``text``: the ``given`` (failed-proof) reasons taken out,
    separators tidied; None when nothing is left."""
    rest = text or ""
    for reason in sorted(given, key=len, reverse=True):  # longest first: no partial overlaps
        if reason:
            rest = rest.replace(reason, SEPARATOR)
    rest = _RUNS.sub(SEPARATOR, rest)
    rest = _SEPARATORS.sub("", rest).strip()
    return rest or None


def refusal_reasons(proofs: Iterable[ProofResolution], reason: str | None) -> tuple[str, ...]:
    """The reasons a refusal prints: each failed proof's, then the clerk's own (``reason`` with
    the failed ones taken out) — each once."""
    failed = failed_reasons(proofs)
    own = own_reason(reason, failed)
    return (*failed, own) if own else failed
