"""The header's words, icons and colours for each connectivity state, the oldest item's age, and
the backlog limits from settings.json turning the status into a warning (issue 10)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkapp.app.connectivity import BacklogLevel, BacklogLimits, Connectivity, Link
from clerkapp.app.context import AppContext
from clerkapp.gui.connectivity import ConnectivityView, age_words, look_of
from clerkapp.gui.header import HeaderBar
from clerkapp.gui.i18n import install_translators
from clerkapp.gui.theme import PlatformState, Tone

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
LIMITS = BacklogLimits(warn_items=50, warn_minutes=30)


def test_each_state_in_words_icon_and_colour() -> None:
    online = look_of(Connectivity(Link.ONLINE), NOW, LIMITS)
    assert (online.text, online.colour, online.state) == ("● 平台在线", Tone.OK.value, "online")
    degraded = look_of(Connectivity(Link.DEGRADED), NOW, LIMITS)
    assert degraded.text == "◐ 平台不稳定" and degraded.colour == Tone.WAITING.value
    offline = look_of(Connectivity(Link.OFFLINE, 4, NOW - timedelta(minutes=2)), NOW, LIMITS)
    assert offline.text == "○ 离线 · 排队 4 项 · 最早 2 分钟前"
    assert offline.colour == Tone.ERROR.value and "自动发送" in offline.tooltip
    syncing = look_of(Connectivity(Link.ONLINE, 12, NOW - timedelta(minutes=40)), NOW, LIMITS)
    assert syncing.text.endswith("⟳ 同步中 · 剩余 12 项")
    assert syncing.state is PlatformState.SYNCING
    connecting = look_of(Connectivity(), NOW, LIMITS)
    assert "连接中" in connecting.text and connecting.state is PlatformState.CONNECTING


def test_age_words() -> None:
    assert age_words(timedelta(seconds=20)) == "不到 1 分钟前"
    assert age_words(timedelta(minutes=59)) == "59 分钟前"
    assert age_words(timedelta(hours=5, minutes=10)) == "5 小时前"
    assert age_words(timedelta(days=3)) == "3 天前"


def test_backlog_past_the_limits_is_a_warning() -> None:
    calm = look_of(Connectivity(Link.OFFLINE, 3, NOW - timedelta(minutes=5)), NOW, LIMITS)
    assert calm.level is BacklogLevel.NORMAL and "⚠" not in calm.text
    old = look_of(Connectivity(Link.DEGRADED, 3, NOW - timedelta(minutes=31)), NOW, LIMITS)
    assert old.level is BacklogLevel.WARN and old.text.startswith("⚠ ◐ 平台不稳定")
    assert old.colour == Tone.WAITING.value and "50 项或 30 分钟" in old.tooltip
    many = look_of(Connectivity(Link.ONLINE, 120, NOW), NOW, LIMITS)
    assert many.level is BacklogLevel.ALERT and many.colour == Tone.ERROR.value
    assert many.text == "⚠ ⟳ 同步中 · 剩余 120 项" and "不会丢失" in many.tooltip


def test_the_header_shows_a_look(qtbot: QtBot) -> None:
    header = HeaderBar("窗口")
    qtbot.addWidget(header)
    header.show()
    look = look_of(Connectivity(Link.OFFLINE, 4, NOW - timedelta(minutes=2)), NOW, LIMITS)
    header.set_connectivity(look)
    assert header.platform_state is PlatformState.OFFLINE
    assert "○ 离线 · 排队 4 项 · 最早 2 分钟前" in header.platform_label.text()
    assert Tone.ERROR.value in header.platform_label.text()
    assert header.platform_label.toolTip() == look.tooltip
    assert not header.pending_label.isVisible()  # the queue is in the status itself
    assert "bold" not in header.platform_label.text()
    header.set_connectivity(look_of(Connectivity(Link.OFFLINE, 60, NOW), NOW, LIMITS))
    assert "font-weight:bold" in header.platform_label.text()
    assert header.platform_label.property("backlogLevel") == int(BacklogLevel.WARN)


def test_limits_come_from_settings_json(qtbot: QtBot, clerkapp_home: Path) -> None:
    clerkapp_home.mkdir(parents=True, exist_ok=True)
    (clerkapp_home / "settings.json").write_text(
        json.dumps({"backlog_warn_items": 3, "backlog_warn_minutes": 7.5}), encoding="utf-8"
    )
    context = AppContext(clerkapp_home)
    header = HeaderBar("窗口")
    qtbot.addWidget(header)
    view = ConnectivityView(context, header)
    try:
        assert view.limits == BacklogLimits(warn_items=3, warn_minutes=7.5)
        queued = look_of(Connectivity(Link.OFFLINE, 3, NOW), NOW, view.limits)
        assert queued.level is BacklogLevel.WARN and "3 项或 7.5 分钟" in queued.tooltip
        assert "连接中" in header.platform_label.text()  # shown at once, before any check
    finally:
        view.stop()
        context.close()
    # nonsense values keep the defaults
    (clerkapp_home / "settings.json").write_text(
        json.dumps({"backlog_warn_items": "many", "backlog_warn_minutes": -1}), encoding="utf-8"
    )
    other = AppContext(clerkapp_home)
    try:
        assert other.settings.backlog_warn_items == 50
        assert other.settings.backlog_warn_minutes == 30.0
    finally:
        other.close()


def test_every_state_reads_in_english(qapp: QApplication) -> None:
    """The header's status is translated with the rest of the shell (its strings reach the
    translation file: a helper lupdate cannot see once hid them)."""
    import re

    translators = install_translators(qapp, "en")
    try:
        states = [
            Connectivity(Link.CONNECTING),
            Connectivity(Link.ONLINE),
            Connectivity(Link.DEGRADED),
            Connectivity(Link.ONLINE, 12, NOW - timedelta(minutes=1)),
            Connectivity(Link.OFFLINE, 4, NOW - timedelta(minutes=2)),
            Connectivity(Link.OFFLINE, 400, NOW - timedelta(hours=3)),
        ]
        for state in states:
            look = look_of(state, NOW, LIMITS)
            for text in (look.text, look.tooltip):
                assert not re.search(r"[\u4e00-\u9fff]", text), text
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
