"""A row's push buttons from (key, text, slot) triples, each named `prefix-key` for tests and style sheets."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QBoxLayout, QLayout, QPushButton

from villagedesk.ui.widgets.flow_layout import FlowLayout


def add_buttons(row: QLayout, prefix: str, specs: Iterable[tuple[str, str, Callable]]) -> dict[str, QPushButton]:
    """Adds the buttons to `row` in order; returns them by key."""
    buttons: dict[str, QPushButton] = {}
    for key, text, slot in specs:
        button = QPushButton(text)
        button.setObjectName(f"{prefix}-{key}")
        button.clicked.connect(slot)
        row.addWidget(button)
        buttons[key] = button
    return buttons


def button_row(layout: QBoxLayout, prefix: str, specs: Iterable[tuple[str, str, Callable]]) -> dict[str, QPushButton]:
    """The buttons left-aligned in a row of their own below what `layout` holds so far, wrapping onto
    a second line when the text is too large for one; returns them by key."""
    row = FlowLayout()
    buttons = add_buttons(row, prefix, specs)
    layout.addLayout(row)
    return buttons
