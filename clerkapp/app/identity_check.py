"""The case use-cases of the applicant's identity cross-check (:mod:`clerkapp.core.identity`),
mixed into :class:`clerkapp.app.case_service.CaseService`.

The registry question travels as an outbox ``lookup`` row under the pseudo proof code
:data:`~clerkapp.core.identity.IDENTITY_CHECK`: written with the case at opening (so the sync
worker sends it even if nobody stays at the counter), leased by
:meth:`~IdentityActions.begin_identity_check` for the counter's look-up fan-out to send at once
beside the proofs, bound to the case's purpose like every
look-up, and settled by the same :class:`~clerkapp.app.outbox_send.Settler`: its answer or
failure lands in :meth:`record_lookup_answer` / :meth:`record_lookup_failure`, which hand it to
the case's identity events instead of a proof. Offline it waits in the outbox (queued) and the
check happens when the answer arrives.

Correcting the typed name, adopting a business's registered name and the reasoned override are
one transaction each, audited without names (``applicant_name_corrected``,
``name_adopted_from_registry``, ``identity_override`` with the clerk's reason).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from clerkapp.app.case_platform import LOOKUP_LEASE, PlatformActions
from clerkapp.core.case import Case
from clerkapp.core.identity import IDENTITY_CHECK, IDENTITY_ITEMS
from clerkapp.core.platform_types import LookupAnswer
from clerkapp.infra.store import OutboxKind, OutboxRow


class IdentityActions(PlatformActions):
    """The identity check of a case: asked, answered, corrected, adopted, overridden."""

    # ---- asking ------------------------------------------------------------------------------

    def _enqueue_identity(self, case: Case, official: str | None, now: datetime) -> OutboxRow:
        """The outbox row of the registry question about the case's applicant."""
        item, fields = IDENTITY_ITEMS[case.applicant_kind]
        key = "id_number" if item == "population.basic" else "uscc"
        n = self._count(case.id, OutboxKind.LOOKUP, IDENTITY_CHECK) + 1
        return self._enqueue(
            OutboxKind.LOOKUP,
            case,
            official,
            f"lookup:{case.id}:{IDENTITY_CHECK}:{n}",
            {
                "item": item,
                "subject": {key: case.applicant_id},
                "fields": list(fields),
                "proof_code": IDENTITY_CHECK,
            },
            now,
            not_before=now + LOOKUP_LEASE,
        )

    def begin_identity_check(self, case_id: str, clerk: str | None = None) -> OutboxRow | None:
        """The open outbox row of the identity question, leased for sending now — written
        first when the case needs asking (a case stored before the check existed, or a question
        the platform refused). None when no answer is awaited (answered, or decided)."""
        with self._change(case_id, clerk) as (case, now):
            row = self._open_rows(case_id, OutboxKind.LOOKUP).get(IDENTITY_CHECK)
            if case.needs_identity_question():
                case.request_identity_check(now)
            elif not case.awaits_identity_answer():
                return None
            if row is None:
                official = clerk or self.store.cases.clerk_of(case_id)
                row = self._enqueue_identity(case, official, now)
            self.store.outbox.lease(row.id, now + LOOKUP_LEASE)
        return row

    # ---- answers -----------------------------------------------------------------------------

    def record_lookup_answer(
        self,
        case_id: str,
        proof_code: str,
        answer: LookupAnswer,
        outbox_id: int | None = None,
        actor: str | None = None,
    ) -> Case:
        """A look-up answered: the identity question's answer is compared with the typed name;
        any other goes to its proof."""
        if proof_code != IDENTITY_CHECK:
            return super().record_lookup_answer(case_id, proof_code, answer, outbox_id, actor)
        with self._change(case_id, actor) as (case, now):
            case.identity_answered(answer, now)  # a late or duplicate answer changes nothing
            if outbox_id is not None:
                self.store.outbox.mark_sent(outbox_id, asdict(answer), now=now)
        return case

    def record_lookup_failure(
        self,
        case_id: str,
        proof_code: str,
        error: str | Exception,
        *,
        retrying: bool,
        outbox_id: int | None = None,
        retry_at: datetime | None = None,
        actor: str | None = None,
    ) -> Case:
        """A look-up failed: the identity question waits in the outbox (``retrying``) or is
        marked failed, to be asked again; any other goes to its proof."""
        if proof_code != IDENTITY_CHECK:
            return super().record_lookup_failure(
                case_id,
                proof_code,
                error,
                retrying=retrying,
                outbox_id=outbox_id,
                retry_at=retry_at,
                actor=actor,
            )
        message = str(getattr(error, "user_message", "") or error)
        with self._change(case_id, actor) as (case, now):
            if retrying:
                case.identity_queued(now)
            else:
                case.identity_failed(message, now)
            if outbox_id is not None:
                if retrying:
                    self.store.outbox.mark_retry(outbox_id, message, retry_at or now)
                else:
                    self.store.outbox.mark_needs_person(outbox_id, message, now=now)
        return case

    # ---- the clerk's ways on -------------------------------------------------------------------

    def correct_applicant_name(self, case_id: str, name: str, clerk: str) -> Case:
        """改正姓名: change the typed name before any decision; compared again with the
        registered name at once (audited ``applicant_name_corrected``, no names)."""
        with self._change(case_id, clerk) as (case, now):
            case.correct_applicant_name(name, now)
            self.store.cases.rename_applicant(case_id, case.applicant_name)
        return case

    def adopt_registered_name(self, case_id: str, clerk: str) -> Case:
        """采用登记名称: a business takes its name as registered (audited
        ``name_adopted_from_registry``)."""
        with self._change(case_id, clerk) as (case, now):
            case.adopt_registered_name(now)
            self.store.cases.rename_applicant(case_id, case.applicant_name)
        return case

    def override_identity(self, case_id: str, reason: str, clerk: str) -> Case:
        """说明理由后继续: go on past a name mismatch or a not-found answer with the clerk's
        reason (audited ``identity_override``: who, when, why)."""
        with self._change(case_id, clerk) as (case, now):
            case.override_identity(reason, clerk, now)
        return case


def identity_rows(rows: Sequence[OutboxRow]) -> list[OutboxRow]:
    """The identity questions among outbox rows."""
    return [r for r in rows if r.payload.get("proof_code") == IDENTITY_CHECK]
