"""帮助 › 诊断信息: the end of the diagnostics log, where it is, open its folder, export it."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.services import diagnostics
from villagedesk.ui import messages


class DiagnosticsDialog(QDialog):
    """What went wrong, in the technician's words: the log the clerk never sees as a traceback."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("诊断信息")
        self.resize(760, 520)
        path = diagnostics.log_path()
        layout = QVBoxLayout(self)
        where = QLabel(f"程序出错时的详细信息记录在：{path}\n需要时请导出这份日志，交给技术人员。")
        where.setWordWrap(True)
        layout.addWidget(where)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("diagnostics-log")
        self.text.setReadOnly(True)
        self.text.setPlainText(diagnostics.recent_text() or "（日志是空的：还没有记录任何错误。）")
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton("导出日志…", self)
        self.open_button = QPushButton("打开所在文件夹", self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._export)
        self.open_button.clicked.connect(self._open_folder)
        layout.addWidget(buttons)

    def export_to(self, dest: str) -> None:
        try:
            diagnostics.export(dest)
        except OSError as exc:
            messages.warn(self, "导出失败", diagnostics.report(exc, "导出诊断日志", dest))
            return
        messages.info(self, "已导出", f"诊断日志已导出到：{dest}")

    def _export(self) -> None:
        dest, _ = QFileDialog.getSaveFileName(self, "导出诊断日志", "村务台诊断日志.txt", "文本文件 (*.txt)")
        if dest:
            self.export_to(dest)

    def _open_folder(self) -> None:
        folder = diagnostics.log_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
