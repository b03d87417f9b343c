"""辖区总览: the KPIs of §7 in rows, the township's total and each village in columns, for the picked period;
a chart compares the villages on the KPI chosen in the table, and a click on a village's bar selects its column."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import ValidationError, VillageDeskError
from villagedesk.domain.permissions import Action
from villagedesk.services.township import overview
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead
from villagedesk.ui.pages.home.dashboard import BLUE, ChartCard, nice_axis
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.period_box import chosen_period
from villagedesk.ui.widgets.period_row import period_head
from villagedesk.ui.widgets.table_view import read_only_cells

# the records the KPIs are computed from (at a township they change only when a package is imported)
SHOWS = {Kind.VILLAGES, Kind.GRIDS, Kind.WORKERS, Kind.ASSIGNMENTS, Kind.RESERVE, Kind.EVALUATIONS, Kind.TRAININGS,
         Kind.PAYROLL, Kind.SERVICE_DAYS, Kind.HOUSEHOLDS, Kind.RESIDENTS, Kind.INSURANCE, Kind.VISITS,
         Kind.FOLLOW_UPS, Kind.NOTICES, Kind.DISPUTES, Kind.EMERGENCIES, Kind.ACTIVITIES, Kind.LEDGER,
         Kind.REDEMPTIONS}
FIRST_CHART = "visits"


class OverviewPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: overview.Overview | None = None
        self.lines: list[overview.Line] = []
        self.chart_key = FIRST_CHART
        self.asked_period = None
        layout, self.period, self.show_button, self.status = period_head(self, "辖区总览", "overview", "统计",
                                                                          with_all=True)
        self.table = QTableWidget(0, 1)
        self.table.setObjectName("overview-table")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectItems)
        read_only_cells(self.table)
        self.chart = ChartCard("overview-chart", "")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "指标对比")
        self.tabs.addTab(self.chart, "按村图表")
        layout.addWidget(self.tabs, 1)
        self.export_button: QPushButton | None = None
        if ctx.node_role == "township":  # a district holds aggregates only: the reports' rows are the townships'
            row = FlowLayout()
            self.export_button = gate(ctx, QPushButton("导出各村汇总表…"), Action.RETURN_REPORT)
            self.export_button.setObjectName("overview-export")
            self.export_button.setToolTip("每张报表一行一个村加合计，Excel 和 PDF 各一份（所选统计期间）")
            self.export_button.clicked.connect(self.export_summaries)
            row.addWidget(self.export_button)
            row.addStretch(1)
            layout.addLayout(row)
        self.hint = role_label("乡镇合计：户数、人数、次数和金额为各村之和；比率和中位数由各村的记录一并重算，不是各村比率的"
                               "平均。在表格中选中一行，“按村图表”即按村比较该指标；点击图中的村，回到表格并选中该村一列。", "hint", wrap=True)
        layout.addWidget(self.hint)
        self.show_button.clicked.connect(self.refresh)
        self.period.activated.connect(lambda _i: self.refresh())
        self.period.lineEdit().returnPressed.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._pick_row(r))
        self.reader = LatestRead(ctx.jobs, "统计辖区总览", self._read, self._show, self)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            period = chosen_period(self.period)
        except VillageDeskError as exc:
            self.status.setText(exc.message)
            return
        self.asked_period = period
        self.reader.request()

    def export_summaries(self) -> None:
        from villagedesk.services.reports.building import period_of  # not at start-up: it loads the catalogue
        from villagedesk.services.township import summaries
        from villagedesk.ui.pages.reports.page import ask_folder

        try:
            period = chosen_period(self.period)
            if period is None:
                raise ValidationError("统计期间", "各村汇总表按期间编制，请选择一个月、季度或年度")
            p = period_of(period)
        except VillageDeskError as exc:
            messages.warn(self, "导出各村汇总表", exc.message)
            return
        folder = ask_folder(self, f"导出 {p.title} 各村汇总表到……")
        if folder is None:
            return
        actor = self.ctx.actor
        self.ctx.jobs.start("导出各村汇总表", lambda store, job: summaries.export_summaries(store, actor, p, folder, job),
                            on_done=self._exported, parent_widget=self)

    def _exported(self, result) -> None:
        self.last_export = result
        messages.info(self, "导出各村汇总表", f"已导出 {len(result.tables)} 张汇总表（Excel 和 PDF 各一份）到：\n"
                                          f"{result.folder}")

    def _read(self, store):
        return overview.overview(store, self.asked_period, self.ctx.full_scope)

    def _show(self, view: overview.Overview) -> None:
        self.view, self.lines = view, overview.lines(view)
        when = view.period.title if view.period else "全部记录"
        waiting = f"另有 {len(view.waiting)} 个已登记的村尚未收到同步包（{'、'.join(view.waiting)}），未计入。" \
            if view.waiting else ""
        if view.unit == "乡镇":  # a district node: its townships' 区县汇总包 of the period
            waiting = f"另有 {len(view.waiting)} 个已登记的乡镇尚未导入本期的区县汇总包（{'、'.join(view.waiting)}），" \
                "未计入。" if view.waiting else ""
            empty = "尚未导入任何乡镇本期的区县汇总包：登记乡镇（数据同步 › 导入对方注册文件）后，用 district-import 导入。"
            self.hint.setText("区县合计：户数、人数、次数和金额为各乡镇之和；比率由各乡镇汇总包所带的分子、分母重算，"
                              "中位数由各条宣传的用时重算，不是各乡镇比率的平均。汇总包只含汇总数，不含个人信息。")
        else:
            empty = "尚未收到任何村的同步包：在“数据同步”页登记村并导入其同步包后，这里显示各村指标。"
        self.status.setText(f"{when}：{len(view.villages)} 个{view.unit}。{waiting}" if view.villages else
                            empty + waiting)
        self.tabs.setTabText(1, f"按{view.unit}图表")
        columns = ["指标", *(c.name for c in view.columns)]
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        for c, col in enumerate(view.columns, start=1):
            self.table.horizontalHeaderItem(c).setToolTip(col.code)
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            self.table.setItem(r, 0, QTableWidgetItem(line.label))
            for c, value in enumerate(line.values, start=1):
                item = QTableWidgetItem(overview.shown(line.key.split(".")[0], value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self._draw_chart()

    def _pick_row(self, row: int) -> None:
        if 0 <= row < len(self.lines) and self.lines[row].key != self.chart_key:
            self.chart_key = self.lines[row].key
            self._draw_chart()

    def _draw_chart(self) -> None:
        line = next((x for x in self.lines if x.key == self.chart_key), None)
        card = self.chart
        card.clear()
        if line is None or self.view is None or not self.view.villages:
            card.chart_.setTitle("")
            return
        key = line.key.split(".")[0]
        rate = key in overview.RATES
        values = [0.0 if v is None else float(v) * (100 if rate else 1) for v in line.values[1:]]
        card.chart_.setTitle(f"各{self.view.unit}{line.label}" + ("（%）" if rate else "")
                             + ("：本期各村均为 0 或无从计算" if not any(values) else ""))
        bars = QBarSet(line.label)
        bars.append(values[::-1])
        bars.setColor(BLUE)
        bars.clicked.connect(self.select_village)
        series = QHorizontalBarSeries()
        series.append(bars)
        card.chart_.addSeries(series)
        card.chart_.legend().setVisible(False)
        y = QBarCategoryAxis()  # a horizontal chart draws its first category at the bottom: the first village on top
        y.append([c.name for c in reversed(self.view.villages)])
        top, ticks = nice_axis(max(values, default=0))
        x = QValueAxis()
        x.setRange(0, 100 if rate else top)
        x.setTickCount(5 if rate else ticks)
        x.setLabelFormat("%d" if rate or key not in ("notice_coverage_hours_median",) else "%.1f")
        card.add_axis(y, Qt.AlignmentFlag.AlignLeft)
        card.add_axis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        card.rows = len(self.view.villages)
        card.apply_font()

    def select_village(self, bar: int) -> None:
        """A village's bar clicked: the table shows again, that village's column selected and scrolled to."""
        column = 1 + len(self.view.villages) - bar  # 指标, the total, then the villages (the bars bottom up)
        self.tabs.setCurrentIndex(0)
        self.table.clearSelection()
        self.table.selectColumn(column)
        self.table.scrollToItem(self.table.item(0, column))
