"""The one exception tree of ClerkApp.

Every error the package raises on purpose derives from :class:`ClerkAppError`, so the GUI and the
CLI can catch them in one place and show ``user_message`` (Chinese, in the clerk's words) instead
of a stack trace."""

from __future__ import annotations


class ClerkAppError(Exception):
    """Root of all ClerkApp errors; ``user_message`` is safe to show a clerk (no personal data)."""

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(message)
        self.user_message = user_message or message


class ValidationError(ClerkAppError):
    """Input that does not satisfy a rule (ID number, credit code, catalogue file, …)."""


class InvalidTransition(ClerkAppError):
    """A case or proof event that the state machine does not allow in the current state."""


class CatalogueError(ClerkAppError):
    """A catalogue file that cannot be used (broken JSON, schema errors, older version, …)."""


class StoreError(ClerkAppError):
    """The local store could not do what was asked (migration failed, integrity problem, …)."""


class PlatformError(ClerkAppError):
    """The data platform answered with a problem or could not be reached."""


class DocumentError(ClerkAppError):
    """A printed document cannot be built (e.g. a character no shipped font has)."""
