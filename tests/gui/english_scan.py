"""What a clerk or an applicant reads on screen, and the Chinese left in it in ``--lang en``.

:func:`visible_texts` collects every text of the visible widgets of a window: window titles,
labels, buttons, tool tips, accessible names, placeholders, combo box items, tabs, group
titles, list, tree and table headers and cells, read-only text views, message boxes, menus.
:func:`chinese_left` takes out the data — named explicitly: values (names, numbers, the
catalogue's words of the case's matter) and the object names of fields whose content is data
(what the clerk types, the pledge text of the catalogue) — and returns the texts in which a CJK
character is left."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from clerkapp.core.catalogue import Catalogue, Matter

# CJK characters and punctuation; not U+3000, the ideographic space (blank, whatever the font).
CJK = re.compile(r"[\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    """A label's rich text as read (tags out, entities decoded)."""
    return html.unescape(_TAGS.sub("", text)) if "<" in text else text


def _tree_texts(tree: QTreeWidget) -> list[str]:
    texts = []
    header = tree.headerItem()
    texts += (
        [header.text(c) for c in range(header.columnCount())] if not tree.isHeaderHidden() else []
    )

    def walk(item: QTreeWidgetItem) -> None:
        if item.isHidden():
            return
        for c in range(item.columnCount()):
            texts.extend((item.text(c), item.toolTip(c)))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return texts


def _widget_texts(w: QWidget, data_fields: frozenset[str]) -> list[str]:
    texts = [w.toolTip(), w.accessibleName()]
    if w.isWindow():
        texts.append(w.windowTitle())
    if isinstance(w, QLabel):
        texts.append(_plain(w.text()))
    if isinstance(w, QAbstractButton):
        texts.append(w.text())
    if isinstance(w, QLineEdit):
        texts.append(w.placeholderText())
        if w.isReadOnly() and w.objectName() not in data_fields:
            texts.append(w.text())
    if isinstance(w, QPlainTextEdit | QTextEdit):
        texts.append(w.placeholderText())
        if w.isReadOnly() and w.objectName() not in data_fields:
            texts.append(w.toPlainText())
    if isinstance(w, QComboBox):
        texts += [w.itemText(i) for i in range(w.count())]
    if isinstance(w, QTabBar):
        texts += [w.tabText(i) for i in range(w.count())]
        texts += [w.tabToolTip(i) for i in range(w.count())]
    if isinstance(w, QGroupBox):
        texts.append(w.title())
    if isinstance(w, QAbstractSpinBox):
        texts += [w.specialValueText(), getattr(w, "suffix", lambda: "")()]
    if isinstance(w, QListWidget):
        texts += [w.item(i).text() for i in range(w.count()) if not w.item(i).isHidden()]
    if isinstance(w, QTreeWidget):
        texts += _tree_texts(w)
    if isinstance(w, QTableWidget):
        for c in range(w.columnCount()):
            header = w.horizontalHeaderItem(c)
            texts.append(header.text() if header is not None else "")
        for r in range(w.rowCount()):
            for c in range(w.columnCount()):
                cell = w.item(r, c)
                if cell is not None:
                    texts += [cell.text(), cell.toolTip()]
    if isinstance(w, QMessageBox):
        texts += [w.text(), w.informativeText(), w.detailedText()]
    for action in w.actions():
        texts += [action.text(), action.toolTip()]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [a.text() for a in menu.actions()]
    return texts


def visible_texts(root: QWidget, data_fields: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(object name, text) of everything visible in ``root`` and its children."""
    fields = frozenset(data_fields)
    found: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or w.objectName() in fields:
            continue
        found += [(w.objectName(), t) for t in _widget_texts(w, fields) if t]
    return found


def chinese_left(texts: Iterable[tuple[str, str]], data: Iterable[str]) -> list[tuple[str, str]]:
    """The texts with a CJK character left once every ``data`` value is taken out of them."""
    values = sorted({d for d in data if d}, key=len, reverse=True)  # longest first
    left = []
    for name, text in texts:
        rest = text
        for value in values:
            rest = rest.replace(value, "")
        if CJK.search(rest):
            left.append((name, text))
    return left


def _strings(value: Any) -> list[str]:
    """Every string inside a catalogue dataclass (its names, bases, pledge texts, …)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple | frozenset | set):
        return [s for v in value for s in _strings(v)]
    return []


def matter_data(catalogue: Catalogue, matter: Matter) -> list[str]:
    """The catalogue's words of ``matter`` and its proof items: data, in Chinese as published
    (names, issuers, departments, legal bases, pledge texts, verification questions); and the
    names and departments of every matter (what the matter search lists)."""
    words = _strings(matter)
    for other in catalogue.matters.values():
        words += [other.name, other.department]
    for code in matter.proofs:
        words += _strings(catalogue.proofs[code])
    department = catalogue.departments.get(matter.department_code)
    if department is not None:
        words += _strings(department)
    return [w for w in words if CJK.search(w)]
