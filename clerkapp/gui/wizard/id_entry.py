"""Typing an ID number into a person's field (the related persons of a matter, the person present
for the applicant): checked as typed, masked once valid, started over when the masked number is
edited. One place for what every such field does; the fields show the outcome themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from clerkapp.core.idnumber import (
    IdReason,
    Severity,
    check_id_number,
    mask_id_number,
    normalize_id_number,
)
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import Tone


@dataclass(frozen=True)
class NumberTyped:
    """What a field shows after a keystroke: the number taken (None: none yet), the message
    (empty: none) in its tone, and whether a valid number was just taken (go on to the name)."""

    accepted: str | None
    message: str
    tone: Tone
    taken: bool = False


def number_typed(
    edit: QLineEdit, text: str, accepted: str | None, today: date
) -> NumberTyped | None:
    """The outcome of ``text`` typed into ``edit`` whose number was ``accepted``; None when
    nothing changed (the accepted number shown masked again). Rewrites ``edit`` itself (masked
    once valid, cleared when a masked number is edited) without re-entering its signals."""
    if accepted is not None:
        if text == mask_id_number(accepted):
            return None
        # Editing an accepted (masked) number starts it over.
        _set_quietly(edit, "")
        return NumberTyped(None, "", Tone.NEUTRAL)
    if not text.strip():
        return NumberTyped(None, "", Tone.NEUTRAL)
    errors = [p for p in check_id_number(text, today) if p.severity is Severity.ERROR]
    if errors:
        typing = errors[0].reason is IdReason.TOO_SHORT and len(errors) == 1
        return NumberTyped(
            None, translated(errors[0].message), Tone.NEUTRAL if typing else Tone.ERROR
        )
    number = normalize_id_number(text)
    _set_quietly(edit, mask_id_number(number))
    valid = QCoreApplication.translate("IdNumberEntry", "号码有效")
    return NumberTyped(number, valid, Tone.OK, taken=True)


def _set_quietly(edit: QLineEdit, text: str) -> None:
    edit.blockSignals(True)
    edit.setText(text)
    edit.blockSignals(False)
