"""Real cases of the canonical catalogue driven through the case state machine, and helpers to
read printed documents back (text, QR). Shared by the tests/integration/test_documents_*.py
files and tests/gui/test_print_step.py."""

from __future__ import annotations

import io
import secrets
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from clerkapp.core.case import Case, Evidence, RelatedSubject
from clerkapp.core.catalogue import ApplicantKind, Catalogue, Method
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.documents import DocumentData, DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings, document_data
from clerkapp.infra.documents.samples import signature_png
from clerkapp.infra.store import PledgeRecord, Store

CATALOGUE_FILE = Path(__file__).resolve().parents[2] / "resources/catalogue/canonical.json"
ID_NUMBER = "330702199003151234"
BEIJING = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=BEIJING)  # recorded times are aware, as the app's
DECEASED = RelatedSubject("330723195504020155", "陈建国")  # the sandbox's demo 陈建国
RENTAL = "zjj.public_rental"
SURVIVOR = "rsj.funeral_survivor"
SETTINGS = DocumentSettings(progress_base_url="http://127.0.0.1:8765")
ISSUED = date(2026, 11, 27)


def catalogue() -> Catalogue:
    """The canonical catalogue shipped in resources/catalogue/."""
    return read_catalogue(CATALOGUE_FILE)


def data_for(
    case: Case,
    kind: DocumentKind,
    *,
    seq: int = 1,
    settings: DocumentSettings = SETTINGS,
    **options: Any,
) -> DocumentData:
    """The data of ``case``'s document of ``kind`` (canonical catalogue, issued on ISSUED)."""
    return document_data(
        case, catalogue(), settings, kind=kind, seq=seq, issued_on=ISSUED, **options
    )


def open_case(
    cat: Catalogue, matter_code: str, name: str = "李明", registered: str | None = None
) -> Case:
    """A new case of ``matter_code`` with a fresh unguessable tracking token, the applicant's
    identity confirmed by the registry — or, with ``registered`` other than ``name``, a typo the
    clerk let through with a reasoned override."""
    matter = cat.matters[matter_code]
    case = Case.open(
        f"C-{secrets.token_hex(4)}",
        matter,
        cat.proofs_of(matter),
        ApplicantKind.PERSON,
        ID_NUMBER,
        name,
        NOW,
        secrets.token_urlsafe(16),
        "K7QM-" + secrets.token_hex(2).upper(),
        related={r.role: DECEASED for r in matter.related},
    )
    confirm_identity(case, registered)
    if registered and registered != name:
        case.override_identity("证件照片核对无误，户籍信息待更新", "demo", NOW)
    return case


def confirm_identity(case: Case, registered: str | None = None) -> None:
    """The population registry answers the case's identity question: the person is alive and
    registered as ``registered`` (default: the name typed)."""
    record = {"name": registered or case.applicant_name, "alive": True}
    prov = Provenance("公安户籍", "hukou", "2026-11-26T09:00:00+08:00", "R-ID-0001")
    case.identity_answered(LookupAnswer("population.basic", True, record, prov), NOW)


def _answer(case: Case, code: str, satisfied: bool, detail: str, registry: str) -> None:
    case.start_lookup(code, NOW)
    evidence = Evidence(
        Method.DATA_QUERY,
        registry,
        as_of="2026-11-26T09:00:00+08:00",
        receipt_id=f"R-{code.rsplit('.', 1)[-1]}-0001",
        detail=detail,
        at=NOW.isoformat(),
    )
    case.lookup_answered(code, satisfied, evidence, NOW)


def rental_case(
    cat: Catalogue,
    *,
    vehicle: bool = False,
    homestead_answered: bool = True,
    name: str = "李明",
    registered: str | None = None,
) -> Case:
    """Public rental housing: three look-ups, one department verification, one dropped proof.
    ``vehicle`` True: the applicant owns a car (refusal)."""
    case = open_case(cat, RENTAL, name, registered)
    p = RENTAL + "."
    _answer(
        case, p + "family_economic", True, "人均月收入 1320 元，符合条件", "民政家庭经济状况核对"
    )
    _answer(case, p + "social_insurance", True, "已参保，累计缴费 86 个月", "人力社保")
    detail = "名下有登记车辆 1 辆（浙G·12***）" if vehicle else "名下无登记车辆"
    _answer(case, p + "vehicle", not vehicle, detail, "公安车辆登记")
    case.request_verification(p + "homestead", "T-HOMESTEAD-42", NOW)
    if homestead_answered:
        evidence = Evidence(
            Method.DEPT_VERIFY,
            "金华市自然资源和规划局",
            receipt_id="T-HOMESTEAD-42",
            detail="无宅基地批建记录",
            at=(NOW + timedelta(minutes=20)).isoformat(),
        )
        case.verification_answered(p + "homestead", True, evidence, NOW + timedelta(minutes=20))
    return case


def approved_case(cat: Catalogue, name: str = "李明") -> Case:
    """Public rental housing, all proofs satisfied, approved."""
    case = rental_case(cat, name=name)
    case.approve(NOW + timedelta(minutes=30))
    return case


def refused_case(cat: Catalogue, name: str = "李明", registered: str | None = None) -> Case:
    """Public rental housing refused: the applicant owns a vehicle."""
    case = rental_case(cat, vehicle=True, name=name, registered=registered)
    case.refuse(NOW + timedelta(minutes=30), "申请家庭名下有机动车辆，不符合公共租赁住房保障条件")
    return case


def accepted_case(cat: Catalogue) -> Case:
    """Public rental housing accepted (受理) while the department has not answered."""
    case = rental_case(cat, homestead_answered=False)
    case.accept(NOW + timedelta(minutes=10))
    return case


def survivor_case_with_pledges(cat: Catalogue, store: Store) -> tuple[Case, list[PledgeRecord]]:
    """Survivor allowance: both pledges signed (stored in a real store with their hashes),
    the death look-up answered, approved."""
    case = open_case(cat, SURVIVOR, "韦秀英")
    _answer(case, SURVIVOR + ".death", True, "参保人已死亡（2026-10-30）", "公安户籍")
    case.record_credit(False, NOW)
    store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
    records = []
    for code in (SURVIVOR + ".marriage", SURVIVOR + ".no_income"):
        spec = cat.proofs[code].pledge
        assert spec is not None
        record = store.pledges.record(
            case.id,
            code,
            pledge_text=spec.text,
            consequences=spec.consequences,
            strokes=[[(0.0, 0.0, 0.5), (10.0, 5.0, 0.6)]],
            png_bytes=signature_png(),
            signed_at=NOW + timedelta(minutes=5),
            clerk="wangxiao",
        )
        evidence = Evidence(Method.PLEDGE, "申请人承诺", at=record.signed_at)
        case.pledge_signed(code, record.signature_sha256, evidence, NOW + timedelta(minutes=5))
        records.append(record)
    case.approve(NOW + timedelta(minutes=30))
    store.cases.save(case, now=NOW + timedelta(minutes=30))
    return case, records


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF (pypdf), whitespace removed so wrapped lines compare as one."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    return "".join(text.split())


def squash(text: str) -> str:
    """``text`` without whitespace, to compare with :func:`pdf_text`."""
    return "".join(text.split())


def decode_qr(pdf: bytes, dpi: int = 200) -> tuple[str, float]:
    """The text of the QR code (on the last page, where the closing block is) and the symbol's
    width in mm."""
    document = pdfium.PdfDocument(pdf)
    page = document[len(document) - 1]
    image = page.render(scale=dpi / 72).to_pil()
    found = [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    position = found[0].position
    width_px = abs(position.top_right.x - position.top_left.x)
    return found[0].text, width_px / dpi * 25.4


#: The items of the 补正 case below, as (material, what is wrong) — all must be printed.
CORRECTION_ITEMS = (
    (RENTAL + ".vehicle", "车辆登记情况", "登记车辆已转让，请提供车辆转移登记后的车辆登记证明"),
    (None, "户口簿", "户主页和本人页复印件缺失，请补交"),
    (None, "租赁意向说明", "未签名，请申请人本人签名"),
)


def correction_case(cat: Catalogue) -> Case:
    """Public rental housing waiting for 补正: the vehicle look-up failed and two other materials
    are missing or defective (deadline 5 working days: 2026-12-04)."""
    from clerkapp.core.case import CorrectionItem

    case = rental_case(cat, vehicle=True)
    items = [CorrectionItem(code, name, problem) for code, name, problem in CORRECTION_ITEMS]
    case.request_correction(items, date(2026, 12, 4), 5, NOW + timedelta(minutes=20))
    return case


#: The reasons of the 不予受理 case below.
NOT_ACCEPTED_REASONS = (
    "申请人户籍不在本市，不具备申请本市公共租赁住房的主体资格",
    "申请事项依法不属于本机关职权范围，请向户籍所在地住房保障部门申请",
)


WITHDRAWAL_REASON = "申请人家庭住房情况已发生变化，暂不申请"


def withdrawn_case(cat: Catalogue) -> Case:
    """Public rental housing withdrawn by the applicant, with the reason they gave."""
    case = open_case(cat, RENTAL)
    case.withdraw(NOW + timedelta(minutes=10), WITHDRAWAL_REASON)
    return case


def not_accepted_case(cat: Catalogue) -> Case:
    """Public rental housing not accepted (不予受理), with two reasons."""
    case = open_case(cat, RENTAL)
    case.not_accept(list(NOT_ACCEPTED_REASONS), NOW + timedelta(minutes=10))
    return case
