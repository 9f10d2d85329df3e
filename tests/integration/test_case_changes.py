"""Issue 10: the store tells who changed which case (after the commit, never for a rolled-back
transaction), and a department's deferral lands on the case once, with the date it now expects
to answer by — on a real store file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clerkapp.app.clock import SteppingClock
from clerkapp.app.outbox_send import Outcome, Settler
from clerkapp.core.case import Case, ProofState
from clerkapp.core.platform_types import VerificationState, VerificationStatus
from clerkapp.infra.office_clock import office_day
from clerkapp.infra.store import Store
from tests.integration.case_fixtures import PERSON_ID, RENTAL, START, service

HOMESTEAD = f"{RENTAL}.homestead"


class BoomError(Exception):
    pass


def test_listeners_hear_committed_case_changes_only(tmp_path: Path) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    store: Store = svc.store
    heard: list[frozenset[str]] = []
    store.add_case_listener(heard.append)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    assert heard == [frozenset({case.id})]  # one commit, told once
    other = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    heard.clear()

    # Both cases in one transaction (nested blocks join it): one notice after the commit.
    with store.atomic():
        svc.begin_lookups(case.id, "wang")
        with store.atomic():
            svc.begin_lookups(other.id, "wang")
        assert heard == []  # not before the commit
    assert heard == [frozenset({case.id, other.id})]

    # Rolled back: nothing happened, nobody is told.
    heard.clear()
    with pytest.raises(BoomError), store.atomic():
        svc.request_verification(case.id, HOMESTEAD, "wang")
        raise BoomError
    assert heard == []
    assert svc.get_case(case.id).proofs[HOMESTEAD].state is ProofState.PENDING

    # A commit that changes no case (the outbox alone) tells nobody.
    with store.atomic():
        store.outbox.enqueue("lookup", None, {"n": 1}, "plain", now=clock())
    assert heard == []

    # A broken listener does not undo the change nor stop the others.
    def broken(_ids: frozenset[str]) -> None:
        raise RuntimeError("listener bug")

    store.remove_case_listener(heard.append)
    store.add_case_listener(broken)
    store.add_case_listener(heard.append)
    svc.request_verification(case.id, HOMESTEAD, "wang")
    assert heard == [frozenset({case.id})]
    assert svc.get_case(case.id).proofs[HOMESTEAD].state is ProofState.AWAITING_DEPT
    store.remove_case_listener(broken)
    store.remove_case_listener(heard.append)


def _awaiting(svc: object, clock: SteppingClock) -> tuple[Case, int]:
    """A case whose homestead verification the department took under ticket T-9."""
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")  # type: ignore[attr-defined]
    row = svc.request_verification(case.id, HOMESTEAD, "wang")  # type: ignore[attr-defined]
    svc.record_verification_status(  # type: ignore[attr-defined]
        case.id, HOMESTEAD, VerificationStatus("T-9", VerificationState.QUEUED), outbox_id=row.id
    )
    poll = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "verification_poll"]  # type: ignore[attr-defined]
    return case, poll[0].id


def test_a_deferral_is_recorded_once_with_its_date(tmp_path: Path) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    case, poll_id = _awaiting(svc, clock)
    settler = Settler(svc.store, svc, clock)
    heard: list[frozenset[str]] = []
    svc.store.add_case_listener(heard.append)
    deferred = VerificationStatus(
        "T-9", VerificationState.DEFERRED, department="金华市自然资源和规划局"
    )

    # The sync worker's poll: still waiting (polled again later), the case says deferred.
    assert settler.settle(Outcome(svc.store.outbox.get(poll_id), answer=deferred)) == "waiting"  # type: ignore[arg-type]
    p = svc.get_case(case.id).proofs[HOMESTEAD]
    assert p.state is ProofState.AWAITING_DEPT and p.deferred_until is not None
    until = date.fromisoformat(p.deferred_until)
    expected_days = svc.catalogue.proofs[HOMESTEAD].verify.expected_days  # type: ignore[union-attr]
    today = office_day(START)
    assert until == svc.calendar.add_working_days(today, expected_days)
    assert heard == [frozenset({case.id})]
    assert svc.get_case(case.id).recommend().decision.value != "approve"  # still awaited

    # Polled again, still deferred: nothing changes on the case, nobody is told.
    heard.clear()
    assert settler.settle(Outcome(svc.store.outbox.get(poll_id), answer=deferred)) == "waiting"  # type: ignore[arg-type]
    assert heard == []
    actions = [e.action for e in svc.store.audit.entries(case.id)]
    assert actions.count("verification_deferred") == 1
    [entry] = [e for e in svc.store.audit.entries(case.id) if e.action == "verification_deferred"]
    assert entry.data["until"] == p.deferred_until and entry.data["proof"] == HOMESTEAD

    # The answer comes: confirmed, the deferral is over.
    answered = VerificationStatus(
        "T-9", VerificationState.ANSWERED, confirmed=True, department="金华市自然资源和规划局"
    )
    assert settler.settle(Outcome(svc.store.outbox.get(poll_id), answer=answered)) == "sent"  # type: ignore[arg-type]
    p = svc.get_case(case.id).proofs[HOMESTEAD]
    assert p.state is ProofState.CONFIRMED and p.deferred_until is None
    assert svc.store.audit.verify().ok
    # The case JSON keeps the field (a reopened case shows the deferral).
    assert Case.from_dict(svc.get_case(case.id).to_dict()).proofs[HOMESTEAD].deferred_until is None
