"""当日走访录入: a worker's visits of one day by keyboard — type a name or pinyin, Enter adds the household, save once."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work import visits as rules
from villagedesk.services.field_work import people, visits
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.field_forms import enter_picks
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.household_picker import HouseholdPicker
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of

COLUMNS = ["农户", "时间", "方式", "目的", "发现的问题", "发现事项", "跨网格原因"]
FINDINGS = [("无", None)] + [(f"生活困难·{v}", ("hardship", k)) for k, v in rules.HARDSHIP_KINDS.items()] + [
    ("安全隐患", ("hazard", None)), ("矛盾纠纷", ("dispute", None))]
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:：.]\s*(\d{2})\s*$")


def parse_time(text: str, row: int) -> dt.time:
    m = _TIME.match(text or "")
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValidationError("时间", f"“{text}”不是时间，应写成 9:30 这样", row)
    return dt.time(int(m[1]), int(m[2]))


class DayEntryDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("当日走访批量录入", parent, ok_text="全部保存（Ctrl+S）")
        self.ctx = ctx
        self.setMinimumWidth(980)
        workers = people.workers(ctx.store, scope=ctx.scope)
        self.grid_of = {w.id: w.grid_id for w in workers}
        self.worker = self.row("网格员", combo([(w.label, w.id) for w in workers], "day-worker"))
        self.day = self.row("走访日期", date_edit(clock.today(), "day-date"))
        self.picker = HouseholdPicker(ctx, self)
        enter_picks(self.picker)
        self.picker.results.setMaximumHeight(130)
        self.picker.search_box.setObjectName("day-search")
        self.picker.search_box.setPlaceholderText("输入户主姓名或拼音首字母，回车加入下表；↑↓ 选择")
        self.own_grid = QCheckBox("只查本网格")
        self.own_grid.setChecked(True)
        self.row("查找农户", self.picker)
        self.row("", self.own_grid)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("day-table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(True)
        self.table.setMinimumHeight(220)
        self.outer.insertWidget(2, self.table, 1)
        remove = QPushButton("删除选中行")
        remove.setObjectName("day-remove")
        remove.clicked.connect(self.remove_current)
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addStretch(1)
        self.outer.insertLayout(3, row)
        self.picker.picked.connect(self.add_household)
        self.worker.currentIndexChanged.connect(self._scope)
        self.own_grid.toggled.connect(self._scope)
        self._scope()
        self.picker.search_box.setFocus()

    def _scope(self) -> None:
        grid = self.grid_of.get(self.worker.currentData()) if self.own_grid.isChecked() else None
        self.picker.set_grid(grid)

    def _next_time(self) -> str:
        if self.table.rowCount() == 0:
            return "09:00"
        try:
            last = parse_time(self.table.item(self.table.rowCount() - 1, 1).text(), 0)
        except ValidationError:
            return "09:00"
        later = (dt.datetime.combine(clock.today(), last) + dt.timedelta(minutes=20)).time()
        return later.strftime("%H:%M")

    def add_household(self, household_id: str) -> None:
        brief = people.household_brief(self.ctx.store, household_id)
        r, time = self.table.rowCount(), self._next_time()
        self.table.insertRow(r)
        item = QTableWidgetItem(f"{brief.label}（{brief.grid_name}）")
        item.setData(Qt.ItemDataRole.UserRole, household_id)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(r, 0, item)
        self.table.setItem(r, 1, QTableWidgetItem(time))
        self.table.setCellWidget(r, 2, combo([(v, k) for k, v in rules.WAYS.items()]))
        self.table.setCellWidget(r, 3, combo([(v, k) for k, v in rules.PURPOSES.items()]))
        self.table.setItem(r, 4, QTableWidgetItem(""))
        self.table.setCellWidget(r, 5, combo(FINDINGS))
        self.table.setItem(r, 6, QTableWidgetItem(""))
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(5, 170)
        self.picker.search_box.clear()
        self.picker.search_box.setFocus()

    def remove_current(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def entries(self) -> list[visits.DayEntry]:
        out = []
        for r in range(self.table.rowCount()):
            finding_choice = self.table.cellWidget(r, 5).currentData()
            text = self.table.item(r, 4).text()
            finding = None
            if finding_choice is not None:
                finding = rules.FindingDraft(finding_choice[0], text, finding_choice[1])
            out.append(visits.DayEntry(
                self.table.item(r, 0).data(Qt.ItemDataRole.UserRole), parse_time(self.table.item(r, 1).text(), r + 1),
                self.table.cellWidget(r, 2).currentData(), self.table.cellWidget(r, 3).currentData(), text, "",
                finding, self.table.item(r, 6).text()))
        return out

    def submit(self) -> object:
        if not self.worker.currentData():
            raise ValidationError("网格员", "还没有网格员，请先在“网格与网格员”中新增")
        return visits.record_day(self.ctx.store, self.ctx.actor, self.worker.currentData(), date_of(self.day),
                                 self.entries())
