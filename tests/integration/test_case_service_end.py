"""When a case ends (withdrawn, refused, approved) its unsent look-ups and verification requests
are withdrawn from the outbox in the same transaction: nobody may be asked about the applicant
for a purpose that no longer exists. Progress events still go out."""

from __future__ import annotations

from pathlib import Path

from clerkapp.core.case import Decision
from tests.integration.case_fixtures import PERSON_ID, RENTAL, confirm_identity, service

HOMESTEAD = f"{RENTAL}.homestead"


def _open_rows(svc, case_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r.kind for r in svc.store.outbox.for_case(case_id) if r.state == "open")


def test_withdrawal_withdraws_pending_lookups_and_verifications(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    svc.begin_lookups(case.id, "wang")
    svc.request_verification(case.id, HOMESTEAD, "wang")
    assert _open_rows(svc, case.id).count("lookup") == 4  # three proofs and the identity check
    assert "verification" in _open_rows(svc, case.id)

    svc.withdraw(case.id, "申请人撤回申请", "wang")

    left = _open_rows(svc, case.id)
    assert "lookup" not in left and "verification" not in left
    assert "progress_event" in left and "progress_register" in left
    withdrawn = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "lookup"]
    assert all(r.answer == {"cancelled": "case_withdrawn"} for r in withdrawn)


def test_refusal_withdraws_pending_lookups(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)
    svc.begin_lookups(case.id, "wang")
    recommended = svc.get_case(case.id).recommend().decision
    svc.decide(
        case.id,
        Decision.REFUSE,
        "申请人不符合条件",
        "wang",
        override_reason=None if recommended is Decision.REFUSE else "申请人当场放弃",
    )
    assert "lookup" not in _open_rows(svc, case.id)
