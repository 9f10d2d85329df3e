"""The applicant screen's words: the proofs board's row models, the case state and the 好差评
levels as the citizen across the counter reads them (no sources or details — the people queueing
behind may read the screen too). Pure functions over the view models; translated in the
``ApplicantScreen`` context."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from clerkapp.core.case import CaseState, Decision
from clerkapp.core.catalogue import Method, ProcedureKind
from clerkapp.core.satisfaction import SatisfactionLevel
from clerkapp.core.texts import COMMA, IN_BRACKETS
from clerkapp.gui.act_words import outcome_word
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.proofs_board import STATUS_LOOK, ProofRowModel, RowStatus


@dataclass(frozen=True)
class ProofLine:
    """One proof as the applicant reads it: icon and colour, the proof's name and why they need
    not bring it (or what is still going on)."""

    tone: Tone
    name: str
    words: str
    spared: bool  # the applicant no longer needs to bring this proof


def proof_line(row: ProofRowModel) -> ProofLine:
    """The applicant's words for one row of the proofs board (no sources, no details: the
    people queueing behind may read the screen too), in the board's tone for its status."""
    words, spared = _words(row.status, row.method)
    return ProofLine(STATUS_LOOK[row.status][0], row.name, words, spared)


def _words(status: RowStatus, method: Method) -> tuple[str, bool]:
    """What the applicant reads for a row in ``status`` satisfied by ``method``, and whether
    they no longer need to bring the proof (a row the method does not change: key ``None``)."""
    # Waiting: a department checks it (nothing to bring), or it waits for the pledge or a query.
    table: dict[tuple[RowStatus, Method | None], tuple[str, bool]] = {
        (RowStatus.NOT_NEEDED, None): (
            QCoreApplication.translate("ApplicantScreen", "已取消，无需提供"),
            True,
        ),
        (RowStatus.RUNNING, None): (
            QCoreApplication.translate("ApplicantScreen", "正在联网查询…"),
            False,
        ),
        (RowStatus.FAILED, None): (
            QCoreApplication.translate("ApplicantScreen", "需工作人员与您核对"),
            False,
        ),
        (RowStatus.DONE, Method.DATA_QUERY): (
            QCoreApplication.translate("ApplicantScreen", "已联网查询，无需提供"),
            True,
        ),
        (RowStatus.DONE, Method.DEPT_VERIFY): (
            QCoreApplication.translate("ApplicantScreen", "已由部门核验，无需提供"),
            True,
        ),
        (RowStatus.DONE, Method.PLEDGE): (
            QCoreApplication.translate("ApplicantScreen", "您已签字承诺，无需提供"),
            True,
        ),
        (RowStatus.DONE, None): (QCoreApplication.translate("ApplicantScreen", "无需提供"), True),
        (RowStatus.WAITING, Method.DEPT_VERIFY): (
            QCoreApplication.translate("ApplicantScreen", "由部门核验，无需提供"),
            True,
        ),
        (RowStatus.WAITING, Method.PLEDGE): (
            QCoreApplication.translate("ApplicantScreen", "签字承诺即可，无需提供"),
            False,
        ),
        (RowStatus.WAITING, None): (
            QCoreApplication.translate("ApplicantScreen", "稍后联网查询"),
            False,
        ),
    }
    return table.get((status, method)) or table[(status, None)]


def proofs_headline(rows: list[ProofRowModel]) -> str:
    """``共 4 项证明材料，已有 3 项无需您提供`` with how they were spared (查询 / 核验 / 承诺 /
    取消)."""
    lines = [proof_line(r) for r in rows]
    spared = [r for r, line in zip(rows, lines, strict=True) if line.spared]
    text = QCoreApplication.translate(
        "ApplicantScreen", "共 {n} 项证明材料，已有 {m} 项无需您提供"
    ).format(n=len(rows), m=len(spared))
    by_method = Counter(r.method for r in spared)
    parts = [
        QCoreApplication.translate("ApplicantScreen", "联网查询 {k} 项").format(
            k=by_method[Method.DATA_QUERY]
        ),
        QCoreApplication.translate("ApplicantScreen", "部门核验 {k} 项").format(
            k=by_method[Method.DEPT_VERIFY]
        ),
        QCoreApplication.translate("ApplicantScreen", "告知承诺 {k} 项").format(
            k=by_method[Method.PLEDGE]
        ),
        QCoreApplication.translate("ApplicantScreen", "直接取消 {k} 项").format(
            k=by_method[Method.DROPPED]
        ),
    ]
    counted = [p for p, m in zip(parts, _METHODS, strict=True) if by_method[m]]
    if counted:
        note = translated(COMMA).join(counted)
        text = translated(IN_BRACKETS.format(text=text, note=note))
    return keep_numbers_together(text)


def short_code_text(code: str) -> str:
    """查询码, the code on a line of its own (a wrap never splits it at a dash), and how to use
    it."""
    return (
        QCoreApplication.translate("ApplicantScreen", "查询码 {code}").format(code="\n" + code)
        + "\n"
        + QCoreApplication.translate("ApplicantScreen", "扫码或输入查询码查看进度")
    )


def keep_numbers_together(text: str) -> str:
    """Spaces next to a number made non-breaking: a wrapped line never leaves "2" at one line's
    end and its "项" at the next one's start (nor "共" without its number)."""
    return _SPACE_BY_DIGIT.sub("\u00a0", text)


_SPACE_BY_DIGIT = re.compile(r"(?<=\d) (?=\S)|(?<=\S) (?=\d)")


_METHODS = (Method.DATA_QUERY, Method.DEPT_VERIFY, Method.PLEDGE, Method.DROPPED)


def outcome_words(state: CaseState, kind: ProcedureKind | None = None) -> tuple[Tone, str, str]:
    """The decision as the applicant hears it: tone, headline (in the words of the matter's
    kind of act: 准予许可 / 给付 / 不予给付 …) and what happens next."""
    if state is CaseState.APPROVED:
        return (
            Tone.OK,
            outcome_word(Decision.APPROVE, kind),
            QCoreApplication.translate("ApplicantScreen", "您的申请已办结，请收好决定书。"),
        )
    if state is CaseState.REFUSED:
        return (
            Tone.ERROR,
            outcome_word(Decision.REFUSE, kind),
            QCoreApplication.translate(
                "ApplicantScreen",
                "工作人员将向您说明理由；不服可依决定书所列途径申请复议或提起诉讼。",
            ),
        )
    if state is CaseState.ACCEPTED:
        return (
            Tone.WAITING,
            QCoreApplication.translate("ApplicantScreen", "已受理"),
            QCoreApplication.translate(
                "ApplicantScreen", "部门核验后即作出决定，您无需再跑一趟，可扫码查询进度。"
            ),
        )
    if state is CaseState.WITHDRAWN:
        return Tone.NEUTRAL, QCoreApplication.translate("ApplicantScreen", "已撤回申请"), ""
    if state is CaseState.AWAITING_CORRECTION:
        return (
            Tone.WAITING,
            QCoreApplication.translate("ApplicantScreen", "请补正材料"),
            QCoreApplication.translate(
                "ApplicantScreen",
                "请按补正材料一次性告知书所列，在期限内带齐材料回到窗口，办件将接着办理。",
            ),
        )
    if state is CaseState.NOT_ACCEPTED:
        return (
            Tone.ERROR,
            QCoreApplication.translate("ApplicantScreen", "不予受理"),
            QCoreApplication.translate(
                "ApplicantScreen",
                "理由见不予受理决定书；不服可依决定书所列途径申请复议或提起诉讼。",
            ),
        )
    return Tone.BUSY, QCoreApplication.translate("ApplicantScreen", "正在办理"), ""


def level_label(level: SatisfactionLevel) -> str:
    """The rating button's words (the five official levels)."""
    return {
        SatisfactionLevel.VERY_SATISFIED: QCoreApplication.translate("ApplicantScreen", "非常满意"),
        SatisfactionLevel.SATISFIED: QCoreApplication.translate("ApplicantScreen", "满意"),
        SatisfactionLevel.BASICALLY_SATISFIED: QCoreApplication.translate(
            "ApplicantScreen", "基本满意"
        ),
        SatisfactionLevel.DISSATISFIED: QCoreApplication.translate("ApplicantScreen", "不满意"),
        SatisfactionLevel.VERY_DISSATISFIED: QCoreApplication.translate(
            "ApplicantScreen", "非常不满意"
        ),
    }[level]
