"""Which platform addresses a workstation may talk to: https, or plain http to this machine only.

Every platform call carries ID numbers and names; over plain http on a network anyone on the
path reads them. Loopback (127.0.0.0/8, ::1, ``localhost``) never leaves the machine — the
training sandbox — so plain http is fine there. A lab without certificates may allow plain http
to another host explicitly (``clerkapp platform configure --insecure-http``); the workstation
then says so on every start. No I/O here: the settings, the client and the CLI all ask it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from clerkapp.errors import ClerkAppError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class InsecurePlatformUrl(ClerkAppError):
    """A platform address that would send personal data in clear over a network."""


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def needs_insecure_flag(url: str) -> bool:
    """Whether ``url`` is plain http to a host that is not this machine (or cannot be read)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    try:
        host = parts.hostname or ""
    except ValueError:
        return True
    return not is_loopback_host(host)


def check_platform_url(url: str, *, insecure_http: bool = False) -> None:
    """Refuse (:class:`InsecurePlatformUrl`) plain http to another host unless the
    ``insecure_http`` lab exception is given."""
    if needs_insecure_flag(url) and not insecure_http:
        raise InsecurePlatformUrl(
            f"plain http to a remote platform refused: {host_of(url)}",
            user_message=(
                f"平台地址 {url} 使用未加密的 http：身份证号、姓名等个人信息会在网络上明文传输。"
                "请改用 https:// 地址；仅在隔离的测试环境中可加 --insecure-http 强制使用。"
            ),
        )


def host_of(url: str) -> str:
    """The host part of ``url`` for messages ("" when it cannot be read)."""
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""


def insecure_warning(url: str, insecure_http: bool) -> str | None:
    """The warning to show on every start when the workstation uses plain http to another host
    (the lab exception), else None."""
    if not needs_insecure_flag(url):
        return None
    if not insecure_http:  # configured before the rule: the client refuses to send
        return (
            f"错误：平台地址 {url} 使用未加密的 http，本工作站不会向其发送任何数据。"
            "请用 https:// 地址重新配置（clerkapp platform configure）。"
        )
    return (
        f"警告：平台地址 {url} 使用未加密的 http（--insecure-http，仅限测试环境），"
        "个人信息在网络上明文传输。正式使用请改为 https。"
    )
