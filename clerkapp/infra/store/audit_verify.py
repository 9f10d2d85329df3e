"""Verifying the audit trail (``clerkapp audit verify``): the chain walk, the keyed part under the
workstation's audit key, the anchors the platform confirmed, and each decided case's state in
``cases`` bound to its audit entries. Every problem is named in words (Chinese, for the person
who runs the check); the first broken entry is pinpointed.

Works on any connection that can read the store (the application's snapshot, or the read-only
connection of ``verify --db``): it never writes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from clerkapp.infra.office_clock import show_time
from clerkapp.infra.secret_vault import AuditKey
from clerkapp.infra.store.audit_chain import (
    AuditAnchor,
    ChainMarker,
    MarkerDamaged,
    keyed_entry_hash,
    read_marker,
)

GENESIS = "0" * 64
KEYED_SCHEMA = 6  # the migration that started the keyed chain
CONTENT_KEYS = ("seq", "at", "actor", "workstation", "case_id", "action", "data")

# The case states an audit entry sets, and the words a person reads for them.
_STATE_OF_ACTION = {"withdrawn": "withdrawn", "not_accepted": "not_accepted"}
_STATE_OF_DECISION = {"approve": "approved", "refuse": "refused", "accept": "accepted"}
BOUND_STATES = frozenset({"approved", "refused", "accepted", "withdrawn", "not_accepted"})
STATE_WORDS = {
    "open": "办理中",
    "accepted": "已受理",
    "approved": "已办结（准予）",
    "refused": "已办结（不予）",
    "withdrawn": "已撤回",
    "awaiting_correction": "待补正",
    "not_accepted": "不予受理",
}
MAX_CASES_NAMED = 10


@dataclass(frozen=True)
class BrokenEntry:
    """The first place the chain does not hold: ``problem`` says what differs (Chinese)."""

    seq: int
    action: str
    at: str
    problem: str


@dataclass(frozen=True)
class AuditReport:
    """Result of a verification: ``intact`` entries before the first break (``broken``), and
    ``findings``: every other problem found (key, anchors, cases), in words."""

    intact: int
    broken: BrokenEntry | None
    findings: tuple[str, ...] = ()
    count: int = 0  # entries in the table
    keyed_from: int | None = None  # first keyed entry (None: no keyed chain)
    key_id: str | None = None
    chain: str | None = None
    anchors_checked: int = 0
    since: int = 0  # entries before this one were checked earlier (the start-up check)

    @property
    def ok(self) -> bool:
        """Whether the whole trail holds."""
        return self.broken is None and not self.findings


# One encoder for the whole walk: json.dumps with options builds a new encoder on every call.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _content_json(row: Mapping[str, Any]) -> str:
    # ``data`` is hashed as the stored text, so any edit to the column shows. The same text as
    # clerkapp.infra.store.audit.canonical_json of the same content.
    return _CANONICAL.encode({key: row[key] for key in CONTENT_KEYS})


def plain_entry_hash(prev_hash: str, content_json: str) -> str:
    """The unkeyed (pre-schema-5) chain hash of one entry."""
    return hashlib.sha256((prev_hash + content_json).encode()).hexdigest()


def verify_trail(
    conn: sqlite3.Connection,
    key: AuditKey | None,
    anchors: Sequence[AuditAnchor] = (),
    *,
    key_problem: str | None = None,
) -> AuditReport:
    """Check the store open on ``conn`` (read only) under ``key`` (None: this workstation has no
    audit key; ``key_problem`` says why when it could not be read) against ``anchors``."""
    conn.row_factory = sqlite3.Row
    findings: list[str] = []
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    marker: ChainMarker | None = None
    try:
        marker = read_marker(conn)
    except MarkerDamaged:
        findings.append("审计链格式标记已损坏（meta 表被改动）")
    if marker is None and version >= KEYED_SCHEMA and not findings:
        findings.append("审计链格式标记缺失（meta 表被改动）：带密钥的记录无法核对")
    usable = _usable_key(marker, key, key_problem, findings)
    keyed_from = marker.keyed_from if marker is not None else None
    first_keyed = keyed_from if keyed_from is not None else (1 if version >= KEYED_SCHEMA else 0)

    walk = walk_chain(conn, first_keyed, usable, version)
    intact, broken = walk.intact, walk.broken
    count = int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    if broken is None:
        broken = check_head(conn, intact, walk.head, walk.last)
    findings.extend(check_anchors(conn, anchors, count))
    findings.extend(check_cases(conn))
    if usable is not None and marker is not None:
        from clerkapp.infra.store.audit_checkpoint import checkpoint_findings

        findings.extend(checkpoint_findings(conn, marker, usable))
    return AuditReport(
        intact=intact,
        broken=broken,
        findings=tuple(findings),
        count=count,
        keyed_from=keyed_from,
        key_id=marker.key_id if marker else None,
        chain=marker.chain if marker else None,
        anchors_checked=len(anchors),
    )


_COLUMNS = "seq, at, actor, workstation, case_id, action, data, prev_hash, hash"
_ENCODE = json.encoder.encode_basestring  # the C encoder json.dumps uses (ensure_ascii=False)


@dataclass(frozen=True)
class ChainWalk:
    """How far the chain holds: ``intact`` is the last entry that holds (its hash ``head``,
    the entry itself ``last``), ``broken`` the first one that does not (None: none)."""

    intact: int
    head: str
    last: Mapping[str, Any] | None
    broken: BrokenEntry | None


def walk_chain(
    conn: sqlite3.Connection,
    first_keyed: int,
    key: bytes | None,
    version: int,
    *,
    after: int = 0,
    head: str = GENESIS,
) -> ChainWalk:
    """Walk the chain from entry ``after + 1`` on (``head``: entry ``after``'s hash).

    The keyed entries go through one fast path — the canonical JSON of the row written
    directly with the C string encoder, one HMAC — and any row it cannot vouch for goes
    through :func:`_check`, which names what is wrong (issue 13: ≥ 300k entries/s)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(f"SELECT {_COLUMNS} FROM audit WHERE seq > ? ORDER BY seq", (after,))
    prev, expected, last = head, after + 1, None
    start = first_keyed or 0
    hmac_of = _hmac_hex(key) if key is not None and start > 0 else None
    enc = _ENCODE
    quoted: dict[Any, str] = {None: "null"}  # actors, workstations, cases repeat: quoted once
    for row in cursor:
        seq, at, actor, station, case_id, action, data, prev_hash, stored = row
        if (
            hmac_of is not None
            and seq == expected
            and seq >= start
            and prev_hash == prev
            and type(at) is str
            and type(action) is str
            and type(data) is str
        ):
            try:
                a, w, c = quoted[actor], quoted[station], quoted[case_id]
            except (KeyError, TypeError):
                a, w, c = _quote(quoted, actor), _quote(quoted, station), _quote(quoted, case_id)
            if a and w and c:
                content = (
                    f'{prev}{{"action":{enc(action)},"actor":{a},"at":{enc(at)},"case_id":{c},'
                    f'"data":{enc(data)},"seq":{seq},"workstation":{w}}}'
                )
                if hmac_of(content.encode()) == stored:
                    prev, expected, last = stored, expected + 1, row
                    continue
        entry = dict(zip(_COLUMNS.split(", "), row, strict=True))
        broken = _check(entry, expected, prev, _named(last), first_keyed, key, version)
        if broken is not None:
            return ChainWalk(expected - 1, prev, _named(last), broken)
        prev, expected, last = str(stored), expected + 1, row
    return ChainWalk(expected - 1, prev, _named(last), None)


def _quote(cache: dict[Any, str], value: Any) -> str:
    """The JSON of a text (or null) column, cached; "" for any other type (the slow path)."""
    if value is not None and type(value) is not str:
        return ""
    if len(cache) > 10_000:
        cache.clear()
        cache[None] = "null"
    text = cache[value] = "null" if value is None else _ENCODE(value)
    return text


def _hmac_hex(key: bytes) -> Callable[[bytes], str]:
    """HMAC-SHA256 under ``key`` (RFC 2104), the padded key's two states computed once: a
    third of :func:`hmac.digest`'s time per short message."""
    block = key if len(key) <= 64 else hashlib.sha256(key).digest()
    block = block.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def hex_of(message: bytes) -> str:
        i = inner.copy()
        i.update(message)
        o = outer.copy()
        o.update(i.digest())
        return o.hexdigest()

    return hex_of


def _named(row: Sequence[Any] | None) -> Mapping[str, Any] | None:
    return None if row is None else dict(zip(_COLUMNS.split(", "), row, strict=True))


def _usable_key(
    marker: ChainMarker | None, key: AuditKey | None, key_problem: str | None, out: list[str]
) -> bytes | None:
    if marker is None:
        return None
    if key is None:
        why = f"（{key_problem}）" if key_problem else ""
        out.append(
            f"本机没有审计密钥{why}：第 {marker.keyed_from} 条起带密钥的记录无法核对"
            "（密钥丢失，或数据库来自其他工作站）"
        )
        return None
    if key.key_id != marker.key_id:
        out.append(
            f"审计密钥不符：本数据库的审计链用密钥 {marker.key_id} 签署，本机密钥为 {key.key_id}"
            "（数据库来自其他工作站，或本机密钥被更换）"
        )
        return None
    if not marker.holds_under(key.key):
        out.append("审计链格式标记被改动（与本机审计密钥不符）：带密钥记录的起点或链编号被改写")
        return None
    return key.key


def _check(
    row: Mapping[str, Any],
    expected: int,
    prev_hash: str,
    last: Mapping[str, Any] | None,
    first_keyed: int,
    key: bytes | None,
    version: int,
) -> BrokenEntry | None:
    seq = int(row["seq"])
    action, at = str(row["action"]), str(row["at"])
    if seq != expected:
        after = f"（第 {last['seq']} 条之后）" if last else ""
        # The missing entry's own action and time are gone: the row found is its successor.
        return BrokenEntry(
            seq=expected,
            action="",
            at="",
            problem=f"缺少第 {expected} 条记录{after}：序号跳到 {seq}（记录被删除）",
        )
    if row["prev_hash"] != prev_hash:
        return BrokenEntry(
            seq=seq,
            action=action,
            at=at,
            problem="与上一条记录的哈希链接断开（上一条被改写，或记录顺序被调换）",
        )
    content = _content_json(row)
    if first_keyed and seq >= first_keyed:
        if key is None:
            return None  # no usable key: the links alone are checked (the finding says why)
        if keyed_entry_hash(key, prev_hash, content) != row["hash"]:
            return BrokenEntry(
                seq=seq,
                action=action,
                at=at,
                problem="记录内容与其密钥哈希不符（记录被改动、调换或没有审计密钥的人重新链接）",
            )
        return None
    if plain_entry_hash(prev_hash, content) != row["hash"]:
        return BrokenEntry(
            seq=seq, action=action, at=at, problem="记录内容与其哈希不符（记录被改动或调换）"
        )
    return None


def check_head(
    conn: sqlite3.Connection, count: int, prev_hash: str, last: Mapping[str, Any] | None
) -> BrokenEntry | None:
    found = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if found is None:
        return None
    head_seq, head_hash = str(found[0]).split(":", 1)
    if int(head_seq) == count and head_hash == prev_hash:
        return None
    missing = int(head_seq) - count
    problem = (
        f"末尾缺少 {missing} 条记录（已被删除）"
        if missing > 0
        else "链尾与记录的链头不符（链头之后有来历不明的记录或链尾被改写）"
    )
    return BrokenEntry(
        seq=count + 1 if missing > 0 else count,
        # Deleted newest entries left nothing to show; otherwise the last one.
        action=str(last["action"]) if last and missing <= 0 else "",
        at=str(last["at"]) if last and missing <= 0 else "",
        problem=problem,
    )


def check_anchors(
    conn: sqlite3.Connection, anchors: Sequence[AuditAnchor], count: int
) -> list[str]:
    """The newest anchor the trail contradicts, named (one finding at most)."""
    if not anchors:
        return []
    wanted = sorted({a.count for a in anchors if a.count > 0})
    hashes: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" for _ in part)
        for seq, digest in conn.execute(
            f"SELECT seq, hash FROM audit WHERE seq IN ({marks})", part
        ).fetchall():
            hashes[int(seq)] = str(digest)
    for anchor in sorted(anchors, key=lambda a: (a.count, a.at), reverse=True):
        if anchor.count == 0:
            continue
        when = f"{show_time(anchor.at)} 平台存证"  # the office's wall time, for a person
        if count == 0:
            return [f"审计链为空，但 {when}时已有 {anchor.count} 条（审计记录被清空）"]
        found = hashes.get(anchor.count)
        if found is None:
            return [
                f"审计链只有 {count} 条，少于 {when}的 {anchor.count} 条（末尾记录被截断或删除）"
            ]
        if found != anchor.head:
            return [
                f"第 {anchor.count} 条与 {when}的链头不符"
                "（该条或之前的记录被改写、调换或删除后重新链接）"
            ]
    return []


def check_cases(conn: sqlite3.Connection, only: Sequence[str] | None = None) -> list[str]:
    """Each case whose state an audit entry sets must say in ``cases`` what its last such entry
    says (a decided case edited in the table is named); ``only``: just these cases."""
    expected: dict[str, str] = {}
    audit_sql = (
        "SELECT case_id, action, CASE WHEN json_valid(data)"
        " THEN json_extract(data, '$.decision') END FROM audit"
        " WHERE action IN ('decided', 'withdrawn', 'not_accepted') AND case_id IS NOT NULL"
    )
    cases_sql = (
        "SELECT id, state, CASE WHEN json_valid(json) THEN json_extract(json, '$.state') END"
        " FROM cases"
    )
    audit_rows: list[Any] = []
    case_rows: list[Any] = []
    if only is None:
        audit_rows = conn.execute(audit_sql + " ORDER BY seq").fetchall()
        case_rows = conn.execute(cases_sql).fetchall()
    else:
        for start in range(0, len(only), 500):
            part = list(only[start : start + 500])
            marks = ",".join("?" * len(part))
            audit_rows += conn.execute(
                f"{audit_sql} AND case_id IN ({marks}) ORDER BY seq", part
            ).fetchall()
            case_rows += conn.execute(f"{cases_sql} WHERE id IN ({marks})", part).fetchall()
    # json_extract in SQLite: no case JSON is parsed in Python (100k cases stay quick).
    for case_id, action, decision in audit_rows:
        state = _STATE_OF_ACTION.get(str(action)) or _STATE_OF_DECISION.get(str(decision))
        if state is not None:
            expected[str(case_id)] = state
    wrong: list[str] = []
    for case_id, column_state, json_state in case_rows:
        case_id = str(case_id)
        audited = expected.get(case_id)
        for shown in (str(column_state), str(json_state) if json_state else str(column_state)):
            if shown not in BOUND_STATES and audited is None:
                continue
            if shown == audited:
                continue
            words = STATE_WORDS.get(shown, shown)
            if audited is None:
                wrong.append(f"办件 {case_id} 在 cases 表中为“{words}”，审计记录中没有这一决定")
            else:
                wrong.append(
                    f"办件 {case_id} 在 cases 表中为“{words}”，"
                    f"审计记录为“{STATE_WORDS.get(audited, audited)}”（cases 表被改动）"
                )
            break
    if len(wrong) > MAX_CASES_NAMED:
        more = len(wrong) - MAX_CASES_NAMED
        wrong = [*wrong[:MAX_CASES_NAMED], f"……另有 {more} 件办件的状态与审计记录不符"]
    return wrong
