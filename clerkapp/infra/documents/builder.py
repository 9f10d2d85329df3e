"""Build a printed document (PDF bytes) from :class:`DocumentData` with ReportLab platypus.

Text flows through platypus; only the page furniture — page number, provisional and copy marks —
is drawn by the page template, and the seal area by its own flowable.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clerkapp.infra.documents import styles
from clerkapp.infra.documents.fonts import PRIMARY, fonts, markup
from clerkapp.infra.documents.model import (
    VOIDED_COPY_LABEL,
    DocumentData,
    DocumentKind,
    ProofLine,
    chinese_date,
)
from clerkapp.infra.documents.qr import qr_drawing

PROVISIONAL_MARK = "临时凭证 — 待联网确认"
VOID_MARK = "作废"


def para(text: str, style: styles.ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped, with per-character font fallback)."""
    return Paragraph(markup(text), style)


def office_header(data: DocumentData) -> list[Flowable]:
    """发文机关标志 in red, the document number, the red separator line and the title."""
    return [
        para(data.office, styles.OFFICE),
        Spacer(1, 1 * mm),
        para(data.number, styles.NUMBER),
        HRFlowable(
            width="100%", thickness=1.2, color=styles.OFFICIAL_RED, spaceBefore=2, spaceAfter=5
        ),
        para(data.printed_title, styles.TITLE),
        *replaces_note(data),
    ]


def replaces_note(data: DocumentData) -> list[Flowable]:
    """更正: the line under the title naming the document this one corrects and replaces."""
    if not data.replaces:
        return []
    return [
        para(
            f"本{data.printed_title}更正并取代{data.replaces}，原文书自本文书出具之日起作废。",
            styles.REPLACES_NOTE,
        )
    ]


def applicant_fields(data: DocumentData, *, applicant_label: str = "申请人") -> list[Flowable]:
    """Applicant, ID, related persons, matter, case number and the clerk who accepted it: one
    labelled line each (long names wrap under their label). The matter is printed by its
    official name and public code — never the internal catalogue code."""
    matter = data.matter_name + (f"（事项编码 {data.public_code}）" if data.public_code else "")
    rows = [
        (applicant_label, data.applicant_name),
        (data.applicant_id_label, data.applicant_id),
        *data.related,
        *data.contact,
        ("申请事项", matter),
        *case_rows(data),
    ]
    # Wide enough for the longest label (统一社会信用代码：) so no label ever wraps.
    label_width = (max(len(label) for label, _ in rows) + 1.5) * styles.FIELD.fontSize
    table = Table(
        [
            [para(label + "：", styles.FIELD_ROW), para(value, styles.FIELD_ROW)]
            for label, value in rows
        ],
        colWidths=[label_width, styles.BODY_WIDTH - label_width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 1 * mm)]


def case_rows(data: DocumentData) -> list[tuple[str, str]]:
    """办件编号 and 受理人, as far as the document knows them: one line (a one-page decision
    stays one page)."""
    if data.case_id and data.accepted_by:
        return [("办件编号", f"{data.case_id}\u3000\u3000受理人：{data.accepted_by}")]
    if data.case_id:
        return [("办件编号", data.case_id)]
    if data.accepted_by:
        return [("受理人", data.accepted_by)]
    return []


def proof_table(lines: tuple[ProofLine, ...]) -> Table:
    """证明材料核实情况: one row per proof item — name, method, how it was satisfied."""
    head = [para(text, styles.CELL_HEAD) for text in ("证明事项", "核实方式", "核实情况")]
    rows: list[list[Flowable]] = [head]
    for line in lines:
        how = line.how + (f"\n依据：{line.basis}" if line.basis else "")
        rows.append(
            [para(line.name, styles.CELL), para(line.method, styles.CELL), para(how, styles.CELL)]
        )
    widths = [36 * mm, 18 * mm, styles.BODY_WIDTH - 54 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, styles.GRID),
                ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def rights_paragraph(data: DocumentData) -> Paragraph:
    """The applicant's rights of administrative review and litigation, with their time limits."""
    r = data.rights
    days = {60: "六十"}.get(r.review_days, str(r.review_days))
    months = {6: "六"}.get(r.litigation_months, str(r.litigation_months))
    # the paper names itself as it is titled: a public service's result is a 通知书
    paper = "本通知书" if data.printed_title.endswith("通知书") else "本决定书"
    text = (
        f"如不服本决定，可以自收到{paper}之日起{days}日内向{r.review_body}申请行政复议，"
        f"也可以自收到{paper}之日起{months}个月内直接向{r.court}提起行政诉讼。"
    )
    return para(text, styles.BODY)


class SealArea(Flowable):
    """盖章处: a dashed circle the size of the office seal, centred over the office name and the
    date as GB/T 9704 places the seal (居中下压发文机关署名和成文日期)."""

    def __init__(self, office: str, date_text: str, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = styles.QR_SIZE  # the circle may reach past it, as a seal does
        self._lines = [para(office, styles.SEAL_TEXT), para(date_text, styles.SEAL_TEXT)]
        self._label = para("（盖章处）", styles.SEAL_LABEL)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The fixed size it takes, whatever the space offered (reportlab protocol)."""
        return self.width, self.height

    def draw(self) -> None:
        """Paint it on the canvas at the origin (reportlab protocol)."""
        canvas = self.canv
        radius = styles.SEAL_DIAMETER / 2
        office, date = self._lines
        _, date_h = date.wrap(self.width, self.height)
        office.wrap(self.width, self.height)
        widest = max(max(p.getActualLineWidths0() or [0.0]) for p in self._lines)
        # The lines are right-aligned (with the style's right indent); the seal sits on them.
        centre_x = self.width - styles.SEAL_TEXT.rightIndent - widest / 2
        # 3 mm below the middle: the circle reaches 1.5 mm above the row (kept clear of the text
        # above by closing_block's space) and 7.5 mm below it, where nothing follows
        centre_y = self.height / 2 - 3 * mm
        canvas.saveState()
        canvas.setStrokeColor(styles.OFFICIAL_RED)
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.6)
        canvas.circle(centre_x, centre_y, radius)
        canvas.restoreState()
        _, label_h = self._label.wrap(2 * radius, self.height)
        self._label.drawOn(canvas, centre_x - radius, centre_y + radius - label_h - 4 * mm)
        office.drawOn(canvas, 0, centre_y)
        date.drawOn(canvas, 0, centre_y - date_h)


def closing_block(data: DocumentData, *, signer: str | None = None) -> list[Flowable]:
    """The QR code with its caption and short code (left) and the seal area (right); keep it on
    one page with a ``KeepTogether`` (not nested in another: ReportLab would then always break)."""
    qr = qr_drawing(data.tracking_url, styles.QR_SIZE)
    caption = [
        para("扫码查询办件进度", styles.SMALL),
        Spacer(1, 2 * mm),
        para("查询码", styles.SMALL),
        para(data.short_code, styles.SHORT_CODE),
        Spacer(1, 1 * mm),
        para("或在进度查询页输入查询码", styles.SMALL),
    ]
    seal_width = 72 * mm
    caption_width = styles.BODY_WIDTH - styles.QR_SIZE - seal_width - 4 * mm
    seal = SealArea(signer or data.office, chinese_date(data.issued_on), seal_width)
    table = Table(
        [[qr, caption, seal]],
        colWidths=[styles.QR_SIZE + 4 * mm, caption_width, seal_width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (1, 0), "BOTTOM"),
                ("VALIGN", (2, 0), (2, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    # the seal circle is larger than the QR row; SealArea lets it reach 1.5 mm above the row,
    # and this space keeps it clear of the last line of text
    return [Spacer(1, 3 * mm), table]


def _page_furniture(data: DocumentData) -> Callable[[Canvas, object], None]:
    width, height = styles.PAGE_SIZE

    def draw(canvas: Canvas, doc: object) -> None:
        canvas.saveState()
        page = canvas.getPageNumber()
        canvas.setFont(PRIMARY, 10)
        canvas.drawCentredString(width / 2, 15 * mm, f"— {page} —")
        canvas.setFont(PRIMARY, 7.5)
        canvas.setFillGray(0.35)
        case = f"办件编号 {data.case_id}  ·  " if data.case_id else ""
        canvas.drawString(
            styles.LEFT_MARGIN, 9 * mm, f"{data.number}  ·  {case}{data.service_centre}"
        )
        if data.provisional:
            canvas.setFillColor(styles.OFFICIAL_RED)
            canvas.setFont(PRIMARY, 12)
            canvas.drawString(styles.LEFT_MARGIN, height - 20 * mm, PROVISIONAL_MARK)
            canvas.setFont(PRIMARY, 8)
            canvas.drawString(
                styles.LEFT_MARGIN,
                height - 25 * mm,
                "本凭证打印时未连接数据共享平台，办件信息以联网确认后的记录为准。",
            )
            canvas.setFillColor(styles.WATERMARK_RED)
            canvas.setFont(PRIMARY, 46)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(40)
            canvas.drawCentredString(0, 0, PROVISIONAL_MARK)
        canvas.restoreState()
        if data.voided:
            _void_stamp(canvas, data.voided)
        if data.copy_number > 1 or data.copy_label:
            canvas.saveState()
            mark = data.copy_label or f"副本（第{data.copy_number}份）"
            canvas.setFont(PRIMARY, 13)
            text_width = canvas.stringWidth(mark, PRIMARY, 13)
            x = width - styles.RIGHT_MARGIN - text_width - 3 * mm
            y = height - 22 * mm
            canvas.setStrokeColor(styles.OFFICIAL_RED)
            canvas.setFillColor(styles.OFFICIAL_RED)
            canvas.rect(x - 3 * mm, y - 2.5 * mm, text_width + 6 * mm, 9 * mm)
            canvas.drawString(x, y, mark)
            canvas.restoreState()

    return draw


def _wrap_chars(canvas: Canvas, text: str, size: float, width: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` character by character (Chinese has no
    spaces to break at)."""
    lines = [""]
    for char in text:
        if canvas.stringWidth(lines[-1] + char, PRIMARY, size) > width:
            lines.append("")
        lines[-1] += char
    return lines


def _void_stamp(canvas: Canvas, note: str) -> None:
    """作废 across the page: large, red, framed and turned, over the text (it must not be
    overlooked), translucent so the voided words stay legible for the file; the note (when, by
    whose approval, why) in the top margin of every page, so the paper keeps its issued layout."""
    width, height = styles.PAGE_SIZE
    canvas.saveState()
    canvas.setFillColor(styles.OFFICIAL_RED)
    canvas.setFont(PRIMARY, 9)
    lines = _wrap_chars(canvas, note, 9, styles.BODY_WIDTH - 40 * mm)
    for i, line in enumerate(lines[:2]):
        canvas.drawString(styles.LEFT_MARGIN, height - 26 * mm - i * 4.2 * mm, line)
    canvas.restoreState()
    canvas.saveState()
    canvas.translate(width / 2, height / 2)
    canvas.rotate(30)
    size = 120
    text_width = canvas.stringWidth(VOID_MARK, PRIMARY, size)
    canvas.setStrokeColor(styles.VOID_RED)
    canvas.setFillColor(styles.VOID_RED)
    canvas.setLineWidth(6)
    canvas.rect(-text_width / 2 - 12 * mm, -14 * mm, text_width + 24 * mm, size + 10 * mm)
    canvas.setFont(PRIMARY, size)
    canvas.drawCentredString(0, -4 * mm, VOID_MARK)
    canvas.restoreState()


def build_pdf(data: DocumentData) -> bytes:
    """The document as PDF bytes. Raises ``DocumentError`` for a character no font has or a
    tracking URL that is not a progress URL."""
    from clerkapp.infra.documents.stories import story_for

    fonts()  # registration must precede the styles' first use in a paragraph
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=styles.PAGE_SIZE,
        topMargin=styles.TOP_MARGIN,
        bottomMargin=styles.BOTTOM_MARGIN,
        leftMargin=styles.LEFT_MARGIN,
        rightMargin=styles.RIGHT_MARGIN,
        title=f"{data.printed_title} {data.number}",
        author=data.office,
        subject=data.printed_title,
        creator="ClerkApp",
    )
    furniture = _page_furniture(data)
    doc.build(story_for(data), onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


__all__ = ["PROVISIONAL_MARK", "VOIDED_COPY_LABEL", "VOID_MARK", "DocumentKind", "build_pdf"]
