"""Settings of one sandbox process, and where its state lives.

The sandbox may not import ``clerkapp.infra`` (it is its own process, on top of core only), so it
reads ``$CLERKAPP_HOME`` itself, the same way :func:`clerkapp.infra.paths.data_dir` does.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from clerkapp.core.bounded_json import InputError
from clerkapp.core.office_time import DEFAULT_OFFICE_ZONE, UnknownZoneError, zone_named
from clerkapp.errors import ClerkAppError
from clerkapp.infra.bounded_read import WORKSTATIONS, read_json

TRAINING_WORKSTATION = "TRAIN-01"
TRAINING_SECRET = "sandbox-training-secret"
DEFAULT_PORT = 8765
DEFAULT_PEOPLE = 2000
DEFAULT_SEED = 2019


class SandboxConfigError(ClerkAppError):
    """A sandbox setting or configuration file that cannot be used."""


@dataclass
class SandboxSettings:
    """Everything one sandbox process is started with.

    ``verify_delay_s`` None means verifications are answered only by hand (``/dept``).
    """

    data_dir: Path
    latency_ms: int = 0
    fault_rate: float = 0.0
    fault_seed: int = 0
    verify_delay_s: float | None = 5.0
    verify_expire_s: float = 14 * 24 * 3600.0
    timeout_fault_s: float = 30.0
    people: int = DEFAULT_PEOPLE
    seed: int = DEFAULT_SEED
    training: bool = True
    clock_window_s: int = 300
    fast_path: bool = True  # serve /api/v1 data calls past FastAPI's routing (same endpoints)
    workstations: dict[str, str] = field(default_factory=dict)
    # The sandbox is a server: the times it shows people (progress page) and the dataset's
    # "as of" hour are in the office zone of its configuration, never the host's zone.
    office_zone: str = DEFAULT_OFFICE_ZONE

    def __post_init__(self) -> None:
        try:
            zone_named(self.office_zone)
        except UnknownZoneError as exc:
            raise SandboxConfigError(
                str(exc),
                user_message=f"时区“{self.office_zone}”无效，应为 IANA 时区名，如 Asia/Shanghai",
            ) from exc
        if not 0.0 <= self.fault_rate <= 1.0:
            raise SandboxConfigError(
                f"fault rate {self.fault_rate} not in [0, 1]",
                user_message="故障率必须在 0 到 1 之间",
            )
        if self.latency_ms < 0:
            raise SandboxConfigError("negative latency", user_message="延迟不能为负数")
        if not self.workstations:
            self.workstations = load_workstations(self.data_dir)

    @property
    def zone(self) -> tzinfo:
        """The office time zone the sandbox serves."""
        return zone_named(self.office_zone)


def default_data_dir() -> Path:
    """``$CLERKAPP_HOME/sandbox`` when set, otherwise a fresh temporary directory."""
    home = os.environ.get("CLERKAPP_HOME")
    if home:
        return Path(home) / "sandbox"
    return Path(tempfile.mkdtemp(prefix="clerkapp-sandbox-"))


def load_workstations(data_dir: Path) -> dict[str, str]:
    """The workstations the sandbox accepts: the training one, plus those listed in
    ``DATA_DIR/workstations.json`` (``{"WORKSTATION-ID": "secret", ...}``)."""
    stations = {TRAINING_WORKSTATION: TRAINING_SECRET}
    path = data_dir / "workstations.json"
    if not path.exists():
        return stations
    try:
        extra = read_json(path, WORKSTATIONS)
    except InputError as exc:
        raise SandboxConfigError(
            f"{path}: {exc}",
            user_message=f"工作站配置文件无法读取：{path}: {exc.location}: {exc.field or '-'}: "
            f"{exc.message}",
        ) from None
    if not isinstance(extra, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in extra.items()
    ):
        raise SandboxConfigError(
            f"{path}: expected an object of workstation id → secret",
            user_message=f"工作站配置文件格式错误：{path}（应为 {{工作站编号: 密钥}}）",
        )
    stations.update(extra)
    return stations
