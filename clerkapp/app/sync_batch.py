"""Batch delivery in the sync worker (issue 13; docs/CONTRACTS.md "Batch delivery").

The drain (clerkapp.app.sync) groups the lanes it would send one request per operation into
parcels, and a parcel goes to the platform as one ``POST /api/v1/batch`` (or a few, when its
bodies pass :data:`BATCH_BYTES`). A lane's operations keep their order in the batch and each
depends on the one before it (``depends_on``): when one fails, the platform applies none of the
lane's later ones and they wait for the next drain, as they do when sent one by one. Each
operation's answer becomes an :class:`~clerkapp.app.outbox_send.Outcome` settled exactly as a
single send's. A platform without the endpoint (404/405) gets one request per operation
(:meth:`PlatformClient.batch_supported` remembers it per platform URL).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from clerkapp.app.outbox_send import Outcome, Shape, operation_of
from clerkapp.infra.platform import PlatformCallError, PlatformClient
from clerkapp.infra.platform.batch import BatchTooLarge, BatchUnsupported
from clerkapp.infra.platform.operations import Operation
from clerkapp.infra.store.outbox import OutboxRow

log = logging.getLogger("clerkapp.sync")

#: Operations per batch request. Measured on the drain of 10,000 operations (docs/benchmarks.md
#: "Batch delivery", loaded 2-core machine, CPU seconds client / sandbox): 25 → 1.23 / 1.82,
#: 100 → 1.00 / 1.50, 200 → 0.84–1.01 / 1.32–1.52, 300 → 0.93–1.02 / 1.51–1.66, 500 →
#: 0.85–0.90 / 1.45–1.47. Past ~100 the per-request cost is gone; a larger batch only holds the
#: platform's state store longer (one transaction per batch) and loses more to a dropped answer.
BATCH_OPERATIONS = 200
#: Bytes of operation bodies per batch request (the platform accepts 1 MiB per batch).
BATCH_BYTES = 512 * 1024

Lane = list[OutboxRow]
SendLane = Callable[[Lane], list[Outcome]]


class NotApplied(Exception):
    """Not sent, or not applied by the platform, because an earlier operation of its lane
    failed: the row waits for the next drain (nothing was done)."""


Prepared = list[tuple[Operation, Shape]]


def prepare(client: PlatformClient, lane: Lane) -> Prepared | None:
    """The operations of a lane for a batch, or None when a row of it goes alone (a row for
    another platform, a poll, an upload or a row this build cannot read — as before)."""
    prepared: Prepared = []
    for row in lane:
        if client.target is not None and row.target != client.target:
            return None
        try:
            made = operation_of(row)
        except (KeyError, TypeError, ValueError):
            return None
        if made is None:
            return None
        prepared.append(made)
    return prepared


def send_parcel(
    client: PlatformClient, parcel: list[tuple[Lane, Prepared]], send_lane: SendLane
) -> list[list[Outcome]]:
    """Send a parcel's lanes (with the operations :func:`prepare` made of them) in as few
    batch requests as :data:`BATCH_BYTES` allows; one list of outcomes per lane, in order."""
    outcomes: list[list[Outcome]] = []
    chunk: list[tuple[Lane, Prepared]] = []
    size = 0
    for lane, prepared in parcel:
        lane_size = sum(len(op.payload) for op, _ in prepared)
        if chunk and size + lane_size > BATCH_BYTES:
            outcomes.extend(_send_chunk(client, chunk, send_lane))
            chunk, size = [], 0
        chunk.append((lane, prepared))
        size += lane_size
    if chunk:
        outcomes.extend(_send_chunk(client, chunk, send_lane))
    return outcomes


def _send_chunk(
    client: PlatformClient,
    chunk: list[tuple[Lane, Prepared]],
    send_lane: SendLane,
) -> list[list[Outcome]]:
    ops: list[Operation] = []
    afters: list[int | None] = []
    for _, prepared in chunk:
        for i, (op, _shape) in enumerate(prepared):
            afters.append(len(ops) - 1 if i else None)
            ops.append(op)
    try:
        results = client.send_batch(ops, afters)
    except (BatchUnsupported, BatchTooLarge) as exc:
        log.info(
            "batch not taken (%s): %d operations sent one by one", type(exc).__name__, len(ops)
        )
        return [send_lane(lane) for lane, _ in chunk]
    except PlatformCallError as exc:  # no answer for the batch: each lane's head failed so
        return [
            [Outcome(lane[0], error=exc), *(Outcome(r, error=NotApplied()) for r in lane[1:])]
            for lane, _ in chunk
        ]
    outcomes: list[list[Outcome]] = []
    at = 0
    for lane, prepared in chunk:
        mine: list[Outcome] = []
        for row, (_op, shape) in zip(lane, prepared, strict=True):
            result = results[at]
            at += 1
            if result.skipped:
                mine.append(Outcome(row, error=NotApplied()))
            elif result.error is not None:
                mine.append(Outcome(row, error=result.error))
            else:
                mine.append(Outcome(row, answer=shape(result.answer)))
        outcomes.append(mine)
    return outcomes
