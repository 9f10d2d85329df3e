"""Kill drills for exactly-once on both sides of the wire (issue 10, part 6).

- ``sandbox``: a client store drains queued operations (registrations, look-ups, verifications,
  credit reports, progress events) to a real ``clerkapp platform serve`` process that is SIGKILLed
  at random moments and restarted on the same port; the drain goes on after each restart.
- ``app``: a driver process saves bundles of operations (case audit entry + outbox rows in one
  transaction) while its sync worker drains them; it is SIGKILLed at random moments and started
  again; after each kill the store's integrity_check is ok and its audit chain verifies.

At the end the sandbox is stopped and its SQLite state and audit file are read: every operation
must have been applied exactly once (zero lost, zero doubled) and no progress event appears twice
on a public page. ``tests/integration/test_kill_drills.py`` runs short drills in CI; this script
runs the long soak::

    python tools/soak_kills.py --side sandbox --kills 200
    python tools/soak_kills.py --side app --kills 200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clerkapp.app.sync import SyncWorker  # noqa: E402
from clerkapp.infra.platform import Credentials, PlatformClient  # noqa: E402
from clerkapp.infra.platform.options import RetryPolicy  # noqa: E402
from clerkapp.infra.store import Store  # noqa: E402
from clerkapp.sandbox.config import TRAINING_SECRET, TRAINING_WORKSTATION  # noqa: E402

PURPOSE = "matter:zjj.public_rental"
SUBJECT = {"id_number": "330702198503120316"}  # a demo subject (李明)
#: The operations of one bundle (one case): what each leaves on the sandbox, counted per case.
OPS = ("register", "lookup", "verification", "credit_report", "event:e0", "event:e1")
QUICK = RetryPolicy(attempts=3, base_s=0.02, cap_s=0.1, budget_s=2.0)


class Recorder:
    """Accepts every answer (the drills count on the sandbox, not in cases)."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def enqueue_bundle(store: Store, case_id: str, now: datetime) -> None:
    """One case's six operations, saved in one transaction with a case audit entry."""
    ctx = {"official": "wangxiao", "purpose": PURPOSE}
    digest = hashlib.sha256(case_id.encode()).hexdigest()
    token, code = "tk_" + digest[:40], "C" + digest[40:51].upper()
    subject = dict(SUBJECT)
    with store.atomic():
        store.audit.append("case_created", at=now, actor="wangxiao", case_id=case_id)
        outbox = store.outbox
        outbox.enqueue(
            "progress_register",
            case_id,
            {
                **ctx,
                "token": token,
                "short_code": code,
                "matter_name": "公共租赁住房申请",
                "office": "金华市住建局",
                "expected_completion": None,
            },
            f"{case_id}:register",
            now=now,
        )
        outbox.enqueue(
            "lookup",
            case_id,
            {**ctx, "item": "population.basic", "subject": subject, "proof_code": "p1"},
            f"{case_id}:lookup",
            now=now,
        )
        outbox.enqueue(
            "verification",
            case_id,
            {
                **ctx,
                "proof_code": "p2",
                "department": "自然资源局",
                "question": "宅基地是否属实",
                "subject": subject,
            },
            f"{case_id}:verification",
            now=now,
        )
        outbox.enqueue(
            "credit_report",
            case_id,
            {**ctx, "proof_code": "p3", "reason": "演练：承诺不实", "subject": subject},
            f"{case_id}:credit_report",
            now=now,
        )
        for n in range(2):
            outbox.enqueue(
                "progress_event",
                case_id,
                {
                    **ctx,
                    "token": token,
                    "status": "accepted",
                    "label": f"e{n}",
                    "at": (now + timedelta(seconds=n)).isoformat(),
                },
                f"{case_id}:event:e{n}",
                now=now,
            )


class SandboxProcess:
    """``clerkapp platform serve`` on a data directory, killed and restarted on its port."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        self.data_dir = data_dir
        self.extra = extra
        self.port = 0
        self.url = ""
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        """Start it (on the port of the first start) and wait until it serves; its URL."""
        ready = self.data_dir.parent / f"{self.data_dir.name}.ready"
        ready.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "clerkapp",
                "platform",
                "serve",
                "--port",
                str(self.port),
                "--data",
                str(self.data_dir),
                "--people",
                "50",
                "--ready-file",
                str(ready),
                *self.extra,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"sandbox did not start (exit {self.proc.returncode})")
            time.sleep(0.01)
        self.url = ready.read_text(encoding="utf-8").strip()
        self.port = int(self.url.rsplit(":", 1)[1])
        return self.url

    def kill(self) -> None:
        """SIGKILL, and reap."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        """A clean stop (SIGTERM)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)


@dataclass
class Tally:
    """What a drill did and found."""

    kills: int = 0
    operations: int = 0
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    replayed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the report."""
        return (
            f"kills={self.kills} operations={self.operations} lost={len(self.lost)}"
            f" doubled={len(self.doubled)} problems={len(self.problems)}"
            f" seconds={self.seconds:.1f}"
        )


def applied(data_dir: Path) -> Counter[str]:
    """Operations applied on a (stopped) sandbox, as ``case:op`` counts, from its state store
    and its audit file; also checks that the audit file's sequence numbers are unique."""
    counts: Counter[str] = Counter()
    conn = sqlite3.connect(data_dir / "sandbox.sqlite3")
    try:
        for (case,) in conn.execute("SELECT case_id FROM tickets"):
            counts[f"{case}:verification"] += 1
        for (case,) in conn.execute("SELECT case_id FROM credit_reports"):
            counts[f"{case}:credit_report"] += 1
        for case, label in conn.execute(
            "SELECT o.case_id, e.label FROM progress_events e JOIN progress_owners o"
            " ON o.token = e.token"
        ):
            counts[f"{case}:event:{label}"] += 1
    finally:
        conn.close()
    seqs: Counter[int] = Counter()
    with (data_dir / "audit.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            entry = json.loads(line)
            seqs[int(entry.get("seq", 0))] += 1
            if entry["action"] == "lookup":
                counts[f"{entry['case']}:lookup"] += 1
            elif entry["action"] == "progress_register":
                counts[f"{entry['case']}:register"] += 1
    for seq, n in seqs.items():
        if seq and n > 1:
            counts[f"audit-seq-{seq}:duplicate"] += n
    return counts


def judge(tally: Tally, counts: Counter[str], cases: list[str]) -> None:
    """Every operation of every case exactly once; nothing else."""
    expected = {f"{case}:{op}" for case in cases for op in OPS}
    tally.operations = len(expected)
    for key in sorted(expected):
        if counts[key] == 0:
            tally.lost.append(key)
        elif counts[key] > 1:
            tally.doubled.append(f"{key}×{counts[key]}")
    # Anything else of these cases (or an audit line written twice) is an operation too many.
    ours = tuple(f"{case}:" for case in cases)
    tally.doubled.extend(
        f"{k}×{n}"
        for k, n in counts.items()
        if k not in expected and (k.startswith(ours) or k.startswith("audit-seq-"))
    )


def check_pages(url: str, store: Store, cases: list[str], tally: Tally) -> None:
    """No progress event shown twice on a public page (every case's page read back)."""
    http = requests.Session()
    for case in cases:
        token = next(
            r.payload["token"] for r in store.outbox.for_case(case) if r.kind == "progress_register"
        )
        page = http.get(f"{url}/p/{token}.json", timeout=10)
        labels = [e["label"] for e in page.json()["events"]] if page.ok else []
        if sorted(labels) != ["e0", "e1"]:
            tally.problems.append(f"{case}: public page shows {labels}")


def sandbox_drill(
    work: Path,
    kills: int,
    cases: int = 150,
    *,
    delay_s: tuple[float, float] = (0.02, 0.4),
    extra: tuple[str, ...] = (),
    seed: int | None = None,
    batch_operations: int = 4,
) -> Tally:
    """Drain ``cases`` bundles while the sandbox is SIGKILLed ``kills`` times, in batches of
    ``batch_operations`` (small: a drain in batches of hundreds ends before most kills land)."""
    rng = random.Random(seed)
    started = time.monotonic()
    tally = Tally()
    sandbox = SandboxProcess(work / "sandbox", "--latency-ms", "3", *extra)
    url = sandbox.start()
    names = [f"KS-{n:04d}" for n in range(cases)]
    offset = [0.0]

    def clock() -> datetime:
        return datetime.now(UTC) + timedelta(seconds=offset[0])

    with Store(work / "client.sqlite3") as store:
        for case in names:
            enqueue_bundle(store, case, clock())
        client = PlatformClient(
            url, Credentials(TRAINING_WORKSTATION, TRAINING_SECRET), retry=QUICK
        )
        worker = SyncWorker(
            store, Recorder(), client, clock, threads=4, batch=16,
            batch_operations=batch_operations,
        )  # fmt: skip
        done = threading.Event()

        def drain() -> None:
            while store.outbox.pending_count() and not done.is_set():
                report = worker.drain()
                if report.needs_person:
                    return
                if report.retry or report.deferred:
                    offset[0] += 700  # every backed-off row is due again at once
                    time.sleep(0.02)

        thread = threading.Thread(target=drain, name="drill-drain")
        thread.start()
        try:
            while tally.kills < kills and thread.is_alive():
                time.sleep(rng.uniform(*delay_s))
                if not thread.is_alive():
                    break
                sandbox.kill()
                tally.kills += 1
                time.sleep(rng.uniform(0.0, 0.2))
                sandbox.start()
            thread.join(300)
        finally:
            done.set()
            thread.join(30)
        _unsent(store, tally)
        check_pages(sandbox.url, store, names, tally)
        client.close()
    sandbox.stop()
    judge(tally, applied(work / "sandbox"), names)
    tally.seconds = time.monotonic() - started
    return tally


def _drive(db: Path, url: str, run: str, bundles: int) -> int:
    """The app-side driver (a child process): saves bundles while its worker drains them."""
    with Store(db) as store:
        client = PlatformClient(
            url, Credentials(TRAINING_WORKSTATION, TRAINING_SECRET), retry=QUICK
        )
        worker = SyncWorker(store, Recorder(), client, lambda: datetime.now(UTC), batch=8)
        stop = threading.Event()

        def drain() -> None:
            while not stop.is_set():
                worker.drain()
                time.sleep(0.005)

        thread = threading.Thread(target=drain, daemon=True)
        thread.start()
        for n in range(bundles):
            case = f"{run}-{n:04d}"
            if not store.outbox.for_case(case):  # saved before a kill: not again
                enqueue_bundle(store, case, datetime.now(UTC))
                time.sleep(0.01)  # saves spread over the run: kills land among them
        while store.outbox.pending_count() and not store.outbox.needs_person():
            time.sleep(0.01)
        stop.set()
        thread.join(30)
    return 0


def app_drill(work: Path, kills: int, bundles: int = 60, *, seed: int | None = None) -> Tally:
    """Save and drain ``bundles`` in a driver process SIGKILLed ``kills`` times."""
    rng = random.Random(seed)
    started = time.monotonic()
    tally = Tally()
    sandbox = SandboxProcess(work / "sandbox")
    url = sandbox.start()
    db = work / "app.sqlite3"
    Store(db).close()
    run = "KA"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--drive",
        str(db),
        url,
        run,
        str(bundles),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    finished = False
    while not finished:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
        if tally.kills < kills:
            try:
                proc.wait(rng.uniform(0.15, 0.6))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                tally.kills += 1
            proc.wait(30)
        else:
            proc.wait(300)
        _, err = proc.communicate()
        if proc.returncode == 0:
            finished = True
        elif proc.returncode != -signal.SIGKILL:
            tally.problems.append(f"driver failed ({proc.returncode}): {err.decode()[-500:]}")
            break
        _check_store(db, tally)
    names = [f"{run}-{n:04d}" for n in range(bundles)]
    with Store(db) as store:
        _unsent(store, tally)
        if finished:
            check_pages(url, store, names, tally)
    sandbox.stop()
    judge(tally, applied(work / "sandbox"), names)
    tally.seconds = time.monotonic() - started
    return tally


def _unsent(store: Store, tally: Tally) -> None:
    if store.outbox.pending_count():
        tally.problems.append(f"{store.outbox.pending_count()} operations never sent")
    for row in store.outbox.needs_person():
        tally.problems.append(f"needs a person: {row.idempotency_key} {row.last_error}")


def _check_store(db: Path, tally: Tally) -> None:
    conn = sqlite3.connect(db)
    try:
        (status,) = conn.execute("PRAGMA integrity_check").fetchone()
    finally:
        conn.close()
    if status != "ok":
        tally.problems.append(f"integrity_check after kill {tally.kills}: {status}")
    with Store(db) as store:
        report = store.audit.verify()
        if not report.ok:
            tally.problems.append(f"audit chain after kill {tally.kills}: {report}")


def main(argv: list[str] | None = None) -> int:
    """The soak: ``--side sandbox|app --kills N``; exit 0 when nothing was lost or doubled."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", choices=("sandbox", "app"), default="sandbox")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--cases", type=int, default=0, help="bundles of 6 operations")
    parser.add_argument("--after-fault-rate", type=float, default=0.0)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--drive", nargs=4, metavar=("DB", "URL", "RUN", "BUNDLES"))
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the clients' retry warnings: thousands, expected
    if args.drive:
        db, url, run, bundles = args.drive
        return _drive(Path(db), url, run, int(bundles))
    import tempfile

    work = args.work or Path(tempfile.mkdtemp(prefix="soak-kills-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.side == "sandbox":
        extra = ("--after-fault-rate", str(args.after_fault_rate))
        cases = args.cases or max(150, args.kills * 12)
        tally = sandbox_drill(work, args.kills, cases, extra=extra)
    else:
        tally = app_drill(work, args.kills, args.cases or max(60, args.kills * 10))
    print(f"{args.side}: {tally.summary()}  (work: {work})")
    for line in (tally.lost + tally.doubled + tally.problems)[:40]:
        print("  ", line)
    return 0 if not (tally.lost or tally.doubled or tally.problems) else 1


if __name__ == "__main__":
    sys.exit(main())
