"""The main window says so, in red across the top, when the platform is reached over plain http
on a network (issue 11): the lab exception, or an address stored before https was required —
and says nothing for https or the training sandbox."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui import ops
from clerkapp.gui.application import Shell
from clerkapp.infra.settings import WorkstationSettings
from tests.integration.case_fixtures import catalogue

pytestmark = pytest.mark.gui

LAB = "http://10.0.0.5:8765"


@pytest.fixture
def shown(qtbot: QtBot, clerkapp_home: Path) -> Iterator[list[Shell]]:
    shells: list[Shell] = []
    yield shells
    for shell in shells:
        shell.shutdown()
    ops.wait_for_ops(10_000)


def _shell(qtbot: QtBot, home: Path, settings: WorkstationSettings, out: list[Shell]) -> Shell:
    context = AppContext(home, settings=settings, catalogue=catalogue())
    shell = Shell(context)
    out.append(shell)
    qtbot.addWidget(shell.window)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    return shell


def test_a_lab_platform_over_plain_http_is_bannered_and_logged(
    qtbot: QtBot, clerkapp_home: Path, shown: list[Shell], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="clerkapp")
    lab = WorkstationSettings(platform_url=LAB, workstation="JH-RS-03", insecure_http=True)
    shell = _shell(qtbot, clerkapp_home, lab, shown)
    banner = shell.insecure_banner
    assert banner is not None and banner.isVisible()
    assert shell.window.findChild(QLabel, "insecureHttpBanner") is banner
    assert LAB in banner.text() and "未加密" in banner.text() and "https" in banner.text()
    # above everything else in the window
    assert banner.mapTo(shell.window, banner.rect().topLeft()).y() <= shell.window.header.y()
    assert any("plain http" in r.getMessage() for r in caplog.records)


def test_an_address_stored_before_the_rule_says_nothing_is_sent(
    qtbot: QtBot, clerkapp_home: Path, shown: list[Shell]
) -> None:
    stale = WorkstationSettings(platform_url=LAB, workstation="JH-RS-03")
    shell = _shell(qtbot, clerkapp_home, stale, shown)
    assert shell.insecure_banner is not None and shell.insecure_banner.isVisible()
    assert "不会向其发送任何数据" in shell.insecure_banner.text()


@pytest.mark.parametrize("url", ["https://platform.example.test", ""])
def test_https_and_training_have_no_banner(
    qtbot: QtBot, clerkapp_home: Path, shown: list[Shell], url: str
) -> None:
    settings = WorkstationSettings(platform_url=url, workstation="JH-RS-03" if url else "")
    shell = _shell(qtbot, clerkapp_home, settings, shown)
    assert shell.insecure_banner is None
    assert shell.window.findChild(QLabel, "insecureHttpBanner") is None
