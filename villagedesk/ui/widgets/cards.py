"""Figure cards: one big number with its Chinese label, as on 首页, and the row of them at the top of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from villagedesk.ui.widgets.flow_layout import FlowLayout


class FigureCard(QFrame):
    def __init__(self, label: str, unit: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.unit = unit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        self.value_label = QLabel("—")
        self.value_label.setProperty("role", "figure")  # centred by the app style sheet (ui/fonts.py)
        caption = QLabel(label)
        caption.setProperty("role", "figure-label")
        layout.addWidget(self.value_label)
        layout.addWidget(caption)

    def set_value(self, value: int | float | str) -> None:
        text = f"{value:,}" if isinstance(value, int) else str(value)
        self.value_label.setText(text + (f" {self.unit}" if self.unit else ""))

    @property
    def text(self) -> str:
        return self.value_label.text()


def card_row(cards: dict[str, FigureCard], spacing: int | None = None) -> FlowLayout:
    """The cards side by side in one row, in the dict's order, sharing its width; at large text
    those that do not fit go on to a second row."""
    row = FlowLayout(spacing=10 if spacing is None else spacing, fill=True)
    for card in cards.values():
        row.addWidget(card)
    return row


def percent(value: float | None) -> str:
    """A rate on a card or in a table: 87.5%, or “—” when there was nothing to divide by."""
    return "—" if value is None else f"{value * 100:.1f}%"
