"""打印作废存档联… on the print step, driven for real: off while the kind has no voided number;
after a 作废 approved at the counter it is on, keyboard-reachable (Ctrl+Shift+V), previews the
voided number's file copy stamped 作废 (the 作废 / 更正 actions off for it), prints it audited
``voided_copy_printed`` and then shows the current paper again, still the original."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QShortcut
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui.print_step import PrintStep
from clerkapp.infra.store.documents import NumberState
from tests.gui.test_print_step_acts import _open, _print, _show, context, step  # noqa: F401
from tests.integration.documents_cases import approved_case, catalogue, pdf_text

pytestmark = pytest.mark.gui


def test_a_voided_number_prints_as_its_stamped_file_copy(
    qtbot: QtBot,
    context: AppContext,  # noqa: F811
    step: PrintStep,  # noqa: F811
    tmp_path: Path,
) -> None:
    _show(qtbot, context, step, approved_case(catalogue()))
    bar = step.voided_copies
    assert not bar.button.isEnabled()  # nothing voided: nothing to print
    _print(qtbot, step, tmp_path / "original.pdf")
    first = step.built.number if step.built else ""
    dialog = _open(qtbot, step, "shortcutVoid")
    dialog.reason.setText("打印时选错了文书")
    dialog.supervisor.setText("demo-sup")
    dialog.password.setText("demo123")
    with qtbot.waitSignals([step.acts.done, step.document_ready], timeout=20_000):
        dialog.submit_button.click()
    assert context.store.documents.entry(step.case_id, first).state is NumberState.VOIDED
    current = step.built.number if step.built else ""
    assert current != first and bar.button.isEnabled()
    assert "作废存档联" in bar.button.text()

    keys = step.findChild(QShortcut, "shortcutVoidedCopy")
    assert keys is not None
    with qtbot.waitSignals([bar.shown, step.document_ready], timeout=20_000):
        keys.activated.emit()  # as the key press does
    built = step.built
    assert built is not None and built.voided_copy and built.number == first
    assert "作废存档联" in step.status.text() and first in step.status.text()
    text = pdf_text(built.pdf)
    assert "作废存档联" in text and "作废（批准人" in text and "打印时选错了文书" in text
    assert not step.acts.void_button.isEnabled() and not step.acts.correct_button.isEnabled()
    prints_before = len(context.store.documents.for_case(step.case_id))

    _print(qtbot, step, tmp_path / "voided.pdf")
    assert (tmp_path / "voided.pdf").stat().st_size > 0
    entries = context.store.audit.entries(step.case_id)
    assert [e.action for e in entries][-1] == "voided_copy_printed"
    assert entries[-1].data["number"] == first
    assert len(context.store.documents.for_case(step.case_id)) == prints_before  # no paper
    # back to the current paper: still its original, nothing counted by the file copy
    assert step.built is not None and step.built.number == current
    assert not step.built.voided_copy and step.built.copy_number == 1
