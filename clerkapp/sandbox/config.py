"""Settings of one sandbox process, and where its state lives.

The sandbox may not import ``clerkapp.infra`` (it is its own process, on top of core only), so it
reads ``$CLERKAPP_HOME`` itself, the same way :func:`clerkapp.infra.paths.data_dir` does.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from clerkapp.core.bounded_json import InputError
from clerkapp.core.office_time import DEFAULT_OFFICE_ZONE, UnknownZoneError, zone_named
from clerkapp.errors import ClerkAppError
from clerkapp.infra.bounded_read import CATALOGUE, WORKSTATIONS, read_json
from clerkapp.sandbox.web_rules import WebRules

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
    # Probability that a committed operation's answer is lost on the way back (connection
    # dropped after the work; the client's retry gets the stored answer).
    after_fault_rate: float = 0.0
    verify_delay_s: float | None = 5.0
    verify_expire_s: float = 14 * 24 * 3600.0
    timeout_fault_s: float = 30.0
    people: int = DEFAULT_PEOPLE
    seed: int = DEFAULT_SEED
    training: bool = True
    clock_window_s: int = 300
    fast_path: bool = True  # serve /api/v1 data calls past FastAPI's routing (same endpoints)
    # Batch delivery (``POST /api/v1/batch``, issue 13); off: answered 404 like a platform
    # without it. At most ``batch_max_operations`` operations per batch.
    batch: bool = True
    batch_max_operations: int = 500
    workstations: dict[str, str] = field(default_factory=dict)
    # The matter codes a purpose may name (``matter:<code>``): empty means those of the bundled
    # catalogues plus the trainer's ``matters.json`` (:func:`load_matters`).
    matters: frozenset[str] = frozenset()
    # The sandbox is a server: the times it shows people (progress page) and the dataset's
    # "as of" hour are in the office zone of its configuration, never the host's zone.
    office_zone: str = DEFAULT_OFFICE_ZONE
    # Host allow-list, body limits, short-code throttle, training secret's networks (webguard).
    web: WebRules = field(default_factory=WebRules)
    # The office-wide database of case summaries (issue 12): a ``postgresql://`` URL, a SQLite
    # file, or empty for ``DATA_DIR/platform.sqlite3``.
    database: str = ""

    def __post_init__(self) -> None:
        try:
            zone_named(self.office_zone)
        except UnknownZoneError as exc:
            raise SandboxConfigError(
                str(exc),
                user_message=f"时区“{self.office_zone}”无效，应为 IANA 时区名，如 Asia/Shanghai",
            ) from exc
        if not (0.0 <= self.fault_rate <= 1.0 and 0.0 <= self.after_fault_rate <= 1.0):
            raise SandboxConfigError(
                f"fault rate {self.fault_rate}/{self.after_fault_rate} not in [0, 1]",
                user_message="故障率必须在 0 到 1 之间",
            )
        if self.latency_ms < 0:
            raise SandboxConfigError("negative latency", user_message="延迟不能为负数")
        if not self.workstations:
            self.workstations = load_workstations(self.data_dir)
        if not self.matters:
            self.matters = load_matters(self.data_dir)

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


def catalogue_dir() -> Path:
    """The bundled ``resources/catalogue`` folder (next to the package in a checkout, inside the
    PyInstaller bundle when frozen) — found the way ``clerkapp.infra.paths`` finds it."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = (
        Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[2] / "resources"
    )
    return root / "catalogue"


def _matter_codes(data: object) -> list[str] | None:
    """The matter codes of a catalogue object (``{"matters": [{"code": …}, …]}``) or of a plain
    list of codes; None for anything else."""
    if isinstance(data, dict):
        matters = data.get("matters")
        if not isinstance(matters, list):
            return None
        codes = [m.get("code") for m in matters if isinstance(m, dict)]
        return [c for c in codes if isinstance(c, str) and c]
    if isinstance(data, list) and all(isinstance(c, str) and c for c in data):
        return list(data)
    return None


def load_matters(data_dir: Path) -> frozenset[str]:
    """The matters the sandbox knows, as the platform knows the province's matter list: those of
    the catalogues shipped with the application; in the default layout (``DATA_DIR`` is the
    ``sandbox`` folder of a ClerkApp data directory, as in training) those of the catalogue the
    workstation imported there too; plus ``DATA_DIR/matters.json`` — a list of matter codes or a
    whole catalogue file (a trainer's own matters)."""
    codes: set[str] = set()
    folder = catalogue_dir()
    bundled = sorted(folder.glob("*.json")) if folder.is_dir() else []
    installed = data_dir.parent / "catalogue" / "current.json"
    if data_dir.name == "sandbox" and installed.is_file():
        bundled.append(installed)
    for path in bundled:
        try:
            found = _matter_codes(read_json(path, CATALOGUE))
        except (OSError, ValueError, InputError):
            continue  # a broken bundled file is the application's problem, reported there
        codes.update(found or ())
    path = data_dir / "matters.json"
    if path.exists():
        try:
            found = _matter_codes(read_json(path, CATALOGUE))
        except (OSError, ValueError, InputError) as exc:
            raise SandboxConfigError(
                f"{path}: {exc}", user_message=f"事项配置文件无法读取：{path}（{exc}）"
            ) from exc
        if found is None:
            raise SandboxConfigError(
                f"{path}: expected a list of matter codes or a catalogue",
                user_message=f"事项配置文件格式错误：{path}（应为事项编码列表或事项目录文件）",
            )
        codes.update(found)
    return frozenset(codes)
