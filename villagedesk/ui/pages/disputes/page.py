"""矛盾纠纷: the dispute ledger by grid and state, the period's figures, and one dispute's mediation ladder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.domain.field_work import disputes as rules
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.field_work import agreement, kpis, ledger, people
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.disputes.detail import DisputePanel
from villagedesk.ui.pages.disputes.dialogs import DisputeDialog, MediationDialog, OutcomeDialog, PartyDialog
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.cards import FigureCard
from villagedesk.ui.widgets.field_forms import ask_save_path
from villagedesk.ui.widgets.filters import filter_row, refresh_on_change
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.ledger_export import export_ledger_file
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.period_picker import PeriodPicker
from villagedesk.ui.widgets.pickers import combo, refill_combo, set_combo_data
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import follow_selection, select_where, table_view

COLUMNS = [
    Col("网格", lambda x: x.grid_name), Col("发现日期", lambda x: x.found_on.isoformat()),
    Col("类别", lambda x: x.kind_label), Col("当事人", lambda x: x.parties),
    Col("调解次数", lambda x: x.attempts, True), Col("状态", lambda x: x.state_label),
    Col("结果日期", lambda x: x.closed_on.isoformat() if x.closed_on else ""),
    Col("历时（天）", lambda x: x.days, True), Col("纠纷经过", lambda x: x.summary.replace("\n", " ")),
]


class DisputesPage(QWidget):
    SHOWS = {Kind.DISPUTES, Kind.GRIDS, Kind.WORKERS, Kind.RESIDENTS}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.cards = {"disputes": FigureCard("本期纠纷", "件"), "mediation_success_rate": FigureCard("前置调解成功率"),
                      "disputes_escalated": FigureCard("本期上报", "件"), "open": FigureCard("调解中（全部）", "件")}
        layout = page_head(self, "矛盾纠纷", self.cards, "能力范围内前置调解，能力范围外迅速上报。选中台账中的一行，右侧显示详情和调解记录。")

        self.period = PeriodPicker("dispute-period")
        self.grid = combo([("全部网格", None)], "dispute-grid-filter")
        self.state = combo([("全部状态", None)] + [(v, k) for k, v in rules.STATES.items()], "dispute-state-filter")
        filters = filter_row(layout, (QLabel("期间："), self.period, self.grid, self.state))
        self.buttons = add_buttons(filters, "dispute", (("new", "登记纠纷(&N)", self.new_dispute),
                                                        ("export-xlsx", "导出台账 Excel(&E)", lambda: self.export("xlsx")),
                                                        ("export-pdf", "导出台账 PDF(&P)", lambda: self.export("pdf"))))
        gate(self.ctx, self.buttons["new"], Can.RECORD_FIELD_WORK)

        split = QSplitter(Qt.Orientation.Horizontal)
        many = not ctx.scope.single  # a township's ledger over several villages says each dispute's
        self.columns = ([Col("村", lambda x: x.village_name)] if many else []) + COLUMNS
        self.model = RowsModel(self.columns, self, highlight=lambda x: x.outcome is None and x.days > 30)
        self.view = table_view(self.model, "dispute-table")
        self.panel = DisputePanel(ctx)
        split.addWidget(self.view)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        remembered(split, "disputes", [620, 420])
        layout.addWidget(split, 1)
        self.count = QLabel()
        self.count.setObjectName("dispute-count")
        layout.addWidget(self.count)

        self._load_grids()
        refresh_on_change(self.refresh, self.period, self.grid, self.state)
        follow_selection(self.view, lambda line: self.panel.show_dispute(line.id))
        self.panel.action.connect(self._action)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(self.SHOWS, self.refresh)
        self.refresh()

    def _load_grids(self) -> None:
        refill_combo(self.grid, [("全部网格", None)] + [(f"{g.code} {g.name}", g.id) for g in people.grids(self.ctx.store, scope=self.ctx.scope)])

    def refresh(self) -> None:
        self._load_grids()
        shown = self.panel.detail.id if self.panel.detail else None
        period = self.period.period()
        lines = ledger.ledger(self.ctx.store, self.grid.currentData(), self.state.currentData(), period, scope=self.ctx.scope,
                              actor=self.ctx.actor)
        self.model.set_rows(lines)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(len(self.columns) - 1, 320)
        self.count.setText(f"{self.period.title()}共 {len(lines)} 件")
        values = kpis.figures(self.ctx.store, period, scope=self.ctx.scope)
        self.cards["disputes"].set_value(values["disputes"])
        self.cards["mediation_success_rate"].set_value(kpis.percent(values["mediation_success_rate"]))
        self.cards["disputes_escalated"].set_value(values["disputes_escalated"])
        self.cards["open"].set_value(len(ledger.ledger(self.ctx.store, state="open", scope=self.ctx.scope,
                                                            actor=self.ctx.actor)))
        if shown and not select_where(self.view, lambda x: x.id == shown):
            self.panel.show_dispute(shown)

    def open_record(self, kind: str, record_id: str) -> None:
        """From 首页's to-do list: show every dispute and select this one."""
        for box, data in ((self.period, ""), (self.grid, None), (self.state, None)):
            box.blockSignals(True)
            set_combo_data(box, data)
            box.blockSignals(False)
        self.refresh()
        if not select_where(self.view, lambda x: x.id == record_id):
            self.panel.show_dispute(record_id)

    # -- dialogs --
    def _open(self, dialog) -> None:
        open_form(self, dialog, self._saved)

    def _saved(self, result) -> None:
        # the form publishes what it wrote just after this, and the list redraws keeping the one shown
        if isinstance(result, str) and isinstance(self.dialog, DisputeDialog):
            self.panel.show_dispute(result)

    def new_dispute(self) -> None:
        self._open(DisputeDialog(self.ctx, self))

    def _action(self, key: str) -> None:
        d = self.panel.detail
        if d is None:
            return
        if key == "party":
            self._open(PartyDialog(self.ctx, d.id, self))
        elif key == "mediate":
            self._open(MediationDialog(self.ctx, d.id, self))
        elif key == "outcome":
            self._open(OutcomeDialog(self.ctx, d, self))
        elif key == "agreement":
            self.print_agreement()

    def print_agreement(self) -> None:
        d = self.panel.detail
        names = "与".join(p.name for p in d.parties[:2])
        path = ask_save_path(self, "保存调解协议书", f"调解协议书_{names}.pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return
        actor = self.ctx.actor
        self.ctx.jobs.start("打印调解协议书", lambda store, _job: agreement.export_agreement(store, actor, d.id, path),
                            on_done=lambda p: messages.info(self, "调解协议书", f"已保存：{p}"), parent_widget=self)

    def print_page(self) -> None:
        """文件 › 打印: the dispute ledger as listed, as a PDF."""
        self.export("pdf")

    def export(self, fmt: str) -> None:
        period, grid_id, state = self.period.period(), self.grid.currentData(), self.state.currentData()
        export_ledger_file(self, self.ctx, "纠纷台账", f"矛盾纠纷台账_{self.period.title().replace(' ', '')}", fmt,
                           lambda store, actor, path, job: ledger.export_ledger(
                               store, actor, path, fmt, grid_id, state, period, job))
