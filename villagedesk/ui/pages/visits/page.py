"""走访与回访: the period's figures, and tabs for visits, follow-ups, notice campaigns and open findings."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.services.field_work import follow_ups, kpis, visit_ledger
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.visits.day_entry import DayEntryDialog
from villagedesk.ui.pages.visits.findings_tab import CloseFindingDialog, FindingsTab
from villagedesk.ui.pages.visits.follow_ups_tab import FollowUpsTab
from villagedesk.ui.pages.visits.notices_tab import NoticeDialog, NoticesTab
from villagedesk.ui.pages.visits.visit_dialog import VisitDialog
from villagedesk.ui.pages.visits.visits_tab import VisitsTab
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.cards import FigureCard, card_row
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.ledger_export import export_ledger_file
from villagedesk.ui.widgets.period_picker import PeriodPicker
from villagedesk.ui.widgets.table_view import on_row_chosen, selected, selected_or_say
from villagedesk.ui.widgets.tabs import add_tabs


class VisitsPage(QWidget):
    SHOWS = {"figures": {Kind.VISITS, Kind.FOLLOW_UPS, Kind.NOTICES, Kind.SETTINGS},
             "visits": {Kind.VISITS, Kind.FINDINGS, Kind.WORKERS, Kind.ASSIGNMENTS, Kind.GRIDS, Kind.HOUSEHOLDS,
                        Kind.RESIDENTS},
             "follow_ups": {Kind.FOLLOW_UPS, Kind.VISITS, Kind.WORKERS, Kind.HOUSEHOLDS, Kind.RESIDENTS,
                            Kind.SETTINGS},
             "notices": {Kind.NOTICES, Kind.HOUSEHOLDS, Kind.GRIDS},
             "findings": {Kind.FINDINGS, Kind.VISITS, Kind.DISPUTES}}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        head = QHBoxLayout()
        title = QLabel("走访与回访")
        title.setProperty("role", "title")
        head.addWidget(title, 1)
        head.addWidget(QLabel("期间："))
        self.period = PeriodPicker("visit-period", default="month")
        head.addWidget(self.period)
        layout.addLayout(head)
        self.cards = {"visits": FigureCard("本期入户走访", "次"), "contacts": FigureCard("本期电话/微信联系", "次"),
                      "follow_up_rate": FigureCard("本期二次回访率"),
                      "overdue": FigureCard("逾期未回访", "户"),
                      "notice_coverage_hours_median": FigureCard("宣传全覆盖用时（中位数）", "小时")}
        layout.addLayout(card_row(self.cards))
        self.visits_tab, self.follow_ups_tab = VisitsTab(ctx), FollowUpsTab(ctx)
        self.notices_tab, self.findings_tab = NoticesTab(ctx), FindingsTab(ctx)
        self.tabs = add_tabs(layout, ((self.visits_tab, "走访记录"), (self.follow_ups_tab, "二次回访"),
                                      (self.notices_tab, "政策宣传(&X)"), (self.findings_tab, "发现事项")), "visit-tabs")

        self.visits_tab.buttons["new"].clicked.connect(self.new_visit)
        self.visits_tab.buttons["day"].clicked.connect(self.day_entry)
        self.visits_tab.buttons["export-xlsx"].clicked.connect(lambda: self.export("xlsx"))
        self.visits_tab.buttons["export-pdf"].clicked.connect(lambda: self.export("pdf"))
        self.follow_ups_tab.record.clicked.connect(self.record_follow_up)
        on_row_chosen(self.follow_ups_tab.view, self.record_follow_up)
        self.notices_tab.new_button.clicked.connect(self.new_notice)
        self.findings_tab.close_button.clicked.connect(self.close_finding)
        self.period.currentIndexChanged.connect(self.refresh)
        self.refresher = Refresher(self, ctx.events)
        for part, refresh in (("figures", self.refresh_figures), ("visits", self.refresh_visits),
                              ("follow_ups", self.follow_ups_tab.refresh),
                              ("notices", lambda: self.notices_tab.set_period(self.period.period())),
                              ("findings", self.findings_tab.refresh)):
            self.refresher.watch(self.SHOWS[part], refresh)
        self.refresh()

    def refresh(self) -> None:
        period = self.period.period()
        self.refresh_figures()
        self.visits_tab.reload_choices()
        self.visits_tab.set_period(period)
        self.follow_ups_tab.refresh()
        self.notices_tab.set_period(period)
        self.findings_tab.refresh()

    def refresh_visits(self) -> None:
        self.visits_tab.reload_choices()
        self.visits_tab.set_period(self.period.period())

    def refresh_figures(self) -> None:
        period = self.period.period()
        values = kpis.figures(self.ctx.store, period)
        in_person, by_contact = kpis.visits_by_way(self.ctx.store, period)  # stats' `visits` adds both up
        self.cards["visits"].set_value(in_person)
        self.cards["contacts"].set_value(by_contact)
        self.cards["follow_up_rate"].set_value(kpis.percent(values["follow_up_rate"]))
        self.cards["overdue"].set_value(len(follow_ups.pending(self.ctx.store, overdue_only=True, scope=self.ctx.scope,
                                                                  actor=self.ctx.actor)))
        hours = values["notice_coverage_hours_median"]
        self.cards["notice_coverage_hours_median"].set_value("—" if hours is None else f"{hours:.1f}")

    def open_record(self, kind: str, record_id: str) -> None:
        """From 首页's to-do list: an overdue follow-up or a notice not yet fully covered."""
        if kind == "notice":
            self.tabs.setCurrentWidget(self.notices_tab)
            self.notices_tab.uncovered_only.setChecked(False)
            self.period.setCurrentIndex(self.period.findData(""))
            if not self.notices_tab.select(record_id):
                self.notices_tab.show_notice(record_id)
        else:
            self.tabs.setCurrentWidget(self.follow_ups_tab)
            self.follow_ups_tab.overdue_only.setChecked(False)
            self.follow_ups_tab.worker.setCurrentIndex(0)
            self.follow_ups_tab.select(record_id)

    def print_page(self) -> None:
        """文件 › 打印: on 政策宣传 the chosen grid's unreached households, else the visits ledger as a PDF."""
        if self.tabs.currentWidget() is self.notices_tab:
            self.notices_tab.print_unreached(True)
        else:
            self.export("pdf")

    def export(self, fmt: str) -> None:
        """The 走访记录 tab as filtered (period, grid, worker) to an Excel or PDF ledger."""
        period, tab = self.period.period(), self.visits_tab
        grid_id, worker_id, scope = tab.grid.currentData(), tab.worker.currentData(), self.ctx.scope
        export_ledger_file(self, self.ctx, "走访台账", f"入户走访台账_{self.period.title().replace(' ', '')}", fmt,
                           lambda store, actor, path, job: visit_ledger.export_visits(
                               store, actor, path, fmt, grid_id, worker_id, period, scope, job))

    # -- dialogs --
    def _open(self, dialog) -> None:
        open_form(self, dialog)  # once saved, the form publishes what it wrote

    def new_visit(self) -> None:
        self._open(VisitDialog(self.ctx, self))

    def day_entry(self) -> None:
        self._open(DayEntryDialog(self.ctx, self))

    def record_follow_up(self) -> None:
        line = selected_or_say(self.follow_ups_tab.view, self, "登记回访", "请先在表中选中一户。")
        if line is None:
            return
        self._open(VisitDialog(self.ctx, self, follow_up=line))

    def new_notice(self) -> None:
        self._open(NoticeDialog(self.ctx, self))

    def close_finding(self) -> None:
        finding = selected(self.findings_tab.view)
        if finding is not None:
            self._open(CloseFindingDialog(self.ctx, finding, self))
