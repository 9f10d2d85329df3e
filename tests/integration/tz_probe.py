"""What people read, as one workstation process produces it: run as
``python -m tests.integration.tz_probe OUT.json`` (with ``TZ`` set to the zone under test) by
tests/integration/test_office_time_zones.py, which compares the output across zones.

It prints, from real parts: the text of the documents of real cases (PDFs built and read back),
the text of the real proofs board widget's rows, the pledge step's signing time, and what the case
service numbers and lists as "today" at an instant that is 11-28 in Beijing but 11-27 in New York
and in UTC.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from clerkapp.infra.documents import DocumentKind, build_pdf
from clerkapp.infra.store import Store
from tests.integration.documents_cases import (
    accepted_case,
    approved_case,
    catalogue,
    data_for,
    pdf_text,
    refused_case,
    survivor_case_with_pledges,
)

#: 17:30 UTC: 01:30 the next day in Beijing, 12:30 the same day in New York.
LATE_UTC = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)


def documents(home: Path) -> dict[str, str]:
    """The extracted text of each document kind of real cases."""
    cat = catalogue()
    out = {
        "decision": approved_case(cat),
        "refusal": refused_case(cat),
        "receipt": accepted_case(cat),
    }
    texts = {}
    for name, case in out.items():
        kind = {"decision": DocumentKind.DECISION, "refusal": DocumentKind.REFUSAL}.get(
            name, DocumentKind.RECEIPT
        )
        texts[name] = _without_random(pdf_text(build_pdf(data_for(case, kind, seq=7))), case)
    with Store(home / "pledges.sqlite3") as store:
        case, _ = survivor_case_with_pledges(cat, store)
        pledges = store.pledges.for_case(case.id)
        pdf = build_pdf(data_for(case, DocumentKind.PLEDGE, seq=7, pledges=pledges))
        texts["pledge"] = _without_random(pdf_text(pdf), case)
        texts["pledge_step_signed_at"] = _pledge_step_time(pledges)
    return texts


def _without_random(text: str, case: Any) -> str:
    """The text with the parts that differ between runs by design (random case number, token,
    short code, signature hashes) taken out."""
    for part in (case.id, case.tracking_token, case.short_code):
        text = text.replace(part, "<random>")
    return text


def _pledge_step_time(pledges: Any) -> str:
    from clerkapp.gui.wizard.view_models import short_time

    return short_time(str(pledges[-1].signed_at))


def board_rows() -> list[str]:
    """The text of every row of the real proofs board showing a decided case's proofs."""
    from PySide6.QtWidgets import QApplication

    from clerkapp.gui.wizard.proofs_board import ProofsBoard
    from clerkapp.gui.wizard.view_models import rows

    app = QApplication.instance() or QApplication([])
    cat = catalogue()
    board = ProofsBoard()
    lines = []
    for case in (approved_case(cat), refused_case(cat)):
        board.set_rows(rows(case, cat, {}, {}))
        for row in board.rows.values():
            lines.append(
                " | ".join((row.name_label.text(), row.badge.text(), row.detail_label.text()))
            )
    board.deleteLater()
    app.processEvents()
    return lines


def counter_day(home: Path) -> dict[str, Any]:
    """The case number, the case list's day and the app clock's offset at LATE_UTC."""
    from clerkapp.app.case_service import CaseService
    from clerkapp.app.clock import SteppingClock, local_now
    from tests.integration.case_fixtures import PERSON_ID, RENTAL
    from tests.integration.case_fixtures import catalogue as service_catalogue

    store = Store(home / "cases.sqlite3")
    # A clock in UTC, as a workstation set to another zone might hand one in.
    service = CaseService(
        store,
        service_catalogue(),
        SteppingClock(LATE_UTC),
        workstation="TRAIN-01",
        documents_dir=home / "documents",
    )
    case = service.open_case(RENTAL, "person", PERSON_ID, "李明", clerk="wangxiao")
    listed = {
        day.isoformat(): [s.id for s in service.list_cases(day=day)]
        for day in (date(2026, 11, 27), date(2026, 11, 28))
    }
    store.close()
    offset = local_now().utcoffset()
    return {
        "case_id": case.id,
        "listed": listed,
        "clock_offset_s": offset.total_seconds() if offset else None,
    }


def main(out: Path) -> None:
    """Write what people read in this process's zone to ``out`` (JSON)."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        result = {
            "tz": os.environ.get("TZ", ""),
            "workstation_offset_s": datetime.now().astimezone().utcoffset().total_seconds(),  # type: ignore[union-attr]
            "documents": documents(home),
            "board": board_rows(),
            "counter": counter_day(home),
        }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
