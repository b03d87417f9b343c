"""Field-work form parts: time pickers, text boxes, the save-path chooser (the period picker: period_picker.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTime,
)
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFileDialog,
    QPlainTextEdit,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.ui.widgets.time_keys import one_step_time


def datetime_edit(when: dt.datetime | None = None, name: str = "") -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    set_datetime(edit, when or clock.now().replace(second=0, microsecond=0))
    edit.setObjectName(name)
    return one_step_time(edit)


def set_datetime(edit: QDateTimeEdit, when: dt.datetime) -> None:
    edit.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute)))


def datetime_of(edit: QDateTimeEdit) -> dt.datetime:
    d, t = edit.date(), edit.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def text_box(name: str, hint: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(hint)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


def ask_save_path(parent: QWidget | None, title: str, default_name: str, pattern: str) -> Path | None:
    """The one file chooser of the field-work pages (tests answer it)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name), pattern)
    return Path(path) if path else None


class _EnterPicks(QObject):
    """In a form, Enter in a household picker's search box picks the household instead of submitting the form;
    with `move_on`, the focus then goes to the field after the picker (past its result list)."""

    def __init__(self, picker, move_on: bool):
        super().__init__(picker)
        self.picker, self.move_on = picker, move_on

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            had_results = self.picker.results.count() > 0
            self.picker.pick_current()
            if self.move_on and had_results:
                _focus_after(self.picker)
            return True
        return False


def _focus_after(widget: QWidget) -> None:
    """The next field in Tab order that is not inside `widget`."""
    nxt = widget.nextInFocusChain()
    while nxt is not None and nxt is not widget and (
            widget.isAncestorOf(nxt) or not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus)
            or not nxt.isEnabled() or not nxt.isVisible()):
        nxt = nxt.nextInFocusChain()
    if nxt is not None and nxt is not widget:
        nxt.setFocus(Qt.FocusReason.TabFocusReason)


def enter_picks(picker, move_on: bool = False) -> None:
    """Enter in the picker's search box picks; `move_on` (a form with one household) goes on to the next field."""
    picker.search_box.installEventFilter(_EnterPicks(picker, move_on))
