"""The 走访记录 tab: visits of the period by grid and worker, newest first; record one, or a day's at once."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from villagedesk.domain.field_work.times import fmt_time
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.field_work import people, visits
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.filters import filter_row
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.pickers import combo, refill_combo
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import table_view

COLUMNS = [
    Col("走访时间", lambda v: fmt_time(v.visited_at)), Col("网格", lambda v: v.grid_name),
    Col("农户", lambda v: v.household_label), Col("走访人", lambda v: v.worker_name),
    Col("方式", lambda v: v.way_label), Col("目的", lambda v: v.purpose_label),
    Col("发现事项", lambda v: v.finding_labels), Col("发现的问题", lambda v: v.findings.replace("\n", " ")),
    Col("跨网格原因", lambda v: v.out_of_grid_reason),
]


class VisitsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.period: Period | None = None
        layout = QVBoxLayout(self)
        self.grid = combo([], "visit-grid-filter")
        self.worker = combo([], "visit-worker-filter")
        self.reload_choices()
        filters = filter_row(layout, (self.grid, self.worker))
        self.buttons = {}
        for key, text in (("new", "登记走访(&N)"), ("day", "当日批量录入(&D)")):
            button = QPushButton(text)
            button.setObjectName(f"visit-{key}")
            filters.addWidget(button)
            self.buttons[key] = button
            gate(ctx, button, Can.RECORD_FIELD_WORK)
        for key, text in (("export-xlsx", "导出台账（Excel）"), ("export-pdf", "导出台账（PDF）")):
            button = QPushButton(text)
            button.setObjectName(f"visit-{key}")
            filters.addWidget(button)
            self.buttons[key] = button
        many = not ctx.scope.single  # a township's list over several villages says each visit's
        self.model = RowsModel(([Col("村", lambda v: v.village_name)] if many else []) + COLUMNS, self,
                               highlight=lambda v: bool(v.finding_kinds))
        self.view = table_view(self.model, "visit-table")
        layout.addWidget(self.view, 1)
        self.count = QLabel()
        self.count.setObjectName("visit-count")
        layout.addWidget(self.count)
        self.grid.currentIndexChanged.connect(self.refresh)
        self.worker.currentIndexChanged.connect(self.refresh)

    def reload_choices(self) -> None:
        refill_combo(self.grid, [("全部网格", None)] + [(f"{g.code} {g.name}", g.id) for g in people.grids(self.ctx.store, scope=self.ctx.scope)])
        refill_combo(self.worker, [("全部网格员", None)] + [(w.label, w.id) for w in people.workers(self.ctx.store, scope=self.ctx.scope)])

    def set_period(self, period: Period | None) -> None:
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        store, grid, worker, period = self.ctx.store, self.grid.currentData(), self.worker.currentData(), self.period
        scope, actor = self.ctx.scope, self.ctx.actor
        total = visits.count_visits(store, grid, worker, period, scope=scope, actor=actor)
        self.model.set_pages(total, lambda offset, limit: visits.list_visits(
            store, grid, worker, period, limit=limit, offset=offset, scope=scope, actor=actor))
        if total:
            self.view.resizeColumnsToContents()
        self.count.setText(f"共 {total:,} 次走访（有发现事项的标红）")
