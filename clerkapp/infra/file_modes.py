"""Owner-only files: the data directory and everything under it are 0700 (folders) and 0600
(files), whatever the process's umask — the store holds full ID numbers and names, the logs and
archived documents name cases, and the keys folder protects the workstation secret.

On POSIX the modes are set explicitly where ClerkApp creates a file or folder, and
:func:`secure_data_dir` tightens what an older version (or another tool) left readable by others,
once per start. On Windows ``chmod`` cannot express this: the per-user profile's ACL (the data
directory is under ``%LOCALAPPDATA%``) is what keeps other users out — see docs/security.md.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
#: Whether POSIX modes mean anything here (False on Windows, where chmod only sets read-only).
ENFORCED = os.name == "posix"
#: Written in the data directory once its whole tree was checked: later starts check only the
#: top of the tree (a workstation's documents folder grows to tens of thousands of files).
CHECKED_MARKER = ".private-modes"
_MARKER_VERSION = "1\n"


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner may enter, created (with its parents) if missing;
    returns ``path``."""
    if not path.is_dir():
        # Every folder created here is ours, the missing parents too (e.g. the data directory
        # when its training/ folder is made first): owner-only, whatever the umask.
        missing = [path]
        while not missing[-1].parent.exists() and missing[-1].parent != missing[-1]:
            missing.append(missing[-1].parent)
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True, mode=PRIVATE_DIR)
            restrict(folder)
    return path


def restrict(path: Path) -> bool:
    """Make an existing file 0600 or folder 0700 when others (group or world) may use it;
    True when its mode was changed. Symbolic links and missing paths are left alone."""
    if not ENFORCED:
        return False
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return False
    wanted = PRIVATE_DIR if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
    if stat.S_IMODE(info.st_mode) == wanted:
        return False
    try:
        os.chmod(path, wanted)
    except PermissionError:  # not ours (a file given to a read-only command): leave it
        return False
    return True


def open_private(path: Path, mode: str = "wb", encoding: str | None = None) -> IO[Any]:
    """``open(path, mode)`` for writing a file created 0600 (an existing one is made 0600 too):
    never readable by others, not even for the moment between creation and a chmod."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    fd = os.open(path, flags, PRIVATE_FILE)
    if ENFORCED:
        os.fchmod(fd, PRIVATE_FILE)
    return os.fdopen(fd, mode, encoding=encoding)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (created 0600) and flush it to disk."""
    with open_private(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def tighten_tree(root: Path, *, deep: bool = True) -> int:
    """Restrict ``root`` and what is under it (only its direct entries unless ``deep``), never
    following symbolic links; the number of files and folders whose mode was changed."""
    if not ENFORCED or not root.is_dir():
        return 0
    changed = int(restrict(root))
    if not deep:
        for entry in root.iterdir():
            changed += restrict(entry)
        return changed
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in (*dirs, *files):
            try:
                changed += restrict(base / name)
            except OSError:  # a file that vanished or is not ours: nothing to tighten
                continue
    return changed


def secure_data_dir(root: Path) -> int:
    """Start-up: tighten the data directory ``root`` — its whole tree the first time (then a
    marker is left), afterwards its top level and the small folders (logs, keys, catalogue,
    calendar); logs one line when something was tightened (a count, never a name). Returns the
    number of files and folders changed."""
    if not ENFORCED or not root.is_dir():
        return 0
    marker = root / CHECKED_MARKER
    first = not marker.is_file()
    if first:
        changed = tighten_tree(root)
        write_private(marker, _MARKER_VERSION.encode("ascii"))
    else:
        changed = tighten_tree(root, deep=False)
        for small in ("logs", "keys", "catalogue", "calendar", "sandbox"):
            changed += tighten_tree(root / small)
    if changed:
        log.warning(
            "data directory: %d files or folders were readable by other users and were made"
            " owner-only (folders 0700, files 0600)",
            changed,
        )
    return changed
