"""The one background-op helper of the GUI (after Anki's ``aqt.operations``).

``run_op(parent, fn, on_success)`` runs ``fn`` on a ``QThreadPool`` worker and hands its result
back to ``on_success`` **on the GUI thread** through a queued Qt signal. Workers never touch
widgets: ``fn`` must only compute, talk to the platform or the store, and return a value.

Failures: a :class:`~clerkapp.errors.ClerkAppError` carries a Chinese ``user_message`` that is
shown to the clerk; anything else is logged (type and stack, never the message, which may carry
personal data) and shown as a generic Chinese message. Pass ``on_failure`` to show the error in
place instead of the default message box.

Progress: when ``on_progress`` is given, ``fn`` is called with one argument, a ``report(value)``
callable that may be called from the worker any number of times; each value reaches
``on_progress`` on the GUI thread, in order.

If ``parent`` is destroyed before the op ends, its callbacks are dropped (the work itself is not
interrupted). Tests wait with ``qtbot.waitSignal(handle.finished)`` or :func:`wait_for_ops`.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from clerkapp.errors import ClerkAppError
from clerkapp.gui.i18n import translated

log = logging.getLogger(__name__)

GENERIC_FAILURE = QT_TRANSLATE_NOOP(
    "Ops", "操作没有完成，请重试。如果反复出现，请联系信息科（详情已记录在日志中）。"
)
FAILURE_TITLE = QT_TRANSLATE_NOOP("Ops", "操作未完成")

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[Any], None]

# Ops still running, by number, so they are not garbage-collected before their result is
# delivered (and so the hub finds them).
_running: dict[int, OpHandle] = {}
_finishing: set[OpHandle] = set()  # finished handles kept alive until their slot has returned


def user_message_for(exc: BaseException) -> str:
    """What the clerk is told about ``exc``: its ``user_message`` (translated) or a generic line."""
    if isinstance(exc, ClerkAppError):
        return translated(exc.user_message)
    return QCoreApplication.translate("Ops", str(GENERIC_FAILURE))


def log_failure(exc: BaseException, what: str = "background op") -> None:
    """Log an unexpected failure without its message (which may contain personal data)."""
    # Frames only (file, line, function): neither the message nor source lines are logged.
    stack = "\n".join(
        f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__)
    )
    log.error("%s failed: %s\n%s", what, type(exc).__qualname__, stack)


def show_failure(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Show ``exc`` to the clerk in a window-modal box that does not block the event loop.

    Nothing is shown for a window that is no longer on screen (closed, or logged out of): a box
    of a closed window would pop up on its own and take the keyboard from the window the clerk
    works in. The failure is logged (without its message) either way by the op."""
    if parent is not None and not parent.window().isVisible():
        log.info("failure of a closed window's op not shown: %s", type(exc).__qualname__)
        return None
    box = QMessageBox(parent)
    box.setObjectName("opErrorBox")
    title = QCoreApplication.translate("Ops", str(FAILURE_TITLE))
    box.setAccessibleName(title)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(user_message_for(exc))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class _Outcome:
    """What a worker sends to the GUI thread: which op, and its value (result, exception or
    progress report). PySide6 on Python 3.11 miscounts references of ``None`` sent through
    ``Signal(object)`` across threads (fatal "deallocating None"), so values always travel
    inside an object."""

    __slots__ = ("op", "value")

    def __init__(self, op: int, value: Any) -> None:
        self.op = op
        self.value = value


class _Hub(QObject):
    """The one Qt object workers signal through. It is created on the GUI thread by the first
    op and never destroyed, so a worker never holds — and is never the last to release — a
    per-op Qt object: a worker dropping the last reference to an op's own emitter destroyed
    that QObject on the worker thread, under the GUI thread's feet (a segmentation fault under
    load). Its queued slots run on the GUI thread and hand each outcome to its op's handle."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("opsHub")
        queued = Qt.ConnectionType.QueuedConnection
        self.succeeded.connect(self._succeeded, queued)
        self.failed.connect(self._failed, queued)
        self.progressed.connect(self._progressed, queued)

    @Slot(object)
    def _succeeded(self, outcome: _Outcome) -> None:
        handle = _running.get(outcome.op)
        if handle is not None:
            handle._succeeded(outcome.value)

    @Slot(object)
    def _failed(self, outcome: _Outcome) -> None:
        handle = _running.get(outcome.op)
        if handle is not None:
            handle._failed(outcome.value)

    @Slot(object)
    def _progressed(self, outcome: _Outcome) -> None:
        handle = _running.get(outcome.op)
        if handle is not None:
            handle._progressed(outcome.value)


_hub: _Hub | None = None
_op_numbers = itertools.count(1)


def _the_hub() -> _Hub:
    global _hub
    if _hub is None or not shiboken6.isValid(_hub):
        _hub = _Hub()
    return _hub


class OpHandle(QObject):
    """A running op. ``finished`` is emitted on the GUI thread after the callbacks ran. Created,
    used and destroyed on the GUI thread only."""

    finished = Signal()

    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[..., Any],
        on_success: SuccessCallback,
        on_failure: FailureCallback | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        super().__init__()
        self.number = next(_op_numbers)
        self._owner = parent
        self._fn: Callable[..., Any] | None = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _progressed(self, value: Any) -> None:
        if self._on_progress is not None and not self.done and self._owner_alive():
            self._on_progress(value)

    def _succeeded(self, result: Any) -> None:
        self.result = result
        try:
            if self._owner_alive():
                self._on_success(result)
        finally:
            self._finish()

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        if not isinstance(exc, ClerkAppError):
            log_failure(exc)
        try:
            if self._owner_alive():
                if self._on_failure is not None:
                    self._on_failure(exc)
                else:
                    owner = self._owner if isinstance(self._owner, QWidget) else None
                    show_failure(owner, exc)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.done = True
        self._fn = None  # released here, on the GUI thread (see _Worker.run)
        _running.pop(self.number, None)
        # Keep the last reference until this slot has returned: destroying the handle inside its
        # own queued slot crashed PySide6 (seen about 1 run in 4 under gdb).
        _finishing.add(self)
        QTimer.singleShot(0, lambda: _finishing.discard(self))
        self.finished.emit()


class _Worker:
    """Runs one op's function on a pool thread. It holds only the op's number, the immortal hub
    and (until it has run) the function — never a per-op Qt object.

    Not a ``QRunnable``: the pool is given the bound :meth:`run` (Qt wraps it in a runnable of
    its own that releases it after the call). A Python ``QRunnable`` the pool deleted itself
    kept its Python side alive (PySide6 6.11: nearly every one run on a pool of its own, about
    one in six on the global pool) — a leak per case-list reload (issue 13)."""

    def __init__(self, fn: Callable[..., Any], op: int, hub: _Hub, with_progress: bool) -> None:
        self._fn = fn
        self._op = op
        self._hub = hub
        self._with_progress = with_progress

    def run(self) -> None:
        op, hub = self._op, self._hub
        # The handle keeps ``fn`` too and lets go of it on the GUI thread: ``fn`` is often a
        # closure over a widget, and the last reference to a Qt object must not die here.
        fn, self._fn = self._fn, _done
        try:
            args = (
                (lambda value: hub.progressed.emit(_Outcome(op, value)),)
                if self._with_progress
                else ()
            )
            result = fn(*args)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            del fn
            _deliver(hub.failed, _Outcome(op, exc))
        else:
            del fn
            _deliver(hub.succeeded, _Outcome(op, result))


def _done(*_args: Any) -> None:
    """What a worker holds once its function has run."""


def _deliver(signal: Any, outcome: _Outcome) -> None:
    """Emit an op's outcome; at interpreter shutdown the hub may already be gone, and then
    nobody is left to tell."""
    try:
        signal.emit(outcome)
    except RuntimeError:  # "Signal source has been deleted"
        log.debug("op finished after the application was torn down")


def run_op(
    parent: QObject | None,
    fn: Callable[..., Any],
    on_success: SuccessCallback,
    on_failure: FailureCallback | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    pool: QThreadPool | None = None,
) -> OpHandle:
    """Run ``fn`` off the GUI thread; call ``on_success(result)`` or ``on_failure(exc)`` on it.

    With ``on_progress``, ``fn`` is called as ``fn(report)``. Must be called on the GUI thread.
    Returns the op's handle (``handle.finished`` for tests; ``handle.result``/``error``).
    """
    hub = _the_hub()
    handle = OpHandle(parent, fn, on_success, on_failure, on_progress)
    _running[handle.number] = handle
    worker = _Worker(fn, handle.number, hub, on_progress is not None)
    (pool or QThreadPool.globalInstance()).start(worker.run)
    return handle


def running_ops() -> int:
    """How many ops have not yet delivered their result to the GUI thread."""
    return len(_running)


def wait_for_ops(timeout_ms: int = 10_000) -> bool:
    """Block until every op has run and delivered its callbacks (tests, shutdown).

    Returns False on timeout. Processes queued events so the callbacks run.
    """
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    pool = QThreadPool.globalInstance()
    while _running:
        if deadline.hasExpired():
            return False
        pool.waitForDone(min(50, max(1, deadline.remainingTime())))
        QCoreApplication.processEvents()
    return True
