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

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from clerkapp.errors import ClerkAppError

log = logging.getLogger(__name__)

GENERIC_FAILURE = QT_TRANSLATE_NOOP(
    "Ops", "操作没有完成，请重试。如果反复出现，请联系信息科（详情已记录在日志中）。"
)
FAILURE_TITLE = QT_TRANSLATE_NOOP("Ops", "操作未完成")

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[Any], None]

# Ops still running, so they are not garbage-collected before their result is delivered.
_running: set[OpHandle] = set()
_finishing: set[OpHandle] = set()  # finished handles kept alive until their slot has returned


def user_message_for(exc: BaseException) -> str:
    """What the clerk is told about ``exc``: its ``user_message`` or a generic Chinese line."""
    if isinstance(exc, ClerkAppError):
        return exc.user_message
    return QCoreApplication.translate("Ops", str(GENERIC_FAILURE))


def log_failure(exc: BaseException, what: str = "background op") -> None:
    """Log an unexpected failure without its message (which may contain personal data)."""
    # Frames only (file, line, function): neither the message nor source lines are logged.
    stack = "\n".join(
        f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__)
    )
    log.error("%s failed: %s\n%s", what, type(exc).__qualname__, stack)


def show_failure(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` to the clerk in a window-modal box that does not block the event loop."""
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


class _Box:
    """Carries a value through a queued signal. PySide6 on Python 3.11 miscounts references of
    ``None`` sent through ``Signal(object)`` across threads (fatal "deallocating None"), so
    values always travel inside a box."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Emitter(QObject):
    """Lives on the GUI thread; the worker only emits its signals (thread-safe in Qt)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class OpHandle(QObject):
    """A running op. ``finished`` is emitted on the GUI thread after the callbacks ran."""

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
        self._owner = parent
        self._fn: Callable[..., Any] | None = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.emitter = _Emitter()
        queued = Qt.ConnectionType.QueuedConnection
        self.emitter.succeeded.connect(self._succeeded, queued)
        self.emitter.failed.connect(self._failed, queued)
        self.emitter.progressed.connect(self._progressed, queued)

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    @Slot(object)
    def _progressed(self, box: _Box) -> None:
        if self._on_progress is not None and not self.done and self._owner_alive():
            self._on_progress(box.value)

    @Slot(object)
    def _succeeded(self, box: _Box) -> None:
        result = box.value
        self.result = result
        try:
            if self._owner_alive():
                self._on_success(result)
        finally:
            self._finish()

    @Slot(object)
    def _failed(self, box: _Box) -> None:
        exc: BaseException = box.value
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
        _running.discard(self)
        # Keep the last reference until this slot has returned: destroying the handle inside its
        # own queued slot crashed PySide6 (seen about 1 run in 4 under gdb).
        _finishing.add(self)
        QTimer.singleShot(0, lambda: _finishing.discard(self))
        self.finished.emit()


class _Worker(QRunnable):
    def __init__(self, fn: Callable[..., Any], handle: OpHandle, with_progress: bool) -> None:
        super().__init__()
        self._fn = fn
        self._emitter = handle.emitter
        self._with_progress = with_progress

    def run(self) -> None:
        emitter = self._emitter
        # The handle keeps ``fn`` too and lets go of it on the GUI thread: ``fn`` is often a
        # closure over a widget, and the last reference to a Qt object must not die here.
        fn, self._fn = self._fn, _done
        try:
            args = (
                (lambda value: emitter.progressed.emit(_Box(value)),) if self._with_progress else ()
            )
            result = fn(*args)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            del fn
            _deliver(emitter.failed, exc)
        else:
            del fn
            _deliver(emitter.succeeded, result)


def _done(*_args: Any) -> None:
    """What a worker holds once its function has run."""


def _deliver(signal: Any, value: Any) -> None:
    """Emit an op's outcome; at shutdown its handle may already be gone, and then nobody is
    left to tell (the op's callbacks belong to a window that no longer exists)."""
    try:
        signal.emit(_Box(value))
    except RuntimeError:  # "Signal source has been deleted"
        log.debug("op finished after its handle was deleted (shutting down)")


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
    handle = OpHandle(parent, fn, on_success, on_failure, on_progress)
    _running.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Worker(fn, handle, on_progress is not None))
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
