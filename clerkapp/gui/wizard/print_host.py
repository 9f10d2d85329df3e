"""⑥ 打印: hosts the documents part's print step (:mod:`clerkapp.gui.print_step`: preview,
printer, copies, 打印 / 另存为 PDF) for the case just decided. Until that module is available the
step says so instead of failing."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class PrintHost(QWidget):
    """A frame for the print step widget of the case on screen."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printHost")
        self._services = services
        self._clerk: Any = None
        self.step: QWidget | None = None
        self.case_id = ""
        self.placeholder = QLabel(self.tr("打印功能载入中…"), self)
        self.placeholder.setObjectName("printPlaceholder")
        self.placeholder.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.placeholder)

    def set_clerk(self, clerk: Any) -> None:
        """The clerk who prints (recorded with every print)."""
        self._clerk = clerk

    def _ensure_step(self) -> QWidget | None:
        if self.step is not None:
            return self.step
        try:
            module = importlib.import_module("clerkapp.gui.print_step")
        except ImportError:
            self.placeholder.setText(self.tr("本机未安装打印组件，无法预览和打印文书。"))
            return None
        factory = getattr(module, "PrintStep", None)
        if factory is None:
            return None
        self.step = factory(self._services.context, self._clerk, self)
        self._layout.addWidget(self.step)
        self.placeholder.hide()
        return self.step

    def reset(self) -> None:
        """No case on the step (new case): the print step forgets the last case's documents."""
        self.case_id = ""
        reset = getattr(self.step, "reset", None) if self.step is not None else None
        if reset is not None:
            reset()

    def show_case(self, case_id: str) -> None:
        """Show the documents of ``case_id``."""
        self.case_id = case_id
        step = self._ensure_step()
        if step is not None and case_id:
            show = getattr(step, "show_case", None) or getattr(step, "set_case", None)
            if show is not None:
                show(case_id)

    def refresh_provisional(self) -> None:
        """The case changed in the store or the sync worker sent something: a provisional
        document in the preview is built again (same number, same copy), so what prints once the
        platform has the case no longer says 临时凭证. Nothing happens while the step is busy or
        its preview is final."""
        step = self.step
        built = getattr(step, "built", None) if step is not None else None
        button = getattr(step, "print_button", None)
        if built is None or not built.provisional or button is None or not button.isEnabled():
            return
        if built.case_id == self.case_id:
            step.build(built.kind)  # type: ignore[union-attr]

    def commit(self) -> None:
        """Enter on the print step: print (the same as Ctrl+P)."""
        self.print_now()

    def print_now(self) -> None:
        """Ctrl+P: print the previewed document."""
        step = self._ensure_step()
        printer = getattr(step, "print_now", None) if step is not None else None
        if printer is not None:
            printer()
