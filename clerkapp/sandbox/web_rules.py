"""The web rules of the sandbox (docs/platform-api.md "Web rules"): which Host names it answers,
how large a body may be, how fast one client may look up short codes, and from which networks
the published training secret is accepted.

The networks come from a trainer's file, ``DATA_DIR/trainers.json``::

    {"training_secret_networks": ["192.168.10.0/24", "fd00:10::/64"]}

Without it the training secret is accepted from loopback only.
"""

from __future__ import annotations

import functools
import ipaddress
import json
from dataclasses import dataclass
from pathlib import Path

from clerkapp.errors import ClerkAppError

TRAINERS_FILE = "trainers.json"
#: Names and addresses of this machine every sandbox answers to (with its own port).
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class WebRulesError(ClerkAppError):
    """A trainer's file or a web rule that cannot be used."""


@dataclass(frozen=True)
class WebRules:
    """Limits of the sandbox's web side; the defaults are what ``platform serve`` runs with.

    ``public_hosts``: extra Host names the sandbox answers (the public name of the progress pages
    printed in QR codes, e.g. ``progress.example.cn`` or ``progress.example.cn:8443``; a name
    without a port is accepted on any port, as behind a reverse proxy).
    ``training_networks``: networks from which the published training secret is accepted besides
    loopback; None reads them from ``DATA_DIR/trainers.json``.
    """

    public_hosts: tuple[str, ...] = ()
    max_json_bytes: int = 64 * 1024
    max_form_bytes: int = 4 * 1024
    # An issued decision's PDF (base64) for the progress page's download (issue 9).
    max_document_bytes: int = 4 * 1024 * 1024
    # A batch of operations (``POST /api/v1/batch``, issue 13): each operation's body is still
    # held to ``max_json_bytes``.
    max_batch_bytes: int = 1024 * 1024
    code_lookups_per_min: float = 10.0
    code_lookup_burst: int = 20
    training_networks: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.max_json_bytes <= 0 or self.max_form_bytes <= 0:
            raise WebRulesError("body limits must be positive", user_message="请求体上限必须为正数")
        if self.code_lookups_per_min <= 0 or self.code_lookup_burst < 1:
            raise WebRulesError(
                "code lookup rate must be positive", user_message="查询码查询频率限制必须为正数"
            )
        for network in self.training_networks or ():
            parse_network(network, origin="training_networks")


def parse_network(text: str, *, origin: str) -> Network:
    """A network (``192.168.10.0/24``, or one address) from a trainer's setting."""
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError as exc:
        raise WebRulesError(
            f"{origin}: {text!r}: {exc}",
            user_message=f"{origin}：“{text}”不是有效的网络地址（应如 192.168.10.0/24）",
        ) from exc


def training_networks(rules: WebRules, data_dir: Path) -> tuple[Network, ...]:
    """The networks besides loopback that may use the training secret: ``rules`` when they name
    them, otherwise ``DATA_DIR/trainers.json`` (none when the file does not exist)."""
    if rules.training_networks is not None:
        return tuple(parse_network(n, origin="training_networks") for n in rules.training_networks)
    path = data_dir / TRAINERS_FILE
    if not path.exists():
        return ()
    try:
        if path.stat().st_size > 64 * 1024:
            raise ValueError("larger than 64 KiB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WebRulesError(
            f"{path}: {exc}", user_message=f"培训配置文件无法读取：{path}（{exc}）"
        ) from exc
    networks = data.get("training_secret_networks") if isinstance(data, dict) else None
    if not isinstance(networks, list) or not all(isinstance(n, str) for n in networks):
        raise WebRulesError(
            f"{path}: expected {{'training_secret_networks': [network, ...]}}",
            user_message=f"培训配置文件格式错误：{path}"
            '（应为 {"training_secret_networks": ["192.168.10.0/24", …]}）',
        )
    return tuple(parse_network(n, origin=str(path)) for n in networks)


@functools.lru_cache(maxsize=1024)
def is_loopback(address: str) -> bool:
    """Whether a client address is this machine (127.0.0.0/8, ::1, an IPv4-mapped loopback);
    cached, as every signed call asks it (issue 10)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def in_networks(address: str, networks: tuple[Network, ...]) -> bool:
    """Whether a client address lies in one of ``networks``."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == n.version and ip in n for n in networks)


def client_key(address: str) -> str:
    """The throttling key of a client address: the address itself for IPv4, its /64 for IPv6
    (one subscriber usually holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
