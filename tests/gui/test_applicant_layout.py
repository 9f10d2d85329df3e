"""The applicant screen (申请人屏) laid out at the counter's real sizes (1280×800, 1920×1080) and
at each large-type scale (适老化, issue 9): the consequences of a false pledge (失信后果) are
within the window without scrolling, the signature pad is in view, no text is clipped, a number
stays with its unit, a pledge text longer than its box says 向下还有内容, and every text grows
with the scale. Geometry of the real widgets, filled with the bundled catalogue's longest
pledge. (The clerk's 大字 toggle: tests/gui/test_applicant_screen.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.core.case import CaseState
from clerkapp.core.catalogue import Method, PledgeSpec
from clerkapp.gui.applicant_pages import QrView
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.applicant_style import TEXT_SCALES, next_scale
from clerkapp.gui.applicant_words import short_code_text
from clerkapp.gui.wizard.proofs_board import ProofRowModel, RowStatus
from clerkapp.gui.wizard.signature_pad import SignatureCanvas
from clerkapp.infra.catalogue_io import load_catalogue
from clerkapp.infra.documents.qr import qr_modules

pytestmark = pytest.mark.gui

SIZES = ((1280, 800), (1920, 1080))
PAGES = ("welcome", "proofs", "pledge", "signed", "outcome")
CENTRE = "金华市行政服务中心 · 培训窗口"
CODE = "NYWT-785W-PZWV"
MATTER = "丧葬抚恤金和遗属补助生活费申领（企业职工基本养老保险参保人员因病或非因工死亡）"


def longest_pledge() -> tuple[str, PledgeSpec]:
    """The bundled catalogue's proof whose pledge is longest (consequences, then text)."""
    catalogue = load_catalogue()
    code, spec = max(
        ((c, p.pledge) for c, p in catalogue.proofs.items() if p.pledge is not None),
        key=lambda item: (len(item[1].consequences), len(item[1].text)),
    )
    return catalogue.proofs[code].name, spec


def _rows() -> list[ProofRowModel]:
    return [
        ProofRowModel("a", "户籍证明（死者户口注销证明）", Method.DATA_QUERY, RowStatus.DONE, ""),
        ProofRowModel("b", "死亡医学证明", Method.DEPT_VERIFY, RowStatus.WAITING, ""),
        ProofRowModel("c", "婚姻状况证明（与死者的夫妻关系）", Method.PLEDGE, RowStatus.DONE, ""),
        ProofRowModel("d", "无收入证明", Method.PLEDGE, RowStatus.WAITING, ""),
        ProofRowModel("e", "单位出具的在职证明", Method.DROPPED, RowStatus.NOT_NEEDED, ""),
    ]


def fill(screen: ApplicantScreen, page: str) -> None:
    """Put ``page`` on ``screen`` with long, realistic content (no case store needed)."""
    screen.show_idle()
    if page == "welcome":
        return
    screen.matter.setText(MATTER)
    screen.person.setText("申请人：欧阳丽华　330702********1234")
    if page == "proofs":
        screen.case_page.show_rows(_rows(), "工作人员正在为您联网查询和核验，请稍候。")
        screen.show_page(screen.case_page)
    elif page in ("pledge", "signed"):
        name, spec = longest_pledge()
        pledge = screen.pledge_page
        pledge.show_pledge(f"申请人承诺（{name}）", spec.text, spec.consequences)
        pledge.status.setText("请阅读承诺内容，在下方白色区域签名，然后按“确认签字”。")
        if page == "signed":
            pledge.show_signed(b"")
            pledge.status.setText("✔ 您已签字，谢谢。")
        screen.show_page(pledge)
    else:
        outcome = screen.outcome_page
        outcome.show_outcome(CaseState.APPROVED)
        outcome.show_proofs(CaseState.APPROVED, _rows())
        outcome.qr.set_modules(qr_modules("http://127.0.0.1:8765/p/" + "x" * 32))
        outcome.short_code.setText(short_code_text(CODE))
        outcome.show_rating(None, "")
        screen.show_page(outcome)
    QApplication.processEvents()


@pytest.fixture
def make_screen(qtbot: QtBot) -> Iterator[object]:
    def make(size: tuple[int, int], scale: float) -> ApplicantScreen:
        screen = ApplicantScreen(CENTRE, text_scale=scale)
        qtbot.addWidget(screen)
        screen.resize(*size)
        screen.show()
        qtbot.waitExposed(screen)
        return screen

    yield make


def _in_window(screen: QWidget, widget: QWidget) -> QRect:
    rect = QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())
    assert screen.rect().contains(rect), f"{widget.objectName()} {rect} outside {screen.rect()}"
    return rect


def _scrolled(widget: QWidget) -> bool:
    """Whether ``widget`` is in a scrolling body; if it is not all in view there, the body's
    向下还有内容 cue is on screen (never hidden below the fold silently)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return False
    screen = widget.window()
    viewport = QRect(parent.viewport().mapTo(screen, QPoint(0, 0)), parent.viewport().size())
    if not viewport.contains(QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())):
        cue = screen.findChild(QLabel, parent.objectName().replace("Scroll", "More"))
        assert cue is not None and cue.isVisibleTo(screen), f"{widget.objectName()} hidden"
        _in_window(screen, cue)
    return True


def _not_clipped(screen: QWidget) -> None:
    """Every visible label and button of the screen shows all of its text."""
    for label in screen.findChildren(QLabel):
        if not label.isVisibleTo(screen) or not label.text():
            continue
        if not _scrolled(label):  # a scrolled text may reach below: the cue says so
            _in_window(screen, label)
        name = label.objectName()
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            assert needed <= label.height(), f"{name}: {needed} > {label.height()} px high"
        else:
            hint = label.sizeHint()
            assert hint.width() <= label.width() and hint.height() <= label.height(), name
    for button in screen.findChildren(QAbstractButton):
        if button.isVisibleTo(screen):
            if not _scrolled(button):
                _in_window(screen, button)
            assert button.sizeHint().width() <= button.width(), button.objectName()
            assert button.sizeHint().height() <= button.height(), button.objectName()


def _lines(label: QLabel) -> list[str]:
    """The lines ``label``'s plain text wraps into at its width."""
    lines = []
    for paragraph in label.text().split("\n"):
        layout = QTextLayout(paragraph, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(label.contentsRect().width())
            start = line.textStart()
            lines.append(paragraph[start : start + line.textLength()].strip())
        layout.endLayout()
    return lines


@pytest.mark.parametrize("scale", TEXT_SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_consequences_and_the_pad_are_in_view(
    make_screen: object, size: tuple[int, int], scale: float
) -> None:
    screen = make_screen(size, scale)  # type: ignore[operator]
    assert (screen.width(), screen.height()) == size
    fill(screen, "pledge")
    page = screen.pledge_page
    _, spec = longest_pledge()
    assert page.consequences.text() == spec.consequences
    box = _in_window(screen, page.consequences_box)
    title = _in_window(screen, page.consequences_title)
    assert box.contains(_in_window(screen, page.consequences)) and box.contains(title)
    viewport = _in_window(screen, page.reading_area.viewport())
    assert viewport.contains(box), f"consequences {box} below the fold of {viewport}"
    assert page.reading_area.verticalScrollBar().value() == 0
    # the whole consequences, no scrolling: the label is as high as its text needs
    assert page.consequences.heightForWidth(page.consequences.width()) <= page.consequences.height()
    # they come first: above the pledge text, and the signature area is reachable
    assert box.bottom() < page.text_view.mapTo(screen, QPoint(0, 0)).y()
    canvas = _in_window(screen, page.pad.canvas)
    assert canvas.height() >= 180 and canvas.width() >= 400
    _in_window(screen, page.pad.confirm_button)
    _not_clipped(screen)
    # the pledge text scrolls under them: while more is below, the cue says so
    bar = page.reading_area.verticalScrollBar()
    assert page.more.isVisibleTo(screen) is (bar.value() < bar.maximum())
    if bar.maximum() > 0:
        _in_window(screen, page.more)
        assert viewport.bottom() < _in_window(screen, page.more).top()
        bar.setValue(bar.maximum())
        assert not page.more.isVisibleTo(screen)
        assert page.more.height() > 0  # its room is kept: nothing moves


def _shown_rect(screen: QWidget, widget: QWidget) -> QRect:
    """What of ``widget`` is on screen (cut to the scrolling body's viewport it is in)."""
    rect = QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        port = parent.viewport()
        rect = rect.intersected(QRect(port.mapTo(screen, QPoint(0, 0)), port.size()))
    return rect


def _no_overlap(screen: ApplicantScreen) -> None:
    """No two visible texts, buttons or codes of the page on screen cover each other."""
    page = screen.pages.currentWidget()
    kinds = (QLabel, QAbstractButton, QrView, SignatureCanvas)
    leaves = [w for w in page.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(page)]
    rects = [(w, _shown_rect(screen, w)) for w in leaves]
    for index, (one, first) in enumerate(rects):
        for other, second in rects[index + 1 :]:
            if one.isAncestorOf(other) or other.isAncestorOf(one):
                continue
            overlap = first.intersected(second)
            assert overlap.isEmpty(), f"{one.objectName()} {first} covers {other.objectName()}"


@pytest.mark.parametrize("scale", TEXT_SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits_unclipped(
    make_screen: object, size: tuple[int, int], scale: float
) -> None:
    screen = make_screen(size, scale)  # type: ignore[operator]
    for page in (*PAGES, "proofs", "outcome", "welcome"):  # one screen, page after page
        fill(screen, page)
        _not_clipped(screen)
        _no_overlap(screen)
        if size == (1920, 1080):  # room for all: no page scrolls, no cue
            assert not any(
                cue.isVisibleTo(screen) for cue in (screen.case_page.more, screen.outcome_page.more)
            ), page
        if screen.outcome_page.short_code.isVisibleTo(screen):  # the code whole on one line
            assert CODE in _lines(screen.outcome_page.short_code)
        for label in (screen.case_page.headline, screen.outcome_page.proofs):
            if not label.isVisibleTo(screen) or not label.text():
                continue
            lines = _lines(label)  # "2" never ends a line whose "项" starts the next
            for before, after in pairwise(lines):
                assert not (before.rstrip()[-1:].isdigit() and after.lstrip().startswith("项"))
                assert not (before.rstrip().endswith("共") and after.lstrip()[:1].isdigit())


def test_a_long_pledge_text_shows_the_cue_at_the_largest_type(make_screen: object) -> None:
    screen = make_screen(SIZES[0], TEXT_SCALES[-1])  # type: ignore[operator]
    fill(screen, "pledge")
    page = screen.pledge_page
    assert page.more_below() and page.more.isVisibleTo(screen)
    assert "向下还有内容" in page.more.text()


def test_the_text_grows_with_the_scale(make_screen: object) -> None:
    screen = make_screen(SIZES[1], TEXT_SCALES[0])  # type: ignore[operator]
    names = (
        "applicantMatter",
        "applicantPerson",
        "applicantPledgeStatus",
        "applicantPledgeConsequences",
        "applicantPledgeConsequencesTitle",
        "applicantPledgeText",
        "applicantSignatureConfirm",
        "applicantOutcome",
        "applicantRate_very_satisfied",
        "applicantHint",
        "applicantWelcome",
    )

    def sizes() -> list[int]:
        found = []
        for name in names:
            widget = screen.findChild(QWidget, name)
            assert widget is not None, name
            widget.ensurePolished()
            found.append(widget.font().pixelSize())
        return found

    fill(screen, "pledge")
    before, previous = sizes(), TEXT_SCALES[0]
    assert min(before) >= 20  # read from a metre away
    for scale in TEXT_SCALES[1:]:
        screen.set_text_scale(scale)
        QApplication.processEvents()
        after = sizes()
        for name, small, large in zip(names, before, after, strict=True):
            assert large > small, name
            assert large == pytest.approx(small * scale / previous, abs=2), name
        before, previous = after, scale
        _not_clipped(screen)
    assert next_scale(TEXT_SCALES[-1]) == TEXT_SCALES[0]
    screen.set_text_scale(9.0)  # beyond what the screen is laid out for: the largest allowed
    assert screen.text_scale == 2.0


def test_the_outcome_colour_follows_the_decision(make_screen: object) -> None:
    screen = make_screen(SIZES[0], 1.0)  # type: ignore[operator]
    fill(screen, "outcome")
    outcome = screen.outcome_page.outcome
    assert outcome.palette().color(outcome.foregroundRole()).name() == "#1e7b34"
    screen.outcome_page.show_outcome(CaseState.REFUSED)
    assert outcome.palette().color(outcome.foregroundRole()).name() == "#b3261e"
    assert outcome.font().pixelSize() == 40  # the title size at scale 1.0
