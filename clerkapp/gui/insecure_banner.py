"""The red banner across the top of the main window when the platform is reached over plain http
on a network (the lab exception ``clerkapp platform configure --insecure-http``, or an address
configured before https was required): nobody should take such a workstation for a production
one. See :mod:`clerkapp.infra.url_policy`."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from clerkapp.infra.url_policy import needs_insecure_flag

BANNER_BG = "#b3261e"
BANNER_FG = "#ffffff"


class InsecurePlatformBanner(QLabel):
    """Says the platform address is plain http to another host, and what that means."""

    def __init__(self, url: str, allowed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insecureHttpBanner")
        self.setAccessibleName(self.tr("平台连接未加密警告"))
        self.setWordWrap(True)
        if allowed:
            text = self.tr(
                "警告：平台地址 {0} 使用未加密的 http（仅限测试环境），个人信息在网络上明文传输。"
                "正式使用请改为 https。"
            )
        else:
            text = self.tr(
                "错误：平台地址 {0} 使用未加密的 http，本工作站不会向其发送任何数据。"
                "请用 https:// 地址重新配置平台。"
            )
        self.setText(text.format(url))
        self.setStyleSheet(
            f"QLabel#insecureHttpBanner {{ background: {BANNER_BG}; color: {BANNER_FG};"
            " font-weight: bold; padding: 6px 12px; }"
        )


def insecure_banner(url: str, allowed: bool, parent: QWidget) -> InsecurePlatformBanner | None:
    """The banner for ``url`` when it is plain http to another host, else None."""
    if not needs_insecure_flag(url):
        return None
    return InsecurePlatformBanner(url, allowed, parent)
