"""The sandbox never dates an answer in the future: every item's provenance ``as_of``, the
verification answers' ``answered_at``, a sandbox started before 06:00 in its office zone, and a
trainer's dataset dated ahead — all over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.core.office_time import zone_named
from clerkapp.sandbox import demo
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.dataset import write_dataset
from clerkapp.sandbox.server import ThreadedSandbox
from clerkapp.sandbox.synth import generate
from tests.sandbox_fixture import SandboxHandle

pytestmark = pytest.mark.sandbox

SHANGHAI = zone_named("Asia/Shanghai")


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, f"{text} has no offset"
    return moment


def _subject(item: dict[str, Any]) -> dict[str, str]:
    if item["subject"] == "uscc":
        return {"uscc": demo.DEMO_BUSINESS}
    return {"id_number": demo.LI_MING}


def _as_of_of_every_item(handle: SandboxHandle) -> list[tuple[str, datetime, datetime]]:
    """(item, as_of, the moment the answer was read) for every item the platform offers."""
    items = handle.call("GET", "/api/v1/items").json()["items"]
    assert items
    seen = []
    for item in items:
        body = {"item": item["item"], "subject": _subject(item), "fields": []}
        answer = handle.call("POST", "/api/v1/lookups", body)
        read = datetime.now(UTC)
        assert answer.status_code == 200, answer.text
        seen.append((item["item"], _moment(answer.json()["provenance"]["as_of"]), read))
    return seen


def test_every_item_is_answered_as_of_a_past_moment(sandbox: SandboxHandle) -> None:
    for item, as_of, read in _as_of_of_every_item(sandbox):
        assert as_of <= read, f"{item}: as of {as_of}, answered at {read}"
        # the built-in data: the nightly extract, 06:00 in the office zone, within a day
        local = as_of.astimezone(SHANGHAI)
        assert (local.hour, local.minute) == (6, 0), item
        assert read - as_of < timedelta(days=1), item
        assert as_of.utcoffset() == timedelta(hours=8), item  # stated in the office's zone


def test_verification_answers_are_dated_when_given(sandbox: SandboxHandle) -> None:
    asked = datetime.now(UTC).replace(microsecond=0)
    queued = sandbox.call(
        "POST",
        "/api/v1/verifications",
        {
            "proof_code": "GZF-P03",
            "department": "市自然资源和规划局",
            "question": "申请人宅基地批建情况是否属实？",
            "subject": {"id_number": demo.LI_MING},
        },
    ).json()
    answered = sandbox.call("GET", f"/api/v1/verifications/{queued['ticket']}?wait=10").json()
    read = datetime.now(UTC)
    assert answered["state"] == "answered"
    assert asked <= _moment(answered["answered_at"]) <= read


def _zone_before_six_now() -> tuple[str, int]:
    """A fixed-offset zone in which it is now 02:xx (so a naive "today 06:00" would be ahead),
    and its offset in hours."""
    hour = datetime.now(UTC).hour
    offset = (2 - hour) % 24
    if offset > 11:
        offset -= 24
    # POSIX-style names: Etc/GMT-8 is UTC+8.
    name = "Etc/GMT" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"
    return name, offset


def _served(settings: SandboxSettings) -> tuple[ThreadedSandbox, SandboxHandle]:
    server = ThreadedSandbox(settings).start()
    return server, SandboxHandle(server, settings.data_dir)


def test_a_sandbox_started_before_six_serves_yesterdays_extract(tmp_path: Path) -> None:
    zone, offset = _zone_before_six_now()
    assert datetime.now(zone_named(zone)).hour < 6
    server, handle = _served(
        SandboxSettings(data_dir=tmp_path, verify_delay_s=0, people=20, office_zone=zone)
    )
    try:
        seen = _as_of_of_every_item(handle)
    finally:
        handle.close()
        server.stop()
    for item, as_of, read in seen:
        assert as_of <= read, f"{item}: as of {as_of}, answered at {read}"
        assert as_of.utcoffset() == timedelta(hours=offset), item
        local_now = read.astimezone(zone_named(zone))
        assert as_of.hour == 6 and as_of.date() == local_now.date() - timedelta(days=1), item


def test_a_trainers_dataset_dated_ahead_is_answered_as_of_now(tmp_path: Path) -> None:
    ahead = datetime.now(UTC).astimezone(SHANGHAI).replace(microsecond=0) + timedelta(days=3)
    data = tmp_path / "trainer"
    write_dataset(generate(20, 7, ahead), data)
    server, handle = _served(SandboxSettings(data_dir=data, verify_delay_s=0))
    try:
        seen = _as_of_of_every_item(handle)
    finally:
        handle.close()
        server.stop()
    for item, as_of, read in seen:
        assert as_of <= read < ahead, f"{item}: as of {as_of}, answered at {read}"
        assert read - as_of < timedelta(minutes=1), item
