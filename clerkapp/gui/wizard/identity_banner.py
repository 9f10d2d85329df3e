"""The identity banner of the case wizard: what the registry says about the applicant's name,
over every step of an open case — colour, icon and words (正在核对 / 已排队 / 一致 /
不一致：填写 王方，登记 王芳 / 查无此人 / 已死亡 / 吊销) — and the clerk's ways on while a
finding blocks the decision: 改正姓名 (the name from the card), 采用登记名称 (a business),
说明理由后继续 (a reason, audited), 重新核对 (ask again). Every button is reachable by Tab
and by its Alt key; Enter in a field confirms it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.case import Case
from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.identity import IdentityOutcome
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import ICONS, Tone
from clerkapp.gui.wizard.view_models import short_time

_BACKGROUNDS = {
    Tone.OK: "#e3f4e6",
    Tone.BUSY: "#e2ecfb",
    Tone.WAITING: "#fdf1d8",
    Tone.ERROR: "#fbe3e3",
    Tone.NEUTRAL: "#eceef1",
}


@dataclass(frozen=True)
class IdentityBannerModel:
    """What the banner shows and which ways on it offers."""

    visible: bool = False
    tone: Tone = Tone.NEUTRAL
    text: str = ""
    can_correct: bool = False
    can_adopt: bool = False
    can_override: bool = False
    can_recheck: bool = False
    blocking: bool = False


def banner_model(case: Case | None, asking: bool) -> IdentityBannerModel:
    """The banner for ``case`` (``asking``: the question is on its way from this counter)."""
    if case is None:
        return IdentityBannerModel()
    outcome = case.identity_outcome
    text = translated(case.identity_text())
    undecided = not case.state.final
    if asking and outcome.waiting:
        outcome = IdentityOutcome.PENDING
        text = QCoreApplication.translate("CaseWizard", "正在核对申请人身份…核对前不能作出决定")
    tones = {
        IdentityOutcome.MATCHED: Tone.OK,
        IdentityOutcome.PENDING: Tone.BUSY,
        IdentityOutcome.NOT_CHECKED: Tone.WAITING,
        IdentityOutcome.QUEUED: Tone.WAITING,
    }
    tone = tones.get(outcome, Tone.ERROR)
    check = case.identity
    overridden = outcome.overridable and check.overridden
    if overridden:
        tone = Tone.WAITING
        when = short_time(check.overridden_at)
        text = QCoreApplication.translate(
            "CaseWizard", "{finding}；已说明理由继续办理（{who} {when}）：{reason}"
        ).format(finding=text, who=check.overridden_by, when=when, reason=check.override_reason)
    blocking = undecided and case.identity_block() is not None
    open_finding = undecided and outcome.overridable and not overridden
    return IdentityBannerModel(
        visible=True,
        tone=tone,
        text=text,
        can_correct=undecided and not asking and outcome is IdentityOutcome.MISMATCH,
        can_adopt=open_finding
        and outcome is IdentityOutcome.MISMATCH
        and case.applicant_kind is ApplicantKind.BUSINESS,
        can_override=open_finding,
        can_recheck=undecided
        and not asking
        and outcome
        in (IdentityOutcome.QUEUED, IdentityOutcome.FAILED, IdentityOutcome.NOT_CHECKED),
        blocking=blocking,
    )


class IdentityBanner(QFrame):
    """The banner. Signals: ``correct_requested(name)``, ``adopt_requested()``,
    ``override_requested(reason)``, ``recheck_requested()``."""

    correct_requested = Signal(str)
    adopt_requested = Signal()
    override_requested = Signal(str)
    recheck_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityBanner")
        self._model = IdentityBannerModel()
        self._mode = ""  # "correct" or "override" while the field is open
        self.text = QLabel(self)
        self.text.setObjectName("identityText")
        self.text.setWordWrap(True)
        self.correct_button = self._button(
            "identityCorrect", self.tr("改正姓名(&G)"), self.tr("改正姓名")
        )
        self.adopt_button = self._button(
            "identityAdopt", self.tr("采用登记名称(&D)"), self.tr("采用登记名称")
        )
        self.override_button = self._button(
            "identityOverride", self.tr("说明理由后继续(&L)"), self.tr("说明理由后继续")
        )
        self.recheck_button = self._button(
            "identityRecheck", self.tr("重新核对(&H)"), self.tr("重新核对")
        )
        self.field_label = QLabel(self)
        self.field = QLineEdit(self)
        self.field.setObjectName("identityInput")
        self.field.setAccessibleName(self.tr("改正后的姓名或继续办理的理由"))
        self.field_label.setBuddy(self.field)
        self.confirm_button = self._button("identityConfirm", self.tr("确定"), self.tr("确定"))
        self.message = QLabel(self)
        self.message.setObjectName("identityMessage")
        self.message.setStyleSheet(f"color: {Tone.ERROR.value}; font-size: 14px;")
        buttons = QHBoxLayout()
        for button in (
            self.correct_button,
            self.adopt_button,
            self.override_button,
            self.recheck_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        entry = QHBoxLayout()
        entry.addWidget(self.field_label)
        entry.addWidget(self.field, 1)
        entry.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        self.correct_button.clicked.connect(lambda: self.open_field("correct"))
        self.override_button.clicked.connect(lambda: self.open_field("override"))
        self.adopt_button.clicked.connect(self.adopt_requested)
        self.recheck_button.clicked.connect(self.recheck_requested)
        self.confirm_button.clicked.connect(self.commit)
        self.reset()

    def _button(self, name: str, text: str, spoken: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(spoken)
        return button

    # -- model -----------------------------------------------------------------------------------

    @property
    def model(self) -> IdentityBannerModel:
        """What is shown now."""
        return self._model

    def reset(self) -> None:
        """Nothing shown, the field empty (a new case)."""
        self._model = IdentityBannerModel()
        self.field.clear()
        self._say("")
        self._close_field()
        self.setVisible(False)

    def set_model(self, model: IdentityBannerModel) -> None:
        """Show ``model``; an open field stays open while its way on is still offered."""
        self._model = model
        self.setVisible(model.visible)
        icon = ICONS[model.tone]
        self.text.setText(f"{icon} {model.text}")
        self.text.setAccessibleName(model.text)
        style = (
            f"QFrame#identityBanner {{ background: {_BACKGROUNDS[model.tone]};"
            f" border-radius: 4px; }}"
        )
        if self.styleSheet() != style:
            self.setStyleSheet(style)
            self.text.setStyleSheet(
                f"color: {model.tone.value}; font-size: 15px; font-weight: 600;"
            )
        self.correct_button.setVisible(model.can_correct)
        self.adopt_button.setVisible(model.can_adopt)
        self.override_button.setVisible(model.can_override)
        self.recheck_button.setVisible(model.can_recheck)
        still = (self._mode == "correct" and model.can_correct) or (
            self._mode == "override" and model.can_override
        )
        if not still:
            self._close_field()

    # -- the field -------------------------------------------------------------------------------

    def open_field(self, mode: str) -> None:
        """Open the name (``correct``) or reason (``override``) field and focus it."""
        self._mode = mode
        self._say("")
        self.field.clear()
        if mode == "correct":
            self.field_label.setText(self.tr("改正后的姓名"))
            self.field.setPlaceholderText(self.tr("按证件核对后填写"))
        else:
            self.field_label.setText(self.tr("继续办理的理由"))
            self.field.setPlaceholderText(
                self.tr("如：证件照片核对无误，户籍信息待更新（将记入办件留痕）")
            )
        for widget in (self.field_label, self.field, self.confirm_button):
            widget.setVisible(True)
        self.field.setFocus()

    def field_open(self) -> bool:
        """Whether the name or reason field is open with the focus in it (Enter confirms it)."""
        return bool(self._mode) and self.field.hasFocus()

    def commit(self) -> bool:
        """确定: ask for the correction or the override; says why when the field is empty."""
        text = self.field.text().strip()
        if not self._mode:
            return False
        if not text:
            correct = self._mode == "correct"
            missing = self.tr("请填写改正后的姓名") if correct else self.tr("请填写理由")
            self._say(f"{ICONS[Tone.ERROR]} {missing}")
            self.field.setFocus()
            return False
        mode = self._mode
        self._close_field()
        self.field.clear()
        if mode == "correct":
            self.correct_requested.emit(text)
        else:
            self.override_requested.emit(text)
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _close_field(self) -> None:
        self._mode = ""
        for widget in (self.field_label, self.field, self.confirm_button):
            widget.setVisible(False)
