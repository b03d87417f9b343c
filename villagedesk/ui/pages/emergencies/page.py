"""突发事件: incidents of the period, the initial response figures, and one incident's command record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QSplitter,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.field_work.times import fmt_time
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.field_work import emergencies, emergency_ledger, kpis
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.emergencies.detail import EmergencyPanel
from villagedesk.ui.pages.emergencies.dialogs import (
    CloseDialog,
    CommanderDialog,
    EmergencyDialog,
    ServiceDaysDialog,
)
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.cards import FigureCard
from villagedesk.ui.widgets.filters import filter_row, refresh_on_change
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.ledger_export import export_ledger_file
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.period_picker import PeriodPicker
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import follow_selection, select_where, table_view

RESPONSE = {"handled": "处置成功", "escalated": "需上级支援", None: ""}
COLUMNS = [
    Col("开始时间", lambda e: fmt_time(e.started_at)), Col("类别", lambda e: e.kind_label),
    Col("事件", lambda e: e.title), Col("涉及网格", lambda e: e.grid_names), Col("现场指挥", lambda e: e.commander_name),
    Col("初期处置", lambda e: RESPONSE[e.response_outcome]), Col("状态", lambda e: e.state_label),
    Col("受影响/转移（户）", lambda e: f"{e.affected}/{e.evacuated}", True),
]


class EmergenciesPage(QWidget):
    SHOWS = {Kind.EMERGENCIES, Kind.GRIDS, Kind.WORKERS}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.cards = {"emergencies": FigureCard("本期突发事件", "起"),
                      "initial_response_success_rate": FigureCard("初期处置成功率"),
                      "open": FigureCard("处置中", "起")}
        layout = page_head(self, "突发事件", self.cards, "一个微网格就是一个最小应急单元，网格员就地转为现场指挥官。网格员的应急出勤计入临时补助。", wrap=True)
        self.period = PeriodPicker("emergency-period")
        self.open_only = QCheckBox("只看处置中")
        self.open_only.setObjectName("emergency-open-only")
        filters = filter_row(layout, (QLabel("期间："), self.period, self.open_only))
        self.buttons = add_buttons(filters, "emergency", (("new", "登记突发事件(&N)", self.new_emergency),
                                                          ("export-xlsx", "导出台账（Excel）", lambda: self.export("xlsx")),
                                                          ("export-pdf", "导出台账（PDF）", lambda: self.export("pdf"))))
        self.new_button = self.buttons["new"]
        gate(self.ctx, self.new_button, Can.RECORD_FIELD_WORK)
        split = QSplitter(Qt.Orientation.Horizontal)
        many = not ctx.scope.single  # a township's list over several villages says each event's
        self.model = RowsModel(([Col("村", lambda e: e.village_name)] if many else []) + COLUMNS, self,
                               highlight=lambda e: e.closed_at is None)
        self.view = table_view(self.model, "emergency-table")
        self.panel = EmergencyPanel(ctx)
        split.addWidget(self.view)
        split.addWidget(self.panel)
        remembered(split, "emergencies", [520, 560])
        layout.addWidget(split, 1)
        refresh_on_change(self.refresh, self.period, self.open_only)
        follow_selection(self.view, lambda e: self.panel.show_emergency(e.id))
        self.panel.action.connect(self._action)
        self.panel.changed.connect(ctx.events.publish)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(self.SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        shown = self.panel.detail.id if self.panel.detail else None
        period = self.period.period()
        rows = emergencies.list_emergencies(self.ctx.store, period, self.open_only.isChecked(), scope=self.ctx.scope)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        values = kpis.figures(self.ctx.store, period, scope=self.ctx.scope)
        self.cards["emergencies"].set_value(values["emergencies"])
        self.cards["initial_response_success_rate"].set_value(kpis.percent(values["initial_response_success_rate"]))
        self.cards["open"].set_value(len(emergencies.list_emergencies(self.ctx.store, open_only=True, scope=self.ctx.scope)))
        if shown and not select_where(self.view, lambda e: e.id == shown):
            self.panel.show_emergency(shown)

    def open_record(self, kind: str, record_id: str) -> None:
        """From 首页's to-do list: every open emergency listed, this one selected."""
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(""))
        self.period.blockSignals(False)
        self.open_only.setChecked(False)
        self.refresh()
        if not select_where(self.view, lambda e: e.id == record_id):
            self.panel.show_emergency(record_id)

    def print_page(self) -> None:
        """文件 › 打印: the incident ledger as listed, as a PDF."""
        self.export("pdf")

    def export(self, fmt: str) -> None:
        """The incidents as listed (period, 只看处置中) to an Excel or PDF ledger."""
        period, open_only, scope = self.period.period(), self.open_only.isChecked(), self.ctx.scope
        export_ledger_file(self, self.ctx, "突发事件台账", f"突发事件台账_{self.period.title().replace(' ', '')}", fmt,
                           lambda store, actor, path, job: emergency_ledger.export_emergencies(
                               store, actor, path, fmt, period, open_only, scope, job))

    def _open(self, dialog) -> None:
        open_form(self, dialog, self._saved)

    def _saved(self, result) -> None:
        # the form publishes what it wrote just after this, and the list redraws keeping the one shown
        if isinstance(self.dialog, EmergencyDialog):
            self.panel.show_emergency(result)

    def new_emergency(self) -> None:
        self._open(EmergencyDialog(self.ctx, self))

    def _action(self, key: str) -> None:
        d = self.panel.detail
        if d is None:
            return
        dialog = {"commander": CommanderDialog, "days": ServiceDaysDialog, "close": CloseDialog}[key]
        self._open(dialog(self.ctx, d, self))
