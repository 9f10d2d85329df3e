"""settings.json ``applicant_text_scale`` (large type on the applicant screen, 适老化, issue 9):
read within 1.0 … 2.0 (anything else keeps 1.0), and the clerk's 大字 toggle saves it for the
workstation without touching the other settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clerkapp.infra.settings import load_settings, save_applicant_text_scale


def _write(home: Path, data: object) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text(json.dumps(data), encoding="utf-8")


def test_the_default_is_normal_type(clerkapp_home: Path) -> None:
    assert load_settings().applicant_text_scale == 1.0


@pytest.mark.parametrize("value", [1, 1.25, 1.5, 2])
def test_a_scale_from_settings(clerkapp_home: Path, value: float) -> None:
    _write(clerkapp_home, {"applicant_text_scale": value})
    assert load_settings().applicant_text_scale == float(value)


@pytest.mark.parametrize("value", [0.5, 0, -1, 2.5, "large", True, None, [1.5]])
def test_a_scale_the_screen_is_not_laid_out_for_keeps_normal_type(
    clerkapp_home: Path, value: object
) -> None:
    _write(clerkapp_home, {"applicant_text_scale": value})
    assert load_settings().applicant_text_scale == 1.0


def test_the_toggle_saves_the_scale_and_keeps_the_rest(clerkapp_home: Path) -> None:
    _write(clerkapp_home, {"office_zone": "Asia/Urumqi", "backlog_warn_items": 20})
    saved = save_applicant_text_scale(1.5)
    assert saved.applicant_text_scale == 1.5
    again = load_settings()
    assert again.applicant_text_scale == 1.5
    assert again.office_zone == "Asia/Urumqi" and again.backlog_warn_items == 20
    assert save_applicant_text_scale(7).applicant_text_scale == 2.0  # held to the range
