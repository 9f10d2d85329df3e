"""Workstation settings: training by default, the secret never stored in plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkapp.infra import settings


@pytest.fixture(autouse=True)
def _no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests never touch the user's real keyring.
    monkeypatch.setenv("CLERKAPP_NO_KEYRING", "1")


def test_training_mode_when_nothing_is_configured() -> None:
    current = settings.load_settings()
    assert settings.is_training() and current.url == "http://127.0.0.1:8765"
    creds = settings.platform_credentials()
    assert (creds.workstation, creds.secret) == ("TRAIN-01", "sandbox-training-secret")
    assert current.progress_base_url == "http://127.0.0.1:8765"


def test_configured_platform_keeps_the_secret_encrypted(clerkapp_home: Path) -> None:
    saved = settings.configure_platform(
        "https://platform.example.gov.cn/",
        "JH-ZW-0301",
        "s3cr3t-value-42",
        office_name="人社窗口",
        counter_window="3",
        public_base_url="https://p.example.gov.cn",
    )
    assert not saved.training and saved.url == "https://platform.example.gov.cn"
    raw = (clerkapp_home / "settings.json").read_text(encoding="utf-8")
    assert "s3cr3t-value-42" not in raw
    assert "s3cr3t-value-42" not in "".join(
        p.read_bytes().decode("latin-1") for p in clerkapp_home.rglob("*") if p.is_file()
    )
    loaded = settings.load_settings()
    assert (
        loaded.office_name == "人社窗口" and loaded.progress_base_url == "https://p.example.gov.cn"
    )
    assert settings.platform_credentials(loaded).secret == "s3cr3t-value-42"
    assert not settings.is_training()


def test_a_copied_settings_file_without_the_key_file_cannot_reveal_the_secret(
    clerkapp_home: Path,
) -> None:
    settings.configure_platform("https://platform.example", "JH-1", "top-secret")
    (clerkapp_home / "keys" / "workstation.key").unlink()
    with pytest.raises(settings.SettingsError) as unreadable:
        settings.platform_credentials()
    assert "重新配置" in unreadable.value.user_message


def test_back_to_training_and_bad_input() -> None:
    settings.configure_platform("https://platform.example", "JH-1", "top-secret")
    assert settings.use_training().training
    with pytest.raises(settings.SettingsError):
        settings.configure_platform("ftp://x", "JH-1", "s")
    with pytest.raises(settings.SettingsError):
        settings.configure_platform("https://x", "", "s")


def test_broken_settings_file_is_reported(clerkapp_home: Path) -> None:
    clerkapp_home.mkdir(parents=True, exist_ok=True)
    (clerkapp_home / "settings.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(settings.SettingsError):
        settings.load_settings()


def test_unknown_or_null_entries_are_ignored(clerkapp_home: Path) -> None:
    clerkapp_home.mkdir(parents=True, exist_ok=True)
    (clerkapp_home / "settings.json").write_text(
        '{"platform_url": null, "office_name": "人社窗口", "future_option": 3}', encoding="utf-8"
    )
    loaded = settings.load_settings()
    assert loaded.training and loaded.office_name == "人社窗口"
