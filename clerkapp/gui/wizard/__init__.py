"""The case wizard (① 事项 → ⑥ 打印): the screen a clerk uses all day. See
:class:`clerkapp.gui.wizard.wizard.CaseWizard`."""

from clerkapp.gui.wizard.wizard import CaseWizard

__all__ = ["CaseWizard"]
