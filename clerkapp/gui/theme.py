"""Status look of the whole GUI: every status is colour **and** icon **and** words (UI.md), so
colour-blind clerks and grey printers lose nothing. Widgets ask here instead of picking colours."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from clerkapp.core.case_types import CaseState
from clerkapp.gui.act_words import procedure_kind, state_word


class Tone(StrEnum):
    """Colour families (text colours with enough contrast on white, WCAG AA)."""

    OK = "#1e7b34"
    BUSY = "#1f5fbf"
    WAITING = "#9a5b00"
    ERROR = "#b3261e"
    NEUTRAL = "#5f6368"


ICONS: dict[Tone, str] = {
    Tone.OK: "✔",
    Tone.BUSY: "⟳",
    Tone.WAITING: "◷",
    Tone.ERROR: "✖",
    Tone.NEUTRAL: "—",
}

BANNER_BG = "#ffc94d"  # amber training banner
BANNER_FG = "#3b2a00"
DOT = "●"


@dataclass(frozen=True)
class StatusLook:
    """How one status is shown: tone (colour), icon and words."""

    tone: Tone
    words: str

    @property
    def icon(self) -> str:
        """The icon character of the tone."""
        return ICONS[self.tone]

    @property
    def colour(self) -> str:
        """The text colour (hex)."""
        return self.tone.value

    def text(self) -> str:
        """Icon and words, e.g. ``✔ 已办结``."""
        return f"{self.icon} {self.words}"

    def html(self) -> str:
        """Icon and words in the tone's colour, for rich-text labels."""
        return f'<span style="color:{self.colour}">{self.icon} {self.words}</span>'


def case_status(
    state: str,
    *,
    needs_person: bool = False,
    waiting_lookup: bool = False,
    procedure: str = "",
    decidable: bool = False,
) -> StatusLook:
    """The look of a case in the case list, from its state (``clerkapp.core.case.CaseState``);
    a decided case in the words of its matter's kind of act (``procedure``, a
    ``ProcedureKind`` value): 已办结（给付） / 已办结（不予给付） for a 行政给付. ``decidable``:
    every proof has settled, the clerk can decide now (可决定, issue 10)."""
    if needs_person:
        return StatusLook(Tone.ERROR, QCoreApplication.translate("Status", "需处理"))
    if decidable and state in ("open", "accepted"):
        return StatusLook(Tone.OK, QCoreApplication.translate("Status", "可决定"))
    if waiting_lookup:
        return StatusLook(Tone.WAITING, QCoreApplication.translate("Status", "等待答复"))
    # Only the look asked for is made (the list asks for hundreds of cases on every reload).
    looks = {
        "open": lambda: StatusLook(Tone.BUSY, QCoreApplication.translate("Status", "办理中")),
        "accepted": lambda: StatusLook(
            Tone.WAITING, QCoreApplication.translate("Status", "等待部门答复")
        ),
        "approved": lambda: StatusLook(Tone.OK, _decided(CaseState.APPROVED, procedure)),
        "refused": lambda: StatusLook(Tone.ERROR, _decided(CaseState.REFUSED, procedure)),
        "withdrawn": lambda: StatusLook(
            Tone.NEUTRAL, QCoreApplication.translate("Status", "已撤回")
        ),
        "awaiting_correction": lambda: StatusLook(
            Tone.WAITING, QCoreApplication.translate("Status", "待补正")
        ),
        "not_accepted": lambda: StatusLook(
            Tone.ERROR, QCoreApplication.translate("Status", "不予受理")
        ),
    }
    make = looks.get(state)
    return make() if make is not None else StatusLook(Tone.NEUTRAL, state)


def _decided(state: CaseState, procedure: str) -> str:
    return state_word(state, procedure_kind(procedure))


class PlatformState(StrEnum):
    """Connection to the data platform, as the header shows it."""

    ONLINE = "online"
    CONNECTING = "connecting"
    OFFLINE = "offline"
    DEGRADED = "degraded"  # answers, with 5xx or slowly (issue 10)
    SYNCING = "syncing"  # online, sending the queued work (issue 10)


def platform_status(state: PlatformState) -> StatusLook:
    """The look of the platform status in the header (the icon is a dot, the words say it)."""
    looks = {
        PlatformState.ONLINE: StatusLook(Tone.OK, QCoreApplication.translate("Status", "平台在线")),
        PlatformState.CONNECTING: StatusLook(
            Tone.WAITING, QCoreApplication.translate("Status", "连接中")
        ),
        PlatformState.OFFLINE: StatusLook(Tone.ERROR, QCoreApplication.translate("Status", "离线")),
        PlatformState.DEGRADED: StatusLook(
            Tone.WAITING, QCoreApplication.translate("Status", "平台不稳定")
        ),
        PlatformState.SYNCING: StatusLook(
            Tone.BUSY, QCoreApplication.translate("Status", "同步中")
        ),
    }
    return looks[state]
