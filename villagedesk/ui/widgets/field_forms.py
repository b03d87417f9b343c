"""Field-work form parts: time and period pickers, text boxes, the save-path chooser; re-exports the shared widgets."""

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
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QPlainTextEdit,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.period import FORMS, Period, parse_period
from villagedesk.ui.widgets.pickers import set_combo_data
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


class PeriodBox(QComboBox):
    """The one period picker: 本月 / 上个月 / 本季度 / 上季度 / 本年 / 上一年 / 全部, or any month, quarter, year or
    date range typed in (2026-11, 2026-Q3, 2025, 2026-11-01..2026-11-15), parsed by domain/period.py."""

    def __init__(self, name: str = "period", default: str = "year", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setToolTip("选一项，或输入 " + FORMS + "，按回车")
        self.lineEdit().setPlaceholderText("如 2026-11")
        today = clock.today()
        for text, label in (("本月", f"{today.year}-{today.month:02d}"), ("上个月", "last-month"),
                            ("本季度", f"{today.year}-Q{(today.month - 1) // 3 + 1}"), ("上季度", "last-quarter"),
                            ("本年", str(today.year)), ("上一年", str(today.year - 1)), ("全部", "")):
            self.addItem(text, label)
        set_combo_data(self, {"month": f"{today.year}-{today.month:02d}", "year": str(today.year),
                              "all": ""}.get(default, str(today.year)))
        self.lineEdit().editingFinished.connect(self._typed)

    def _typed(self) -> None:
        """A typed period becomes an entry of its own and the current one; a wrong one says why and is undone."""
        text = self.currentText().strip()
        if self.findText(text) >= 0:
            self.setCurrentIndex(self.findText(text))
            return
        try:
            period = parse_period(text)
        except ValidationError as e:
            self.setToolTip(e.message)
            self.setStyleSheet("QComboBox { border: 2px solid #c00; }")
            self.setEditText(self.itemText(self.currentIndex()))
            return
        self.setStyleSheet("")
        self.setToolTip("选一项，或输入 " + FORMS + "，按回车")
        index = self.findData(period.label)
        if index < 0:
            self.addItem(period.title, period.label)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def choose(self, text: str) -> None:
        """Pick a period as if typed (tests and the pages' "show all" links)."""
        self.setEditText(text)
        self._typed()

    def period(self) -> Period | None:
        label = self.currentData()
        return parse_period(label) if label else None

    def title(self) -> str:
        p = self.period()
        return p.title if p else "全部"


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
