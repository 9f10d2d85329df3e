"""Printed documents: decision (准予行政许可决定书, 给付决定书, … by the matter's kind of act, see
:mod:`.wording`), acceptance receipt (受理回执), refusal (不予行政许可决定书, 不予给付决定书, …) and
pledge letter (告知承诺书), each with the progress QR code.

Use: ``build_pdf(document_data(...))`` (see :mod:`.from_case`), or fill a :class:`DocumentData`
by hand. Call :func:`warm_up` off the GUI thread at start: the fonts' registration is the one
slow step.
"""

from __future__ import annotations

from clerkapp.core.idnumber import mask_id_number  # re-exported: documents mask as the app does
from clerkapp.infra.documents.builder import PROVISIONAL_MARK, VOID_MARK, build_pdf
from clerkapp.infra.documents.fonts import check_text, warm_up
from clerkapp.infra.documents.model import (
    DocumentData,
    DocumentKind,
    PledgeSection,
    ProofLine,
    Rights,
    chinese_date,
    document_series,
    format_document_number,
    voided_copy,
    voided_note,
)

__all__ = [
    "PROVISIONAL_MARK",
    "VOID_MARK",
    "DocumentData",
    "DocumentKind",
    "PledgeSection",
    "ProofLine",
    "Rights",
    "build_pdf",
    "check_text",
    "chinese_date",
    "document_series",
    "format_document_number",
    "mask_id_number",
    "voided_copy",
    "voided_note",
    "warm_up",
]
