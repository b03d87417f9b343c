"""A module that a later version fills: it says plainly what it will hold, and shows no made-up data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlannedPage(QWidget):
    def __init__(self, title: str, purpose: str, items: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planned-page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        note = QLabel(f"本模块正在建设中，尚未启用。{purpose}")
        note.setWordWrap(True)
        layout.addWidget(note)
        plan = QLabel("建成后将包括：\n" + "\n".join(f"  • {item}" for item in items))
        plan.setWordWrap(True)
        plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(plan)
        layout.addStretch(1)
