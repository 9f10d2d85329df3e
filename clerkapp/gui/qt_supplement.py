"""Chinese for the few strings of Qt's own dialogs that Qt's ``qtbase_zh_CN.qm`` leaves in
English (seen in the file dialog of 另存为 PDF… and the print dialog of 选择打印机…). Installed
*before* qtbase's translator, so it answers only where qtbase has nothing."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

#: (context, source) → Chinese, Qt's own strings as its dialogs ask for them.
QT_ZH_SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页(&S)：",
}


class QtChineseSupplement(QTranslator):
    """A translator answering from :data:`QT_ZH_SUPPLEMENT` (no ``.qm`` file to ship)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qtChineseSupplement")

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """Qt's ``translate``: the Chinese for Qt's own string, None when not in the table."""
        # None is Qt's null string: "not mine", the next translator or the source is asked (an
        # empty string would replace every other text with nothing).
        return QT_ZH_SUPPLEMENT.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        """Never empty (it has no file; Qt would skip an empty translator)."""
        return False

    def language(self) -> str:
        """The language it translates into."""
        return "zh_CN"
