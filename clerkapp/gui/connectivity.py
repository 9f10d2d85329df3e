"""The header's honest platform status: the app's one connectivity state, in words and colour.

:class:`ConnectivityView` owns the :class:`~clerkapp.app.connectivity_watch.ConnectivityMonitor`
(health checks with backoff, real calls' outcomes through the platform client's observer),
brings every new state onto the GUI thread by a queued signal and shows it in the header:

``● 平台在线`` · ``◐ 平台不稳定`` · ``○ 离线 · 排队 4 项 · 最早 2 分钟前`` ·
``⟳ 同步中 · 剩余 12 项``

A backlog past the configured limits (``backlog_warn_items`` / ``backlog_warn_minutes`` in
``settings.json``) adds ⚠, turns amber (red at twice a limit, or both) and says why in the
tooltip. The oldest item's age is re-worded every 20 s while work waits (a display refresh,
not a poll: the state itself comes by signals).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from clerkapp.app.connectivity import (
    BacklogLevel,
    BacklogLimits,
    Backoff,
    CallResult,
    Connectivity,
    Link,
    Phase,
)
from clerkapp.app.connectivity_watch import ConnectivityMonitor
from clerkapp.gui.theme import PlatformState, Tone

if TYPE_CHECKING:
    from clerkapp.app.context import AppContext
    from clerkapp.gui.header import HeaderBar

AGE_REFRESH_MS = 20_000
ICONS: dict[Phase, str] = {
    Phase.CONNECTING: "◌",
    Phase.ONLINE: "●",
    Phase.DEGRADED: "◐",
    Phase.OFFLINE: "○",
    Phase.SYNCING: "⟳",
}
_TONES: dict[Phase, Tone] = {
    Phase.CONNECTING: Tone.WAITING,
    Phase.ONLINE: Tone.OK,
    Phase.DEGRADED: Tone.WAITING,
    Phase.OFFLINE: Tone.ERROR,
    Phase.SYNCING: Tone.BUSY,
}
_SEVERITY = [Tone.OK, Tone.BUSY, Tone.WAITING, Tone.ERROR]


@dataclass(frozen=True)
class ConnectivityLook:
    """How the header shows one connectivity state."""

    state: PlatformState
    text: str  # icon and words, e.g. "○ 离线 · 排队 4 项 · 最早 2 分钟前"
    colour: str
    tooltip: str
    level: BacklogLevel


def age_words(age: timedelta) -> str:
    """``不到 1 分钟前`` / ``N 分钟前`` / ``N 小时前`` / ``N 天前``: how long ago, in a clerk's
    words."""
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("Connectivity", "不到 1 分钟前")
    if minutes < 60:
        return QCoreApplication.translate("Connectivity", "{0} 分钟前").format(minutes)
    if minutes < 48 * 60:
        return QCoreApplication.translate("Connectivity", "{0} 小时前").format(minutes // 60)
    return QCoreApplication.translate("Connectivity", "{0} 天前").format(minutes // (24 * 60))


def _words(phase: Phase) -> str:
    return {
        Phase.CONNECTING: QCoreApplication.translate("Connectivity", "连接中"),
        Phase.ONLINE: QCoreApplication.translate("Connectivity", "平台在线"),
        Phase.DEGRADED: QCoreApplication.translate("Connectivity", "平台不稳定"),
        Phase.OFFLINE: QCoreApplication.translate("Connectivity", "离线"),
        Phase.SYNCING: QCoreApplication.translate("Connectivity", "同步中"),
    }[phase]


def _explanation(phase: Phase) -> str:
    return {
        Phase.CONNECTING: QCoreApplication.translate("Connectivity", "正在连接数据共享平台。"),
        Phase.ONLINE: QCoreApplication.translate(
            "Connectivity", "数据共享平台可用，办件操作即时发送。"
        ),
        Phase.DEGRADED: QCoreApplication.translate(
            "Connectivity", "平台响应缓慢或出错：操作可能延迟，失败的会自动重试。"
        ),
        Phase.OFFLINE: QCoreApplication.translate(
            "Connectivity", "无法连接数据共享平台。可以继续办件：操作已排队，平台恢复后自动发送。"
        ),
        Phase.SYNCING: QCoreApplication.translate(
            "Connectivity", "平台已恢复，正在发送排队的操作。"
        ),
    }[phase]


def look_of(
    state: Connectivity, now: datetime, limits: BacklogLimits, notice: str = ""
) -> ConnectivityLook:
    """The header's words, colour and tooltip for ``state`` at ``now``."""
    phase = state.phase
    parts = [f"{ICONS[phase]} {_words(phase)}"]
    age = state.oldest_age(now)
    if phase is Phase.SYNCING:
        parts.append(QCoreApplication.translate("Connectivity", "剩余 {0} 项").format(state.queued))
    elif state.queued > 0:
        parts.append(QCoreApplication.translate("Connectivity", "排队 {0} 项").format(state.queued))
        if age is not None:
            parts.append(
                QCoreApplication.translate("Connectivity", "最早 {0}").format(age_words(age))
            )
    level = state.backlog_level(now, limits)
    tone = _TONES[phase]
    tips = [_explanation(phase)]
    if level is not BacklogLevel.NORMAL:
        parts[0] = "⚠ " + parts[0]
        floor = Tone.ERROR if level is BacklogLevel.ALERT else Tone.WAITING
        tone = max(tone, floor, key=_SEVERITY.index)
        tips.append(
            QCoreApplication.translate(
                "Connectivity",
                "待发送积压超过设定上限（{0} 项或 {1} 分钟）：请检查网络，"
                "或联系信息科；积压的操作不会丢失。",
            ).format(limits.warn_items, _minutes(limits.warn_minutes))
        )
    if state.instance_changed:
        tips.append(
            QCoreApplication.translate(
                "Connectivity", "注意：培训平台已更换为另一个实例，之前的核验和进度可能查不到。"
            )
        )
    if notice:
        tips.append(notice)
    return ConnectivityLook(
        state=PlatformState(phase.value),
        text=" · ".join(parts),
        colour=tone.value,
        tooltip="\n".join(tips),
        level=level,
    )


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class ConnectivityView(QObject):
    """The monitor of ``context``'s platform, shown in ``header``. ``changed`` carries every
    new :class:`Connectivity` on the GUI thread."""

    changed = Signal(object)
    _arrived = Signal(object)  # from the monitor's and the callers' threads: queued

    def __init__(
        self,
        context: AppContext,
        header: HeaderBar,
        *,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._header = header
        settings = context.settings
        self.limits = BacklogLimits(settings.backlog_warn_items, settings.backlog_warn_minutes)
        self.monitor = ConnectivityMonitor(
            context.backlog,
            context.clock,
            expect_sandbox=context.training,
            backoff=backoff,
            on_back=context.platform_back,
        )
        self.notice = ""
        self.look: ConnectivityLook | None = None
        self._arrived.connect(self._show)
        self._listener = self._arrived.emit
        self.monitor.add_listener(self._listener)
        context.observe_calls(self.monitor.report_call)
        context.watch_link(lambda: self.monitor.state.link is Link.OFFLINE)
        self._ages = QTimer(self)
        self._ages.setInterval(AGE_REFRESH_MS)
        self._ages.timeout.connect(self._reword)
        self._show(self.monitor.state)

    @property
    def state(self) -> Connectivity:
        """The latest state."""
        return self.monitor.state

    def start(self, url: str) -> None:
        """Watch the platform at ``url`` (again: re-point and check at once)."""
        self.monitor.start(url)

    def platform_down(self) -> None:
        """The sandbox process this app runs is gone: offline now, checks back off."""
        self.monitor.report(CallResult.UNREACHABLE)

    def refresh_backlog(self) -> None:
        """The outbox changed: recount it (in the background)."""
        self.monitor.refresh_backlog()

    def set_notice(self, notice: str) -> None:
        """A line added to the status tooltip (e.g. which port the training sandbox uses)."""
        self.notice = notice
        self._reword()

    def stop(self) -> None:
        """Stop watching (at shutdown)."""
        self._ages.stop()
        self._context.observe_calls(None)
        self._context.watch_link(None)
        self.monitor.remove_listener(self._listener)
        self.monitor.stop()

    def _show(self, state: Connectivity) -> None:
        self.look = look_of(state, self._context.clock(), self.limits, self.notice)
        self._header.set_connectivity(self.look)
        if state.queued > 0:
            self._ages.start()
        else:
            self._ages.stop()
        self.changed.emit(state)

    def _reword(self) -> None:
        state = self.monitor.state
        self.look = look_of(state, self._context.clock(), self.limits, self.notice)
        self._header.set_connectivity(self.look)
