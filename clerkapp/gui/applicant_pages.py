"""The pages of the applicant screen (申请人屏), read from a metre away across the counter: idle
(welcome), the case (matter, applicant with the ID number masked, the proofs they need not
bring), the pledge (full text and a signature pad) and the outcome (decision in words, progress
QR code and short code, 好差评 rating). The pages only show what they are given; the screen
(:mod:`clerkapp.gui.applicant_screen`) decides what that is.

The words themselves are in :mod:`clerkapp.gui.applicant_words`."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QTextDocumentFragment
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.case import CaseState
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.core.satisfaction import SatisfactionLevel
from clerkapp.core.texts import COLON
from clerkapp.gui.applicant_scroll import more_cue, scroll_area, scrolling_page
from clerkapp.gui.applicant_style import set_tone
from clerkapp.gui.applicant_words import (
    ProofLine,
    level_label,
    outcome_words,
    proof_line,
    proofs_headline,
)
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import ICONS, StatusLook, Tone
from clerkapp.gui.wizard.proofs_board import ProofRowModel
from clerkapp.gui.wizard.signature_pad import SignaturePad


def _label(parent: QWidget, name: str) -> QLabel:
    # Sizes, weights and colours come from the screen's style sheet (applicant_style): large
    # type (适老化) rescales every label at once.
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


# -- pages --------------------------------------------------------------------------------------


class IdlePage(QWidget):
    """No case on screen: the service centre and a welcome — nothing personal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantIdle")
        self.centre = _label(self, "applicantCentre")
        self.welcome = _label(self, "applicantWelcome")
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
        self.headline = _label(self, "applicantProofsHeadline")
        self.lines = _label(self, "applicantProofs")
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.hint = _label(self, "applicantHint")
        layout, self.area, self.more = scrolling_page(
            self, "applicantCase", QCoreApplication.translate("ApplicantScreen", "证明材料")
        )
        layout.addWidget(self.headline)
        layout.addSpacing(8)
        layout.addWidget(self.lines)
        layout.addStretch(1)
        outer = self.layout()
        assert outer is not None
        outer.addWidget(self.hint)  # what happens now: always in view

    def show_rows(self, rows: list[ProofRowModel], hint: str) -> None:
        """The proofs in the applicant's words, and a line of what happens now."""
        self.headline.setText(proofs_headline(rows) if rows else "")
        self.lines.setText("".join(_line_html(proof_line(r)) for r in rows))
        self.hint.setText(hint)


class PledgePage(QWidget):
    """④: the consequences of a false pledge (失信后果) first, never below the fold; the full
    pledge text under them (the two scroll together when longer than the screen, with a
    向下还有内容 cue while more is below); beside them the signature pad (or the signature once
    signed), always in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantPledgePage")
        self.status = _label(self, "applicantPledgeStatus")
        self.consequences_box = QFrame(self)
        self.consequences_box.setObjectName("applicantPledgeConsequencesBox")
        self.consequences_title = _label(self.consequences_box, "applicantPledgeConsequencesTitle")
        self.consequences_title.setText(
            "⚠ " + QCoreApplication.translate("ApplicantScreen", "虚假承诺的后果")
        )
        self.consequences = _label(self.consequences_box, "applicantPledgeConsequences")
        self.consequences.setAccessibleName(
            QCoreApplication.translate("ApplicantScreen", "虚假承诺的后果")
        )
        box = QVBoxLayout(self.consequences_box)
        box.setContentsMargins(14, 6, 14, 8)
        box.setSpacing(2)
        box.addWidget(self.consequences_title)
        box.addWidget(self.consequences)
        self.text_view = _label(self, "applicantPledgeText")
        self.text_view.setTextFormat(Qt.TextFormat.RichText)
        self.text_view.setAccessibleName(
            QCoreApplication.translate("ApplicantScreen", "承诺书全文")
        )
        self.text_view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The consequences first, then the pledge text, in one box that scrolls (mouse wheel,
        # touch) when the text is longer than the screen: the consequences are at its top, so
        # always in view; the signature pad beside it never moves.
        reading = QWidget(self)
        reading.setObjectName("applicantPledgeReading")
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.consequences_box)
        column.addSpacing(12)
        column.addWidget(self.text_view)
        column.addStretch(1)
        self.reading_area = scroll_area(
            self,
            "applicantPledgeScroll",
            QCoreApplication.translate("ApplicantScreen", "承诺内容"),
            reading,
        )
        self.more = more_cue(self, "applicantPledgeMore", self.reading_area)
        self.pad = SignaturePad(self)
        self.pad.setObjectName("applicantSignaturePad")
        # Unique names on this screen (the clerk's pad keeps the pad's own names).
        self.pad.canvas.setObjectName("applicantSignatureCanvas")
        self.pad.clear_button.setObjectName("applicantSignatureClear")
        self.pad.confirm_button.setObjectName("applicantSignatureConfirm")
        for button in (self.pad.clear_button, self.pad.confirm_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pad.canvas.setMinimumSize(420, 200)  # beside the text, on a 1280 px wide screen
        self.signed_image = QLabel(self)
        self.signed_image.setObjectName("applicantSignedSignature")
        self.signed_image.setAccessibleName(
            QCoreApplication.translate("ApplicantScreen", "已签署的签名")
        )
        self.signed_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.signed_image.setStyleSheet("background: white; border: 1px solid #d9dde3;")
        self.signed_image.setMinimumHeight(200)
        left = QVBoxLayout()
        left.addWidget(self.reading_area, 1)
        left.addWidget(self.more)
        signing = QVBoxLayout()
        signing.addWidget(self.status)
        signing.addWidget(self.pad, 1)
        signing.addWidget(self.signed_image, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 5)
        layout.addSpacing(24)
        layout.addLayout(signing, 3)

    def show_pledge(self, title: str, text: str, consequences: str) -> None:
        """The pledge ``text`` under its ``title``, and its ``consequences`` in their box."""
        self.consequences.setText(consequences)
        self.text_view.setText(
            f"<h2>{html.escape(title)}</h2>"
            f"<p style='line-height:150%'>{html.escape(text).replace(chr(10), '<br/>')}</p>"
        )
        self.reading_area.verticalScrollBar().setValue(0)

    def clear_pledge(self) -> None:
        """Nothing of a pledge on screen."""
        self.consequences.clear()
        self.text_view.clear()

    def more_below(self) -> bool:
        """Whether part of the pledge text is below what the screen shows."""
        bar = self.reading_area.verticalScrollBar()
        return bar.value() < bar.maximum()

    def plain_text(self) -> str:
        """The pledge text on screen (title and text), as plain text."""
        return QTextDocumentFragment.fromHtml(self.text_view.text()).toPlainText()

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
        self.outcome = _label(self, "applicantOutcome")
        self.next_words = _label(self, "applicantOutcomeNext")
        self.proofs = _label(self, "applicantOutcomeProofs")
        self.qr = QrView(self)
        self.short_code = _label(self, "applicantShortCode")
        self.short_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = _label(self, "applicantRatingQuestion")
        self.question.setText(
            QCoreApplication.translate("ApplicantScreen", "请您对本次服务作出评价")
        )
        self.thanks = _label(self, "applicantRatingThanks")
        self.buttons: dict[SatisfactionLevel, QPushButton] = {}
        self.grid = grid = QGridLayout()
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
            button.setMinimumHeight(90)
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
        layout, self.area, self.more = scrolling_page(
            self, "applicantOutcome", QCoreApplication.translate("ApplicantScreen", "办理结果")
        )
        layout.addLayout(top, 3)
        layout.addWidget(self.question)
        layout.addLayout(grid)
        layout.addWidget(self.thanks)
        layout.addStretch(1)

    def set_columns(self, columns: int) -> None:
        """The rating buttons in rows of ``columns`` (fewer at large type, so none is cut)."""
        for index, button in enumerate(self.buttons.values()):
            self.grid.removeWidget(button)
            self.grid.addWidget(button, index // columns, index % columns)

    def show_outcome(self, state: CaseState, kind: ProcedureKind | None = None) -> None:
        """The decision in words (those of the matter's kind of act), in its colour, with its
        icon."""
        tone, headline, next_words = outcome_words(state, kind)
        self.outcome.setText(StatusLook(tone, headline).text())
        set_tone(self.outcome, tone)
        self.next_words.setText(next_words)

    def show_proofs(self, state: CaseState, rows: list[ProofRowModel]) -> None:
        """The proofs the applicant was spared, in green only when the application went through;
        after a refusal (不予许可 / 不予受理) nothing: a cheerful line would contradict it."""
        if state in (CaseState.REFUSED, CaseState.NOT_ACCEPTED) or not rows:
            self.proofs.clear()
            self.proofs.hide()
            return
        went_through = state in (CaseState.APPROVED, CaseState.ACCEPTED)
        set_tone(self.proofs, Tone.OK if went_through else Tone.NEUTRAL)
        self.proofs.setText(proofs_headline(rows))
        self.proofs.show()

    def show_rating(self, level: str | None, thanks: str, *, enabled: bool = True) -> None:
        """Mark the chosen level (None: none yet) and say thank you."""
        for each, button in self.buttons.items():
            button.setChecked(each.value == level)
            button.setEnabled(enabled)
        self.thanks.setText(thanks)
        self.thanks.setVisible(bool(thanks))  # no empty line keeping a scroll cue up


def _line_html(line: ProofLine) -> str:
    colour = line.tone.value
    return (
        f'<p style="margin:6px 0"><span style="color:{colour}">{ICONS[line.tone]}</span> '
        f"{html.escape(line.name, quote=False)}{translated(COLON)}"
        f'<span style="color:{colour}">{html.escape(line.words, quote=False)}</span></p>'
    )
