"""The proofs board keeps the rows of the last case for the next one (issue 13: building a row
costs the GUI thread milliseconds at every case opening); a kept row shows the new proof and
nothing of the old one — name, status, detail, its actions and their names."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from clerkapp.core.catalogue import Method
from clerkapp.gui.wizard.proofs_board import (
    ProofRow,
    ProofRowModel,
    ProofsBoard,
    RowAction,
    RowStatus,
)

pytestmark = pytest.mark.gui

FIRST = [
    ProofRowModel(
        "a1",
        "婚姻登记",
        Method.DATA_QUERY,
        RowStatus.FAILED,
        "出错",
        "平台无法访问",
        (RowAction.RETRY, RowAction.PLEDGE),
    ),
    ProofRowModel("a2", "户籍", Method.DATA_QUERY, RowStatus.DONE, "已查询", "公安户籍"),
]
NEXT = [
    ProofRowModel(
        "b1", "社保参保", Method.DATA_QUERY, RowStatus.FAILED, "出错", "超时", (RowAction.RETRY,)
    ),
    ProofRowModel("b2", "无收入", Method.PLEDGE, RowStatus.WAITING, "待签字"),
    ProofRowModel("b3", "户口本复印件", Method.DROPPED, RowStatus.NOT_NEEDED, "无需提供"),
]


def _board(qtbot: QtBot) -> ProofsBoard:
    board = ProofsBoard()
    qtbot.addWidget(board)
    board.show()
    return board


def test_the_next_case_shows_its_own_rows_in_the_rows_of_the_last(qtbot: QtBot) -> None:
    board = _board(qtbot)
    board.set_rows(FIRST)
    kept = set(board.rows.values())
    board.reset()  # a new case
    assert board.rows == {} and board.first_retryable() is None

    board.set_rows(NEXT)
    assert list(board.rows) == ["b1", "b2", "b3"]
    assert len(kept & set(board.rows.values())) == 2  # both rows of the last case serve again
    for model in NEXT:
        row = board.findChild(ProofRow, f"proofRow_{model.code}")
        assert row is board.rows[model.code] and row.isVisible()
        assert row.name_label.text() == model.name
        assert model.status_text in row.badge.text()
        assert row.detail_label.text() == model.detail
        assert set(row.buttons) == set(model.actions)
    # Nothing of the last case's actions is left; the next case's are named after its proofs.
    qtbot.waitUntil(lambda: board.findChild(QPushButton, "proofAction_pledge_a1") is None)
    assert board.findChild(QPushButton, "proofAction_retry_a1") is None
    retry = board.findChild(QPushButton, "proofAction_retry_b1")
    assert retry is not None and retry.isVisible()
    with qtbot.waitSignal(board.action_requested) as asked:
        retry.click()
    assert asked.args == ["b1", "retry"]
    assert board.first_retryable() == "b1"
    # The rows show in the case's order.
    layout = board._rows_layout
    shown = [layout.itemAt(i).widget() for i in range(layout.count() - 1)]
    assert shown == [board.rows[m.code] for m in NEXT]
    assert [r for r in board.findChildren(ProofRow) if r.isVisible()] == shown

    # A case with fewer proofs: the rows it does not need are out of sight.
    board.reset()
    board.set_rows(FIRST)
    visible = [r for r in board.findChildren(ProofRow) if r.isVisible()]
    assert sorted(r.objectName() for r in visible) == ["proofRow_a1", "proofRow_a2"]
    assert [r.model for r in visible] == [board.rows[r.code].model for r in visible]
    assert {r.name_label.text() for r in visible} == {"婚姻登记", "户籍"}


def test_a_row_follows_its_proof_and_an_unchanged_answer_changes_nothing(qtbot: QtBot) -> None:
    board = _board(qtbot)
    board.set_rows(FIRST)
    row = board.rows["a1"]
    answered = ProofRowModel("a1", "婚姻登记", Method.DATA_QUERY, RowStatus.DONE, "已查询", "民政")
    board.set_rows([answered, FIRST[1]])
    assert board.rows["a1"] is row and row.model == answered
    assert "已查询" in row.badge.text() and row.detail_label.text() == "民政"
    qtbot.waitUntil(lambda: not row.buttons and row.findChild(QPushButton) is None)
    board.set_rows([answered, FIRST[1]])  # the same again: the row stays as it is
    assert row.model == answered and "已查询" in row.badge.text()
