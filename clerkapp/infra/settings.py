"""Workstation configuration: which platform this counter talks to and as whom.

Kept in ``data_dir()/settings.json``. The workstation secret is never stored in plain text: it goes
to :mod:`clerkapp.infra.secret_vault` (the OS keyring when there is one, otherwise the encrypted
file fallback; docs/security.md says what each protects against).

With no platform configured the workstation is in training mode (培训模式): it uses the bundled
sandbox at a fixed loopback address with the training workstation.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.core.bounded_json import InputError
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError
from clerkapp.infra import secret_vault
from clerkapp.infra.bounded_read import SETTINGS, display_path, read_json
from clerkapp.infra.file_modes import write_private
from clerkapp.infra.paths import data_dir
from clerkapp.infra.url_policy import check_platform_url, needs_insecure_flag

if TYPE_CHECKING:
    from clerkapp.infra.platform.signing import Credentials

TRAINING_URL = "http://127.0.0.1:8765"
TRAINING_WORKSTATION = "TRAIN-01"
TRAINING_SECRET = "sandbox-training-secret"  # public by design: the sandbox is for training
KEYRING_SERVICE = "ClerkApp platform"
DEFAULT_ANSWER_RETENTION_DAYS = 365


class SettingsError(ClerkAppError):
    """The workstation configuration cannot be read or used."""


@dataclass(frozen=True)
class WorkstationSettings:
    """What this counter is and which platform it uses. ``platform_url`` empty: training mode."""

    platform_url: str = ""
    workstation: str = ""
    official_display: str = ""  # how the counter signs documents, e.g. "金华市行政服务中心"
    office_name: str = ""  # e.g. "人社窗口"
    counter_window: str = ""  # e.g. "3"
    public_base_url: str = ""  # base of progress QR links; the platform URL when empty
    secret_store: str = ""  # "keyring" or "fernet": where the secret is kept
    secret_token: str = ""  # the Fernet token of the secret (secret_store "fernet")
    # The office's time zone (IANA name): every time a person reads is shown in it; empty means
    # Asia/Shanghai. Stored times stay UTC whatever it is (see clerkapp.infra.office_clock).
    office_zone: str = ""
    # Past this many operations queued for the platform, or an oldest one this many minutes
    # old, the header's status turns into a warning (amber; red at twice the limit or both).
    # 0 turns that limit off.
    backlog_warn_items: int = 50
    backlog_warn_minutes: float = 30.0
    # Plain http to a non-loopback platform, allowed for a lab (``configure --insecure-http``);
    # warned about on every start (clerkapp.infra.url_policy).
    insecure_http: bool = False
    # Days after a case is closed before its platform answers are reduced to what the decision
    # needs (clerkapp.app.retention; docs/security.md "Retention").
    answer_retention_days: int = DEFAULT_ANSWER_RETENTION_DAYS
    # Large type on the applicant screen (适老化): every text there this many times its normal
    # size, 1.0 … 2.0; the clerk's 大字 toggle at the counter changes and saves it.
    applicant_text_scale: float = 1.0

    @property
    def training(self) -> bool:
        """Training mode: no platform configured."""
        return not self.platform_url

    @property
    def url(self) -> str:
        """The platform address to call (the bundled sandbox in training mode)."""
        return self.platform_url or TRAINING_URL

    @property
    def progress_base_url(self) -> str:
        """Base of the progress page links printed in QR codes. In training mode the default
        sandbox address; the app prints the address of the sandbox really in use
        (``AppContext.progress_base_url``)."""
        if self.training:
            return TRAINING_URL
        return (self.public_base_url or self.platform_url).rstrip("/")

    @property
    def workstation_id(self) -> str:
        """The workstation id presented to the platform."""
        return self.workstation if not self.training else TRAINING_WORKSTATION


def settings_path() -> Path:
    """Where the workstation configuration lives."""
    return data_dir() / "settings.json"


def load_settings() -> WorkstationSettings:
    """The saved configuration (defaults — training mode — when none is saved)."""
    path = settings_path()
    if not path.exists():
        return WorkstationSettings()
    try:
        data = read_json(path, SETTINGS)  # bounded (issue 11)
    except InputError as exc:
        raise SettingsError(
            f"cannot read {path}: {exc}",
            user_message=QT_TRANSLATE_NOOP(
                "Settings", "工作站配置文件无法读取：{display_path}: {location}: {value}: {message}"
            ).format(
                display_path=display_path(path),
                location=exc.location,
                value=exc.field or "-",
                message=exc.message,
            ),
        ) from None
    if not isinstance(data, dict):
        raise SettingsError(
            f"{path} is not an object",
            user_message=QT_TRANSLATE_NOOP("Settings", "工作站配置文件格式有误"),
        )
    known = WorkstationSettings.__dataclass_fields__
    values: dict[str, Any] = {
        k: v for k, v in data.items() if k in known and k not in _NUMBERS and isinstance(v, str)
    }
    for name in _TYPED:  # not text: only of the right type (below), else the default
        values.pop(name, None)
    values.update(_numbers(data))
    values.update(_typed_values(data))
    settings = WorkstationSettings(**values)
    check_office_zone(settings.office_zone)
    return settings


_NUMBERS: dict[str, type[int] | type[float]] = {
    "backlog_warn_items": int,
    "backlog_warn_minutes": float,
}


def _numbers(data: dict[str, Any]) -> dict[str, Any]:
    """The numeric settings given as non-negative numbers (anything else: the default)."""
    found: dict[str, Any] = {}
    for name, kind in _NUMBERS.items():
        value = data.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            found[name] = kind(value)
    return found


_TYPED = ("insecure_http", "answer_retention_days", "applicant_text_scale")


def _typed_values(data: dict[str, Any]) -> dict[str, Any]:
    """The settings that are not text, when of the right type (a wrong one: the default)."""
    values: dict[str, Any] = {}
    if isinstance(data.get("insecure_http"), bool):
        values["insecure_http"] = data["insecure_http"]
    days = data.get("answer_retention_days")
    if isinstance(days, int) and not isinstance(days, bool) and days >= 1:
        values["answer_retention_days"] = days
    scale = data.get("applicant_text_scale")
    if isinstance(scale, int | float) and not isinstance(scale, bool) and 1.0 <= scale <= 2.0:
        values["applicant_text_scale"] = float(scale)
    return values


def check_office_zone(name: str) -> None:
    """Refuse an office time zone name the zone database does not know (SettingsError)."""
    from clerkapp.core.office_time import UnknownZoneError, zone_named

    try:
        zone_named(name)
    except UnknownZoneError as exc:
        raise SettingsError(
            str(exc),
            user_message=QT_TRANSLATE_NOOP(
                "Settings", "工作站配置的办公时区“{name}”无效，应为 IANA 时区名，如 Asia/Shanghai"
            ).format(name=name),
        ) from exc


def save_settings(settings: WorkstationSettings) -> None:
    """Write the configuration atomically (a crash leaves the old or the new file)."""
    path = settings_path()
    tmp = path.with_suffix(".json.tmp")
    text = json.dumps(asdict(settings), ensure_ascii=False, indent=2)
    write_private(tmp, text.encode("utf-8"))  # owner-only (docs/security.md)
    os.replace(tmp, path)


def save_applicant_text_scale(scale: float) -> WorkstationSettings:
    """Remember the applicant screen's text scale (the 大字 toggle) in this workstation's
    settings, the rest of them as they are; returns what was saved."""
    settings = replace(load_settings(), applicant_text_scale=min(2.0, max(1.0, float(scale))))
    save_settings(settings)
    return settings


def is_training() -> bool:
    """Whether this workstation runs in training mode (no platform configured)."""
    return load_settings().training


def configure_platform(
    url: str,
    workstation: str,
    secret: str,
    *,
    official_display: str | None = None,
    office_name: str | None = None,
    counter_window: str | None = None,
    public_base_url: str | None = None,
    office_zone: str | None = None,
    insecure_http: bool = False,
) -> WorkstationSettings:
    """Point this workstation at a real platform; the secret is stored protected, never plain.
    ``office_zone``: the office's time zone (IANA name) when given. A non-loopback ``url`` must
    be https unless ``insecure_http`` (a lab; :class:`InsecurePlatformUrl` otherwise). Returns
    the saved configuration."""
    if not url.startswith(("http://", "https://")) or not workstation or not secret:
        raise SettingsError(
            "platform url, workstation and secret are required",
            user_message=QT_TRANSLATE_NOOP(
                "Settings", "请填写平台地址（http:// 或 https:// 开头）、工作站编号和密钥"
            ),
        )
    check_platform_url(url, insecure_http=insecure_http)
    if office_zone is not None:
        check_office_zone(office_zone)
    current = load_settings()
    store, token = _protect(workstation, secret)
    updated = replace(
        current,
        platform_url=url.rstrip("/"),
        workstation=workstation,
        secret_store=store,
        secret_token=token,
        official_display=current.official_display if official_display is None else official_display,
        office_name=current.office_name if office_name is None else office_name,
        counter_window=current.counter_window if counter_window is None else counter_window,
        public_base_url=current.public_base_url if public_base_url is None else public_base_url,
        office_zone=current.office_zone if office_zone is None else office_zone.strip(),
        insecure_http=insecure_http and needs_insecure_flag(url),
    )
    save_settings(updated)
    return updated


def use_training() -> WorkstationSettings:
    """Forget the platform configuration: back to training mode."""
    current = load_settings()
    if current.secret_store == "keyring":
        _keyring_delete(current.workstation)
    updated = replace(
        current,
        platform_url="",
        workstation="",
        secret_store="",
        secret_token="",
        public_base_url="",
        insecure_http=False,
    )
    save_settings(updated)
    return updated


def platform_credentials(settings: WorkstationSettings | None = None) -> Credentials:
    """The credentials to sign platform calls with (the training ones in training mode)."""
    # Imported here: the platform package brings in requests, which the start-up path (the
    # application context reads the settings) does not need.
    from clerkapp.infra.platform.signing import Credentials

    settings = settings or load_settings()
    if settings.training:
        return Credentials(TRAINING_WORKSTATION, TRAINING_SECRET)
    return Credentials(settings.workstation, _reveal(settings))


# ------------------------------------------------------------------ secret storage
# Where the secret goes is clerkapp.infra.secret_vault's business (docs/security.md).


def _protect(workstation: str, secret: str) -> tuple[str, str]:
    stored = secret_vault.put(workstation, secret, service=KEYRING_SERVICE)
    return stored.backend, stored.token


def _stored(settings: WorkstationSettings) -> secret_vault.StoredSecret:
    return secret_vault.StoredSecret(
        settings.secret_store, KEYRING_SERVICE, settings.workstation, settings.secret_token
    )


def _reveal(settings: WorkstationSettings) -> str:
    try:
        return secret_vault.get(_stored(settings))
    except secret_vault.VaultError as exc:
        raise SettingsError(
            "workstation secret unavailable",
            user_message=QT_TRANSLATE_NOOP(
                "Settings",
                "无法读取本工作站的平台密钥（可能是在其他电脑上复制的配置），请重新配置平台",
            ),
        ) from exc


def _keyring_delete(workstation: str) -> None:
    secret_vault.delete(
        secret_vault.StoredSecret(secret_vault.KEYRING, KEYRING_SERVICE, workstation)
    )
