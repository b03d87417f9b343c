"""An editable table in a form (rubric items, stipend tiers) with its add-a-row and remove-the-selected-row buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QTableWidget


def edit_table(layout: QBoxLayout, name: str, headers: Sequence[str], add_text: str, add: Callable[[], object],
               remove_text: str) -> QTableWidget:
    """Adds the table and, under it, its two buttons to `layout`; `add` appends a blank or default row."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    layout.addWidget(table)
    row_buttons = QHBoxLayout()
    add_button, remove_button = QPushButton(add_text), QPushButton(remove_text)
    add_button.clicked.connect(lambda: add())
    remove_button.clicked.connect(lambda: table.removeRow(table.currentRow()))
    row_buttons.addWidget(add_button)
    row_buttons.addWidget(remove_button)
    row_buttons.addStretch(1)
    layout.addLayout(row_buttons)
    return table
