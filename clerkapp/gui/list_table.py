"""The read-only list table of the supervisor's and clerk's pages (审批队列, 账号管理, 需人工处理):
one row per item, selected whole, one at a time, never edited in place."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


def list_table(
    parent: QWidget, object_name: str, accessible_name: str, headers: list[str], stretch: int
) -> QTableWidget:
    """A table with ``headers``; column ``stretch`` takes the spare width and the last one
    reaches the right edge (no empty strip); rows need no numbers."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(object_name)
    table.setAccessibleName(accessible_name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setStretchLastSection(True)
    return table
