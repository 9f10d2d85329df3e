"""SMS notices to the applicant (issue 9, "Contact and delivery"): when a case changes state
(受理, a department's answer, a decision, 补正, 不予受理, 撤回) and the applicant chose 短信通知
with a mobile number, an outbox row ``notification`` asks the platform to send a text.

The text names no ID number and no name beyond the masked surname (陈*): the matter, what
happened, the 查询码 and where to look (docs/platform-api.md "Notifications"). It is written
in the same transaction as the state change (:meth:`CaseServiceBase._notify`)."""

from __future__ import annotations

from clerkapp.core.case import Case, CaseState
from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.short_code import grouped

#: What happened, by the event that triggers a notice (the key in the outbox payload).
NOTICE_WORDS = {
    "accepted": "已受理",
    "approved": "已办结，可凭查询码和身份证号码后四位在进度页下载决定书，或到窗口领取",
    "refused": "已办结，可凭查询码和身份证号码后四位在进度页下载决定书，或到窗口领取",
    "awaiting_correction": "需补正材料，请按补正材料一次性告知书补正后到窗口继续办理",
    "not_accepted": "不予受理，详见不予受理决定书",
    "withdrawn": "已撤回",
    "verification": "已收到部门核验答复，正在继续办理",
    "open": "已恢复办理",
    # the clerk corrected the number (clerkapp.app.case_contact): the new one is told
    "contact_changed": "的短信通知号码已更新为本号码，今后的办理进度将发送至本号码",
}

#: The sender's signature when the matter names no office.
DEFAULT_SIGNATURE = "政务服务中心"


def masked_greeting(case: Case) -> str:
    """How the text addresses the applicant: the surname and a star for a person (陈*), the
    neutral 申请人 for a business (its name is not needed to read the news)."""
    name = case.applicant_name.strip()
    if case.applicant_kind is ApplicantKind.PERSON and name:
        return f"{name[0]}*"
    return "申请人"


def notice_event(case: Case) -> str | None:
    """The notice a case's current state calls for (``None``: none, e.g. still open)."""
    if case.state is CaseState.OPEN:
        return None
    return case.state.value if case.state.value in NOTICE_WORDS else None


def notification_text(case: Case, event: str, office: str = "") -> str:
    """The SMS text of ``event`` for ``case``: signed with the office, the masked surname,
    the matter, what happened and the 查询码. Never an ID number or a full name."""
    words = NOTICE_WORDS[event]
    signature = office.strip() or DEFAULT_SIGNATURE
    matter = case.matter_name.strip()
    applied = matter if matter.endswith(("申请", "申领")) else f"{matter}申请"
    return (
        f"【{signature}】{masked_greeting(case)}您好，您的{applied}{words}。"
        f"查询码 {grouped(case.short_code)}，可扫描回执二维码或凭查询码在办件进度页查询进度。"
    )
