"""Combo boxes, date pickers, named text lines and search boxes the forms and filters share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

from villagedesk.domain import clock


def combo(items: Sequence[tuple[str, object]], name: str = "") -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if name:
        box.setObjectName(name)
    return box


def refill_combo(box: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """New choices (grids or workers changed elsewhere), keeping the current one when it is still there."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    set_combo_data(box, current)
    box.blockSignals(False)


def set_combo_data(box: QComboBox, data: object) -> None:
    i = box.findData(data)
    if i >= 0:
        box.setCurrentIndex(i)


def date_edit(day: dt.date | None = None, name: str = "") -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    day = day or clock.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    if name:
        edit.setObjectName(name)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def line_edit(name: str, hint: str = "", text: str = "") -> QLineEdit:
    """A named one-line text field with its example as placeholder."""
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(hint)
    return edit


def search_edit(hint: str, name: str = "") -> QLineEdit:
    """A filter's type-to-search box, with a clear button."""
    edit = QLineEdit()
    if name:
        edit.setObjectName(name)
    edit.setPlaceholderText(hint)
    edit.setClearButtonEnabled(True)
    edit.setProperty("search", True)  # Ctrl+F finds it (MainWindow.focus_search)
    return edit
