"""Large stores built fast for the benchmarks (issue 13: 100,000 and 1,000,000 cases).

Through the case service a case costs tens of milliseconds (a million would take hours), so the
rows are written in bulk — ``executemany`` in one transaction — but as the code writes them:
the same tables and columns, the keyed hash of the number
(:meth:`~clerkapp.infra.store.cases.CaseRepository.subject_hash`), the masked number, the
search key rows (:func:`clerkapp.infra.store.case_keys.key_rows`), the case JSON of a real
:class:`~clerkapp.core.case.Case` (one opened with :meth:`Case.open` and filled in per case),
four proof resolutions per case, a 文号 for every other case, and — when asked — the keyed
audit chain (:func:`build_audit`: the entries the service writes, hashed under the workstation's
audit key with the same canonical form as :meth:`AuditTrail.append`, the head in ``meta``).

About a third of the applicants come back for a second case. Returns samples of every key to
search for, each found in the store.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from clerkapp.core.case import Case
from clerkapp.core.catalogue import ApplicantKind, Catalogue, Matter
from clerkapp.core.idnumber import make_id_number, mask_id_number
from clerkapp.core.short_code import CROCKFORD, grouped
from clerkapp.infra import secret_vault
from clerkapp.infra.catalogue_io import bundled_path, read_catalogue
from clerkapp.infra.paths import resources_dir
from clerkapp.infra.store import Store, db_time
from clerkapp.infra.store.audit import canonical_json
from clerkapp.infra.store.audit_chain import keyed_entry_hash, read_marker
from clerkapp.infra.store.case_keys import insert_keys, key_rows

CHINA = timezone(timedelta(hours=8))
START = datetime(2024, 1, 2, 9, 0, tzinfo=CHINA)
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力永健宇浩凯婷雪梅琳"
SERIES = "金市住建决"
STATES = ("open", "accepted", "approved", "approved", "refused", "awaiting_correction")
PROOF_STATES = ("satisfied", "awaiting_dept", "waived", "pledged", "not_satisfied")
#: The audit entries of one case as the case service writes them (action, data).
CASE_ENTRIES: tuple[tuple[str, dict[str, object]], ...] = (
    ("case_created", {"matter": "zjj.public_rental", "proofs": 5}),
    ("identity_requested", {}),
    ("identity_checked", {"outcome": "matched", "receipt": "R-1"}),
    ("lookup_sent", {"proof": "zjj.public_rental.family_economic"}),
    ("lookup_answered", {"proof": "zjj.public_rental.family_economic", "receipt": "R-1",
                         "satisfied": True}),
    ("lookup_sent", {"proof": "zjj.public_rental.vehicle"}),
    ("lookup_answered", {"proof": "zjj.public_rental.vehicle", "receipt": "R-1",
                         "satisfied": True}),
    ("verification_sent", {"proof": "zjj.public_rental.homestead", "ticket": ""}),
    ("verification_answered", {"confirmed": True, "proof": "zjj.public_rental.homestead",
                               "ticket": "T-1"}),
    ("decided", {"decision": "approve", "override": False}),
    ("printed", {"copy_no": 1, "kind": "decision", "number": "金市住建决〔2026〕1号",
                 "provisional": False, "sha256": "1e47a24e67fcf99c9b50eaadf4047a8a3e33fe6794e6"}),
)  # fmt: skip


@dataclass
class Built:
    """What was built: how many cases, and samples of each key to search for (``id``: full
    numbers, ``name``: 2-character starts, ``family``: 1 character, ``full_name``, ``tail``:
    last four of the number, ``doc``: 文号, ``code``: 查询码, ``case``: 办件编号)."""

    cases: int = 0
    samples: dict[str, list[str]] = field(default_factory=dict)


def catalogue() -> Catalogue:
    """The bundled catalogue (the canonical one in a source checkout without a bundle)."""
    path = bundled_path()
    if not path.exists():
        path = resources_dir() / "catalogue" / "canonical.json"
    return read_catalogue(path, full=False)


def _json_templates(cat: Catalogue, matters: list[Matter]) -> dict[str, str]:
    """Each matter's case JSON (as :meth:`CaseRepository.insert` writes it) with placeholders
    for what differs per case."""
    templates = {}
    for matter in matters:
        case = Case.open(
            "@ID@",
            matter,
            cat.proofs_of(matter),
            ApplicantKind.PERSON,
            "330702199003151234",
            "@NAME@",
            START,
            "@TOKEN@",
            "@CODE@",
        )
        text = json.dumps(case.to_dict(), ensure_ascii=False, sort_keys=True)
        templates[matter.code] = text.replace("330702199003151234", "@NUMBER@")
    return templates


def build_cases(
    store: Store,
    cases: int,
    *,
    seed: int = 9,
    samples: int = 200,
    start: datetime = START,
    workstation: str = "BENCH01",
    chunk: int = 50_000,
) -> Built:
    """Add ``cases`` cases to ``store`` in bulk (one transaction per ``chunk``); returns samples
    of the keys to search for."""
    rng = random.Random(seed)
    cat = catalogue()
    matters = [
        m for m in cat.matters.values() if m.applicant_kind.value == "person" and not m.related
    ][:40]
    templates = _json_templates(cat, matters)
    people: list[tuple[str, str]] = []
    keys: dict[str, list[str]] = {
        k: [] for k in ("id", "name", "family", "full_name", "tail", "doc", "code", "case")
    }
    at = start
    done = 0
    conn = store.conn
    # A bulk load: a large page cache for the random-order indexes (hashes, codes, tokens),
    # no fsync per transaction (a benchmark's file: a crash loses nothing worth keeping).
    conn.execute("PRAGMA cache_size = -524288")
    conn.execute("PRAGMA synchronous = OFF")
    while done < cases:
        rows, proofs, claims, search = [], [], [], []
        for n in range(done, min(cases, done + chunk)):
            at += timedelta(seconds=rng.randint(6, 90))
            if people and rng.random() < 0.33:
                number, name = rng.choice(people)  # a returning applicant
            else:
                birth = date(1940, 1, 1) + timedelta(days=rng.randrange(60 * 365))
                number = make_id_number("330702", birth, rng.randrange(1, 999))
                name = rng.choice(FAMILY) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
                people.append((number, name))
            matter = matters[n % len(matters)]
            case_id = f"{at.astimezone(CHINA):%Y%m%d}-{workstation}-{n:07d}"
            code = "".join(rng.choices(CROCKFORD, k=12))
            created = db_time(at)
            masked = mask_id_number(number)
            token = f"token-{workstation}-{n}"
            text = (
                templates[matter.code]
                .replace("@ID@", case_id)
                .replace("@NAME@", name)
                .replace("@TOKEN@", token)
                .replace("@CODE@", code)
                .replace("@NUMBER@", number)
            )
            rows.append(
                (case_id, matter.code, matter.name, "person", number,
                 store.cases.subject_hash(number), masked, name, rng.choice(STATES), text,
                 "bench", workstation, created, created, code, token)
            )  # fmt: skip
            proofs += [
                (case_id, f"p{i}", "data_query", rng.choice(PROOF_STATES), created)
                for i in range(4)
            ]
            search += key_rows(case_id, created, name, masked)
            if n % 2 == 0:
                claims.append((SERIES, at.year, n // 2 + 1, case_id, "decision"))
                keys["doc"].append(f"{SERIES}〔{at.year}〕{n // 2 + 1}号")
            keys["id"].append(number)
            keys["name"].append(name[:2])
            keys["family"].append(name[:1])
            keys["full_name"].append(name)
            keys["tail"].append(masked[-4:])
            keys["code"].append(grouped(code))
            keys["case"].append(case_id)
        _write(store, rows, proofs, claims, search)
        done += len(rows)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -2000")
    conn.execute("PRAGMA optimize")
    picked = {kind: rng.sample(values, min(samples, len(values))) for kind, values in keys.items()}
    return Built(done, picked)


def _write(
    store: Store,
    rows: list[tuple[object, ...]],
    proofs: list[tuple[object, ...]],
    claims: list[tuple[object, ...]],
    search: list[tuple[str, str, str]],
) -> None:
    with store.atomic():
        conn = store.conn
        conn.executemany(
            "INSERT INTO cases(id, matter_code, matter_name, applicant_kind, applicant_id,"
            " applicant_id_hash, applicant_id_masked, applicant_name, state, json, clerk,"
            " workstation, created_at, updated_at, short_code, tracking_token)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO proof_resolutions(case_id, code, method, state, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            proofs,
        )
        conn.executemany(
            "INSERT INTO document_number_claims(office, year, number, case_id, kind)"
            " VALUES (?, ?, ?, ?, ?)",
            claims,
        )
        insert_keys(conn, search)


def build_audit(store: Store, entries: int, *, chunk: int = 100_000) -> int:
    """Append ``entries`` audit entries to the store's keyed chain in bulk — the entries of
    cases (:data:`CASE_ENTRIES` in turn), hashed as :meth:`AuditTrail.append` hashes them —
    and move the head in ``meta``; returns the entry count."""
    marker = read_marker(store.conn)
    key = secret_vault.audit_key(create=False)
    if marker is None or key is None:
        raise RuntimeError("the store has no keyed audit chain")
    conn = store.conn
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (0, "0" * 64) if last is None else (int(last[0]), str(last[1]))
    at = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    written = 0
    while written < entries:
        batch = []
        for _ in range(min(chunk, entries - written)):
            seq += 1
            action, data = CASE_ENTRIES[seq % len(CASE_ENTRIES)]
            case_id = f"20260105-BENCH01-{seq // len(CASE_ENTRIES):07d}"
            at += timedelta(milliseconds=700)
            row = {
                "seq": seq,
                "at": db_time(at),
                "actor": "bench",
                "workstation": "BENCH-01",
                "case_id": case_id,
                "action": action,
                "data": canonical_json(data),
            }
            digest = keyed_entry_hash(key.key, prev, canonical_json(row))
            batch.append((*row.values(), prev, digest))
            prev = digest
        with store.atomic():
            conn.executemany(
                "INSERT INTO audit(seq, at, actor, workstation, case_id, action, data,"
                " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
            store.set_meta("audit_head", f"{seq}:{prev}")
        written += len(batch)
    return seq
