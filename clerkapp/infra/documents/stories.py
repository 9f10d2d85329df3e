"""The content of each document kind, as platypus flowables (the layout pieces are in
:mod:`clerkapp.infra.documents.builder`)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from clerkapp.infra.documents import stories_notices, styles
from clerkapp.infra.documents.builder import (
    applicant_fields,
    closing_block,
    office_header,
    para,
    proof_table,
    rights_paragraph,
)
from clerkapp.infra.documents.model import DocumentData, DocumentKind, PledgeSection, chinese_date

_ORDINALS = "一二三四五六七八九十"


def _ordinal(i: int) -> str:
    return _ORDINALS[i] if i < len(_ORDINALS) else str(i + 1)


def _basis(data: DocumentData) -> str:
    return data.legal_basis or "有关法律、法规和规章"


def _grant(data: DocumentData) -> str:
    """The decision sentence: the act's own (wording.act_wording), else neutral words."""
    return data.act_sentence or "本机关决定予以办理。"


def _refusal(data: DocumentData) -> str:
    return data.act_sentence or "本机关决定不予办理。"


def _pledge_note(data: DocumentData) -> list[Flowable]:
    if not any(line.method == "申报承诺" for line in data.proofs):
        return []
    return [
        para(
            "申报承诺事项将依法核查，承诺不实的，撤销本决定并记入信用记录。",
            styles.BODY,
        )
    ]


def _proofs(data: DocumentData, heading: str) -> list[Flowable]:
    if not data.proofs:
        return []
    return [para(heading, styles.HEADING), proof_table(data.proofs), Spacer(1, 2 * mm)]


def _you(data: DocumentData) -> str:
    """How the document addresses its applicant: 你 (a person) or 你单位 (a business)."""
    return "你单位" if data.applicant_id_label == "统一社会信用代码" else "你"


def _application(data: DocumentData) -> str:
    """“公共租赁住房申请” — or “建筑业企业资质核准”申请: never 申请 twice."""
    name = data.matter_name
    return f"“{name}”" if name.endswith("申请") else f"“{name}”申请"


def _ending(last: Flowable, data: DocumentData) -> Flowable:
    """The last paragraph kept on one page with the QR and seal: GB/T 9704 allows no page that
    carries the seal without any text."""
    return KeepTogether([last, *closing_block(data)])


def _opening(data: DocumentData, first_paragraph: str) -> list[Flowable]:
    """The head of a letter to the applicant: office header, applicant fields, the salutation
    and the first paragraph."""
    return [
        *office_header(data),
        *applicant_fields(data),
        para(f"{data.applicant_name}：", styles.SALUTATION),
        para(first_paragraph, styles.BODY),
    ]


def decision_story(data: DocumentData) -> list[Flowable]:
    """The decision (准予行政许可决定书, 给付决定书, … by the act's kind): the grant with what is
    granted and its validity, every proof and how it was satisfied, legal basis, rights."""
    story = _opening(
        data,
        f"{_you(data)}于{chinese_date(data.applied_on)}提出的{_application(data)}，"
        "本机关已依法受理。经审查，申请符合法定条件，所需证明材料已按“无证明城市”改革要求"
        "通过数据查询、部门核验或申报承诺等方式核实（见下表）。"
        f"根据{_basis(data)}的规定，{_grant(data)}",
    )
    story += _proofs(data, "证明材料核实情况")
    story += _pledge_note(data)
    story.append(_ending(rights_paragraph(data), data))
    return story


def refusal_story(data: DocumentData) -> list[Flowable]:
    """The refusal (不予行政许可决定书, 不予给付决定书, … by the act's kind): its reasons, the
    proofs as found, legal basis, rights."""
    story = _opening(
        data,
        f"{_you(data)}于{chinese_date(data.applied_on)}提出的{_application(data)}，"
        "本机关已依法受理。经审查，该申请不符合法定条件，理由如下：",
    )
    reasons = data.reasons or ("申请不符合法定条件。",)
    story += [
        para(f"{_ordinal(i)}、{reason.rstrip('。；;')}。", styles.BODY)
        for i, reason in enumerate(reasons)
    ]
    story.append(para(f"根据{_basis(data)}的规定，{_refusal(data)}", styles.BODY))
    story += _proofs(data, "证明材料核实情况")
    story.append(_ending(rights_paragraph(data), data))
    return story


def receipt_story(data: DocumentData) -> list[Flowable]:
    """受理回执: accepted, what the office is still verifying, the promised completion date."""
    story = _opening(
        data,
        f"{_you(data)}于{chinese_date(data.applied_on)}提交的{_application(data)}，"
        "材料齐全、符合法定形式，本机关决定予以受理。下列证明事项由本机关通过数据共享或"
        f"部门核验等方式获取，{_you(data)}无需另行提供证明材料。",
    )
    promised = f"本机关将于{chinese_date(data.promised_on)}前作出决定" if data.promised_on else ""
    story += _proofs(data, "证明材料核实进度")
    last = para(
        f"本事项承诺办结时限为{data.time_limit_days}个工作日"
        + (f"，{promised}" if promised else "")
        + "。办理进度可扫描下方二维码或凭查询码查询。",
        styles.BODY,
    )
    # the paragraph that points to the QR below is kept with it: no page holds only the seal
    story.append(_ending(last, data))
    return story


def _signature_flowable(section: PledgeSection) -> Flowable:
    if not section.signature_png:
        return para("（未采集签名图像）", styles.FIELD)
    reader = ImageReader(io.BytesIO(section.signature_png))
    width_px, height_px = reader.getSize()
    width = 55 * mm
    height = min(22 * mm, width * height_px / max(width_px, 1))
    width = height * width_px / max(height_px, 1)
    return Image(io.BytesIO(section.signature_png), width=width, height=height, hAlign="LEFT")


def _height(flowables: Sequence[Flowable]) -> float:
    """The height ``flowables`` take on a page of body width, spaces included."""
    total = 0.0
    for flowable in flowables:
        _, height = flowable.wrap(styles.BODY_WIDTH, styles.FRAME_HEIGHT)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _pledge_section(
    i: int, section: PledgeSection, tail: Sequence[Flowable] = (), signer: str = "承诺人"
) -> list[Flowable]:
    """One pledge: heading, text, consequences, signature. The signature never lands on a page
    apart from the text it signs: the whole pledge (heading, statement, consequences, signature,
    time and hash) is kept on one page; a statement too long for one page keeps at least its
    last paragraph with the consequences and the signature. ``tail`` (the closing block after
    the last pledge) is kept with them, so the seal too has text on its page."""
    signed = f"{chinese_date(section.signed_at.date())} {section.signed_at:%H:%M}"
    sign_table = Table(
        [
            [para(f"{signer}（签字）：", styles.FIELD), _signature_flowable(section)],
            [para("签署时间：", styles.FIELD), para(signed, styles.FIELD)],
        ],
        colWidths=[42 * mm, styles.BODY_WIDTH - 42 * mm],
        hAlign="LEFT",
    )
    sign_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    head: list[Flowable] = [
        para(f"{_ordinal(i)}、关于“{section.proof_name}”", styles.HEADING),
        *(para(text, styles.PLEDGE_TEXT) for text in section.text.split("\n") if text.strip()),
    ]
    signing: list[Flowable] = [
        para(f"承诺不实的后果：{section.consequences}", styles.PLEDGE_TEXT),
        sign_table,
        Paragraph("签名校验值（SHA-256）：" + section.signature_sha256, styles.SMALL),
        *tail,
    ]
    # Measured before the build: a KeepTogether taller than a page would flow on and could
    # again leave the signature behind, and one KeepTogether cannot sit in another.
    if _height(head + signing) <= styles.FRAME_HEIGHT * 0.95:
        return [KeepTogether(head + signing), Spacer(1, 3 * mm)]
    return [*head[:-1], KeepTogether([head[-1], *signing]), Spacer(1, 3 * mm)]


def pledge_story(data: DocumentData) -> list[Flowable]:
    """告知承诺书: the exact pledged text of every pledge, signature image, time and hash."""
    story = office_header(data) + applicant_fields(data, applicant_label="承诺人")
    story.append(
        para(
            f"{data.office}已告知承诺人办理“{data.matter_name}”所需证明事项的内容、"
            "证明义务和不实承诺的法律后果。承诺人自愿作出如下承诺，并对承诺内容的真实性负责。",
            styles.BODY,
        )
    )
    last = len(data.pledges) - 1
    for i, section in enumerate(data.pledges):
        tail = closing_block(data) if i == last else ()
        story += _pledge_section(i, section, tail, data.signer_label)
    if not data.pledges:
        story.append(KeepTogether(closing_block(data)))
    return story


_STORIES: dict[DocumentKind, Callable[[DocumentData], list[Flowable]]] = {
    DocumentKind.DECISION: decision_story,
    DocumentKind.REFUSAL: refusal_story,
    DocumentKind.RECEIPT: receipt_story,
    DocumentKind.PLEDGE: pledge_story,
    DocumentKind.CORRECTION_NOTICE: stories_notices.correction_notice_story,
    DocumentKind.NOT_ACCEPTED: stories_notices.not_accepted_story,
    DocumentKind.WITHDRAWAL: stories_notices.withdrawal_story,
}


def story_for(data: DocumentData) -> list[Flowable]:
    """The flowables of ``data``'s document kind."""
    return _STORIES[data.kind](data)
