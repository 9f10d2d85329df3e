"""Sample documents (synthetic applicant, training data) for the docs renderer, the benchmark and
tests of the layout. Never used for a real case."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import struct
import zlib

from clerkapp.core.catalogue import ApplicantKind, Matter, ProcedureKind
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.uscc import make_uscc
from clerkapp.infra.documents.model import (
    DocumentData,
    DocumentKind,
    PledgeSection,
    ProofLine,
    format_document_number,
)
from clerkapp.infra.documents.stories_notices import (
    LICENCE_CORRECTION_ARTICLE,
    LICENCE_NOT_ACCEPTED_ARTICLE,
)
from clerkapp.infra.documents.wording import (
    act_wording,
    document_title,
    legal_basis_text,
    number_mark,
)

SAMPLE_ID = "330702199003151234"
SAMPLE_URL = "http://127.0.0.1:8765/p/Zk3q9VbX2mR7tLw4Hs8yNc"
SAMPLE_SHORT_CODE = "K7QM-3XPD-R8WN"
# Public rental housing as the catalogue has it: a 行政给付 with what it grants and its period.
SAMPLE_MATTER = Matter(
    code="zjj.public_rental", name="公共租赁住房申请", department="金华市住房和城乡建设局",
    applicant_kind=ApplicantKind.PERSON,
    legal_basis="《公共租赁住房管理办法》（住房和城乡建设部令第11号）", time_limit_days=5,
    proofs=(), office_abbr="金市建", procedure=ProcedureKind.BENEFIT,
    grant_scope="公共租赁住房保障资格（按轮候顺序实物配租或发放租赁补贴）",
    validity="租赁合同期限一般不超过五年", basis_article="第七条", public_code="JH-GF-0101",
)  # fmt: skip


def signature_png(width: int = 360, height: int = 120) -> bytes:
    """A synthetic handwritten-looking stroke as a greyscale PNG (no imaging library needed)."""
    pixels = bytearray(b"\xff" * (width * height))
    for step in range(2400):
        t = step / 2400
        x = 20 + t * (width - 40)
        y = height / 2 + 28 * math.sin(t * 17) * math.cos(t * 3) + 10 * math.sin(t * 41)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                px, py = int(x) + dx, int(y) + dy
                if 0 <= px < width and 0 <= py < height:
                    pixels[py * width + px] = 20
    raw = b"".join(b"\x00" + bytes(pixels[r * width : (r + 1) * width]) for r in range(height))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


_PROOFS = (
    ProofLine(
        "家庭经济状况证明",
        "数据查询",
        "民政家庭经济状况核对：人均月收入 1,320 元，符合条件；数据截至 2026-11-26 09:00；"
        "平台回执 R-20261127-000183",
    ),
    ProofLine(
        "社会保险参保证明",
        "数据查询",
        "人力社保：已参保，累计缴费 86 个月；数据截至 2026-11-27 08:00；平台回执 R-20261127-000184",
    ),
    ProofLine(
        "宅基地批建情况证明",
        "部门核验",
        "市自然资源和规划局核验：无宅基地批建记录（已确认），答复日期 2026-11-27",
    ),
    ProofLine(
        "车辆登记情况证明",
        "数据查询",
        "公安车辆登记：名下无登记车辆；数据截至 2026-11-26 22:00；平台回执 R-20261127-000185",
    ),
    ProofLine(
        "户口本复印件",
        "直接取消",
        "无需提供",
        basis="《金华市人民政府办公室关于开展“无证明城市”创建工作的通知》（金政办发〔2019〕12号）",
    ),
)

_REFUSAL_PROOFS = tuple(
    ProofLine(
        line.name,
        line.method,
        "公安车辆登记：名下有登记车辆 1 辆（浙G·12***）；数据截至 2026-11-26 22:00；"
        "平台回执 R-20261127-000185",
        satisfied=False,
    )
    if line.name == "车辆登记情况证明"
    else line
    for line in _PROOFS
)


def sample_data(
    kind: DocumentKind,
    *,
    name: str = "李明",
    provisional: bool = False,
    copy_number: int = 1,
) -> DocumentData:
    """A filled-in document of ``kind`` for a synthetic applicant."""
    office_abbr = "金市建"
    signed_at = dt.datetime(2026, 11, 27, 10, 32)
    text = (
        "本人承诺：截至本承诺书签署之日，本人未办理结婚登记，亦无其他婚姻关系；"
        "所申报的婚姻状况真实、准确、完整。"
    )
    words = act_wording(SAMPLE_MATTER)
    sentences = {
        DocumentKind.DECISION: words.grant_sentence,
        DocumentKind.REFUSAL: words.refusal_sentence,
    }
    png = signature_png()
    digest = hashlib.sha256(png + text.encode() + signed_at.isoformat().encode()).hexdigest()
    data = DocumentData(
        kind=kind,
        office="金华市住房和城乡建设局",
        number=format_document_number(
            office_abbr, kind, 2026, 123, number_mark(kind, SAMPLE_MATTER)
        ),
        applicant_name=name,
        applicant_id_label="公民身份号码",
        applicant_id=SAMPLE_ID if kind is DocumentKind.PLEDGE else mask_id_number(SAMPLE_ID),
        matter_name="公共租赁住房申请",
        matter_code=SAMPLE_MATTER.code,
        applied_on=dt.date(2026, 11, 27),
        issued_on=dt.date(2026, 11, 27),
        tracking_url=SAMPLE_URL,
        short_code=SAMPLE_SHORT_CODE,
        proofs=_REFUSAL_PROOFS if kind is DocumentKind.REFUSAL else _PROOFS,
        legal_basis=legal_basis_text(SAMPLE_MATTER),
        reasons=(
            "经数据查询（公安车辆登记，数据截至 2026-11-26），"
            "申请人名下有登记车辆 1 辆（浙G·12***），"
            "不符合《金华市市区公共租赁住房管理办法》关于申请家庭无机动车辆的规定",
        ),
        promised_on=dt.date(2026, 12, 4),
        time_limit_days=5,
        pledges=(
            PledgeSection(
                proof_name="无婚姻登记记录证明",
                text=text,
                consequences="承诺不实的，撤销所作决定，追回已发放的保障待遇，并记入个人信用记录。",
                signed_at=signed_at,
                signature_sha256=digest,
                signature_png=png,
            ),
        ),
        provisional=provisional,
        copy_number=copy_number,
        clerk="王晓",
        title=document_title(kind, SAMPLE_MATTER),
        act_sentence=sentences.get(kind, ""),
        public_code=SAMPLE_MATTER.public_code,
        case_id="C-20261127-0042",
        accepted_by="王晓",
    )
    return _ways_back_sample(data)


# as from_case decides it: 行政许可法 Art. 32 is the basis of a licence's 补正 and 不予受理 only
_LICENCE = SAMPLE_MATTER.procedure is ProcedureKind.LICENCE


def _ways_back_sample(data: DocumentData) -> DocumentData:
    """The sample's 补正 items and deadline, or its 不予受理 reasons (other kinds unchanged)."""
    if data.kind is DocumentKind.CORRECTION_NOTICE:
        return dataclasses.replace(
            data,
            reasons=(),
            corrections=(
                ("车辆登记情况证明", "登记车辆已转让，请提供车辆转移登记后的车辆登记证明"),
                ("户口簿", "户主页和本人页复印件缺失，请补交"),
                ("无收入证明", "申请人不能以承诺方式办理，请提交纸质证明原件，由窗口核验"),
            ),
            correction_due_on=dt.date(2026, 12, 4),
            correction_days=5,
            procedure_article=LICENCE_CORRECTION_ARTICLE if _LICENCE else "",
        )
    if data.kind is DocumentKind.WITHDRAWAL:
        return dataclasses.replace(data, reasons=("申请人家庭住房情况已发生变化，暂不申请",))
    if data.kind is DocumentKind.NOT_ACCEPTED:
        return dataclasses.replace(
            data,
            reasons=(
                "申请人户籍不在本市，不具备申请本市公共租赁住房的主体资格",
                "申请事项依法不属于本机关职权范围，请向户籍所在地住房保障部门申请",
            ),
            procedure_article=LICENCE_NOT_ACCEPTED_ARTICLE if _LICENCE else "",
        )
    return data


# A 行政许可 of a business, as the catalogue has it: the licence's titles, sentence and mark.
LICENCE_MATTER = Matter(
    code="zjj.enterprise_qualification", name="建筑业企业资质核准",
    department="金华市住房和城乡建设局", applicant_kind=ApplicantKind.BUSINESS,
    legal_basis="《建筑业企业资质管理规定》（住房和城乡建设部令第22号）", time_limit_days=20,
    proofs=(), office_abbr="金市建", procedure=ProcedureKind.LICENCE,
    grant_scope="资质证书载明的资质类别和等级", validity="资质证书有效期五年",
    basis_article="第十一条", public_code="JH-XK-0102",
)  # fmt: skip
_LICENCE_PROOFS = (
    ProofLine(
        "企业营业执照",
        "数据查询",
        "市场监管主体登记：存续，成立日期 2012-05-18；数据截至 2026-11-26 09:00；"
        "平台回执 R-20261127-000201",
    ),
    ProofLine(
        "企业职工社会保险缴纳证明",
        "数据查询",
        "人力社保：参保职工 46 人，无欠缴；数据截至 2026-11-27 08:00；平台回执 R-20261127-000202",
    ),
    ProofLine(
        "企业无重大安全生产事故证明",
        "部门核验",
        "金华市应急管理局核验：近三年无重大安全生产事故（已确认），答复日期 2026-11-27",
    ),
)


def licence_sample(kind: DocumentKind) -> DocumentData:
    """The sample of ``kind`` for a 行政许可 (建筑业企业资质核准) of a business: 准予行政许可决定书,
    不予行政许可决定书 and the licence's number marks, the credit code printed in full."""
    words = act_wording(LICENCE_MATTER)
    sentences = {
        DocumentKind.DECISION: words.grant_sentence,
        DocumentKind.REFUSAL: words.refusal_sentence,
    }
    data = sample_data(kind)
    return dataclasses.replace(
        data,
        number=format_document_number("金市建", kind, 2026, 57, number_mark(kind, LICENCE_MATTER)),
        applicant_name="金华市婺城建筑工程有限公司",
        applicant_id_label="统一社会信用代码",
        applicant_id=make_uscc("9", "1", "330702", "MA2D7Q3W"),  # synthetic, valid
        matter_name=LICENCE_MATTER.name,
        matter_code=LICENCE_MATTER.code,
        proofs=_LICENCE_PROOFS if kind is not DocumentKind.REFUSAL else _LICENCE_REFUSAL_PROOFS,
        legal_basis=legal_basis_text(LICENCE_MATTER),
        reasons=(
            "经部门核验（金华市应急管理局），申请人近三年内发生重大安全生产事故 1 起，"
            "不符合《建筑业企业资质管理规定》关于申请资质的条件",
        ),
        time_limit_days=LICENCE_MATTER.time_limit_days,
        pledges=(),
        title=document_title(kind, LICENCE_MATTER),
        act_sentence=sentences.get(kind, ""),
        public_code=LICENCE_MATTER.public_code,
        case_id="C-20261127-0057",
    )


_LICENCE_REFUSAL_PROOFS = (
    *_LICENCE_PROOFS[:2],
    ProofLine(
        "企业无重大安全生产事故证明",
        "部门核验",
        "金华市应急管理局核验：2025-03-14 发生重大安全生产事故 1 起（已否定），答复日期 2026-11-27",
        satisfied=False,
    ),
)
