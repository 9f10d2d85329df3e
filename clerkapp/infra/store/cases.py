"""Cases and their proof resolutions (placeholder until clerkapp.core.case lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store


class CaseRepository:
    """Cases of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store
