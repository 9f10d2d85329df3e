"""Where ClerkApp keeps its data: ``$CLERKAPP_HOME`` when set, otherwise the platform's user
data directory. Tests always set ``CLERKAPP_HOME`` to a temporary directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ClerkApp"


def data_dir() -> Path:
    """The data directory, created on first use."""
    env = os.environ.get("CLERKAPP_HOME")
    path = Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    """The SQLite store of this workstation."""
    return data_dir() / "clerkapp.sqlite3"


def log_dir() -> Path:
    """Rotating log files (no personal data is ever logged)."""
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The bundled ``resources/`` folder: next to the package in a checkout, or inside the
    PyInstaller bundle (``sys._MEIPASS``)."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
