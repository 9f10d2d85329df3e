"""Shared builders for the case service tests: the real catalogue, a stepping clock, valid
applicant numbers, a sandbox client, platform answers and a tiny PNG signature."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.core.catalogue import Catalogue
from clerkapp.core.idnumber import make_id_number
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.core.uscc import make_uscc
from clerkapp.infra.catalogue_io import bundled_path, read_catalogue
from clerkapp.infra.paths import resources_dir
from clerkapp.infra.platform import Credentials, PlatformClient, RetryPolicy
from clerkapp.infra.store import Store

CHINA = timezone(timedelta(hours=8))
START = datetime(2026, 11, 27, 9, 0, tzinfo=CHINA)
PERSON_ID = make_id_number("330702", date(1985, 3, 14), 123)
OTHER_ID = make_id_number("330703", date(1990, 7, 1), 456)
BUSINESS = make_uscc("9", "1", "330702", "MA2ABCDE")
# The deceased insured person of a survivor allowance (the sandbox's demo 陈建国).
DECEASED_ID = make_id_number("330723", date(1955, 4, 2), 15, female=False)
SURVIVOR_RELATED = {"deceased": (DECEASED_ID, "陈建国")}

RENTAL = "zjj.public_rental"
SURVIVOR = "rsj.funeral_survivor"
# Two quick tries: a fault the test provokes fails fast instead of backing off for seconds.
FAST_RETRY = RetryPolicy(attempts=2, base_s=0.01, cap_s=0.02, budget_s=5)


def catalogue() -> Catalogue:
    """The shipped city catalogue, or the canonical matters while it is not built yet."""
    path = bundled_path()
    if not path.exists():
        path = resources_dir() / "catalogue" / "canonical.json"
    return read_catalogue(path, full=False)


def service(tmp_path: Path, clock: SteppingClock | None = None) -> CaseService:
    store = Store(tmp_path / "store.sqlite3")
    return CaseService(
        store,
        catalogue(),
        clock or SteppingClock(START),
        workstation="TRAIN-01",
        documents_dir=tmp_path / "documents",
    )


def sandbox_client(sandbox: Any) -> PlatformClient:
    """A client of the test sandbox (as the training workstation) that retries quickly and
    never sleeps between tries."""
    return PlatformClient(
        sandbox.url,
        Credentials(sandbox.workstation, sandbox.secret),
        retry=FAST_RETRY,
        sleep=lambda _: None,
    )


def answer(item: str, record: dict[str, object] | None, registry: str = "测试登记") -> LookupAnswer:
    return LookupAnswer(
        item=item,
        found=record is not None,
        record=record,
        provenance=Provenance(
            registry=registry,
            registry_code=item.split(".")[0],
            as_of="2026-11-26T00:00:00+08:00",
            receipt_id=f"R-{item}",
        ),
    )


def png() -> bytes:
    """A valid 1×1 PNG (what the signature pad exports, in miniature)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


STROKES = [[(10.0, 10.0, 0.5), (20.0, 14.0, 0.6), (30.0, 12.0, 0.4)]]


def confirm_identity(svc: CaseService, case_id: str, registered: str | None = None) -> None:
    """The population registry answers the case's identity question (as the sync worker or
    the fan-out would record it): alive, registered as ``registered`` (default: as typed)."""
    from clerkapp.core.identity import IDENTITY_CHECK

    name = registered or svc.get_case(case_id).applicant_name
    record = {"name": name, "alive": True}
    [row] = [
        r
        for r in svc.store.outbox.for_case(case_id)
        if r.payload.get("proof_code") == IDENTITY_CHECK and r.state == "open"
    ]
    found = answer("population.basic", record, "公安户籍")
    svc.record_lookup_answer(case_id, IDENTITY_CHECK, found, outbox_id=row.id)


def make_legacy(service: CaseService, case_id: str) -> None:
    """Turn a stored case into one written before the identity check existed: no ``identity``
    in its JSON, no identity question in the outbox."""
    store = service.store
    with store.atomic():
        [text] = store.conn.execute("SELECT json FROM cases WHERE id = ?", (case_id,)).fetchone()
        data = json.loads(text)
        del data["identity"]
        store.conn.execute(
            "UPDATE cases SET json = ? WHERE id = ?",
            (json.dumps(data, ensure_ascii=False), case_id),
        )
        for row in store.outbox.for_case(case_id):
            if row.payload.get("proof_code") == "@identity":
                store.conn.execute("DELETE FROM outbox WHERE id = ?", (row.id,))
