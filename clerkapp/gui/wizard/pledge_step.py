"""④ 承诺签字: the dishonesty-list check first; then, for each pledge proof of the case, the full
pledge text (what is pledged and the consequences of a false pledge) large enough for the
applicant to read, the signature pad, and once signed the signature beside the text it binds."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.case import Case
from clerkapp.core.catalogue import Method
from clerkapp.core.texts import IN_BRACKETS
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import ICONS, Tone
from clerkapp.gui.wizard.person_present import role_label
from clerkapp.gui.wizard.signature_pad import SignaturePad


@dataclass(frozen=True)
class SignedPledge:
    """A stored signature: the image, when it was signed and the hash binding it to the text."""

    png: bytes
    signed_at: str
    text_hash: str


@dataclass(frozen=True)
class PledgeModel:
    """One pledge proof as the step shows it."""

    proof_code: str
    proof_name: str
    text: str
    consequences: str
    signed: SignedPledge | None = None
    alternatives: tuple[Method, ...] = ()  # other methods the catalogue allows for this proof
    paper: bool = False  # the catalogue's paper fallback can be received now (窗口核验)
    paper_checked: str = ""  # the clerk's check of the paper proof received, once it is


@dataclass(frozen=True)
class CreditModel:
    """The dishonesty-list check: None ``listed`` while it runs."""

    listed: bool | None
    text: str


class PledgeStep(QWidget):
    """Credit check line, pledge tabs, the text and the pad (or the signed view)."""

    sign_requested = Signal(str, list, bytes)  # proof code, strokes, PNG
    switch_requested = Signal(str, str)  # proof code, Method value
    paper_requested = Signal(str)  # proof code: receive the paper proof (listed applicant)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pledgeStep")
        self._models: list[PledgeModel] = []
        self._credit = CreditModel(None, "")
        self.credit_label = QLabel(self)
        self.credit_label.setObjectName("creditStatus")
        self.credit_label.setWordWrap(True)
        self.credit_label.setStyleSheet("font-size: 14px;")
        self.alternatives_box = QHBoxLayout()
        # Who signs (issue 9): the applicant in person, or the person present for them.
        self.signer_label = QLabel(self)
        self.signer_label.setObjectName("pledgeSigner")
        self.signer_label.setWordWrap(True)
        self.signer_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("pledgeTabs")
        self.tabs.setAccessibleName(self.tr("承诺事项"))
        self.text_view = QTextBrowser(self)
        self.text_view.setObjectName("pledgeText")
        self.text_view.setAccessibleName(self.tr("承诺书全文"))
        self.text_view.setStyleSheet("QTextBrowser { font-size: 18px; background: #fffdf7; }")
        self.text_view.setMinimumHeight(180)
        self.pad = SignaturePad(self)
        self.signed_image = QLabel(self)
        self.signed_image.setObjectName("signedSignature")
        self.signed_image.setAccessibleName(self.tr("已签署的签名"))
        self.signed_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.signed_image.setStyleSheet("background: white; border: 1px solid #d9dde3;")
        self.signed_image.setMinimumSize(280, 120)
        self.signed_caption = QLabel(self)
        self.signed_caption.setObjectName("signedCaption")
        self.signed_caption.setWordWrap(True)
        self.signed_caption.setMinimumHeight(3 * self.signed_caption.fontMetrics().lineSpacing())
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("pledgeBusy")
        signed_panel = QWidget(self)
        signed_layout = QVBoxLayout(signed_panel)
        signed_layout.setContentsMargins(0, 0, 0, 0)
        signed_layout.addWidget(self.signed_image, 1)
        signed_layout.addWidget(self.signed_caption)
        self.pad_stack = QStackedWidget(self)
        self.pad_stack.addWidget(self.pad)  # 0: signing
        self.pad_stack.addWidget(QWidget(self))  # 1: refused (no pad)
        body = QHBoxLayout()
        body.addWidget(self.text_view, 3)
        body.addWidget(signed_panel, 2)
        self._signed_panel = signed_panel
        layout = QVBoxLayout(self)
        layout.addWidget(self.credit_label)
        layout.addWidget(self.signer_label)
        layout.addLayout(self.alternatives_box)
        layout.addWidget(self.tabs)
        layout.addLayout(body, 3)
        layout.addWidget(self.pad_stack, 2)
        layout.addWidget(self.busy_label)
        self.tabs.currentChanged.connect(self._show_current)
        self.pad.confirmed.connect(self._confirmed)
        self.setFocusProxy(self.pad.canvas)

    # -- public API ---------------------------------------------------------------------------

    def set_pledges(self, models: list[PledgeModel]) -> None:
        """Show these pledges; the current tab moves to the first one still unsigned."""
        old = self.current_code()
        self._models = list(models)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for model in models:
            self.tabs.addTab(model.proof_name)
        self._paint_tabs()
        self.tabs.blockSignals(False)
        target = next((i for i, m in enumerate(models) if m.signed is None), None)
        if target is None:
            target = next((i for i, m in enumerate(models) if m.proof_code == old), 0)
        if models:
            self.tabs.setCurrentIndex(target)
        self._show_current()

    def reset(self) -> None:
        """No pledges, no credit line, an empty unlocked pad, no signature shown (new case)."""
        self._credit = CreditModel(None, "")
        self.credit_label.clear()
        self.credit_label.setAccessibleName("")
        self.signer_label.clear()
        self.busy_label.clear()
        self.signed_image.clear()
        self.signed_caption.clear()
        self.set_pledges([])
        self.pad.reset()

    def set_credit(self, credit: CreditModel) -> None:
        """Show the dishonesty-list check; a listed applicant gets no pad, only alternatives."""
        self._credit = credit
        tone = {None: Tone.BUSY, False: Tone.OK, True: Tone.ERROR}[credit.listed]
        self.credit_label.setText(f"{ICONS[tone]} {credit.text}")
        style = f"font-size: 14px; color: {tone.value};"
        if self.credit_label.styleSheet() != style:
            self.credit_label.setStyleSheet(style)
        self.credit_label.setAccessibleName(credit.text)
        self._paint_tabs()
        self._show_current()

    def set_signer(self, case: Case) -> None:
        """Say who signs the pledges of ``case``: the applicant, or the person present."""
        text = signer_text(case)
        self.signer_label.setText(text)
        self.signer_label.setAccessibleName(text)

    def set_busy(self, text: str) -> None:
        """Say what is running (storing the signature…), or clear with ""."""
        self.busy_label.setText(text)
        self.pad.set_locked(bool(text))

    def current_code(self) -> str | None:
        """The proof code of the pledge on screen."""
        index = self.tabs.currentIndex()
        return self._models[index].proof_code if 0 <= index < len(self._models) else None

    def all_signed(self) -> bool:
        """Whether every pledge on the step is signed."""
        return all(m.signed is not None or m.paper_checked for m in self._models)

    def tab_tone(self, index: int) -> Tone:
        """The status tone of pledge tab ``index`` (signed, cannot pledge, or waiting)."""
        model = self._models[index]
        if model.signed is not None or model.paper_checked:
            return Tone.OK
        if self._credit.listed:
            return Tone.ERROR
        return Tone.WAITING

    # -- internals ------------------------------------------------------------------------------

    def _paint_tabs(self) -> None:
        # Colour + icon + words (UI.md): a listed applicant's unsigned pledges are red ✖ with
        # "不能承诺", not the amber "waiting" of a pledge still to sign.
        for index, model in enumerate(self._models):
            tone = self.tab_tone(index)
            text = f"{ICONS[tone]} {model.proof_name}"
            if tone is Tone.ERROR:
                # the board's words for the same state (one translation for both)
                text += " · " + QCoreApplication.translate("CaseWizard", "不能承诺")
            self.tabs.setTabText(index, text)
            self.tabs.setTabTextColor(index, QColor(tone.value))
            self.tabs.setTabToolTip(index, text)

    def _show_current(self, _index: int = -1) -> None:
        index = self.tabs.currentIndex()
        self._clear_alternatives()
        if not (0 <= index < len(self._models)):
            self.text_view.clear()
            return
        model = self._models[index]
        pledged = translated(IN_BRACKETS.format(text=self.tr("申请人承诺"), note=model.proof_name))
        consequences = self.tr("虚假承诺的后果")
        self.text_view.setHtml(
            f"<h3>{pledged}</h3>"
            f"<p style='line-height:150%'>{_escape(model.text)}</p>"
            f"<h3>{consequences}</h3>"
            f"<p style='line-height:150%'>{_escape(model.consequences)}</p>"
        )
        signed = model.signed
        self._signed_panel.setVisible(signed is not None)
        if signed is not None:
            pixmap = QPixmap()
            pixmap.loadFromData(signed.png)
            self.signed_image.setPixmap(pixmap)
            self.signed_caption.setText(
                self.tr("已签字 · {at}\n绑定承诺文本摘要 {digest}…").format(
                    at=signed.signed_at, digest=signed.text_hash[:16]
                )
            )
            self.pad_stack.hide()
            return
        self.pad_stack.show()
        if self._credit.listed:
            self.pad_stack.setCurrentIndex(1)
            for method in model.alternatives:
                button = QPushButton(self._alternative_label(method), self)
                button.setObjectName(f"pledgeSwitch_{method.value}_{model.proof_code}")
                button.setAccessibleName(button.text())
                button.clicked.connect(
                    lambda _=False, c=model.proof_code, m=method: self.switch_requested.emit(
                        c, m.value
                    )
                )
                self.alternatives_box.addWidget(button)
            self._paper_path(model)
            self.alternatives_box.addStretch(1)  # the buttons keep their own width
            self.pad_stack.hide()  # no pad: the pledge text takes the room
            return
        self.pad_stack.setCurrentIndex(0)
        self.pad.reset()
        self.pad.set_locked(self._credit.listed is None)

    def _paper_path(self, model: PledgeModel) -> None:
        """The catalogue's paper fallback of a proof the applicant may not pledge: receive it
        (the clerk checks the original), or what was checked once it is in."""
        if model.paper:
            button = QPushButton(self.tr("收取纸质证明（窗口核验）"), self)
            button.setObjectName(f"pledgePaper_{model.proof_code}")
            button.setAccessibleName(button.text())
            button.clicked.connect(lambda _=False, c=model.proof_code: self.paper_requested.emit(c))
            self.alternatives_box.addWidget(button)
        if model.paper_checked:
            note = QLabel(self.tr("✔ 纸质证明已核验：{check}").format(check=model.paper_checked))
            note.setObjectName("pledgePaperChecked")
            note.setWordWrap(True)
            self.alternatives_box.addWidget(note)
        elif not model.alternatives and not model.paper:
            note = QLabel(self.tr("目录未允许其他方式，本项无法满足"), self)
            note.setObjectName("pledgeNoAlternative")
            self.alternatives_box.addWidget(note)

    def _alternative_label(self, method: Method) -> str:
        return {
            Method.DEPT_VERIFY: self.tr("改为部门核验"),
            Method.DATA_QUERY: self.tr("改为数据查询"),
        }.get(method, method.label_zh)

    def _clear_alternatives(self) -> None:
        while self.alternatives_box.count():
            item = self.alternatives_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _confirmed(self, strokes: list, png: bytes) -> None:
        code = self.current_code()
        if code is not None:
            self.sign_requested.emit(code, strokes, png)


def signer_text(case: Case) -> str:
    """签署人：申请人本人 张桂兰 / 签署人：代办人 李明（代表申请人 张桂兰）."""
    present = case.present
    if present is None:
        return QCoreApplication.translate("PledgeStep", "签署人：申请人本人 {name}").format(
            name=case.applicant_name
        )
    text = QCoreApplication.translate(
        "PledgeStep", "签署人：{role} {name}（代表申请人 {applicant}）"
    ).format(role=role_label(present.role), name=present.name, applicant=case.applicant_name)
    return text


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")
