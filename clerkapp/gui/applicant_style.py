"""The type of the applicant screen (申请人屏), read from about a metre away, and its large-type
setting (适老化): one style sheet for the whole window, every font size in it multiplied by the
text scale (settings.json ``applicant_text_scale``; the clerk's 大字 toggle). No widget of the
screen sets a font size of its own, so one :func:`style_sheet` call rescales every text.

Colours that follow the state (an outcome's tone, the proofs spared) are chosen by the dynamic
property ``tone`` (a :class:`~clerkapp.gui.theme.Tone` name) through :func:`set_tone`."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clerkapp.gui.theme import Tone

#: Base type sizes (pixels at text scale 1.0).
TITLE_PX = 40
TEXT_PX = 28
SMALL_PX = 22

#: The scales the clerk's 大字 toggle steps through (normal, large, extra large).
TEXT_SCALES = (1.0, 1.25, 1.5)
MIN_SCALE = 1.0
MAX_SCALE = 2.0


def clamp_scale(value: float) -> float:
    """A text scale within what the screen is laid out for (1.0 … 2.0)."""
    return min(MAX_SCALE, max(MIN_SCALE, float(value)))


def next_scale(current: float) -> float:
    """The 大字 toggle's next scale: the next larger one of :data:`TEXT_SCALES`, after the
    largest back to normal."""
    return next((s for s in TEXT_SCALES if s > current + 1e-6), TEXT_SCALES[0])


def px(base: int, scale: float) -> int:
    """``base`` pixels at ``scale``."""
    return round(base * clamp_scale(scale))


def rating_columns(scale: float) -> int:
    """How many 好差评 buttons side by side at ``scale``: all five up to 1.25, else three."""
    return 5 if clamp_scale(scale) <= 1.3 else 3


def style_sheet(scale: float) -> str:
    """The applicant window's style sheet at ``scale``."""
    title, text, small = px(TITLE_PX, scale), px(TEXT_PX, scale), px(SMALL_PX, scale)
    matter, pledge = px(TEXT_PX + 4, scale), px(TEXT_PX - 2, scale)
    pad_v, pad_h = px(8, scale), px(16, scale)
    tones = "\n".join(f'QLabel[tone="{t.name}"] {{ color: {t.value}; }}' for t in Tone)
    return f"""
QWidget#applicantScreen {{ background: #ffffff; }}
QLabel {{ color: #202124; font-size: {text}px; }}
QLabel#applicantMatter {{ font-size: {matter}px; font-weight: 600; }}
QLabel#applicantCentre, QLabel#applicantOutcome {{ font-size: {title}px; font-weight: 600; }}
QLabel#applicantProofsHeadline, QLabel#applicantPledgeStatus,
QLabel#applicantRatingQuestion {{ font-weight: 600; }}
QLabel#applicantHint {{ font-size: {small}px; color: #5f6368; }}
QLabel#applicantOutcomeProofs {{ font-size: {small}px; }}
QLabel#applicantPledgeMore {{ font-size: {small}px; color: #1f5fbf; font-weight: 600; }}
QFrame#applicantPledgeConsequencesBox {{
    background: #fff4e5; border: 2px solid #b3261e; border-radius: 8px; }}
QLabel#applicantPledgeConsequencesTitle {{ color: #b3261e; font-weight: 600; }}
QLabel#applicantPledgeConsequences {{ font-size: {pledge}px; }}
QLabel#applicantPledgeText {{ font-size: {pledge}px; }}
QScrollArea {{ background: #ffffff; }}
QWidget#applicantCaseBody, QWidget#applicantOutcomeBody {{ background: #ffffff; }}
QScrollArea#applicantPledgeScroll, QWidget#applicantPledgeReading {{ background: #fffdf7; }}
QPushButton {{ font-size: {text}px; padding: {pad_v}px {pad_h}px; }}
QPushButton:checked {{ background: #1f5fbf; color: white; }}
{tones}
"""


def set_tone(widget: QWidget, tone: Tone | None) -> None:
    """Colour ``widget``'s text by ``tone`` (None: the normal text colour)."""
    name = tone.name if tone is not None else ""
    if widget.property("tone") == name:
        return
    widget.setProperty("tone", name)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
