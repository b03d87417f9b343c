"""Date-time fields in one step: typing 0930, 930 or 9:30 sets the time; N is now, T today, + and - a day on or back."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit

from villagedesk.domain import clock

HINT = "直接输入时间如 0930 或 9:30；N＝现在，T＝今天，+/- 前后一天"
_DONE = re.compile(r"^(\d{4}|\d{1,2}:\d{2})$")  # complete as typed: set at once
_ENDED = re.compile(r"^(\d{3}|\d{1,2}|\d{1,2}:\d)$")  # complete when the clerk leaves the field


def parse_time(text: str) -> QTime | None:
    """'0930', '930', '9:30', '9' -> 09:30 / 09:00; None for anything else or an hour past 23."""
    if ":" in text:
        hour, _, minute = text.partition(":")
    elif len(text) <= 2:
        hour, minute = text, "0"
    else:
        hour, minute = text[:-2], text[-2:]
    if not (hour.isdigit() and minute.isdigit()):
        return None
    h, m = int(hour), int(minute)
    return QTime(h, m) if h < 24 and m < 60 else None


class _TimeKeys(QObject):
    def __init__(self, edit: QDateTimeEdit):
        super().__init__(edit)
        self.edit, self.typed = edit, ""

    def _set_time(self, time: QTime | None) -> None:
        self.typed = ""
        if time is not None:
            self.edit.setTime(time)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.typed = ""
        elif kind == QEvent.Type.FocusOut and self.typed:
            self._set_time(parse_time(self.typed) if _ENDED.match(self.typed) else None)
        if kind != QEvent.Type.KeyPress or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        ch = event.text()
        if ch and (ch.isdigit() or ch == ":"):
            self.typed += ch
            if _DONE.match(self.typed):
                self._set_time(parse_time(self.typed))
            elif len(self.typed) > 5:
                self.typed = ""
            return True
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.typed and _ENDED.match(self.typed):
                self._set_time(parse_time(self.typed))
            return False
        letter = ch.lower()
        if letter in ("n", "t", "+", "-", "="):
            now = clock.now()
            date = self.edit.date()
            if letter == "n":
                self.edit.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))
            elif letter == "t":
                self.edit.setDate(QDate(now.year, now.month, now.day))
            else:
                self.edit.setDate(date.addDays(-1 if letter == "-" else 1))
            self.typed = ""
            return True
        return False


def one_step_time(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Install the keys on `edit` (its tooltip says them); returns the edit."""
    edit.installEventFilter(_TimeKeys(edit))
    edit.setToolTip(HINT)
    return edit
