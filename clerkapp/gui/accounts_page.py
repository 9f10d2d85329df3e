"""账号管理: the supervisor's page of the workstation's accounts — add a clerk or supervisor,
disable / enable, reset a password, change the role (:class:`clerkapp.app.accounts.AccountAdmin`:
every change audited, the last supervisor kept). Reached from the main window (Ctrl+Shift+U and
the header's 账号管理 button a supervisor sees); a clerk who opens it is refused.

Also the form of a new account, shared with the first-supervisor dialog of a configured
workstation that has no account yet (:class:`FirstSupervisorDialog`). Work runs off the GUI
thread (scrypt takes tens of milliseconds).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.accounts import AccountView
from clerkapp.app.auth import Clerk
from clerkapp.gui.list_table import list_table
from clerkapp.gui.ops import OpHandle, run_op, user_message_for
from clerkapp.gui.theme import Tone
from clerkapp.infra.office_clock import show_time
from clerkapp.infra.store.clerks import Role


class AccountForm(QWidget):
    """User name, name, (role,) password twice — what a new account needs."""

    def __init__(self, *, with_role: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username = self._line("accountUsername", self.tr("用户名"))
        self.display_name = self._line("accountDisplayName", self.tr("姓名"))
        self.role: QComboBox | None = None
        self.password = self._line("accountPassword", self.tr("密码"), secret=True)
        self.repeat = self._line("accountPasswordRepeat", self.tr("再次输入密码"), secret=True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("姓名："), self.display_name)
        if with_role:
            self.role = QComboBox(self)
            self.role.setObjectName("accountRole")
            self.role.setAccessibleName(self.tr("角色"))
            self.role.addItem(self.tr("窗口人员"), Role.CLERK.value)
            self.role.addItem(self.tr("科室负责人"), Role.SUPERVISOR.value)
            form.addRow(self.tr("角色："), self.role)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再次输入："), self.repeat)
        policy = QLabel(self.tr("密码至少 10 个字符，且不能与用户名相同。"), self)
        policy.setObjectName("accountPolicy")
        policy.setWordWrap(True)
        form.addRow(policy)

    def _line(self, name: str, label: str, *, secret: bool = False) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(label)
        if secret:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        return line

    def problem(self) -> str:
        """What is missing or does not match ("" when the form may be sent)."""
        if not self.username.text().strip() or not self.display_name.text().strip():
            return self.tr("请填写用户名和姓名。")
        if self.password.text() != self.repeat.text():
            return self.tr("两次输入的密码不一致。")
        return ""

    def chosen_role(self) -> Role:
        """The role chosen (a supervisor when the form has no choice)."""
        return Role(self.role.currentData()) if self.role is not None else Role.SUPERVISOR

    def clear_passwords(self) -> None:
        """Forget the typed passwords (after sending, or a refusal)."""
        self.password.clear()
        self.repeat.clear()


class _FormDialog(QDialog):
    """A small dialog: a form, a message line, OK / cancel; ``submit`` runs the work."""

    def __init__(self, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {Tone.ERROR.value};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName(f"{name}Ok")
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def _finish(self, body: QWidget) -> None:
        self.layout_.addWidget(body)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def fail(self, exc: BaseException) -> None:
        """Show why the work was refused; the dialog stays open."""
        self.ok_button.setEnabled(True)
        self.message.setText(user_message_for(exc))


class FirstSupervisorDialog(_FormDialog):
    """A configured workstation with no account: the first supervisor (user name, name,
    password twice) before anyone can log in. ``created(Clerk)`` once stored."""

    created = Signal(object)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__("firstSupervisorDialog", self.tr("创建第一个科室负责人账号"), parent)
        self._context = context
        intro = QLabel(
            self.tr(
                "本工作站已连接正式平台，还没有任何账号。请先创建科室负责人账号，"
                "之后由科室负责人在“账号管理”中为窗口人员开设账号。"
            ),
            self,
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.form = AccountForm(with_role=False, parent=self)
        self._finish(self.form)
        self.buttons.accepted.connect(self.submit)

    def submit(self) -> OpHandle | None:
        """Create the supervisor in the background."""
        problem = self.form.problem()
        if problem:
            self.message.setText(problem)
            return None
        form, context = self.form, self._context
        user, name, password = form.username.text(), form.display_name.text(), form.password.text()
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("正在创建…"))
        return run_op(
            self, lambda: context.add_first_supervisor(user, name, password), self._done, self._no
        )

    def _done(self, clerk: Clerk) -> None:
        self.form.clear_passwords()
        self.created.emit(clerk)
        self.accept()

    def _no(self, exc: BaseException) -> None:
        self.form.clear_passwords()
        self.fail(exc)


class AccountsDialog(QDialog):
    """The accounts of this workstation and their changes (supervisors only).

    Signals: ``loaded(list)`` after every (re)load, ``failed(str)`` with a refusal shown."""

    loaded = Signal(list)
    failed = Signal(str)

    def __init__(self, context: Any, clerk: Clerk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("账号管理"))
        self.resize(900, 420)
        self._context = context
        self._clerk = clerk
        self.accounts: list[AccountView] = []
        self.table = list_table(
            self,
            "accountsTable",
            self.tr("账号列表"),
            [
                self.tr("用户名"),
                self.tr("姓名"),
                self.tr("角色"),
                self.tr("状态"),
                self.tr("锁定至"),
                self.tr("最近登录"),
            ],
            stretch=1,
        )
        self.status = QLabel(self.tr("正在读取账号…"), self)
        self.status.setObjectName("accountsStatus")
        self.status.setWordWrap(True)
        self.add_button = self._button("accountsAdd", self.tr("新增账号"))
        self.toggle_button = self._button("accountsToggleActive", self.tr("停用 / 启用"))
        self.reset_button = self._button("accountsResetPassword", self.tr("重置密码"))
        self.role_button = self._button("accountsToggleRole", self.tr("更改角色"))
        bar = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.reset_button, self.role_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.add_button.clicked.connect(self.ask_add)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.ask_reset_password)
        self.role_button.clicked.connect(self.toggle_role)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._enable_row_actions(False)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        return button

    def _enable_row_actions(self, on: bool) -> None:
        for button in (self.toggle_button, self.reset_button, self.role_button):
            button.setEnabled(on)

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> OpHandle:
        """Read the accounts (a clerk is refused here)."""
        context, clerk = self._context, self._clerk
        return run_op(self, lambda: context.account_admin(clerk).accounts(), self._loaded, self._no)

    def _loaded(self, accounts: list[AccountView]) -> None:
        self.accounts = list(accounts)
        self.table.setRowCount(len(self.accounts))
        for row, a in enumerate(self.accounts):
            cells = [
                a.username,
                a.display_name,
                self._role_words(a.role),
                self.tr("启用") if a.active else self.tr("停用"),
                show_time(a.locked_until) if a.locked_until else "—",
                show_time(a.last_login_at) if a.last_login_at else self.tr("从未登录"),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("共 %1 个账号").replace("%1", str(len(self.accounts))))
        self._selection_changed()
        self.loaded.emit(self.accounts)

    def _role_words(self, role: Role) -> str:
        return self.tr("科室负责人") if role is Role.SUPERVISOR else self.tr("窗口人员")

    def selected(self) -> AccountView | None:
        """The account of the selected row."""
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def select(self, username: str) -> None:
        """Select ``username``'s row (tests, and after a change)."""
        for row, account in enumerate(self.accounts):
            if account.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        account = self.selected()
        self._enable_row_actions(account is not None)
        if account is not None:  # the buttons say what they will do to this account
            self.toggle_button.setText(self.tr("停用") if account.active else self.tr("启用"))
            self.role_button.setText(
                self.tr("设为窗口人员")
                if account.role is Role.SUPERVISOR
                else self.tr("设为科室负责人")
            )

    # -- changes -------------------------------------------------------------------------------

    def _change(self, work: Any, done_text: str) -> OpHandle:
        context, clerk = self._context, self._clerk
        self._enable_row_actions(False)

        def job() -> AccountView:
            return work(context.account_admin(clerk))

        def done(view: AccountView) -> None:
            self.reload()
            self.status.setText(done_text.replace("%1", view.username))

        return run_op(self, job, done, self._no)

    def toggle_active(self) -> OpHandle | None:
        """停用 an enabled account, 启用 a disabled one."""
        account = self.selected()
        if account is None:
            return None
        on = not account.active
        text = self.tr("已启用账号 %1。") if on else self.tr("已停用账号 %1。")
        return self._change(lambda admin: admin.set_active(account.username, on), text)

    def toggle_role(self) -> OpHandle | None:
        """窗口人员 ↔ 科室负责人 of the selected account."""
        account = self.selected()
        if account is None:
            return None
        role = Role.CLERK if account.role is Role.SUPERVISOR else Role.SUPERVISOR
        text = self.tr("账号 %1 的角色已更改。")
        return self._change(lambda admin: admin.set_role(account.username, role), text)

    def ask_add(self) -> NewAccountDialog:
        """Open the new-account form."""
        dialog = NewAccountDialog(self, self._context, self._clerk)
        dialog.finished.connect(lambda _code: self.reload())
        dialog.open()
        return dialog

    def ask_reset_password(self) -> ResetPasswordDialog | None:
        """Open the new-password form of the selected account."""
        account = self.selected()
        if account is None:
            return None
        dialog = ResetPasswordDialog(self, self._context, self._clerk, account.username)
        dialog.finished.connect(lambda _code: self.reload())
        dialog.open()
        return dialog

    def _no(self, exc: BaseException) -> None:
        message = user_message_for(exc)
        self.status.setText(message)
        self._selection_changed()
        self.failed.emit(message)


class NewAccountDialog(_FormDialog):
    """新增账号: user name, name, role, password twice."""

    def __init__(self, parent: QWidget, context: Any, clerk: Clerk) -> None:
        super().__init__("newAccountDialog", self.tr("新增账号"), parent)
        self._context, self._clerk = context, clerk
        self.form = AccountForm(with_role=True, parent=self)
        self._finish(self.form)
        self.buttons.accepted.connect(self.submit)

    def submit(self) -> OpHandle | None:
        """Create the account in the background; the dialog closes once it is stored."""
        problem = self.form.problem()
        if problem:
            self.message.setText(problem)
            return None
        form, context, clerk = self.form, self._context, self._clerk
        user, name, password = form.username.text(), form.display_name.text(), form.password.text()
        role = form.chosen_role()
        self.ok_button.setEnabled(False)

        def job() -> AccountView:
            return context.account_admin(clerk).add(user, name, role, password)

        return run_op(self, job, lambda _view: self.accept(), self._no)

    def _no(self, exc: BaseException) -> None:
        self.form.clear_passwords()
        self.fail(exc)


class ResetPasswordDialog(_FormDialog):
    """重置密码 of one account: the new password twice."""

    def __init__(self, parent: QWidget, context: Any, clerk: Clerk, username: str) -> None:
        super().__init__(
            "resetPasswordDialog", self.tr("重置密码 · %1").replace("%1", username), parent
        )
        self._context, self._clerk, self.username = context, clerk, username
        body = QWidget(self)
        form = QFormLayout(body)
        self.password = QLineEdit(body)
        self.password.setObjectName("resetPassword")
        self.repeat = QLineEdit(body)
        self.repeat.setObjectName("resetPasswordRepeat")
        for line, label in ((self.password, self.tr("新密码")), (self.repeat, self.tr("再次输入"))):
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setAccessibleName(label)
            form.addRow(label + self.tr("："), line)
        form.addRow(QLabel(self.tr("密码至少 10 个字符，且不能与用户名相同。"), body))
        self._finish(body)
        self.buttons.accepted.connect(self.submit)

    def submit(self) -> OpHandle | None:
        """Store the new password in the background."""
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("两次输入的密码不一致。"))
            return None
        context, clerk, user, password = (
            self._context,
            self._clerk,
            self.username,
            self.password.text(),
        )
        self.ok_button.setEnabled(False)

        def job() -> AccountView:
            return context.account_admin(clerk).reset_password(user, password)

        return run_op(self, job, lambda _view: self.accept(), self._no)

    def _no(self, exc: BaseException) -> None:
        self.password.clear()
        self.repeat.clear()
        self.fail(exc)
