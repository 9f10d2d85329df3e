"""The header bar: counter, clerk, platform status with pending-sync count, new-case button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from clerkapp.gui.theme import PlatformState, Tone, platform_status

if TYPE_CHECKING:
    from clerkapp.gui.connectivity import ConnectivityLook


class HeaderBar(QFrame):
    """Counter name │ clerk (role) │ ● platform status, pending sync │ [新建办件] [锁屏]."""

    new_case_requested = Signal()
    lock_requested = Signal()

    def __init__(self, counter_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.counter_label = QLabel(counter_name, self)
        self.counter_label.setObjectName("counterLabel")
        self.counter_label.setAccessibleName(self.tr("窗口"))
        self.clerk_label = QLabel(self.tr("未登录"), self)
        self.clerk_label.setObjectName("clerkLabel")
        self.clerk_label.setAccessibleName(self.tr("当前登录人员"))
        self.platform_label = QLabel(self)
        self.platform_label.setObjectName("platformStatus")
        self.platform_label.setAccessibleName(self.tr("平台状态"))
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingSync")
        self.pending_label.setAccessibleName(self.tr("待同步数量"))
        self.new_case_button = QPushButton(self.tr("新建办件 (Ctrl+N)"), self)
        self.new_case_button.setObjectName("newCaseButton")
        self.new_case_button.setAccessibleName(self.tr("新建办件"))
        self.new_case_button.setToolTip(QKeySequence("Ctrl+N").toString())
        self.new_case_button.clicked.connect(self.new_case_requested)
        self.lock_button = QPushButton(self.tr("锁屏 (Ctrl+L)"), self)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setAccessibleName(self.tr("锁定屏幕"))
        self.lock_button.clicked.connect(self.lock_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(16)
        layout.addWidget(self.counter_label)
        layout.addWidget(_separator(self))
        layout.addWidget(self.clerk_label)
        layout.addWidget(_separator(self))
        layout.addWidget(self.platform_label)
        layout.addWidget(self.pending_label)
        layout.addStretch(1)
        layout.addWidget(self.new_case_button)
        layout.addWidget(self.lock_button)

        self.platform_state = PlatformState.CONNECTING
        self.pending = 0
        self.set_platform_state(PlatformState.CONNECTING)
        self.set_pending(0)
        self.set_clerk(None, None)

    def set_clerk(self, name: str | None, role_label: str | None) -> None:
        """Show who is logged in (None: nobody); the buttons work only with someone logged in."""
        if name is None:
            self.clerk_label.setText(self.tr("未登录"))
        else:
            self.clerk_label.setText(clerk_caption(name, role_label))
        self.set_actions_enabled(name is not None)

    def set_actions_enabled(self, enabled: bool) -> None:
        """Enable 新建办件 and 锁屏 (off while nobody is logged in or the screen is locked)."""
        self.new_case_button.setEnabled(enabled)
        self.lock_button.setEnabled(enabled)

    def set_platform_state(self, state: PlatformState) -> None:
        """Show the platform connection: colour, icon and words."""
        self.platform_state = state
        look = platform_status(state)
        self.platform_label.setText(f'<span style="color:{look.colour}">● {look.words}</span>')
        self.platform_label.setAccessibleDescription(look.words)

    def set_connectivity(self, look: ConnectivityLook) -> None:
        """Show the app's connectivity state (issue 10): icon, words, queue size and the oldest
        item's age in one label, its colour, and why in the tooltip. The queue is part of it,
        so the separate 待同步 count is hidden from then on."""
        self.platform_state = look.state
        weight = "bold" if look.level else "normal"  # past the backlog limits: a warning
        self.platform_label.setText(
            f'<span style="color:{look.colour}; font-weight:{weight}">{look.text}</span>'
        )
        self.platform_label.setToolTip(look.tooltip)
        self.platform_label.setAccessibleDescription(f"{look.text}\n{look.tooltip}")
        self.platform_label.setProperty("backlogLevel", int(look.level))
        self.pending_label.setVisible(False)

    def set_pending(self, count: int) -> None:
        """Show how many outgoing operations wait in the outbox."""
        self.pending = count
        colour = Tone.NEUTRAL.value if count == 0 else Tone.WAITING.value
        self.pending_label.setText(
            f'<span style="color:{colour}">' + self.tr("待同步 {0}").format(count) + "</span>"
        )


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def clerk_caption(name: str, role_label: str | None) -> str:
    """Who is logged in, the role said once: "张三 · 窗口人员", and just "演示窗口人员" when the
    display name already contains the role (the demo accounts)."""
    if not role_label or role_label in name:
        return name
    return f"{name} · {role_label}"
