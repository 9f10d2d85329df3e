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
#: about a microsecond).
CHECK_INTERVAL_MS = 100
#: A collection slower than this is logged (it stalled the event loop for that long).
SLOW_COLLECTION_S = 0.05


def collect_due() -> int:
    """Collect the generations whose allocation counts passed Python's thresholds, as the
    automatic collector would have; the number of unreachable objects found.

    Call only on the GUI thread (or, in a process without one, on the main thread).
    """
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold0:
        return 0
    generation = 0
    if count1 > threshold1:
        generation = 1
        if count2 > threshold2:
            generation = 2
    started = time.perf_counter()
    found = gc.collect(generation)
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
