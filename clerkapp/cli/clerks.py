"""`clerkapp clerks …` subcommands: the workstation's clerk accounts (账号管理) for IT staff.

Passwords come from a hidden prompt (asked twice) or, with ``--password-stdin``, from the first
line of standard input — never from the command line (it would stay in the shell's history and
the process list). Every change is audited with the actor ``cli`` (never a password). On a
workstation configured for a real platform the training accounts are removed first.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clerkapp.app.accounts import AccountAdmin, AccountView

_ROLES = {"clerk": "clerk", "supervisor": "supervisor"}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `clerks` command group."""
    parser = sub.add_parser("clerks", help="clerk accounts of this workstation (账号管理)")
    commands = parser.add_subparsers(dest="clerks_command", metavar="SUBCOMMAND", required=True)

    add = commands.add_parser("add", help="create an account (the password is asked for)")
    add.add_argument("username", help="user name (letters, digits, . _ -)")
    add.add_argument("--name", required=True, help="the person's name as shown in the header")
    add.add_argument(
        "--role", choices=sorted(_ROLES), default="clerk", help="clerk (default) or supervisor"
    )
    _password_option(add)
    add.set_defaults(handler=_add)

    listing = commands.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=_list)

    disable = commands.add_parser("disable", help="disable an account (it can no longer log in)")
    disable.add_argument("username")
    disable.set_defaults(handler=_disable)

    enable = commands.add_parser("enable", help="enable a disabled account again")
    enable.add_argument("username")
    enable.set_defaults(handler=_enable)

    reset = commands.add_parser("reset-password", help="give an account a new password")
    reset.add_argument("username")
    _password_option(reset)
    reset.set_defaults(handler=_reset_password)

    role = commands.add_parser("set-role", help="make an account a clerk or a supervisor")
    role.add_argument("username")
    role.add_argument("role", choices=sorted(_ROLES))
    role.set_defaults(handler=_set_role)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of a hidden"
        " prompt (never give it on the command line)",
    )


class _Refused(Exception):
    """A message for stderr and exit 1."""


def _admin() -> AccountAdmin:
    from clerkapp.app.accounts import CLI_ACTOR, AccountAdmin, retire_training_accounts
    from clerkapp.app.clock import local_now
    from clerkapp.infra.office_clock import set_office_zone
    from clerkapp.infra.paths import database_path
    from clerkapp.infra.settings import load_settings
    from clerkapp.infra.store import Store

    settings = load_settings()
    set_office_zone(settings.office_zone)
    store = Store(database_path())
    if not settings.training:
        retire_training_accounts(store, local_now, workstation=settings.workstation_id)
    return AccountAdmin(store, local_now, actor=CLI_ACTOR, workstation=settings.workstation_id)


def _run(args: argparse.Namespace, act: Any) -> int:
    from clerkapp.errors import ClerkAppError

    try:
        return int(act(args))
    except _Refused as exc:
        print(str(exc), file=sys.stderr)
    except ClerkAppError as exc:
        print(exc.user_message, file=sys.stderr)
    except (EOFError, KeyboardInterrupt):
        print("已取消：没有读到密码。", file=sys.stderr)
    return 1


def _password(args: argparse.Namespace) -> str:
    """The new password: the first line of stdin, or a hidden prompt asked twice."""
    import getpass

    from clerkapp.app.accounts import PASSWORD_POLICY

    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise _Refused("标准输入中没有密码。")
        return line.rstrip("\r\n")
    print(PASSWORD_POLICY, file=sys.stderr)
    first = getpass.getpass("新密码: ")
    second = getpass.getpass("再次输入新密码: ")
    if first != second:
        raise _Refused("两次输入的密码不一致，账号未改动。")
    return first


def _add(args: argparse.Namespace) -> int:
    def act(args: argparse.Namespace) -> int:
        from clerkapp.infra.store.clerks import Role

        password = _password(args)
        view = _admin().add(args.username, args.name, Role(args.role), password)
        print(f"已添加账号 {view.username}（{view.display_name}，{view.role_label}）")
        return 0

    return _run(args, act)


def _list(args: argparse.Namespace) -> int:
    def act(args: argparse.Namespace) -> int:
        accounts = _admin().accounts()
        if args.json:
            print(json.dumps([_as_json(a) for a in accounts], ensure_ascii=False, indent=2))
            return 0
        if not accounts:
            print("没有账号。用 clerkapp clerks add 添加第一个科室负责人（--role supervisor）。")
            return 0
        rows: list[tuple[str, ...]] = [("用户名", "姓名", "角色", "状态", "锁定至", "最近登录")]
        rows += [_as_row(a) for a in accounts]
        print("\n".join("\t".join(row) for row in rows))
        return 0

    return _run(args, act)


def _disable(args: argparse.Namespace) -> int:
    def act(args: argparse.Namespace) -> int:
        view = _admin().set_active(args.username, False)
        print(f"已停用账号 {view.username}")
        return 0

    return _run(args, act)


def _enable(args: argparse.Namespace) -> int:
    def act(args: argparse.Namespace) -> int:
        view = _admin().set_active(args.username, True)
        print(f"已启用账号 {view.username}")
        return 0

    return _run(args, act)


def _reset_password(args: argparse.Namespace) -> int:
    def act(args: argparse.Namespace) -> int:
        admin = _admin()
        # An unknown user is said before the password is asked for.
        if args.username not in {a.username for a in admin.accounts()}:
            raise _Refused(f"没有账号 {args.username}。")
        view = admin.reset_password(args.username, _password(args))
        print(f"已重置账号 {view.username} 的密码")
        return 0

    return _run(args, act)


def _set_role(args: argparse.Namespace) -> int:
    def act(args: argparse.Namespace) -> int:
        from clerkapp.infra.store.clerks import Role

        view = _admin().set_role(args.username, Role(args.role))
        print(f"账号 {view.username} 现为{view.role_label}")
        return 0

    return _run(args, act)


def _as_json(account: AccountView) -> dict[str, Any]:
    return {
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role.value,
        "active": account.active,
        "locked_until": account.locked_until,
        "last_login_at": account.last_login_at.isoformat() if account.last_login_at else None,
    }


def _as_row(account: AccountView) -> tuple[str, ...]:
    from datetime import datetime

    from clerkapp.infra.office_clock import show_time

    locked = show_time(datetime.fromisoformat(account.locked_until)) if account.locked_until else ""
    last = show_time(account.last_login_at) if account.last_login_at else "从未登录"
    return (
        account.username,
        account.display_name,
        account.role_label,
        "启用" if account.active else "停用",
        locked or "—",
        last,
    )
