"""Kill the process in the middle of a case action: what was committed is all there, the
half-done action left nothing, and the audit chain still verifies."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from clerkapp.infra.store import Store

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    sys.path.insert(0, str(Path.cwd()))
    from tests.integration import case_fixtures as f

    svc = f.service(Path(sys.argv[1]))
    for _ in range(3):
        case = svc.open_case(f.RENTAL, "person", f.PERSON_ID, "张三", "wang")
        svc.begin_lookups(case.id, "wang")
    append = svc.store.audit.append
    calls = []

    def dying_append(action, **kwargs):
        calls.append(action)
        # open_case appends case_created and identity_requested; then the middle of
        # begin_lookups' transaction (its second lookup_sent)
        if len(calls) == 4:
            os._exit(9)
        return append(action, **kwargs)

    svc.store.audit.append = dying_append
    case = svc.open_case(f.RENTAL, "person", f.PERSON_ID, "张三", "wang")
    svc.begin_lookups(case.id, "wang")
    """
)


def test_killed_mid_transaction_loses_nothing_committed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 9, result.stderr
    with Store(tmp_path / "store.sqlite3") as store:
        summaries = store.cases.summaries()
        assert len(summaries) == 4  # the fourth case was opened (committed) before the kill
        newest = store.cases.load(summaries[0].id)
        # Its look-ups were never committed: no proof in flight, no look-up row.
        assert all(p.state.value in ("pending", "waived") for p in newest.proofs.values())
        # Only what open_case wrote: the identity question, the progress registration, the
        # entry in the platform's case index (issue 9) and the case's summary (issue 12).
        kinds = [r.kind for r in store.outbox.for_case(newest.id)]
        assert kinds == ["lookup", "progress_register", "case_index", "case_summary"]
        older = store.cases.load(summaries[1].id)
        assert sum(p.state.value == "in_flight" for p in older.proofs.values()) == 3
        # + the case index rows, + a summary per case (issue 12)
        assert store.outbox.counts() == {"open": 4 + 4 + 4 + 3 * 3 + 4}
        report = store.audit.verify()
        assert report.ok and report.intact == 4 * 2 + 3 * 3  # created + identity_requested
