"""What a closed case keeps of the platform's answers once its retention period is over
(docs/security.md "Retention"). Pure: no store, no clock.

A decision and the papers that state it rest on: each proof's state, where its fact came from
(registry or department), the data's as-of time, the platform's receipt or ticket, the time it
was recorded, and the one-line finding the papers print (the rule's summary, which by design
names nobody). Those stay, so the case remains decidable, explainable and reprintable. What goes
is what the platform told the clerk beyond that: the name the registry holds for the applicant
(kept as the conclusion only: the case's own name when they matched, nothing when they did not)
and the platform's error messages of failed attempts.
"""

from __future__ import annotations

from dataclasses import replace

from clerkapp.core.case import Case
from clerkapp.core.identity import IdentityOutcome


def reduce_answers(case: Case) -> bool:
    """Reduce the platform's answers kept in a closed ``case`` in place (an open case is left
    alone); True when something was removed. The identity finding, every proof's state and
    evidence, and what any document prints are the same afterwards."""
    if not case.state.final:
        return False
    changed = False
    check = case.identity
    outcome = case.identity_outcome
    kept = case.applicant_name if outcome is IdentityOutcome.MATCHED else ""
    if check.registered_name != kept or check.error:
        case.identity = replace(check, registered_name=kept, error="")
        changed = True
    for proof in case.proofs.values():
        if proof.error:
            proof.error = None
            changed = True
    assert case.identity_outcome is outcome  # the finding is the same; only its raw data went
    return changed
