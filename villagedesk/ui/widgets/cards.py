"""A figure card: one big number with its Chinese label, as on 首页."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class FigureCard(QFrame):
    def __init__(self, label: str, unit: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.unit = unit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        self.value_label = QLabel("—")
        self.value_label.setProperty("role", "figure")
        # centred by the style sheet's qproperty: the Qt namespace costs start-up time to import
        self.value_label.setStyleSheet("qproperty-alignment: AlignCenter;")
        caption = QLabel(label)
        caption.setProperty("role", "figure-label")
        caption.setStyleSheet("qproperty-alignment: AlignCenter;")
        layout.addWidget(self.value_label)
        layout.addWidget(caption)

    def set_value(self, value: int | float | str) -> None:
        text = f"{value:,}" if isinstance(value, int) else str(value)
        self.value_label.setText(text + (f" {self.unit}" if self.unit else ""))

    @property
    def text(self) -> str:
        return self.value_label.text()
