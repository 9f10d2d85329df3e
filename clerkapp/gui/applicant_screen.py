"""The applicant screen (申请人屏): a second window for the citizen across the counter. It follows
the case wizard — idle (welcome) without a case; the matter, the applicant (ID number masked)
and the proofs they need not bring while the case is worked on; at ④ the full pledge text and a
signature pad of its own; after the decision the outcome in words, the progress QR code and
short code, and the 好差评 rating.

A signature confirmed here goes the clerk's way exactly: the wizard's pledge step emits
``sign_requested`` and the presenter stores it. The rating is stored through
:func:`clerkapp.gui.ops.run_op` (:meth:`clerkapp.app.case_service.CaseService.rate_satisfaction`);
the clerk's screen only learns that the applicant rated (``clerk_note``), not how. Ratings stay
on the workstation: sending them to the provincial 好差评 system is not part of ClerkApp yet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from clerkapp.core.case import Case, CaseState
from clerkapp.core.short_code import grouped
from clerkapp.core.texts import IN_BRACKETS
from clerkapp.gui import ops
from clerkapp.gui.applicant_pages import CasePage, IdlePage, OutcomePage, PledgePage
from clerkapp.gui.applicant_scroll import relayout
from clerkapp.gui.applicant_style import clamp_scale, rating_columns, style_sheet
from clerkapp.gui.applicant_words import short_code_text
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import StatusLook, Tone
from clerkapp.gui.wizard.person_present import present_line
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.gui.wizard.wizard import CaseWizard


class ApplicantScreen(QWidget):
    """The applicant's window. ``clerk_note(text)`` tells the clerk's window what to show about
    it ("" or 已评价); ``closed()`` when the window was closed."""

    clerk_note = Signal(str)
    closed = Signal()

    def __init__(
        self, counter_name: str, parent: QWidget | None = None, *, text_scale: float = 1.0
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("applicantScreen")
        self.setAccessibleName(self.tr("申请人屏"))
        self.setWindowTitle(self.tr("申请人屏 · {centre}").format(centre=counter_name))
        # The clerk keeps the keyboard: showing or touching this window never takes focus.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.text_scale = clamp_scale(text_scale)
        self.setStyleSheet(style_sheet(self.text_scale))
        self.resize(1280, 800)
        self.wizard: CaseWizard | None = None
        self.suspended = False
        self._busy = False
        self._visit = ""  # id of the case on screen: a rating replaces within one visit only
        self._pledge_code: str | None = None
        self._rating_running = False

        self.matter = QLabel(self)
        self.matter.setObjectName("applicantMatter")
        self.person = QLabel(self)
        self.person.setObjectName("applicantPerson")
        for label in (self.matter, self.person):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.idle_page = IdlePage(self)
        self.idle_page.centre.setText(counter_name)
        self.idle_page.welcome.setText(
            self.tr("欢迎您！\n请稍候，工作人员正在为您办理。")
            + "\n\n"
            + self.tr("无证明城市 · 少跑腿")
        )
        self.case_page = CasePage(self)
        self.pledge_page = PledgePage(self)
        self.outcome_page = OutcomePage(self)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("applicantPages")
        for page in (self.idle_page, self.case_page, self.pledge_page, self.outcome_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.matter)
        layout.addWidget(self.person)
        layout.addSpacing(12)
        layout.addWidget(self.pages, 1)
        self.outcome_page.set_columns(rating_columns(self.text_scale))
        self.pledge_page.pad.confirmed.connect(self._signed)
        self.outcome_page.rated.connect(self._rate)
        self.show_idle()

    # -- following the wizard --------------------------------------------------------------------

    def follow(self, wizard: CaseWizard) -> None:
        """Show ``wizard``'s case from now on, redrawn whenever it changes."""
        self.wizard = wizard
        presenter = wizard.presenter
        presenter.changed.connect(self.refresh)
        presenter.opened.connect(lambda _case_id: self.refresh())
        presenter.decided.connect(self.refresh)
        presenter.busy.connect(self._busy_changed)
        wizard.stack.currentChanged.connect(lambda _index: self.refresh())
        wizard.pledge_step.tabs.currentChanged.connect(lambda _index: self.refresh())
        self.refresh()

    def show_page(self, page: QWidget) -> None:
        """Put ``page`` (one of the four) on screen, laid out for what it now holds."""
        self.pages.setCurrentWidget(page)
        relayout(page)

    def set_text_scale(self, scale: float) -> None:
        """Large type (适老化): every text of the screen at ``scale`` (1.0 … 2.0) times its
        normal size."""
        scale = clamp_scale(scale)
        if scale != self.text_scale:
            self.text_scale = scale
            self.setStyleSheet(style_sheet(scale))
            self.outcome_page.set_columns(rating_columns(scale))
            self.show_page(self.pages.currentWidget() or self.idle_page)

    def set_suspended(self, suspended: bool) -> None:
        """Locked screen: idle, nothing personal, until unlocked."""
        self.suspended = suspended
        self.refresh()

    def show_idle(self) -> None:
        """The welcome page; no name, number or matter left on any label."""
        self.matter.clear()
        self.person.clear()
        self.case_page.show_rows([], "")
        self.pledge_page.clear_pledge()
        self.pledge_page.status.clear()
        self.pledge_page.show_pad()
        self.pledge_page.pad.reset()
        self._pledge_code = None
        self.outcome_page.qr.set_modules(())
        self.outcome_page.short_code.clear()
        self.outcome_page.proofs.clear()
        self.outcome_page.show_rating(None, "")
        if self._visit:
            self._visit = ""
            self.clerk_note.emit("")
        self.show_page(self.idle_page)

    def refresh(self) -> None:
        """Redraw from the wizard's case and step."""
        wizard = self.wizard
        if wizard is None or self.suspended:
            self.show_idle()
            return
        presenter = wizard.presenter
        case = presenter.case
        if case is None:
            matter = presenter.matter
            if matter is None or wizard.step is not Step.APPLICANT:
                self.show_idle()
                return
            self.show_idle()
            self.matter.setText(matter.name)
            self.case_page.show_rows([], self.tr("请出示身份证件，工作人员正在为您录入。"))
            self.show_page(self.case_page)
            return
        if case.id != self._visit:
            self.show_idle()
            self._visit = case.id
            self._load_outcome_extras(case)
        self.matter.setText(case.matter_name or (presenter.matter.name if presenter.matter else ""))
        # ``李明　330702********1234``: a person's ID number masked, a credit code as it is
        who = f"{case.applicant_name}　{case.applicant_display}"
        if case.contact.phone:  # issue 9: the phone masked, as the public may see it
            who += "　" + self.tr("联系电话 {phone}").format(phone=case.contact.masked_phone)
        if case.present is not None:  # issue 9: who acts for the applicant, name masked
            who += "　" + present_line(case.present, public=True)
        self.person.setText(self.tr("申请人：{who}").format(who=who))
        step = wizard.step
        if case.state is not CaseState.OPEN and step in (Step.DECISION, Step.PRINT):
            self.outcome_page.show_outcome(case.state, presenter.procedure())
            self.outcome_page.show_proofs(case.state, presenter.row_models())
            self.show_page(self.outcome_page)
        elif step is Step.PLEDGE and presenter.has_pledges():
            self._show_pledge()
        else:
            hint = {
                Step.PROOFS: self.tr("工作人员正在为您联网查询和核验，请稍候。"),
                Step.DECISION: self.tr("材料齐了，工作人员正在作出决定。"),
            }.get(step, "")
            self.case_page.show_rows(presenter.row_models(), hint)
            self.show_page(self.case_page)

    # -- ④ pledge ---------------------------------------------------------------------------------

    def _show_pledge(self) -> None:
        assert self.wizard is not None
        presenter = self.wizard.presenter
        models = presenter.pledge_models()
        code = self.wizard.pledge_step.current_code()
        # The clerk's tab; while the pledge step is still being filled, the tab it will show
        # (the first pledge not yet signed).
        model = next((m for m in models if m.proof_code == code), None)
        if model is None:
            model = next((m for m in models if m.signed is None), models[0] if models else None)
        page = self.pledge_page
        self.show_page(page)
        if model is None:
            return
        if model.proof_code != self._pledge_code:
            self._pledge_code = model.proof_code
            title = translated(
                IN_BRACKETS.format(text=self.tr("申请人承诺"), note=model.proof_name)
            )
            page.show_pledge(title, model.text, model.consequences)
            page.pad.reset()
        credit = presenter.credit_model()
        if model.signed is not None:
            page.show_signed(model.signed.png)
            page.status.setText(StatusLook(Tone.OK, self.tr("您已签字，谢谢。")).text())
            return
        page.show_pad()
        if credit.listed:
            page.pad.hide()
            text = self.tr("本项不能以承诺方式办理，请听工作人员说明。")
            page.status.setText(StatusLook(Tone.ERROR, text).text())
        elif credit.listed is None:
            page.status.setText(StatusLook(Tone.BUSY, self.tr("正在核查信用记录，请稍候…")).text())
        else:
            page.status.setText(self.tr("请阅读承诺内容，在下方白色区域签名，然后按“确认签字”。"))
        page.pad.set_locked(credit.listed is None or self._busy)

    def _signed(self, strokes: list[Any], png: bytes) -> None:
        # Exactly the clerk's path: the pledge step's request, which the wizard hands on to the
        # presenter (stored off the GUI thread, then both screens redraw).
        wizard, code = self.wizard, self._pledge_code
        if wizard is None or code is None or self.pages.currentWidget() is not self.pledge_page:
            return
        self.pledge_page.pad.set_locked(True)
        wizard.pledge_step.sign_requested.emit(code, strokes, png)

    def _busy_changed(self, text: str) -> None:
        self._busy = bool(text)
        if self.pages.currentWidget() is self.pledge_page:
            self.refresh()

    # -- ⑤/⑥ outcome: QR code and rating ---------------------------------------------------------

    def _load_outcome_extras(self, case: Case) -> None:
        """*Off the GUI thread*: the progress QR code (the URL carries the case's random token
        only) and whether the case was rated on an earlier visit."""
        assert self.wizard is not None
        services = self.wizard.services
        case_id, token, short_code = case.id, case.tracking_token, grouped(case.short_code)

        def work() -> tuple[tuple[tuple[bool, ...], ...], Any]:
            from clerkapp.infra.documents.qr import qr_modules

            base = services.context.progress_base_url.rstrip("/")
            return qr_modules(f"{base}/p/{token}"), services.service.rating_of(case_id)

        def done(result: tuple[tuple[tuple[bool, ...], ...], Any]) -> None:
            if self._visit != case_id:
                return
            modules, rating = result
            self.outcome_page.qr.set_modules(modules)
            self.outcome_page.short_code.setText(short_code_text(short_code))
            if rating is not None:
                self.outcome_page.show_rating(
                    rating.level, self.tr("本办件已评价，感谢您的支持。"), enabled=False
                )
                self.clerk_note.emit(self.tr("已评价"))

        ops.run_op(self, work, done, lambda exc: ops.log_failure(exc, "applicant screen QR"))

    def _rate(self, level: str) -> None:
        wizard = self.wizard
        case = wizard.presenter.case if wizard is not None else None
        if wizard is None or case is None or self._rating_running:
            return
        services, clerk, case_id = wizard.services, wizard.presenter.clerk_name, case.id
        self._rating_running = True
        for button in self.outcome_page.buttons.values():
            button.setEnabled(False)

        def work() -> Any:
            return services.service.rate_satisfaction(case_id, level, clerk)

        def done(record: Any) -> None:
            self._rating_running = False
            if self._visit != case_id:
                return
            thanks = (
                self.tr("已更新您的评价，感谢您！")
                if record.replaced
                else self.tr("感谢您的评价！祝您生活愉快。")
            )
            self.outcome_page.show_rating(record.level, thanks)
            self.clerk_note.emit(self.tr("已评价"))

        def failed(exc: BaseException) -> None:
            self._rating_running = False
            if self._visit == case_id:
                self.outcome_page.show_rating(None, ops.user_message_for(exc))

        ops.run_op(self, work, done, failed)

    # -- window ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Closed by the window manager: the clerk's toggle follows."""
        super().closeEvent(event)
        self.closed.emit()
