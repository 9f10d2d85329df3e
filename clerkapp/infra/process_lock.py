"""A lock between processes on one file, released by the operating system when its holder dies.

The sync worker of a running GUI and ``clerkapp sync`` (a scheduled task) may drain the same
store at the same time: each drain holds the store's sync lock, so an outbox row is never sent by
both. A SIGKILLed holder leaves no stale lock behind (``flock`` on POSIX, ``msvcrt.locking`` on
Windows are released with the process), so nothing waits for a lease to expire after a crash.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError


def sync_lock_path(store_path: Path) -> Path:
    """The lock file of a store's drains (beside the database file)."""
    return store_path.with_name(store_path.name + ".sync-lock")


class ProcessLock:
    """An exclusive lock on ``path`` between processes (and between threads of one process:
    a second :meth:`acquire` in the same process waits as another process would)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._local = threading.Lock()

    def acquire(
        self,
        timeout_s: float | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
        poll_s: float = 0.05,
    ) -> bool:
        """Take the lock, waiting at most ``timeout_s`` (None: for ever) unless ``cancelled()``
        says to give up; returns whether it was taken."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        if not self._local.acquire(timeout=-1 if timeout_s is None else max(0.0, timeout_s)):
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            self._local.release()
            raise StoreError(
                f"cannot open lock file {self.path.name}: {exc}",
                user_message=QT_TRANSLATE_NOOP(
                    "Store", "无法打开同步锁文件（{path}）：{strerror}"
                ).format(path=self.path.name, strerror=exc.strerror),
            ) from exc
        while True:
            if _try_lock(fd):
                self._fd = fd
                return True
            late = deadline is not None and time.monotonic() >= deadline
            if late or (cancelled is not None and cancelled()):
                os.close(fd)
                self._local.release()
                return False
            time.sleep(poll_s)

    def release(self) -> None:
        """Give the lock back."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)
            self._local.release()

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
