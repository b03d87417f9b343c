"""医保参保: the year's enrolment rate per grid and for the village, the not-enrolled list, print and mark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.register import insurance
from villagedesk.ui import messages
from villagedesk.ui.pages.households import files
from villagedesk.ui.widgets.cards import percent
from villagedesk.ui.widgets.table_view import read_only_cells

_RATE_COLUMNS = ("网格", "网格员", "在册人口", "已参保", "无需参保", "未参保", "参保率")
_LIST_COLUMNS = ("网格", "姓名", "性别", "年龄", "地址", "联系电话", "情况")


class InsuranceDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("医保参保")
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("参保年度："))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(self.refresh)
        top.addWidget(self.year)
        self.total = QLabel("")
        self.total.setProperty("role", "title")
        top.addWidget(self.total, 1)
        layout.addLayout(top)
        self.rates = self._table(_RATE_COLUMNS)
        self.rates.itemSelectionChanged.connect(self._load_list)
        layout.addWidget(self.rates, 2)
        self.list_title = QLabel("")
        layout.addWidget(self.list_title)
        self.people = self._table(_LIST_COLUMNS)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.people, 3)
        buttons = QHBoxLayout()
        self.mark_button = QPushButton("选中的人标记为已参保")
        self.pdf_button = QPushButton("打印未参保名单（PDF）")
        self.xlsx_button = QPushButton("导出参保率（Excel）")
        close = QPushButton("关闭")
        self.mark_button.clicked.connect(self.mark_enrolled)
        self.pdf_button.clicked.connect(self.print_list)
        self.xlsx_button.clicked.connect(self.export_rates)
        close.clicked.connect(self.accept)
        for b in (self.mark_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.summary: insurance.EnrolmentSummary | None = None
        self.listed: list[insurance.NotEnrolledPerson] = []
        self.refresh()

    @staticmethod
    def _table(columns) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels(list(columns))
        read_only_cells(table)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def selected_grid_id(self) -> str | None:
        row = self.rates.currentRow()
        if self.summary is None or not 0 <= row < len(self.summary.grids):
            return None
        return self.summary.grids[row].grid_id

    def select_grid(self, grid_id: str) -> None:
        row = next((i for i, g in enumerate(self.summary.grids if self.summary else []) if g.grid_id == grid_id), None)
        if row is not None:
            self.rates.selectRow(row)

    def refresh(self) -> None:
        self.summary = insurance.enrolment_summary(self.ctx.store, self.year.value())
        t = self.summary.total
        self.total.setText(f"全村参保率 {percent(t.rate)}（已参保 {t.enrolled} 人，未参保 {t.not_enrolled} 人）")
        rows = self.summary.grids + [t]
        self.rates.blockSignals(True)
        self.rates.setRowCount(len(rows))
        for r, g in enumerate(rows):
            for c, value in enumerate((g.grid_name, g.worker, g.residents, g.enrolled, g.exempt, g.not_enrolled,
                                       percent(g.rate))):
                item = QTableWidgetItem(str(value))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.rates.setItem(r, c, item)
        self.rates.blockSignals(False)
        self._load_list()

    def _load_list(self) -> None:
        grid_id = self.selected_grid_id()
        groups = insurance.not_enrolled(self.ctx.store, self.ctx.actor, self.year.value(), grid_id,
                                         scope=self.ctx.scope)
        self.listed = [p for g in groups for p in g.people]
        names = {p.resident_id: g.grid_name for g in groups for p in g.people}
        scope = "全村" if grid_id is None else groups[0].grid_name if groups else "该网格"
        self.list_title.setText(f"{scope}未参保人员：{len(self.listed)} 人（点上表的网格只看该网格）")
        self.people.setRowCount(len(self.listed))
        for r, p in enumerate(self.listed):
            for c, value in enumerate((names[p.resident_id], p.name, p.sex, p.age, p.address, p.phone,
                                       "已登记未参保" if p.marked else "未登记")):
                self.people.setItem(r, c, QTableWidgetItem(str(value)))

    def mark_enrolled(self) -> None:
        rows = sorted({i.row() for i in self.people.selectedIndexes()})
        ids = [self.listed[r].resident_id for r in rows if r < len(self.listed)]
        if not ids:
            messages.info(self, "标记参保", "请先在下方名单中选中已参保的人（可按住 Ctrl 多选）。")
            return
        try:
            n = insurance.set_enrolment(self.ctx.store, self.ctx.actor, ids, self.year.value(), "enrolled")
        except VillageDeskError as exc:
            messages.warn(self, "标记参保", exc.message)
            return
        self.ctx.events.publish(n)
        self.refresh()
        messages.info(self, "标记参保", f"已将 {n} 人标记为 {self.year.value()} 年度已参保。")

    def print_list(self) -> None:
        year, grid_id = self.year.value(), self.selected_grid_id()
        path = files.ask_save_path(self, "保存未参保名单", f"{year}年医保未参保名单.pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return
        actor = self.ctx.actor
        self.ctx.jobs.start("生成未参保名单", lambda store, job: insurance.write_not_enrolled_pdf(
            store, actor, year, path, grid_id, job), on_done=lambda p: messages.info(self, "未参保名单", f"已保存：{p}"),
            parent_widget=self)

    def export_rates(self) -> None:
        year = self.year.value()
        path = files.ask_save_path(self, "导出参保率", f"{year}年医保参保率.xlsx", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        self.ctx.jobs.start("导出参保率", lambda store, job: insurance.write_summary(store, year, path, "xlsx", job),
                            on_done=lambda p: messages.info(self, "参保率", f"已保存：{p}"), parent_widget=self)
