"""The content of the notices of the ways back: 补正材料一次性告知书 (everything to bring or put
right, at once, with the deadline) and 不予受理决定书 (the reasons, the basis and the rights of
appeal). Registered in :data:`clerkapp.infra.documents.stories._STORIES`.

The correction notice is a procedural notice, not a decision: it carries no rights of appeal; it
names every item (行政许可法 Art. 32(1)(4): 一次告知 — the office may not ask for anything it did
not list) and the deadline, counted in working days by the workstation's calendar. The
不予受理决定书 is an administrative act: reasons, basis, and the applicant's rights of review and
litigation (as on the refusal notice).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from clerkapp.infra.documents import styles
from clerkapp.infra.documents.builder import (
    applicant_fields,
    closing_block,
    office_header,
    para,
    rights_paragraph,
)
from clerkapp.infra.documents.model import DocumentData, chinese_date

_ORDINALS = "一二三四五六七八九十"

#: The article a 补正 / 不予受理 of a licence rests on (printed when the matter is a 行政许可).
LICENCE_CORRECTION_ARTICLE = "《中华人民共和国行政许可法》第三十二条第一款第（四）项"
LICENCE_NOT_ACCEPTED_ARTICLE = "《中华人民共和国行政许可法》第三十二条第一款"


def _ordinal(i: int) -> str:
    return _ORDINALS[i] if i < len(_ORDINALS) else str(i + 1)


def _you(data: DocumentData) -> str:
    return "你单位" if data.applicant_id_label == "统一社会信用代码" else "你"


def _application(data: DocumentData) -> str:
    name = data.matter_name
    return f"“{name}”" if name.endswith("申请") else f"“{name}”申请"


def _opening(data: DocumentData, first_paragraph: str) -> list[Flowable]:
    return [
        *office_header(data),
        *applicant_fields(data),
        para(f"{data.applicant_name}：", styles.SALUTATION),
        para(first_paragraph, styles.BODY),
    ]


def _numbered(lines: tuple[str, ...]) -> list[Flowable]:
    return [
        para(f"{_ordinal(i)}、{line.rstrip('。；;')}。", styles.BODY)
        for i, line in enumerate(lines)
    ]


def correction_notice_story(data: DocumentData) -> list[Flowable]:
    """补正材料一次性告知书: every item to bring or put right, the deadline, where to come."""
    basis = f"根据{data.procedure_article}的规定，" if data.procedure_article else "根据有关规定，"
    story = _opening(
        data,
        f"{_you(data)}于{chinese_date(data.applied_on)}提交的{_application(data)}，经审查，"
        f"申请材料不齐全或者不符合法定形式。{basis}现将需要补正的全部内容一次性告知如下：",
    )
    story += _numbered(tuple(f"{name}：{problem}" for name, problem in data.corrections))
    due = data.correction_due_on
    deadline = (
        f"请于{chinese_date(due)}前（{data.correction_days}个工作日内）"
        if due is not None
        else "请"
    )
    story.append(
        para(
            f"{deadline}携带本告知书和上述材料到{data.service_centre}补正。补正的材料齐全、"
            f"符合法定形式的，本机关将继续办理{_you(data)}的申请，已核实的证明材料无需重复提供。",
            styles.BODY,
        )
    )
    last = para(
        "本机关已一次性告知需要补正的全部内容，除上列材料外，不再要求补正其他材料。"
        "办理进度可扫描下方二维码或凭查询码查询。",
        styles.BODY,
    )
    story.append(KeepTogether([last, *closing_block(data)]))
    return story


def withdrawal_story(data: DocumentData) -> list[Flowable]:
    """撤回申请确认书: the applicant withdrew; the office confirms it stopped handling the case,
    that nobody is asked about the applicant any more, and that they may apply again. No rights
    of review: the applicant's own act ends the case, the office decides nothing."""
    story = _opening(
        data,
        f"{_you(data)}于{chinese_date(data.applied_on)}提交的{_application(data)}，"
        f"已于{chinese_date(data.issued_on)}申请撤回。本机关确认终止办理该申请。",
    )
    if data.reasons:
        story.append(para(f"撤回原因：{data.reasons[0].rstrip('。')}。", styles.BODY))
    story.append(
        para(
            "尚未发出的数据查询和部门核验请求均已撤回，不再就本申请查询或核验"
            f"{_you(data)}的信息。{_you(data)}具备条件后可以重新提出申请。",
            styles.BODY,
        )
    )
    story.append(KeepTogether(closing_block(data)))
    return story


def not_accepted_story(data: DocumentData) -> list[Flowable]:
    """不予受理决定书: the reasons, the basis, and the rights of review and litigation."""
    story = _opening(
        data,
        f"{_you(data)}于{chinese_date(data.applied_on)}提交的{_application(data)}，"
        "经审查，理由如下：",
    )
    story += _numbered(data.reasons or ("申请不符合受理条件",))
    basis = data.procedure_article or data.legal_basis or "有关法律、法规和规章"
    story.append(para(f"根据{basis}的规定，本机关决定不予受理。", styles.BODY))
    story.append(KeepTogether([rights_paragraph(data), *closing_block(data)]))
    return story
