"""The local store: SQLite (WAL) through sqlite-utils, schema by migrations, hash-chained audit
trail, outbox, and the repositories of cases, clerks, pledges and documents.

``Store(path)`` opens and migrates; ``with store.atomic():`` wraps one transaction. See
:mod:`clerkapp.infra.store.db` for the thread rules.
"""

from __future__ import annotations

from clerkapp.infra.store.audit import AuditEntry, AuditReport, BrokenEntry
from clerkapp.infra.store.clerks import Clerk, ClerkAccounts, Role
from clerkapp.infra.store.db import Store, db_time, parse_db_time
from clerkapp.infra.store.documents import DocumentRecord
from clerkapp.infra.store.outbox import OutboxKind, OutboxRow, OutboxState
from clerkapp.infra.store.pledges import PledgeRecord

__all__ = [
    "AuditEntry",
    "AuditReport",
    "BrokenEntry",
    "Clerk",
    "ClerkAccounts",
    "DocumentRecord",
    "OutboxKind",
    "OutboxRow",
    "OutboxState",
    "PledgeRecord",
    "Role",
    "Store",
    "db_time",
    "parse_db_time",
]
