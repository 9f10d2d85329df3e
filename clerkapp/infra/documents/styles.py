"""Page geometry and paragraph styles of the printed documents, after GB/T 9704-2012 (the layout
standard of Chinese official documents): A4, 37 mm top / 28 mm left margins, a red issuing-office
line, a centred title in a large Song face, body text in one Song face (we ship no 仿宋)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from clerkapp.infra.documents.fonts import PRIMARY

PAGE_SIZE = A4
TOP_MARGIN = 37 * mm
BOTTOM_MARGIN = 25 * mm
LEFT_MARGIN = 28 * mm
RIGHT_MARGIN = 26 * mm
BODY_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN  # 156 mm, as GB/T 9704
# The height the text frame offers on every page (SimpleDocTemplate's frame pads 6 pt each side).
FRAME_HEIGHT = PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN - 12

OFFICIAL_RED = colors.Color(0.84, 0.0, 0.0)  # the red of 发文机关标志 and the separator line
WATERMARK_RED = colors.Color(0.84, 0.0, 0.0, alpha=0.16)
VOID_RED = colors.Color(0.84, 0.0, 0.0, alpha=0.55)  # the 作废 stamp of a voided file copy
GRID = colors.Color(0.25, 0.25, 0.25)
HEADER_FILL = colors.Color(0.93, 0.93, 0.93)
QR_SIZE = 33 * mm  # symbol ≥ 25 mm inside its 4-module quiet zone (version 3, 29 modules)
SEAL_DIAMETER = 42 * mm  # the usual round seal of a municipal bureau

BODY_SIZE = 12.0
TABLE_SIZE = 9.5


def _style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=PRIMARY, fontSize=size, leading=leading, **kw)


OFFICE = _style("office", 22, 26, alignment=TA_CENTER, textColor=OFFICIAL_RED)
NUMBER = _style("number", BODY_SIZE, 18, alignment=TA_CENTER)
TITLE = _style("title", 20, 26, alignment=TA_CENTER, spaceBefore=0, spaceAfter=4)
BODY = _style(
    "body",
    BODY_SIZE,
    18,
    alignment=TA_JUSTIFY,
    firstLineIndent=2 * BODY_SIZE,
    wordWrap="CJK",
    spaceAfter=2,
)
FIELD = _style("field", BODY_SIZE, 18, alignment=TA_LEFT, wordWrap="CJK")
# The applicant block's lines (applicant, ID, matter, case number): a list, set a little tighter
# than running text so a decision with scope and validity still fits one page.
FIELD_ROW = _style("field_row", BODY_SIZE, 16, alignment=TA_LEFT, wordWrap="CJK")
SALUTATION = _style("salutation", BODY_SIZE, 18, alignment=TA_LEFT, spaceBefore=2)
HEADING = _style("heading", BODY_SIZE, 18, alignment=TA_LEFT, spaceBefore=2, spaceAfter=2)
CELL = _style("cell", TABLE_SIZE, 12, alignment=TA_LEFT, wordWrap="CJK")
CELL_HEAD = _style("cell_head", TABLE_SIZE, 12.5, alignment=TA_CENTER)
PLEDGE_TEXT = _style(
    "pledge_text",
    BODY_SIZE,
    18,
    alignment=TA_JUSTIFY,
    firstLineIndent=2 * BODY_SIZE,
    wordWrap="CJK",
)
# 更正: the line under the title naming the replaced document — one line, so a one-page decision
# stays one page.
REPLACES_NOTE = _style("replaces_note", 9.5, 14, alignment=TA_CENTER, wordWrap="CJK", spaceAfter=2)
SMALL = _style("small", 9, 12, alignment=TA_LEFT, wordWrap="CJK")
# The short code an applicant types into the progress page: large enough to read at arm's length
# and to tell 0 from O (the page accepts either), next to the QR it stands in for.
SHORT_CODE = _style("short_code", 16, 20, alignment=TA_LEFT)
SEAL_TEXT = _style(
    "seal_text",
    BODY_SIZE,
    18,
    alignment=TA_RIGHT,
    rightIndent=2 * BODY_SIZE,  # 右空二字
)
SEAL_LABEL = _style("seal_label", 9, 12, alignment=TA_CENTER, textColor=colors.grey)
