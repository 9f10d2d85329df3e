"""The one logging set-up of ClerkApp: a rotating file under ``data_dir()/logs``.

Log lines carry what happened and where, never personal data: ID numbers, names and passwords
are not passed to loggers (code logs case ids, usernames and error types instead).
"""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path

from clerkapp.infra.file_modes import open_private, private_dir
from clerkapp.infra.paths import log_dir

LOG_FILE = "clerkapp.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    """Send the ``clerkapp`` loggers to a rotating file (idempotent); returns the file's path."""
    path = (directory or log_dir()) / LOG_FILE
    private_dir(path.parent)
    root = logging.getLogger("clerkapp")
    root.setLevel(level)
    for handler in root.handlers:
        if (
            isinstance(handler, logging.handlers.RotatingFileHandler)
            and Path(handler.baseFilename) == path.resolve()
        ):
            return path
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created owner-only (0600) whatever the umask: the log names
    cases and clerks (never personal data, but still the office's business)."""

    def _open(self) -> io.TextIOWrapper:
        stream = open_private(Path(self.baseFilename), "a", encoding=self.encoding)
        assert isinstance(stream, io.TextIOWrapper)
        return stream
