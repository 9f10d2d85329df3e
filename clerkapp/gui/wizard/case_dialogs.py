"""The dialogs of the case's ways back (:mod:`clerkapp.gui.wizard.case_actions`): 补正 (what is
missing or wrong, per proof and other materials, and the deadline), 恢复办理 (the applicant is
back: the paper proofs received and checked), 不予受理 (the reasons) and 撤回 (the reason).

Each dialog checks its input before it closes — a clear Chinese message in the dialog, the focus
on the field to fix — and hands back plain values; the service checks again (one transaction).
Keyboard: Tab through the fields in reading order, Space ticks, Enter confirms, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.case_ways import NOT_ACCEPTED_GROUNDS
from clerkapp.core.case import FAILED, Case, CorrectionItem, ProofResolution
from clerkapp.core.case_ways import CORRECTABLE, MAX_CORRECTION_DAYS
from clerkapp.core.catalogue import Method

#: The default correction period (working days), the clerk may change it.
DEFAULT_CORRECTION_DAYS = 5


class _WaysDialog(QDialog):
    """A dialog with a message line and OK / Cancel; :meth:`check` says what is wrong."""

    def __init__(self, name: str, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c5221f; font-size: 14px;")
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName(f"{name}Ok")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(
            self.tr("取消 (Esc)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setObjectName(f"{name}Cancel")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def check(self) -> tuple[str, QWidget | None]:
        """("", None) when the input is complete, else the message and the field to fix."""
        return "", None

    def _try_accept(self) -> None:
        message, field = self.check()
        if message:
            self.error.setText(message)
            self.error.setAccessibleName(message)
            if field is not None:
                field.setFocus()
            return
        self.error.clear()
        self.accept()


def _suggestion(case: Case, p: ProofResolution) -> str:
    """What the notice says of a proof unless the clerk writes otherwise."""
    if p.state in FAILED:
        detail = p.evidence.detail if p.evidence and p.evidence.detail else p.state.label_zh
        return f"{detail}，请补正后重新核实"
    if p.method is Method.PLEDGE and case.credit_listed and p.paper_allowed:
        return "申请人在失信名单中，不能以承诺方式办理，请提交纸质证明原件"
    return ""


class CorrectionDialog(_WaysDialog):
    """补正: tick each proof to correct and say what is wrong (paper where the catalogue allows
    it), list other materials one per line ("名称：问题"), choose the deadline."""

    def __init__(self, case: Case, parent: QWidget | None = None, *, licence: bool = True) -> None:
        """``licence``: the matter is a 行政许可 (the notice cites 行政许可法 Art. 32; other
        kinds of act do not, as their notice does not)."""
        super().__init__(
            "correctionDialog", self.tr("补正材料一次性告知"), self.tr("打印告知书"), parent
        )
        intro_text = (
            self.tr(
                "一次性列出申请人需要补正的全部内容（行政许可法第三十二条）：勾选证明材料并写明"
                "缺少或需要更正的内容；其他材料每行一项，写作“名称：问题”。"
            )
            if licence
            else self.tr(
                "一次性列出申请人需要补正的全部内容：勾选证明材料并写明缺少或需要更正的内容；"
                "其他材料每行一项，写作“名称：问题”。"
            )
        )
        intro = QLabel(intro_text, self)
        intro.setObjectName("correctionIntro")
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)  # what is wrong takes the width
        self.proofs: dict[str, tuple[QCheckBox, QLineEdit, QCheckBox | None]] = {}
        row = 0
        for code, p in case.proofs.items():
            if p.state not in CORRECTABLE:
                continue
            box = QCheckBox(p.name, self)
            box.setObjectName(f"correctionProof_{code}")
            problem = QLineEdit(self)
            problem.setObjectName(f"correctionProblem_{code}")
            problem.setAccessibleName(self.tr("{name}的问题").format(name=p.name))
            problem.setPlaceholderText(self.tr("缺少或需要更正的内容"))
            suggestion = _suggestion(case, p)
            problem.setText(suggestion)
            box.setChecked(bool(suggestion))
            problem.textEdited.connect(lambda _t, b=box: b.setChecked(True))
            paper: QCheckBox | None = None
            grid.addWidget(box, row, 0)
            grid.addWidget(problem, row, 1)
            if p.paper_allowed:
                paper = QCheckBox(self.tr("要求提交纸质证明"), self)
                paper.setObjectName(f"correctionPaper_{code}")
                paper.setChecked(p.method is Method.PLEDGE and bool(case.credit_listed))
                grid.addWidget(paper, row, 2)
            self.proofs[code] = (box, problem, paper)
            row += 1
        self.body.addLayout(grid)
        if not self.proofs:
            none = QLabel(
                self.tr("证明材料均已满足或正在核实，无需申请人补正；其他材料请在下面填写。"), self
            )
            none.setObjectName("correctionNoProofs")
            none.setWordWrap(True)
            self.body.addWidget(none)
        self.setMinimumWidth(720)  # a proof's name and what is wrong with it, on one line
        other_label = QLabel(self.tr("其他需要补正的材料（每行一项，写作“名称：问题”）："), self)
        other_label.setObjectName("correctionOtherLabel")
        self.body.addWidget(other_label)
        self.other = QPlainTextEdit(self)
        other_label.setBuddy(self.other)
        self.other.setObjectName("correctionOther")
        self.other.setAccessibleName(self.tr("其他需要补正的材料"))
        self.other.setPlaceholderText(self.tr("其他材料，每行一项，例如：户口簿：户主页复印件缺失"))
        self.other.setTabChangesFocus(True)
        self.other.setFixedHeight(80)
        self.body.addWidget(self.other)
        self.days = QSpinBox(self)
        self.days.setObjectName("correctionDays")
        self.days.setRange(1, MAX_CORRECTION_DAYS)
        self.days.setValue(DEFAULT_CORRECTION_DAYS)
        self.days.setSuffix(self.tr(" 个工作日"))
        self.days.setAccessibleName(self.tr("补正期限"))
        days_line = QLabel(self.tr("补正期限（自今日起，按工作日计算）："), self)
        days_line.setBuddy(self.days)
        self.body.addWidget(days_line)
        self.body.addWidget(self.days)

    def items(self) -> list[CorrectionItem]:
        """The items as ticked and typed (other materials: "名称：问题"; a name alone means
        the material is missing)."""
        found = [
            CorrectionItem(
                code, box.text(), problem.text().strip(), bool(paper and paper.isChecked())
            )
            for code, (box, problem, paper) in self.proofs.items()
            if box.isChecked()
        ]
        for line in self.other.toPlainText().splitlines():
            text = line.strip()
            if not text:
                continue
            name, sep, problem = text.replace(":", "：").partition("：")
            found.append(
                CorrectionItem(None, name.strip(), problem.strip() if sep else "未提交，请补交")
            )
        return found

    def check(self) -> tuple[str, QWidget | None]:
        """At least one item; every ticked proof says what is wrong; other lines are named."""
        for box, problem, _paper in self.proofs.values():
            if box.isChecked() and not problem.text().strip():
                return self.tr("请写明“{name}”缺少或需要更正的内容").format(
                    name=box.text()
                ), problem
        for item in self.items():
            if item.proof_code is None and not item.name:
                return self.tr("其他材料每行写作“名称：问题”"), self.other
        if not self.items():
            return self.tr("请至少勾选或填写一项需要补正的材料"), self.other
        return "", None


class ResumeDialog(_WaysDialog):
    """恢复办理: the notice's items; for each paper proof asked for, whether it was received and
    what was checked."""

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            "resumeDialog", self.tr("申请人补正后恢复办理"), self.tr("恢复办理"), parent
        )
        request = case.correction
        items = request.items if request is not None else ()
        listing = "\n".join(f"{i + 1}. {item.name}：{item.problem}" for i, item in enumerate(items))
        due = f"{request.due_on:%Y-%m-%d}" if request is not None else ""
        summary = QLabel(
            self.tr("补正期限 {due}。告知书所列：\n{items}").format(due=due, items=listing), self
        )
        summary.setObjectName("resumeItems")
        summary.setWordWrap(True)
        self.body.addWidget(summary)
        self.paper: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        for item in items:
            if not item.paper or item.proof_code is None:
                continue
            received = QCheckBox(
                self.tr("已收到“{name}”纸质证明并核验").format(name=item.name), self
            )
            received.setObjectName(f"resumePaper_{item.proof_code}")
            check = QLineEdit(self.tr("原件已核验"), self)
            check.setObjectName(f"resumeCheck_{item.proof_code}")
            check.setAccessibleName(self.tr("核验情况"))
            self.body.addWidget(received)
            self.body.addWidget(check)
            self.paper[item.proof_code] = (received, check)

    def received(self) -> dict[str, str]:
        """``{proof_code: what was checked}`` of the paper proofs received."""
        return {
            code: check.text().strip()
            for code, (box, check) in self.paper.items()
            if box.isChecked()
        }

    def check(self) -> tuple[str, QWidget | None]:
        """Every paper proof ticked as received says what was checked."""
        for box, check in self.paper.values():
            if box.isChecked() and not check.text().strip():
                return self.tr("请写明核验情况（例如：原件已核验）"), check
        return "", None


class NotAcceptedDialog(_WaysDialog):
    """不予受理: tick the grounds and/or type reasons, one per line; all are printed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("notAcceptedDialog", self.tr("不予受理"), self.tr("打印决定书"), parent)
        intro = QLabel(
            self.tr("写明不予受理的理由（打印在不予受理决定书上，并告知复议、诉讼权利）："), self
        )
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.grounds: list[QCheckBox] = []
        for i, ground in enumerate(NOT_ACCEPTED_GROUNDS):
            box = QCheckBox(ground, self)
            box.setObjectName(f"notAcceptedGround_{i}")
            self.body.addWidget(box)
            self.grounds.append(box)
        self.other = QPlainTextEdit(self)
        self.other.setObjectName("notAcceptedOther")
        self.other.setAccessibleName(self.tr("其他理由"))
        self.other.setPlaceholderText(self.tr("其他理由，每行一条"))
        self.other.setTabChangesFocus(True)
        self.other.setFixedHeight(80)
        self.body.addWidget(self.other)

    def reasons(self) -> list[str]:
        """The ticked grounds, then the typed reasons."""
        typed = [line.strip() for line in self.other.toPlainText().splitlines() if line.strip()]
        return [box.text() for box in self.grounds if box.isChecked()] + typed

    def check(self) -> tuple[str, QWidget | None]:
        """At least one reason."""
        if not self.reasons():
            return self.tr("不予受理必须写明理由"), self.other
        return "", None


class WithdrawDialog(_WaysDialog):
    """撤回: the applicant's reason; nothing is printed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("withdrawDialog", self.tr("申请人撤回申请"), self.tr("确认撤回"), parent)
        note = QLabel(
            self.tr(
                "撤回后办件终止，尚未发出的查询和核验请求一并撤回。撤回后打印撤回申请确认书"
                "交申请人，申请人扫码查询进度时显示“已撤回”。"
            ),
            self,
        )
        note.setObjectName("withdrawNote")
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("withdrawReason")
        self.reason.setAccessibleName(self.tr("撤回原因"))
        self.reason.setPlaceholderText(self.tr("撤回原因，例如：申请人主动撤回申请"))
        self.body.addWidget(self.reason)

    def check(self) -> tuple[str, QWidget | None]:
        """A reason."""
        if not self.reason.text().strip():
            return self.tr("撤回须填写原因"), self.reason
        return "", None


class PaperDialog(_WaysDialog):
    """纸质证明（窗口核验）: the applicant hands in the paper proof; the clerk says what was
    checked (recorded with the clerk's name and the time, printed on the decision)."""

    def __init__(self, proof_name: str, parent: QWidget | None = None) -> None:
        super().__init__("paperDialog", self.tr("收取纸质证明"), self.tr("确认已核验"), parent)
        note = QLabel(
            self.tr(
                "“{name}”：申请人不能以承诺方式办理，按目录允许提交纸质证明，由窗口核验。"
            ).format(name=proof_name),
            self,
        )
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.check_edit = QLineEdit(self.tr("原件已核验"), self)
        self.check_edit.setObjectName("paperCheck")
        self.check_edit.setAccessibleName(self.tr("核验情况"))
        self.body.addWidget(self.check_edit)

    def check(self) -> tuple[str, QWidget | None]:
        """What was checked."""
        if not self.check_edit.text().strip():
            return self.tr("请写明核验情况（例如：原件已核验）"), self.check_edit
        return "", None
