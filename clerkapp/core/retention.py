"""What a closed case keeps of the platform's answers once its retention period is over
(docs/security.md "Retention"). Pure: no store, no clock.

A decision and the papers that state it rest on: each proof's state, where its fact came from
(registry or department), the data's as-of time, the platform's receipt or ticket (with which
the platform's own records answer any later question) and the time it was recorded. Those stay,
so the case remains decidable, explainable and reprintable. What goes is what the platform told
the clerk beyond that:

- the facts behind a proof that was met (``名下无登记车辆``, ``累计缴费 36 个月``, a
  department's note): the finding becomes the rule's words for it, 符合条件 / 部门核验属实 —
  a reprint says the same decision on the same sources; the archive copy kept on issue
  (存档联) keeps the original's exact words;
- the name the registry holds for the applicant: kept as the conclusion only (the case's own
  name when they matched, nothing when they did not — the finding stays the same);
- the platform's error messages of failed attempts.

The findings of proofs that were *not* met stay word for word: they are the grounds a refusal
states, and the applicant's review (复议) or suit rests on them.
"""

from __future__ import annotations

from dataclasses import replace

from clerkapp.core.case import Case, ProofState
from clerkapp.core.identity import IdentityOutcome

#: What the finding of a proof that was met becomes (the rule's and the department's own words
#: when there is nothing more to say: clerkapp.core.rules, app.case_platform).
MET_WORDS = {ProofState.SATISFIED: "符合条件", ProofState.CONFIRMED: "部门核验属实"}


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
        words = MET_WORDS.get(proof.state)
        if words and proof.evidence is not None and proof.evidence.detail != words:
            proof.evidence = replace(proof.evidence, detail=words)
            changed = True
    assert case.identity_outcome is outcome  # the finding is the same; only its raw data went
    return changed
