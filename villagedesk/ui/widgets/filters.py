"""A list page's filter row: the filter widgets side by side (wrapping onto another row when the text is large),
and each one's change re-running the page's refresh."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QComboBox, QLineEdit, QWidget

from villagedesk.ui.widgets.flow_layout import FlowLayout


def filter_row(layout: QBoxLayout, widgets: Sequence[QWidget], wide: QWidget | None = None,
               stretch: int = 0) -> FlowLayout:
    """The widgets in a row added to `layout`; `wide` (the search box) takes stretch 2, the others `stretch`.
    What does not fit the page's width goes on to a further row, so large text never makes the page wider."""
    row = FlowLayout()
    for w in widgets:
        row.addWidget(w, 2 if w is wide else stretch)
    layout.addLayout(row)
    return row


def refresh_on_change(slot: Callable, *widgets: QWidget) -> None:
    """Typing in a line edit, choosing in a combo box or ticking a check box calls `slot`."""
    for w in widgets:
        if isinstance(w, QLineEdit):
            w.textChanged.connect(slot)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(slot)
        elif isinstance(w, QAbstractButton):
            w.toggled.connect(slot)
