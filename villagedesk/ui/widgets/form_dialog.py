"""A form dialog whose submit may be refused: the Chinese message shows under the form and typed text stays."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from villagedesk.domain.errors import VillageDeskError


class FormDialog(QDialog):
    """Rows go in `form`, anything below them (a table, a note) in `extra`; `submit` raises VillageDeskError to refuse."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str = "保存", min_width: int = 600):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self.outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        self.outer.addWidget(heading)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.extra = QVBoxLayout()
        self.outer.addLayout(self.extra)
        self.error = QLabel("")
        self.error.setObjectName("form-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.outer.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("取消")
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("form-ok")
        self.ok_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.outer.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.try_submit)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def row(self, label: str, widget: QWidget) -> QWidget:
        if label:
            self.form.addRow(label + "：", widget)
        else:
            self.form.addRow(widget)
        return widget

    def submit(self) -> object:
        """Call the service; raise VillageDeskError to refuse. Returns what `saved` carries."""
        raise NotImplementedError

    def try_submit(self) -> bool:
        try:
            result = self.submit()
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return False
        self.error.setText("")
        self.saved.emit(result)
        self.accept()
        return True
