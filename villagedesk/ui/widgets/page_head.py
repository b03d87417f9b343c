"""The top of a figures page: its margins, the title, an optional hint and the row of figure cards."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from villagedesk.ui.widgets.cards import FigureCard, card_row
from villagedesk.ui.widgets.labels import role_label


def page_head(page: QWidget, title: str, cards: dict[str, FigureCard], hint: str = "",
              wrap: bool = True) -> QVBoxLayout:
    """The page's layout with the title, hint (wrapping, so large text never widens the page) and cards in it;
    the page adds the rest below."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.addWidget(role_label(title, "title"))
    if hint:
        layout.addWidget(role_label(hint, "hint", wrap=wrap))
    layout.addLayout(card_row(cards))
    return layout
