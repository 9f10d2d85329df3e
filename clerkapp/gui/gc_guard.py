"""Python's cyclic garbage collector, run on the GUI thread only.

Python collects reference cycles whenever *any* thread allocates enough objects. In ClerkApp
that is usually a worker thread (the catalogue index being built, look-up answers parsed, the
sync worker), and a cycle that holds a Qt object — a window of a closed case, a timer, an op's
handle — is then destroyed on that worker thread. Qt objects must die on the thread they live
on: off it, Qt prints "Timers cannot be stopped from another thread" and widgets are torn down
under the event loop's feet, which crashed the GUI tests in CI (a segmentation fault while a
worker built the catalogue index).

So, as Anki and qutebrowser do, automatic collection is switched off and a timer on the GUI
thread collects instead, generation by generation with Python's own thresholds. Objects that
are garbage *without* a cycle are still freed at once by reference counting, on whichever thread
drops the last reference; this only moves the cycle collector. Once the catalogue is loaded,
:func:`freeze_long_lived` takes it out of the collector's way.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

#: How often the GUI thread looks at the allocation counts (a check that collects nothing costs
#: about a microsecond). Short: automatic collection being off, worker threads' allocations pile
#: up in the youngest generation between checks, and a collection costs what it has to scan —
#: checked every 100 ms, a gen-0 collection after a burst of look-up answers took 30-40 ms.
CHECK_INTERVAL_MS = 10
#: A collection slower than this is logged (it stalled the event loop for that long).
SLOW_COLLECTION_S = 0.05
#: A full collection only once the objects that survived into the oldest generation since the
#: last one are this share of those it held then — Python's own rule (CPython gcmodule.c,
#: ``long_lived_pending < long_lived_total / 4``), which a count of collections alone skips.
FULL_COLLECTION_SHARE = 0.25
#: A collection of the young generations that leaves at least this many objects alive moved a
#: table loaded in one go (a second catalogue, a reading table loaded at first use) into the
#: oldest generation: it is frozen there (``gc.freeze``), so no full collection on the GUI
#: thread scans it again. Freezing only spares objects from the cycle collector — reference
#: counting still frees them when they are dropped.
FREEZE_SURVIVORS = 5_000


class _LongLived:
    """What Python's own collector tracks to ration full collections (not exposed by ``gc``)."""

    total = 0  # objects in the oldest generation after the last full collection
    pending = 0  # objects moved into it by younger collections since


def collect_due() -> int:
    """Collect the generations whose allocation counts passed Python's thresholds, as the
    automatic collector would have (a full collection also waits for the oldest generation to
    have grown by :data:`FULL_COLLECTION_SHARE`); the number of unreachable objects found.

    Call only on the GUI thread (or, in a process without one, on the main thread).
    """
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold0:
        return 0
    generation = 0
    if count1 > threshold1:
        generation = 1
        if count2 > threshold2 and _LongLived.pending > _LongLived.total * FULL_COLLECTION_SHARE:
            generation = 2
    started = time.perf_counter()
    if generation == 1:
        # What survives a collection of the two young generations moves to the oldest.
        young = len(gc.get_objects(0)) + len(gc.get_objects(1))
        found = gc.collect(1)
        survivors = max(0, young - found)
        if survivors >= FREEZE_SURVIVORS:
            gc.freeze()
            log.info("%d long-lived objects frozen out of the collector's way", survivors)
        else:
            _LongLived.pending += survivors
    else:
        found = gc.collect(generation)
    if generation == 2:
        _LongLived.total = len(gc.get_objects(2))
        _LongLived.pending = 0
    elapsed = time.perf_counter() - started
    if elapsed > SLOW_COLLECTION_S:
        log.info("garbage collection of generation %d took %.0f ms", generation, elapsed * 1000)
    return found


class GuiGarbageCollector(QObject):
    """Switches automatic collection off and collects on a GUI-thread timer instead.

    Create it once, on the GUI thread, with the ``QApplication`` as parent (:func:`install`);
    :meth:`stop` switches automatic collection back on.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("the garbage collector guard belongs to the GUI thread")
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setObjectName("gcGuardTimer")
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        self._timer.start()

    @property
    def active(self) -> bool:
        """Whether the guard is collecting (and automatic collection is off)."""
        return self._timer.isActive() and not gc.isenabled()

    def stop(self) -> None:
        """Stop collecting on the timer and give collection back to Python."""
        self._timer.stop()
        gc.enable()


_frozen = False


def freeze_long_lived() -> bool:
    """Once per process, after the long-lived data is built (the catalogue and its search
    index, some 100,000 objects made at once on a worker): move every object now tracked out of
    the collector's reach (``gc.freeze``), so that no later collection on the GUI thread scans
    them again. Without it the first collection after the index was built took about 60 ms, a
    visible stall. Returns whether this call froze."""
    global _frozen
    if _frozen or gc.isenabled():
        return False
    _frozen = True
    gc.freeze()
    return True


def install(parent: QObject) -> GuiGarbageCollector:
    """The process's guard, created under ``parent`` (the application) unless one exists."""
    existing = parent.findChild(GuiGarbageCollector)
    if isinstance(existing, GuiGarbageCollector):
        return existing
    return GuiGarbageCollector(parent)
