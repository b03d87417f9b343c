"""上报情况: for the picked period, each village's reports counted 按时报 / 迟报 / 未报 / 已退回 / 未到期 with its
on-time rate, every report's standing (明细, narrowed to a village by a click), and the 催报名单. At a district the
lines are its townships, as their district packages judged their villages' reports."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.reporting import STATUS_LABELS
from villagedesk.services.township import reporting
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.period_box import chosen_period
from villagedesk.ui.widgets.period_row import period_head
from villagedesk.ui.widgets.table_view import record_table

# submissions arrive in packages; due days are specs; a district's packages are kept in its settings
SHOWS = {Kind.VILLAGES, Kind.SUBMISSIONS, Kind.REPORT_FORMS, Kind.SETTINGS}
SUMMARY = ["村", "统计用区划代码", "应报", *STATUS_LABELS.values(), "按时报率"]
HINT = ("截止日期按各表的表式规定（报送日）计算：首次报出在截止日当天或之前为按时报，之后为迟报；"
        "过了截止日仍未报出为未报；乡镇退回、村里尚未重报为已退回。各村的报出记录随其同步包而来。")
DISTRICT_HINT = ("各乡镇的上报情况随其区县汇总包而来，是乡镇生成汇总包那天的情况（见“截至”）：各村报出后，"
                 "请乡镇重新生成并报送汇总包。按时报、迟报、未报、已退回的规则与乡镇相同。")
DETAIL = ["村", "统计期", "表号", "报表", "截止日期", "情况", "首次报出", "报送次数", "乡镇意见"]
REMIND = ["村", "表号", "报表", "统计期", "截止日期", "情况", "乡镇意见"]
COLOURS = {"late": "#b45f06", "missing": "#cc0000", "returned": "#cc0000"}


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _fill(table: QTableWidget, rows: list[list], colour_col: int | None = None, states: list[str] = ()) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            if c == colour_col and states[r] in COLOURS:
                item.setForeground(QColor(COLOURS[states[r]]))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class ReportingPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.district = ctx.node_role == "district"
        self.found: reporting.Completeness | None = None
        self.asked_period = None
        layout, self.period, self.show_button, self.status = period_head(self, "上报情况", "reporting")
        self.tabs = QTabWidget()
        unit = "乡镇" if self.district else "村"
        self.summary = record_table("reporting-summary", [unit, *SUMMARY[1:]] + (["截至"] if self.district else []))
        detail_box = QWidget()
        detail = QVBoxLayout(detail_box)
        detail.setContentsMargins(0, 8, 0, 0)
        self.village = QComboBox()
        self.village.setObjectName("reporting-village")
        detail.addWidget(self.village)
        self.detail = record_table("reporting-detail", DETAIL)
        detail.addWidget(self.detail, 1)
        self.reminders = record_table("reporting-reminders", REMIND)
        if self.district:  # a township's reason for sending a report back does not travel to the district
            self.detail.setColumnHidden(DETAIL.index("乡镇意见"), True)
            self.reminders.setColumnHidden(REMIND.index("乡镇意见"), True)
        self.tabs.addTab(self.summary, f"各{unit}汇总")
        self.tabs.addTab(detail_box, "明细")
        self.tabs.addTab(self.reminders, "催报名单")
        layout.addWidget(self.tabs, 1)
        layout.addWidget(role_label(DISTRICT_HINT if self.district else HINT, "hint", wrap=True))
        self.show_button.clicked.connect(self.refresh)
        self.period.activated.connect(lambda _i: self.refresh())
        self.period.lineEdit().returnPressed.connect(self.refresh)
        self.village.activated.connect(lambda _i: self._show_detail())
        self.summary.cellDoubleClicked.connect(lambda r, _c: self.open_village(r))
        self.reader = LatestRead(ctx.jobs, "统计上报情况", self._read, self._show, self)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.asked_period = chosen_period(self.period)
        except VillageDeskError as exc:
            self.status.setText(exc.message)
            return
        self.reader.request()

    def _read(self, store):
        if self.district:
            from villagedesk.services.district import reporting as district_reporting
            return district_reporting.completeness(store, self.asked_period)
        return reporting.completeness(store, self.asked_period, self.ctx.full_scope)

    def _show(self, found: reporting.Completeness) -> None:
        self.found = found
        due = sum(n for s, n in found.counts.items() if s != "not_due")
        self.status.setText(
            f"{found.period.title}：{len(found.villages)} 个{found.unit}，应报 {len(found.cells)} 张（已到截止日 {due} 张），"
            + "，".join(f"{label} {found.counts[s]}" for s, label in STATUS_LABELS.items())
            + f"；按时报率 {_rate(found.on_time_rate)}（截至 {found.today:%Y-%m-%d}）。")
        _fill(self.summary, [[v.shown_name(found.unit), v.code, sum(v.counts.values()), *v.counts.values(),
                              _rate(v.on_time_rate), *([v.as_of or "—"] if self.district else [])]
                             for v in found.villages])
        picked = self.village.currentData()
        self.village.clear()
        self.village.addItem(f"全部{found.unit}", "")
        for v in found.villages:
            self.village.addItem(f"{v.name}（{v.code}）", v.code)
        self.village.setCurrentIndex(max(0, self.village.findData(picked)))
        self._show_detail()
        late = found.reminders
        self.tabs.setTabText(2, f"催报名单（{len(late)}）")
        _fill(self.reminders, [[c.village_name, c.number, c.title, c.period_title, f"{c.due:%Y-%m-%d}",
                                c.status_label, c.note] for c in late], 5, [c.status for c in late])

    def _show_detail(self) -> None:
        if self.found is None:
            return
        code = self.village.currentData()
        # a township's code is its 9 digits and 000: its villages' codes begin with those 9
        cells = [c for c in self.found.cells if not code or c.village_code == code
                 or (self.district and c.village_code[:9] == code[:9])]
        _fill(self.detail, [[c.village_name, c.period_title, c.number, c.title, f"{c.due:%Y-%m-%d}", c.status_label,
                             c.submitted_at.replace("T", " ")[:16], c.attempts or "", c.note] for c in cells],
              5, [c.status for c in cells])

    def open_village(self, row: int) -> None:
        """A village's (a township's, at a district) line double-clicked: 明细 shows its reports."""
        if self.found is None or not 0 <= row < len(self.found.villages):
            return
        self.village.setCurrentIndex(self.village.findData(self.found.villages[row].code))
        self._show_detail()
        self.tabs.setCurrentIndex(1)
