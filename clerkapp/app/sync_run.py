"""Draining the outbox without the GUI (``clerkapp sync``): a scheduled task sends what the
counter queued while no clerk is logged in, as actor ``system``.

:func:`run_sync` asks the platform's health first (in training mode the answer must come from a
training sandbox: training work never goes anywhere else), then drains — once, or pass after
pass while passes still send something (bounded) — under the store's sync lock, so a GUI running
on the same store never sends the same row too. It returns a :class:`SyncRun`: what was sent,
what waits and why (offline, backoff until …, a department's answer), and what needs a person;
:meth:`SyncRun.exit_code` says which (0 all sent, 3 some wait, 4 some need a person, 1 error).
Nothing in it is personal data (items name their case, kind and proof; reasons are masked).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clerkapp.app.needs_person import KIND_LABELS, NeedsPersonDesk, reason_of
from clerkapp.app.sync import SyncWorker
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import PlatformError
from clerkapp.infra.office_clock import show_time
from clerkapp.infra.store import OutboxRow
from clerkapp.infra.store.db import Store, db_time

if TYPE_CHECKING:
    from clerkapp.app.case_service import CaseService
    from clerkapp.infra.platform import PlatformClient

EXIT_SENT, EXIT_ERROR, EXIT_WAITING, EXIT_NEEDS_PERSON = 0, 1, 3, 4
MAX_PASSES = 20  # without --once: at most this many drains …
MAX_SECONDS = 300.0  # … and this long, so a scheduled task always ends
LOCK_WAIT_S = 60.0  # how long to wait for a GUI's drain on the same store to finish
SHORT_WAIT_S = 2.0  # a row due this soon after a pass that sent something: one more pass


@dataclass
class SyncRun:
    """What ``clerkapp sync`` did and found (JSON-friendly through :meth:`as_json`)."""

    platform: str  # online / offline / not_training / busy
    platform_note: str = ""
    passes: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)
    needs_person: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""

    @property
    def exit_code(self) -> int:
        """0 all sent, 4 some need a person, 3 some wait (and none needs a person), 1 error."""
        if self.error:
            return EXIT_ERROR
        if self.needs_person:
            return EXIT_NEEDS_PERSON
        if self.waiting:
            return EXIT_WAITING
        return EXIT_SENT

    def counts(self) -> dict[str, int]:
        """How many were sent, wait and need a person."""
        return {
            "sent": len(self.sent),
            "waiting": len(self.waiting),
            "needs_person": len(self.needs_person),
        }

    def as_json(self) -> dict[str, Any]:
        """The one JSON object ``clerkapp sync --json`` prints."""
        return {
            "platform": self.platform,
            "platform_note": self.platform_note,
            "passes": self.passes,
            "counts": self.counts(),
            "sent": self.sent,
            "waiting": self.waiting,
            "needs_person": self.needs_person,
            "error": self.error,
            "exit_code": self.exit_code,
        }


def probe(client: PlatformClient, *, training: bool) -> tuple[str, str]:
    """Whether the platform answers (``online`` / ``offline`` / ``not_training``) and why not."""
    from clerkapp.infra.platform import INTERACTIVE_RETRY, INTERACTIVE_TIMEOUTS

    try:
        answer = client.with_options(
            retry=INTERACTIVE_RETRY, timeouts=INTERACTIVE_TIMEOUTS
        ).health()
    except PlatformError as exc:
        return "offline", QT_TRANSLATE_NOOP(
            "SyncRun", "平台无法连接（{base_url}）：{user_message}"
        ).format(base_url=client.base_url, user_message=exc.user_message)
    if training and answer.get("training") is not True:
        # Training work is never sent to anything but a training sandbox.
        return "not_training", QT_TRANSLATE_NOOP(
            "SyncRun", "{base_url} 上运行的不是培训沙箱，培训数据不发送"
        ).format(base_url=client.base_url)
    return "online", ""


def run_sync(
    service: CaseService,
    client: PlatformClient,
    *,
    training: bool,
    once: bool = False,
    max_passes: int = MAX_PASSES,
    max_seconds: float = MAX_SECONDS,
    lock_wait_s: float = LOCK_WAIT_S,
) -> SyncRun:
    """Drain the outbox of ``service``'s store through ``client`` (see the module docstring)."""
    store = service.store
    started_at = service.clock()
    state, note = probe(client, training=training)
    run = SyncRun(platform=state, platform_note=note)
    if state == "online":
        worker = SyncWorker(store, service, client, service.clock, lock_wait_s=lock_wait_s)
        deadline = time.monotonic() + max_seconds
        while True:
            report = worker.drain()
            if report.busy:
                run.platform = "busy"
                run.error = QT_TRANSLATE_NOOP(
                    "SyncRun", "另一个程序正在同步本工作站的数据，请稍后再试"
                )
                break
            run.passes += 1
            if once or report.sent == 0 or run.passes >= max_passes:
                break
            # Rows held back a moment (a case's later progress operations behind a failed
            # earlier one) are waited for; a retry backoff or a department's poll is not.
            wait_s = _due_in(store, service.clock())
            if wait_s is None or wait_s > SHORT_WAIT_S or time.monotonic() + wait_s > deadline:
                break
            time.sleep(wait_s)
    run.sent = _sent_since(store, started_at)
    run.waiting = [_waiting(row, run) for row in _open_rows(store)]
    run.needs_person = [
        {
            "id": item.row_id,
            "kind": item.kind,
            "kind_label": item.kind_label,
            "case_id": item.case_id,
            "proof": item.proof_name,
            "code": item.code,
            "reason": item.reason,
            "attempts": item.attempts,
        }
        for item in NeedsPersonDesk(service).items()
    ]
    return run


def _due_in(store: Store, now: datetime) -> float | None:
    """Seconds until the next open row falls due (0: due now; None: nothing open)."""
    due = store.outbox.next_due_at()
    return None if due is None else max(0.0, (due - now).total_seconds())


def _open_rows(store: Store) -> list[OutboxRow]:
    """Every open row, due or not (oldest due first)."""
    return store.outbox.due(datetime(9999, 1, 1, tzinfo=UTC), limit=100_000)


def _sent_since(store: Store, since: datetime) -> list[dict[str, Any]]:
    with store.read():
        found = store.conn.execute(
            "SELECT id, kind, case_id, answer FROM outbox WHERE state = 'sent' AND sent_at >= ?"
            " ORDER BY id",
            (db_time(since),),
        ).fetchall()
    return [
        {"id": int(i), "kind": str(k), "kind_label": KIND_LABELS.get(k, k), "case_id": c}
        for i, k, c, answer in found
        if '"cancelled"' not in (answer or "")  # withdrawn by a person or a decision: not sent
    ]


def _waiting(row: OutboxRow, run: SyncRun) -> dict[str, Any]:
    """One open row and why it waits, in words."""
    until = row.next_attempt_at
    error = row.last_error or ""
    if run.platform != "online":
        why, reason = "offline", run.platform_note or QT_TRANSLATE_NOOP("SyncRun", "平台无法连接")
    elif error.startswith("waiting:"):
        why, reason = "department", QT_TRANSLATE_NOOP("SyncRun", "等待部门答复")
    elif error.startswith("waiting for an earlier"):
        why, reason = "order", QT_TRANSLATE_NOOP("SyncRun", "等待同一办件的前序操作")
    elif error:
        when = (
            QT_TRANSLATE_NOOP("SyncRun", "，{show_time} 后重试").format(show_time=show_time(until))
            if until
            else ""
        )
        why, reason = (
            "backoff",
            QT_TRANSLATE_NOOP("SyncRun", "上次发送失败（{reason_of}）{when}").format(
                reason_of=reason_of(error)[1], when=when
            ),
        )
    else:
        why, reason = (
            "not_due",
            QT_TRANSLATE_NOOP("SyncRun", "{show_time} 后发送").format(show_time=show_time(until))
            if until
            else QT_TRANSLATE_NOOP("SyncRun", "待发送"),
        )
    return {
        "id": row.id,
        "kind": row.kind,
        "kind_label": KIND_LABELS.get(row.kind, row.kind),
        "case_id": row.case_id,
        "attempts": row.attempts,
        "next_attempt_at": until.isoformat() if until else None,
        "why": why,
        "reason": reason,
    }


def summary_lines(run: SyncRun) -> list[str]:
    """``clerkapp sync``'s words for people (office time, no personal data)."""
    lines: list[str] = []
    if run.platform_note:
        lines.append(run.platform_note)
    by_kind = Counter(item["kind_label"] for item in run.sent)
    detail = "，".join(f"{k} {n}" for k, n in sorted(by_kind.items()))
    lines.append(f"已发送 {len(run.sent)} 项" + (f"（{detail}）" if detail else ""))
    lines.append(f"等待发送 {len(run.waiting)} 项")
    for item in run.waiting[:50]:
        lines.append(
            f"  · #{item['id']} {item['kind_label']} {item['case_id'] or ''}：{item['reason']}"
        )
    lines.append(f"需人工处理 {len(run.needs_person)} 项")
    for item in run.needs_person[:50]:
        lines.append(
            f"  · #{item['id']} {item['kind_label']} {item['case_id'] or ''} "
            f"{item['proof']}：{item['reason']}"
        )
    if run.error:
        lines.append(run.error)
    return lines
