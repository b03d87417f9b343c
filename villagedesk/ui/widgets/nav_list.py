"""The left navigation list: as wide as its longest name at the current text size, never scrolled sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QListWidget, QWidget


class NavList(QListWidget):
    MIN_WIDTH = 160

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setFixedWidth(self.MIN_WIDTH)

    def fit_width(self) -> int:
        """Widen (or narrow) to the widest item as the style sheet pads it; room kept for a vertical scroll bar."""
        self.ensurePolished()
        widest = max((self.sizeHintForColumn(0), *(self.fontMetrics().horizontalAdvance(self.item(r).text()) + 28
                                                      for r in range(self.count()))), default=0)
        width = max(self.MIN_WIDTH, widest + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width() + 8)
        self.setFixedWidth(width)
        return width

    # the app's text size changes through its font and style sheet: both reach here as these events
    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_width()
