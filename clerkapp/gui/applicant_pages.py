"""The pages of the applicant screen (申请人屏), read from a metre away across the counter: idle
(welcome), the case (matter, applicant with the ID number masked, the proofs they need not
bring), the pledge (full text and a signature pad) and the outcome (decision in words, progress
QR code and short code, 好差评 rating). The pages only show what they are given; the screen
(:mod:`clerkapp.gui.applicant_screen`) decides what that is.

The words themselves are in :mod:`clerkapp.gui.applicant_words`."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.case import CaseState
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.core.satisfaction import SatisfactionLevel
from clerkapp.gui.applicant_words import (
    ProofLine,
    level_label,
    outcome_words,
    proof_line,
    proofs_headline,
)
from clerkapp.gui.theme import ICONS, StatusLook
from clerkapp.gui.wizard.proofs_board import ProofRowModel
from clerkapp.gui.wizard.signature_pad import SignaturePad

#: Type sizes (pixels) of the applicant screen: read from about a metre away.
TITLE_PX = 40
TEXT_PX = 28
SMALL_PX = 22


def _label(parent: QWidget, name: str, px: int, *, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    weight = "font-weight: 600;" if bold else ""
    label.setStyleSheet(f"font-size: {px}px; color: #202124; {weight}")
    return label


# -- pages --------------------------------------------------------------------------------------


class IdlePage(QWidget):
    """No case on screen: the service centre and a welcome — nothing personal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantIdle")
        self.centre = _label(self, "applicantCentre", TITLE_PX, bold=True)
        self.welcome = _label(self, "applicantWelcome", TEXT_PX)
        for label in (self.centre, self.welcome):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.centre)
        layout.addSpacing(40)
        layout.addWidget(self.welcome)
        layout.addStretch(3)


class CasePage(QWidget):
    """The case so far: the proofs the applicant need not bring, live."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantCasePage")
        self.headline = _label(self, "applicantProofsHeadline", TEXT_PX, bold=True)
        self.lines = _label(self, "applicantProofs", TEXT_PX)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.hint = _label(self, "applicantHint", SMALL_PX)
        self.hint.setStyleSheet(f"font-size: {SMALL_PX}px; color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addSpacing(16)
        layout.addWidget(self.lines)
        layout.addStretch(1)
        layout.addWidget(self.hint)

    def show_rows(self, rows: list[ProofRowModel], hint: str) -> None:
        """The proofs in the applicant's words, and a line of what happens now."""
        self.headline.setText(proofs_headline(rows) if rows else "")
        self.lines.setText("".join(_line_html(proof_line(r)) for r in rows))
        self.hint.setText(hint)


class PledgePage(QWidget):
    """④: the full pledge text, large, and the signature pad (or the signature once signed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantPledgePage")
        self.status = _label(self, "applicantPledgeStatus", TEXT_PX, bold=True)
        self.text_view = QTextBrowser(self)
        self.text_view.setObjectName("applicantPledgeText")
        self.text_view.setAccessibleName(
            QCoreApplication.translate("ApplicantScreen", "承诺书全文")
        )
        self.text_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text_view.setStyleSheet(
            f"QTextBrowser {{ font-size: {TEXT_PX - 2}px; background: #fffdf7; }}"
        )
        self.pad = SignaturePad(self)
        self.pad.setObjectName("applicantSignaturePad")
        # Unique names on this screen (the clerk's pad keeps the pad's own names).
        self.pad.canvas.setObjectName("applicantSignatureCanvas")
        self.pad.clear_button.setObjectName("applicantSignatureClear")
        self.pad.confirm_button.setObjectName("applicantSignatureConfirm")
        for button in (self.pad.clear_button, self.pad.confirm_button):
            button.setStyleSheet(f"font-size: {TEXT_PX}px; padding: 10px 36px;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pad.canvas.setMinimumHeight(220)
        self.signed_image = QLabel(self)
        self.signed_image.setObjectName("applicantSignedSignature")
        self.signed_image.setAccessibleName(
            QCoreApplication.translate("ApplicantScreen", "已签署的签名")
        )
        self.signed_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.signed_image.setStyleSheet("background: white; border: 1px solid #d9dde3;")
        self.signed_image.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.text_view, 3)
        layout.addWidget(self.pad, 2)
        layout.addWidget(self.signed_image, 2)

    def show_signed(self, png: bytes) -> None:
        """The pledge on screen is signed: its signature instead of the pad."""
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        self.signed_image.setPixmap(pixmap)
        self.pad.hide()
        self.signed_image.show()

    def show_pad(self) -> None:
        """The pledge on screen waits for the signature."""
        self.signed_image.hide()
        self.signed_image.clear()
        self.pad.show()


class QrView(QWidget):
    """A QR code drawn from its module matrix (black on white, four modules of quiet zone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantQrCode")
        self.setAccessibleName(QCoreApplication.translate("ApplicantScreen", "办件进度二维码"))
        self.modules: tuple[tuple[bool, ...], ...] = ()
        self.setMinimumSize(260, 260)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Large enough for a phone to scan from the counter."""
        return QSize(300, 300)

    def set_modules(self, modules: tuple[tuple[bool, ...], ...]) -> None:
        """Show this matrix (empty: nothing)."""
        self.modules = modules
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        """White square, dark modules."""
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(0, 0, side, side, QColor("white"))
        count = len(self.modules)
        if count:
            box = side / (count + 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("black"))
            for r, row in enumerate(self.modules):
                for c, dark in enumerate(row):
                    if dark:
                        painter.drawRect(QRectF((c + 4) * box, (r + 4) * box, box, box))
        painter.end()


class OutcomePage(QWidget):
    """⑤/⑥: the decision in words, the progress QR code and short code, and the 好差评 rating
    (five big buttons; ``rated(level value)`` on a press)."""

    rated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantOutcomePage")
        self.outcome = _label(self, "applicantOutcome", TITLE_PX, bold=True)
        self.next_words = _label(self, "applicantOutcomeNext", TEXT_PX)
        self.proofs = _label(self, "applicantOutcomeProofs", SMALL_PX)
        self.proofs.setStyleSheet(f"font-size: {SMALL_PX}px; color: #1e7b34;")
        self.qr = QrView(self)
        self.short_code = _label(self, "applicantShortCode", TEXT_PX)
        self.short_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = _label(self, "applicantRatingQuestion", TEXT_PX, bold=True)
        self.question.setText(
            QCoreApplication.translate("ApplicantScreen", "请您对本次服务作出评价")
        )
        self.thanks = _label(self, "applicantRatingThanks", TEXT_PX)
        self.buttons: dict[SatisfactionLevel, QPushButton] = {}
        grid = QGridLayout()
        for index, level in enumerate(SatisfactionLevel):
            button = QPushButton(level_label(level), self)
            button.setObjectName(f"applicantRate_{level.value}")
            button.setAccessibleName(
                QCoreApplication.translate("ApplicantScreen", "评价：{level}").format(
                    level=level_label(level)
                )
            )
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(180, 90)
            button.setStyleSheet(
                f"QPushButton {{ font-size: {TEXT_PX}px; padding: 12px; }}"
                "QPushButton:checked { background: #1f5fbf; color: white; }"
            )
            button.clicked.connect(lambda _=False, v=level.value: self.rated.emit(v))
            grid.addWidget(button, 0, index)
            self.buttons[level] = button
        qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_box.addWidget(self.short_code)
        top = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.outcome)
        words.addWidget(self.next_words)
        words.addSpacing(24)
        words.addWidget(self.proofs)
        words.addStretch(1)
        top.addLayout(words, 3)
        top.addLayout(qr_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(self.question)
        layout.addLayout(grid)
        layout.addWidget(self.thanks)
        layout.addStretch(1)

    def show_outcome(self, state: CaseState, kind: ProcedureKind | None = None) -> None:
        """The decision in words (those of the matter's kind of act), in its colour, with its
        icon."""
        tone, headline, next_words = outcome_words(state, kind)
        self.outcome.setText(StatusLook(tone, headline).text())
        style = f"font-size: {TITLE_PX}px; font-weight: 600; color: {tone.value};"
        if self.outcome.styleSheet() != style:
            self.outcome.setStyleSheet(style)
        self.next_words.setText(next_words)

    def show_proofs(self, state: CaseState, rows: list[ProofRowModel]) -> None:
        """The proofs the applicant was spared, in green only when the application went through;
        after a refusal (不予许可 / 不予受理) nothing: a cheerful line would contradict it."""
        if state in (CaseState.REFUSED, CaseState.NOT_ACCEPTED) or not rows:
            self.proofs.clear()
            self.proofs.hide()
            return
        colour = "#1e7b34" if state in (CaseState.APPROVED, CaseState.ACCEPTED) else "#5f6368"
        style = f"font-size: {SMALL_PX}px; color: {colour};"
        if self.proofs.styleSheet() != style:
            self.proofs.setStyleSheet(style)
        self.proofs.setText(proofs_headline(rows))
        self.proofs.show()

    def show_rating(self, level: str | None, thanks: str, *, enabled: bool = True) -> None:
        """Mark the chosen level (None: none yet) and say thank you."""
        for each, button in self.buttons.items():
            button.setChecked(each.value == level)
            button.setEnabled(enabled)
        self.thanks.setText(thanks)


def _line_html(line: ProofLine) -> str:
    colour = line.tone.value
    return (
        f'<p style="margin:6px 0"><span style="color:{colour}">{ICONS[line.tone]}</span> '
        f"{html.escape(line.name, quote=False)}："
        f'<span style="color:{colour}">{html.escape(line.words, quote=False)}</span></p>'
    )
