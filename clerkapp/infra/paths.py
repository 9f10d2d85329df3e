"""Where ClerkApp keeps its data: ``$CLERKAPP_HOME`` when set, otherwise the platform's user
data directory. Tests always set ``CLERKAPP_HOME`` to a temporary directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from clerkapp.infra.file_modes import private_dir

APP_NAME = "ClerkApp"


def data_dir_location() -> Path:
    """Where the data directory is (without creating it)."""
    env = os.environ.get("CLERKAPP_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The data directory, created on first use — owner-only (0700, see
    :mod:`clerkapp.infra.file_modes`)."""
    return private_dir(data_dir_location())


STORE_NAME = "clerkapp.sqlite3"
TRAINING_DIR = "training"


def database_path(training: bool | None = None) -> Path:
    """The SQLite store of this workstation in the mode it is in (``training`` None: as the
    saved settings say). Training work has a store of its own (:func:`store_file`)."""
    if training is None:
        from clerkapp.infra.settings import is_training  # settings imports this module

        training = is_training()
    return store_file(data_dir(), training=training)


def store_file(home: Path, *, training: bool) -> Path:
    """The store of one mode under the data directory ``home``: ``clerkapp.sqlite3`` for the
    real platform, ``training/clerkapp.sqlite3`` for training mode — so nothing queued while
    training can ever be found by the production sync (docs/CONTRACTS.md, "Training and
    production never mix"). Each store's archived documents sit beside it (``documents/``)."""
    return (home / TRAINING_DIR / STORE_NAME) if training else (home / STORE_NAME)


def log_dir() -> Path:
    """Rotating log files (no personal data is ever logged)."""
    return private_dir(data_dir() / "logs")


def resources_dir() -> Path:
    """The bundled ``resources/`` folder: next to the package in a checkout, or inside the
    PyInstaller bundle (``sys._MEIPASS``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def is_frozen() -> bool:
    """Whether ClerkApp runs from its PyInstaller bundle rather than from Python."""
    return bool(getattr(sys, "frozen", False))


def self_command(*args: str) -> list[str]:
    """The command line that runs this same ClerkApp's CLI with ``args`` in a new process.

    In the bundle the executable *is* ``clerkapp`` (a frozen interpreter has no ``-m``); from
    Python it is this interpreter with ``-m clerkapp``.
    """
    if is_frozen():
        return [sys.executable, *args]
    return [sys.executable, "-m", "clerkapp", *args]


def self_environment() -> dict[str, str]:
    """Variables to add to the environment of a process started with :func:`self_command`."""
    if is_frozen():
        # The child is an instance of its own, not a helper of this process: PyInstaller's
        # bootloader must not reuse this process's unpacked state (it would in a one-file
        # build, whose files vanish when the parent exits).
        return {"PYINSTALLER_RESET_ENVIRONMENT": "1"}
    return {}
