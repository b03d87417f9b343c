"""帮助 › 使用说明: the bundled Chinese manual in a dialog, searchable with Ctrl+F, no network needed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from villagedesk.resources import manual_path


class ManualDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("村务台使用说明")
        layout = QVBoxLayout(self)
        find_row = QHBoxLayout()
        self.find_box = QLineEdit()
        self.find_box.setObjectName("manual-find")
        self.find_box.setPlaceholderText("查找（Ctrl+F），回车找下一处")
        self.find_next = QPushButton("查找下一处(&N)")
        self.found = QLabel("")
        self.found.setObjectName("manual-found")
        find_row.addWidget(self.find_box, 1)
        find_row.addWidget(self.find_next)
        find_row.addWidget(self.found)
        layout.addLayout(find_row)
        self.text = QTextBrowser()
        self.text.setObjectName("manual-text")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(manual_path().read_text(encoding="utf-8"))
        layout.addWidget(self.text, 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.find_box.returnPressed.connect(self.search)
        self.find_next.clicked.connect(self.search)
        self._fit()
        self.text.setFocus()

    def _fit(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        w, h = 820, 700
        if screen is not None:
            w, h = min(w, screen.width() - 40), min(h, screen.height() - 60)
        self.resize(w, h)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name); the text view passes Ctrl+F up
        if event.key() == Qt.Key.Key_F and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.find_box.setFocus()
            self.find_box.selectAll()
            return
        super().keyPressEvent(event)

    def search(self) -> bool:
        """Find the next place the words occur, wrapping round to the top once."""
        words = self.find_box.text().strip()
        if not words:
            return False
        found = self.text.find(words) or (self._to_top() and self.text.find(words))
        self.found.setText("" if found else "没有找到")
        return bool(found)

    def _to_top(self) -> bool:
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.text.setTextCursor(cursor)
        return True



