"""Account administration (账号管理): add clerks, disable and enable them, reset a password,
change a role — for the supervisor's page and ``clerkapp clerks``. Also what a real workstation
does with the training accounts (they exist only in training mode).

Every change is one transaction with its audit entry (the acting supervisor, or the command line
as ``cli``; never a password). The office always keeps one active supervisor: disabling or
demoting the last one is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerkapp.app.auth import (
    DEMO_ACCOUNTS,
    PASSWORD_POLICY,
    RESERVED_NAMES,
    check_password_policy,
    hash_password,
    role_label,
)
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError
from clerkapp.infra.store.clerks import Clerk as StoredClerk
from clerkapp.infra.store.clerks import Role
from clerkapp.infra.store.db import Store

#: The actor of changes made with ``clerkapp clerks`` (IT staff at the workstation's shell).
CLI_ACTOR = "cli"
#: A user name: letters, digits and ``._-``, starting with a letter or digit, up to 32.
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")

__all__ = [
    "CLI_ACTOR",
    "PASSWORD_POLICY",
    "AccountAdmin",
    "AccountError",
    "AccountView",
    "retire_training_accounts",
]


class AccountError(ClerkAppError):
    """An account change that is refused (unknown user, duplicate, last supervisor, policy)."""


@dataclass(frozen=True)
class AccountView:
    """One account as the supervisor's page and ``clerkapp clerks list`` show it (no hash)."""

    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: str | None  # ISO 8601, None when not locked
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        """窗口人员 / 科室负责人."""
        return role_label(self.role)


class AccountAdmin:
    """Change the accounts of one store, as ``actor`` (a supervisor's user name or ``cli``)."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        *,
        actor: str,
        workstation: str | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._actor = actor
        self._workstation = workstation

    def accounts(self) -> list[AccountView]:
        """Every account, by user name; a lock is shown only while it holds."""
        now = self._clock()
        return [_view(c, now) for c in self._store.clerks.list_all()]

    def add(self, username: str, display_name: str, role: Role, password: str) -> AccountView:
        """Create an account (the password policy checked, stored only as a scrypt hash)."""
        username, display_name = username.strip(), display_name.strip()
        if not _USERNAME.fullmatch(username):
            raise AccountError(
                "bad username",
                user_message=QT_TRANSLATE_NOOP(
                    "Accounts",
                    "用户名只能使用字母、数字和 . _ -（以字母或数字开头，最多 32 个字符）。",
                ),
            )
        if username.casefold() in RESERVED_NAMES:
            raise AccountError(
                "reserved",
                user_message=QT_TRANSLATE_NOOP(
                    "Accounts", "用户名 {username} 是保留名称，请换一个。"
                ).format(username=username),
            )
        if not display_name:
            raise AccountError(
                "no display name", user_message=QT_TRANSLATE_NOOP("Accounts", "请填写姓名。")
            )
        check_password_policy(username, password)
        password_hash = hash_password(password)  # slow (scrypt): outside the transaction
        with self._store.atomic():
            if self._store.clerks.get(username) is not None:
                raise AccountError(
                    "duplicate",
                    user_message=QT_TRANSLATE_NOOP("Accounts", "账号 {username} 已存在。").format(
                        username=username
                    ),
                )
            self._store.clerks.add(username, display_name, role, password_hash, now=self._clock())
            self._audit("clerk_added", username, role=Role(role).value)
        return self._get(username)

    def add_first_supervisor(self, username: str, display_name: str, password: str) -> AccountView:
        """The first account of a configured workstation: a supervisor, only while the store has
        no account at all (checked in the same transaction)."""
        with self._store.atomic():
            if self._store.clerks.count() > 0:
                raise AccountError(
                    "not the first account",
                    user_message=QT_TRANSLATE_NOOP(
                        "Accounts", "本工作站已有账号，请由科室负责人登录后添加。"
                    ),
                )
            return self.add(username, display_name, Role.SUPERVISOR, password)

    def set_active(self, username: str, active: bool) -> AccountView:
        """Enable or disable an account; the last active supervisor is never disabled."""
        with self._store.atomic():
            clerk = self._existing(username)
            if not active and clerk.role is Role.SUPERVISOR and clerk.active:
                self._keep_a_supervisor(username)
            self._store.clerks.set_active(username, active)
            self._audit("clerk_updated", username, change="enabled" if active else "disabled")
        return self._get(username)

    def reset_password(self, username: str, password: str) -> AccountView:
        """Give an account a new password (failures and lock cleared)."""
        self._existing(username)
        check_password_policy(username, password)
        password_hash = hash_password(password)
        with self._store.atomic():
            self._existing(username)
            self._store.clerks.set_password_hash(username, password_hash)
            self._audit("clerk_updated", username, change="password_reset")
        return self._get(username)

    def set_role(self, username: str, role: Role) -> AccountView:
        """Change an account's role; the last active supervisor is never demoted."""
        role = Role(role)
        with self._store.atomic():
            clerk = self._existing(username)
            if clerk.role is role:
                return _view(clerk, self._clock())
            if clerk.role is Role.SUPERVISOR and clerk.active:
                self._keep_a_supervisor(username)
            self._store.clerks.set_role(username, role)
            self._audit(
                "clerk_updated", username, change="role", role=role.value, was=clerk.role.value
            )
        return self._get(username)

    # -- helpers -------------------------------------------------------------------------------

    def _existing(self, username: str) -> StoredClerk:
        clerk = self._store.clerks.get(username.strip())
        if clerk is None:
            raise AccountError(
                "unknown user",
                user_message=QT_TRANSLATE_NOOP("Accounts", "没有账号 {username}。").format(
                    username=username
                ),
            )
        return clerk

    def _get(self, username: str) -> AccountView:
        return _view(self._existing(username), self._clock())

    def _keep_a_supervisor(self, username: str) -> None:
        others = [
            c
            for c in self._store.clerks.list_all()
            if c.role is Role.SUPERVISOR and c.active and c.username != username
        ]
        if not others:
            raise AccountError(
                "last supervisor",
                user_message=QT_TRANSLATE_NOOP(
                    "Accounts",
                    "{username} 是最后一个启用的科室负责人账号，不能停用或改为窗口人员"
                    "（科室必须保留一名科室负责人）。请先添加或启用另一名科室负责人。",
                ).format(username=username),
            )

    def _audit(self, action: str, username: str, **data: Any) -> None:
        # The account changed is data (a user name, never a password); the actor is who did it.
        self._store.audit.append(
            action,
            at=self._clock(),
            actor=self._actor,
            workstation=self._workstation,
            data={"account": username, **data},
        )


def retire_training_accounts(
    store: Store, clock: Callable[[], datetime], *, workstation: str | None = None
) -> list[str]:
    """Remove the training accounts (``demo``, ``demo-sup``) from a workstation configured for a
    real platform (called at start-up and by ``clerkapp clerks``); the names removed, each
    audited. Back in training mode they are created again."""
    removed = []
    with store.atomic():
        for account in DEMO_ACCOUNTS:
            if store.clerks.remove(account.username):
                removed.append(account.username)
                store.audit.append(
                    "clerk_updated",
                    at=clock(),
                    actor="system",
                    workstation=workstation,
                    data={"account": account.username, "change": "removed_training_account"},
                )
    return removed


def _view(clerk: StoredClerk, now: datetime) -> AccountView:
    locked = clerk.locked_until
    if locked is not None and datetime.fromisoformat(locked) <= now:
        locked = None
    return AccountView(
        username=clerk.username,
        display_name=clerk.display_name,
        role=clerk.role,
        active=clerk.active,
        locked_until=locked,
        last_login_at=clerk.last_login_at,
    )
