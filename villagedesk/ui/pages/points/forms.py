"""A form dialog that keeps what was typed when refused, and choosing where to save a PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError


class FormDialog(QDialog):
    """Rows of labelled widgets; OK calls `submit()`; a refusal shows its Chinese message and stays open."""

    def __init__(self, title: str, parent: QWidget | None = None, hint: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.submit: Callable[[], object] = lambda: None
        self.result_value: object = None
        self._enter_submits = True
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setProperty("role", "hint")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def keep_enter_for_search(self) -> None:
        """Enter picks in a search box of this form, so it must not also press 确定."""
        self._enter_submits = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self._enter_submits and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label + "：", widget)
        return widget

    def try_accept(self) -> None:
        try:
            self.result_value = self.submit()
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        self.accept()

    def ok(self) -> None:
        """What a click on 确定 does (for tests and keyboard users alike)."""
        self.try_accept()


def choose_save_path(parent: QWidget | None, title: str, suggested: str, kind: str = "PDF 文件 (*.pdf)") -> Path | None:
    """Ask where to save; None when the user cancels. Tests replace this function."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), kind)
    return Path(path) if path else None
