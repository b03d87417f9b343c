"""The one period picker of every page: 本月 / 上个月 / 本季度 / 上季度 / 本年 / 上一年, the recent months, quarters and
years, 全部, any period typed as domain/period.py reads it, or a date range picked on two calendars (起止日期…)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.period import (
    FORMS,
    Period,
    default_report_period,
    parse_period,
    quarter_period,
    relative_period,
)
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import date_edit, date_of, set_combo_data

RANGE = "__range__"  # the item that opens the date-range dialog
RANGE_TEXT = "起止日期…"
HINT = "选一项，或输入 " + FORMS + "，按回车"


def quick_choices(today: dt.date) -> list[tuple[str, str]]:
    """(text, label) of the named periods, counted from today (the picker recounts them when a new day is shown)."""
    return [(text, relative_period(unit, back, today).label) for text, unit, back in (
        ("本月", "month", 0), ("上个月", "month", 1), ("本季度", "quarter", 0), ("上季度", "quarter", 1),
        ("本年", "year", 0), ("上一年", "year", 1))]


def recent_choices(today: dt.date) -> list[tuple[str, str]]:
    """The ten months before last month, the two quarters before last quarter and the year before last."""
    months = [relative_period("month", back, today) for back in range(2, 12)]
    n = today.year * 4 + (today.month - 1) // 3
    quarters = [quarter_period((n - back) // 4, (n - back) % 4 + 1) for back in (2, 3)]
    return [(p.title, p.label) for p in (*months, *quarters)] + [(f"{today.year - 2} 年", str(today.year - 2))]


class PeriodPicker(QComboBox):
    """An editable combo: pick a choice, type any period and press Enter (a wrong one is named in the tooltip and
    the last choice stays), or pick 起止日期… for two calendars. `default` is month | last-month | quarter | year |
    report (last month in a month's first days, as 报表上报 does) | all | a period label; `with_all` offers 全部."""

    def __init__(self, name: str = "period", default: str = "year", with_all: bool = True,
                 all_text: str = "全部", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaxVisibleItems(24)
        self.setToolTip(HINT)
        self.lineEdit().setPlaceholderText("如 2026-11、2026Q4、上个月")
        self.dialog: RangeDialog | None = None
        today = clock.today()
        for text, label in quick_choices(today):
            self.addItem(text, label)
            self.setItemData(self.count() - 1, parse_period(label).title, Qt.ItemDataRole.ToolTipRole)
        if with_all:
            self.addItem(all_text, "")
        self.insertSeparator(self.count())
        for text, label in recent_choices(today):
            self.addItem(text, label)
        self.insertSeparator(self.count())
        self.addItem(RANGE_TEXT, RANGE)
        self._last = 0
        self._day = today
        self._select_default(default, today)
        self.currentIndexChanged.connect(self._picked)  # first, so pages read the period already settled
        self.lineEdit().editingFinished.connect(self._typed)

    def _select_default(self, default: str, today: dt.date) -> None:
        wanted = {"month": relative_period("month", 0, today).label,
                  "last-month": relative_period("month", 1, today).label,
                  "quarter": relative_period("quarter", 0, today).label, "year": str(today.year), "all": "",
                  "report": default_report_period(today).label}.get(default, default)
        if self.findData(wanted) < 0:
            self.choose(wanted)
        set_combo_data(self, wanted)
        self._last = self.currentIndex()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """A page left open past midnight: 本月, 上个月 … name today's periods again (the chosen one stays)."""
        today = clock.today()
        if today != self._day:
            self._day = today
            for i, (_text, label) in enumerate(quick_choices(today)):
                self.setItemData(i, label)
                self.setItemData(i, parse_period(label).title, Qt.ItemDataRole.ToolTipRole)
        super().showEvent(event)

    def _picked(self, index: int) -> None:
        if self.itemData(index) != RANGE:
            self._last = index
            return
        self.blockSignals(True)  # the range item is not a period: the last choice stays until the range is picked
        self.setCurrentIndex(self._last)
        self.blockSignals(False)
        QTimer.singleShot(0, self.ask_range)

    def ask_range(self) -> None:
        """The two-calendar dialog, starting at the period shown (kept on `dialog` for tests)."""
        shown = self.period() or relative_period("month", 0)
        self.dialog = RangeDialog(shown, self)
        self.dialog.saved.connect(lambda p: self.choose(p.label))
        self.dialog.open()

    def _typed(self) -> None:
        """A typed period becomes an entry of its own and the current one; a wrong one says why and is undone."""
        text = self.currentText().strip()
        found = self.findText(text)
        if found >= 0 and self.itemData(found) != RANGE:
            self.setCurrentIndex(found)
            return
        try:
            period = parse_period(text)
        except ValidationError as e:
            self.setToolTip(e.message)
            self.setStyleSheet("QComboBox { border: 2px solid #c00; }")
            self.setEditText(self.itemText(self.currentIndex()))
            return
        self.setStyleSheet("")
        self.setToolTip(HINT)
        self.setCurrentIndex(self._index_of(period))

    def _index_of(self, period: Period) -> int:
        """The entry showing this period by its title (typed 2026-11 reads 2026 年 11 月, not 上个月), added above
        起止日期… when there is none."""
        index = next((i for i in range(self.count())
                      if self.itemData(i) == period.label and self.itemText(i) == period.title), -1)
        if index < 0:
            index = self.findData(RANGE) - 1  # above the separator of 起止日期…
            self.insertItem(index, period.title, period.label)
        return index

    def choose(self, text: str) -> None:
        """Pick a period as if typed: a label (2026-11), a word (上个月), '' for 全部."""
        if text == "" and self.findData("") >= 0:
            self.setCurrentIndex(self.findData(""))
            return
        self.setEditText(text)
        self._typed()

    def label(self) -> str:
        """The label chosen ('' for 全部), or the text typed and not yet entered: a page that reads it on its own
        refresh names a wrong one instead of showing the last choice."""
        text = self.currentText().strip()
        if text and text != self.itemText(self.currentIndex()).strip():
            return text
        period = self.period()
        return period.label if period else ""

    def period(self) -> Period | None:
        """The period chosen (None: 全部)."""
        label = self.itemData(self._last if self.currentData() == RANGE else self.currentIndex())
        return parse_period(label) if label else None

    def title(self) -> str:
        p = self.period()
        return p.title if p else "全部"


class RangeDialog(FormDialog):
    """起止日期: two calendars (Tab between them, type the dates or open the calendar with Alt+Down)."""

    def __init__(self, shown: Period, parent: QWidget | None = None):
        super().__init__("选择起止日期", parent, "确定", 420, heading=False)
        self.start: QDateEdit = self.row("起始日期", date_edit(shown.start, "period-range-start"))
        self.last: QDateEdit = self.row("截止日期", date_edit(shown.last_day, "period-range-last"))

    def submit(self) -> Period:
        start, last = date_of(self.start), date_of(self.last)
        if last < start:
            raise ValidationError("截止日期", "不能早于起始日期")
        return parse_period(f"{start.isoformat()}..{last.isoformat()}")
