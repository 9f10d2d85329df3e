"""Training and production never mix (issue 10 part 5).

Each mode has a store of its own (``clerkapp.infra.paths.store_file``): training work lives in
``training/clerkapp.sqlite3`` with its archived documents beside it, the real platform's in
``clerkapp.sqlite3``. Switching modes (``clerkapp platform configure`` / ``training``) switches
stores; nothing is copied or sent across. On top of that every outbox row is stamped with the
platform it was queued for, and a row is never sent to another one
(``clerkapp.app.outbox_send.send``), so even a row copied by hand between stores stays put.

Installations from before the split had one store for both modes. At the first start after the
upgrade (:func:`open_mode_store`):

- a store holding *only* training work (every case and every audit entry written by the
  training workstation, at least one of them; never a store this version has opened, which
  carries ``meta.store_mode``) *is* the training store: it is moved, with its
  documents, to ``training/`` — the 4 operations queued while training go back to the training
  sandbox, never to the real platform;
- otherwise it stays the production store and each unstamped outbox row is stamped from the
  workstation its case was written by (``cases.workstation``): the training workstation's rows
  ``training`` (never sent to a real platform), the configured workstation's rows that platform;
  a row whose origin cannot be told keeps no stamp and is never sent automatically: the first
  sync lists it for a person with the reason.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clerkapp.core.case_types import CaseState
from clerkapp.infra.paths import STORE_NAME, TRAINING_DIR, store_file
from clerkapp.infra.settings import TRAINING_WORKSTATION, WorkstationSettings
from clerkapp.infra.store.db import Store
from clerkapp.infra.store.outbox import TRAINING_TARGET, platform_target

log = logging.getLogger(__name__)

#: ``meta`` key naming the mode a store was opened for by a version with a store per mode.
MODE_KEY = "store_mode"


def mode_target(settings: WorkstationSettings) -> str:
    """The stamp of the platform this workstation's mode talks to."""
    return platform_target(settings.url, training=settings.training)


def open_mode_store(home: Path, settings: WorkstationSettings) -> Store:
    """Open the store of the workstation's mode under ``home`` (adopting a pre-split store
    once, see the module), stamp what it queues with the mode's platform and settle rows
    written before rows were stamped."""
    adopt_legacy_training_store(home)
    store = Store(store_file(home, training=settings.training))
    if store.meta(MODE_KEY) is None:  # a store of this version: never taken for a legacy one
        store.set_meta(MODE_KEY, TRAINING_TARGET if settings.training else "production")
    target = mode_target(settings)
    store.outbox.target = target
    stamp_legacy_rows(store, settings)
    return store


def adopt_legacy_training_store(home: Path) -> bool:
    """Move a pre-split ``clerkapp.sqlite3`` that holds only training work to ``training/``
    (with its WAL files and ``documents/``) when no training store exists yet. True if moved."""
    legacy = home / STORE_NAME
    training = store_file(home, training=True)
    if training.exists() or not legacy.exists():
        return False
    if not _only_training_work(legacy):
        return False
    training.parent.mkdir(parents=True, exist_ok=True)
    _checkpoint(legacy)
    # What is left of the WAL goes first: a crash before the database follows leaves the
    # database where it was, found and moved again at the next start (the WAL then moved with
    # it); never a database beside a WAL that is not its own.
    for suffix in ("-wal", "-shm"):
        side = legacy.with_name(STORE_NAME + suffix)
        if side.exists():
            os.replace(side, training.with_name(STORE_NAME + suffix))
    documents = home / "documents"
    if documents.is_dir() and not (training.parent / "documents").exists():
        os.replace(documents, training.parent / "documents")
    os.replace(legacy, training)
    log.warning("a store holding only training work was moved to %s/", TRAINING_DIR)
    return True


def _checkpoint(path: Path) -> None:
    """Write the WAL back into the database file, so the move carries one file."""
    try:
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        log.warning("checkpoint before moving the training store failed; moving the WAL too")


def _only_training_work(path: Path) -> bool:
    """Whether every case and audit entry of the store at ``path`` was written by the training
    workstation, and there is at least one (an empty store proves nothing)."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"cases", "audit", "meta"} <= tables:
            return False
        mode = conn.execute("SELECT value FROM meta WHERE key = ?", (MODE_KEY,)).fetchone()
        if mode is not None:  # written since the split: it is the production store
            return False
        found: set[str | None] = set()
        for table in ("cases", "audit"):
            found.update(r[0] for r in conn.execute(f"SELECT DISTINCT workstation FROM {table}"))
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    found.discard(None)
    return found == {TRAINING_WORKSTATION}


def stamp_legacy_rows(store: Store, settings: WorkstationSettings) -> int:
    """Stamp the outbox rows written before rows were stamped, from their case's workstation
    (see the module); returns how many were stamped. Rows of unknown origin stay unstamped."""
    target = mode_target(settings)
    with store.atomic() as db:
        if db.execute("SELECT 1 FROM outbox WHERE target IS NULL LIMIT 1").fetchone() is None:
            return 0
        stamped = db.execute(
            "UPDATE outbox SET target = ? WHERE target IS NULL AND case_id IN"
            " (SELECT id FROM cases WHERE workstation = ?)",
            (TRAINING_TARGET, TRAINING_WORKSTATION),
        ).rowcount
        if not settings.training:
            stamped += db.execute(
                "UPDATE outbox SET target = ? WHERE target IS NULL AND case_id IN"
                " (SELECT id FROM cases WHERE workstation = ?)",
                (target, settings.workstation_id),
            ).rowcount
        left = db.execute("SELECT count(*) FROM outbox WHERE target IS NULL").fetchone()[0]
    log.warning(
        "outbox rows from before the training/production split: %d stamped, %d of unknown"
        " origin held for a person",
        stamped,
        left,
    )
    return int(stamped)


@dataclass(frozen=True)
class TrainingWork:
    """What the training store still holds: cases not closed and operations not sent."""

    open_cases: int
    pending: int
    needs_person: int

    @property
    def any(self) -> bool:
        """Whether anything of training is left undone."""
        return bool(self.open_cases or self.pending or self.needs_person)


def training_work(home: Path) -> TrainingWork:
    """Count the training store's unfinished work (read-only; no store: nothing)."""
    adopt_legacy_training_store(home)
    path = store_file(home, training=True)
    if not path.exists():
        return TrainingWork(0, 0, 0)
    unfinished = (CaseState.OPEN, CaseState.ACCEPTED, CaseState.AWAITING_CORRECTION)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        cases = conn.execute(
            "SELECT count(*) FROM cases WHERE state IN (?, ?, ?)", [s.value for s in unfinished]
        ).fetchone()[0]
        states = dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    finally:
        conn.close()
    return TrainingWork(int(cases), int(states.get("open", 0)), int(states.get("needs_person", 0)))
