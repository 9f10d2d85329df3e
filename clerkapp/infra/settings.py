"""Workstation configuration: which platform this counter talks to and as whom.

Kept in ``data_dir()/settings.json``. The workstation secret is never stored in plain text: it goes
to the OS keyring when the ``keyring`` package and a real backend are available, otherwise it is
encrypted (Fernet) under a key derived from a machine-local key file (``data_dir()/keys/``,
readable by the user only) and this machine's id, so a copied settings file alone reveals nothing.

With no platform configured the workstation is in training mode (培训模式): it uses the bundled
sandbox at a fixed loopback address with the training workstation.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from clerkapp.core.bounded_json import InputError
from clerkapp.errors import ClerkAppError
from clerkapp.infra.bounded_read import SETTINGS, display_path, read_json
from clerkapp.infra.paths import data_dir

if TYPE_CHECKING:
    from clerkapp.infra.platform.signing import Credentials

TRAINING_URL = "http://127.0.0.1:8765"
TRAINING_WORKSTATION = "TRAIN-01"
TRAINING_SECRET = "sandbox-training-secret"  # public by design: the sandbox is for training
KEYRING_SERVICE = "ClerkApp platform"


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
        """Base of the progress page links printed in QR codes (fixed in training mode so
        yesterday's training receipts still scan)."""
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
            user_message=f"工作站配置文件无法读取：{display_path(path)}: {exc.location}: "
            f"{exc.field or '-'}: {exc.message}",
        ) from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path} is not an object", user_message="工作站配置文件格式有误")
    known = WorkstationSettings.__dataclass_fields__
    values = {k: v for k, v in data.items() if k in known and isinstance(v, str)}
    settings = WorkstationSettings(**values)
    check_office_zone(settings.office_zone)
    return settings


def check_office_zone(name: str) -> None:
    """Refuse an office time zone name the zone database does not know (SettingsError)."""
    from clerkapp.core.office_time import UnknownZoneError, zone_named

    try:
        zone_named(name)
    except UnknownZoneError as exc:
        raise SettingsError(
            str(exc),
            user_message=f"工作站配置的办公时区“{name}”无效，应为 IANA 时区名，如 Asia/Shanghai",
        ) from exc


def save_settings(settings: WorkstationSettings) -> None:
    """Write the configuration atomically (a crash leaves the old or the new file)."""
    path = settings_path()
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


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
) -> WorkstationSettings:
    """Point this workstation at a real platform; the secret is stored protected, never plain.
    ``office_zone``: the office's time zone (IANA name) when given. Returns the saved
    configuration."""
    if not url.startswith(("http://", "https://")) or not workstation or not secret:
        raise SettingsError(
            "platform url, workstation and secret are required",
            user_message="请填写平台地址（http:// 或 https:// 开头）、工作站编号和密钥",
        )
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


def _protect(workstation: str, secret: str) -> tuple[str, str]:
    if _keyring_set(workstation, secret):
        return "keyring", ""
    return "fernet", _fernet().encrypt(secret.encode("utf-8")).decode("ascii")


def _reveal(settings: WorkstationSettings) -> str:
    if settings.secret_store == "keyring":
        secret = _keyring_get(settings.workstation)
        if secret:
            return secret
    elif settings.secret_store == "fernet" and settings.secret_token:
        try:
            return _fernet().decrypt(settings.secret_token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            pass
    raise SettingsError(
        "workstation secret unavailable",
        user_message="无法读取本工作站的平台密钥（可能是在其他电脑上复制的配置），请重新配置平台",
    )


def _key_file() -> Path:
    return data_dir() / "keys" / "workstation.key"


def _fernet() -> Fernet:
    """The Fernet key: HKDF over the local key file and the machine id."""
    path = _key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    material = path.read_bytes()
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_machine_id(), info=b"clerkapp secret")
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(material)))


def _machine_id() -> bytes:
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            return Path(candidate).read_bytes().strip()
        except OSError:
            continue
    return b"clerkapp"


def _keyring() -> Any:
    """The keyring module when installed with a usable (not "fail"/plaintext) backend."""
    if os.environ.get("CLERKAPP_NO_KEYRING"):
        return None
    try:
        import keyring  # optional dependency
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or "plaintext" in type(backend).__name__.lower():
        return None
    return keyring


def _keyring_set(workstation: str, secret: str) -> bool:
    module = _keyring()
    if module is None:
        return False
    try:
        module.set_password(KEYRING_SERVICE, workstation, secret)
    except Exception:  # any backend failure: fall back to the encrypted file
        return False
    return True


def _keyring_get(workstation: str) -> str | None:
    module = _keyring()
    if module is None:
        return None
    try:
        value = module.get_password(KEYRING_SERVICE, workstation)
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _keyring_delete(workstation: str) -> None:
    module = _keyring()
    if module is None:
        return
    try:
        module.delete_password(KEYRING_SERVICE, workstation)
    except Exception:
        return
