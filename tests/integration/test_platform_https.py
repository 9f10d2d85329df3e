"""A platform on the network is reached over https only (issue 11): ``platform configure``
refuses plain http to another host unless ``--insecure-http`` (a lab), which is then said on
every start; loopback http (the training sandbox) is fine; and the client itself refuses to send
to such an address without the flag, so a row waits for a person instead of leaking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.infra.platform import CallContext, Credentials, PlatformClient
from clerkapp.infra.platform.errors import PlatformCallError
from clerkapp.infra.settings import load_settings, settings_path
from clerkapp.infra.url_policy import is_loopback_host, needs_insecure_flag
from clerkapp.sandbox.demo import LI_MING
from tests.integration.case_fixtures import RENTAL, catalogue

ROOT = Path(__file__).resolve().parents[2]
LAB = "http://10.0.0.5:8765"


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERKAPP_HOME": str(home), "CLERKAPP_NO_KEYRING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def _configure(home: Path, url: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return _cli(
        home,
        "platform",
        "configure",
        "--url",
        url,
        "--workstation",
        "JH-RS-03",
        *flags,
        "--secret-stdin",
        stdin="workstation-secret-4711\n",
    )


def test_plain_http_to_another_host_is_refused_then_allowed_for_a_lab(
    clerkapp_home: Path,
) -> None:
    refused = _configure(clerkapp_home, LAB)
    assert refused.returncode == 1
    assert "https://" in refused.stderr and "--insecure-http" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (clerkapp_home / "settings.json").exists()  # nothing stored

    lab = _configure(clerkapp_home, LAB, "--insecure-http")
    assert lab.returncode == 0, lab.stderr
    saved = load_settings()
    assert saved.platform_url == LAB and saved.insecure_http
    # said on every start, whatever the command
    for args in (("platform", "demo"), ("catalogue", "stats")):
        started = _cli(clerkapp_home, *args)
        assert "未加密的 http" in started.stderr and LAB in started.stderr, args

    # back to https: the lab exception goes with the old address, and so does the warning
    secure = _configure(clerkapp_home, "https://platform.example.test", "--insecure-http")
    assert secure.returncode == 0, secure.stderr
    assert not load_settings().insecure_http
    assert "http" not in _cli(clerkapp_home, "platform", "demo").stderr


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765",
        "http://127.8.9.10:8765",
        "http://localhost:8765",
        "http://[::1]:8765",
        "https://10.0.0.5:8765",
    ],
)
def test_loopback_http_and_https_need_no_flag(clerkapp_home: Path, url: str) -> None:
    done = _configure(clerkapp_home, url)
    assert done.returncode == 0, done.stderr
    assert not load_settings().insecure_http
    assert _cli(clerkapp_home, "platform", "demo").stderr == ""


def test_which_hosts_are_this_machine() -> None:
    assert all(map(is_loopback_host, ["127.0.0.1", "127.255.0.9", "::1", "[::1]", "LOCALHOST"]))
    assert not any(map(is_loopback_host, ["10.0.0.5", "192.168.1.2", "example.test", "::2", ""]))
    assert needs_insecure_flag("HTTP://platform.example.test")
    assert needs_insecure_flag("http://127.0.0.1.evil.test")  # a name, not the loopback address
    assert not needs_insecure_flag("https://platform.example.test")


def test_the_client_refuses_to_send_in_clear_without_the_flag() -> None:
    client = PlatformClient(LAB, Credentials("JH-RS-03", "s"))
    context = CallContext("wangxiao", f"matter:{RENTAL}", "C-1")
    with pytest.raises(PlatformCallError) as refused:
        client.lookup("vehicle.ownership", {"id_number": LI_MING}, ["plates"], context=context)
    assert refused.value.code == "insecure_transport" and not refused.value.retryable
    assert LI_MING not in str(refused.value) and LI_MING not in refused.value.user_message
    client.close()


def test_an_address_stored_before_the_rule_sends_nothing(clerkapp_home: Path) -> None:
    """A workstation configured with plain http before https was required: its outbox rows are
    not sent but wait for a person, with the reason."""
    settings_path().write_text(
        json.dumps({"platform_url": LAB, "workstation": "JH-RS-03"}), encoding="utf-8"
    )
    started = _cli(clerkapp_home, "platform", "demo")
    assert "不会向其发送任何数据" in started.stderr
    now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    context = AppContext(clerkapp_home, catalogue=catalogue(), clock=lambda: now)
    try:
        case = context.case_service.open_case(RENTAL, "person", LI_MING, "李明", "wangxiao")
        client = PlatformClient(LAB, Credentials("JH-RS-03", "s"))  # what context.client builds
        report = SyncWorker(context.store, context.case_service, client, lambda: now).drain()
        client.close()
        assert report.sent == 0 and report.needs_person >= 1
        rows = context.store.outbox.for_case(case.id)
        stuck = [r for r in rows if r.state == "needs_person"]
        assert stuck and not [r for r in rows if r.state == "sent"]
        # the case's rows and the audit anchor of the drain's end, each counted once
        waiting = context.store.outbox.needs_person()
        assert len(waiting) == report.needs_person
        assert {r.kind for r in waiting if r.case_id is None} == {"audit_anchor"}
        assert all("insecure_transport" in (r.last_error or "") for r in waiting)
    finally:
        context.close()


def test_audit_verify_asks_a_lab_platform_configured_with_the_flag(clerkapp_home: Path) -> None:
    """`audit verify` asks the platform for its anchors as the app's client does: a lab
    configured with --insecure-http is asked (TEST-NET-2: no platform there), not refused
    as if the flag were missing (it said 已拒绝发送…请用 https:// 地址重新配置平台)."""
    lab = _configure(clerkapp_home, "http://198.51.100.7:9", "--insecure-http")
    assert lab.returncode == 0, lab.stderr
    chief = ("clerks", "add", "chief", "--name", "王主任", "--role", "supervisor")
    added = _cli(clerkapp_home, *chief, "--password-stdin", stdin="chief-password-01\n")
    assert added.returncode == 0, added.stderr  # the store, with an audited entry
    verified = _cli(clerkapp_home, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Traceback" not in verified.stderr
    # asked, and no anchors came back (whatever the network does with that address)
    assert "平台无法连接" in verified.stdout
    assert "已拒绝发送" not in verified.stdout and "https://" not in verified.stdout
