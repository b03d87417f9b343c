"""网格与网格员: the figures, the vacancy flag, and the tabs — grids, workers, rotation, evaluation, reserve, training,
payroll at a village, the stipend tiers sent down at a township."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.domain.grids.worker import SOURCE_LABELS
from villagedesk.services.grids import overview
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.grids.evaluation_tab import EvaluationTab
from villagedesk.ui.pages.grids.grid_tab import GridTab
from villagedesk.ui.pages.grids.payroll_tab import PayrollTab
from villagedesk.ui.pages.grids.reserve_tab import ReserveTab
from villagedesk.ui.pages.grids.rotation_tab import RotationTab
from villagedesk.ui.pages.grids.township_stipends import TownshipStipendTab
from villagedesk.ui.pages.grids.training_tab import TrainingTab
from villagedesk.ui.pages.grids.worker_tab import WorkerTab
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.cards import FigureCard, card_row, percent
from villagedesk.ui.widgets.labels import role_label

TABS = (("网格", GridTab), ("网格员", WorkerTab), ("轮换记录", RotationTab), ("考评", EvaluationTab),
        ("后备力量", ReserveTab), ("培训", TrainingTab), ("补贴发放", PayrollTab), ("补贴标准", TownshipStipendTab))
# What each part shows; a tab that is not on top redraws when it is next shown.
FIGURES = {Kind.GRIDS, Kind.WORKERS, Kind.ASSIGNMENTS, Kind.EVALUATIONS, Kind.TRAININGS, Kind.RESERVE}
SHOWS = {"网格": {Kind.GRIDS, Kind.ASSIGNMENTS, Kind.WORKERS, Kind.HOUSEHOLDS, Kind.RESIDENTS},
         "网格员": {Kind.WORKERS, Kind.ASSIGNMENTS, Kind.GRIDS, Kind.RESERVE},
         "轮换记录": {Kind.ASSIGNMENTS, Kind.WORKERS, Kind.GRIDS},
         "考评": {Kind.EVALUATIONS, Kind.WORKERS},
         "后备力量": {Kind.RESERVE, Kind.WORKERS},
         "培训": {Kind.TRAININGS, Kind.WORKERS},
         "补贴发放": {Kind.PAYROLL, Kind.STIPENDS, Kind.SERVICE_DAYS, Kind.WORKERS},
         "补贴标准": {Kind.STIPENDS, Kind.VILLAGES}}


HOME_VILLAGE_TABS = ("补贴发放",)
TOWNSHIP_TABS = ("补贴标准",)  # the tier tables the township sets for its villages (sent down)
# The tabs' buttons that write the village's records: greyed out at a township node (its services refuse them).
# 考评's 录入考评 stays: at a township it enters the township's own evaluation (sent down to the village).
WRITE_BUTTONS = {"grid-new", "grid-edit", "grid-retire", "grid-appoint", "worker-new", "worker-edit", "worker-appoint",
                 "worker-status", "rotation-rotate", "rotation-end", "eval-rubric", "reserve-admit",
                 "reserve-remove", "training-new", "training-attendance"}


class GridsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(role_label("网格与网格员", "title"))
        self.cards = {"grids": FigureCard("微网格", "个"), "workers": FigureCard("在岗网格员", "人"),
                      "party": FigureCard("党员占比"), "area": FigureCard("平均每格面积", "km²"),
                      "vacant": FigureCard("空缺网格", "个")}
        layout.addLayout(card_row(self.cards))
        self.detail = QLabel()
        self.detail.setObjectName("grids-detail")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        self.vacancy = QLabel()
        self.vacancy.setObjectName("vacancy-flag")
        self.vacancy.setProperty("role", "error")
        self.vacancy.setWordWrap(True)
        layout.addWidget(self.vacancy)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("grids-tabs")
        self.tab = {}
        for name, cls in TABS:
            role = getattr(ctx, "node_role", "village")
            if name in HOME_VILLAGE_TABS and role != "village":
                continue  # a township does not pay its villages' workers: each village's payroll stays there
            if name in TOWNSHIP_TABS and role != "township":
                continue
            widget = cls(ctx, self)
            self.tab[name] = widget
            self.tabs.addTab(widget, name)
        layout.addWidget(self.tabs, 1)
        if getattr(ctx, "node_role", "village") != "village":
            from PySide6.QtWidgets import QPushButton

            from villagedesk.ui.widgets.gate import gate

            for button in self.tabs.findChildren(QPushButton):
                if button.objectName() in WRITE_BUTTONS:
                    gate(ctx, button, None)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(FIGURES, self.refresh_figures)
        for name, widget in self.tab.items():
            self.refresher.watch(SHOWS[name], widget.refresh, widget)
        self.refresh_figures()

    def refresh(self) -> None:
        self.refresh_figures()
        for widget in self.tab.values():
            widget.refresh()

    def refresh_figures(self) -> None:
        f = overview.figures(self.ctx.store, scope=self.ctx.scope)
        self.cards["grids"].set_value(f.grids)
        self.cards["workers"].set_value(f.workers_active)
        self.cards["party"].set_value(percent(f.party_share))
        self.cards["area"].set_value("—" if f.mean_area_km2 is None else f"{f.mean_area_km2:.2f}")
        self.cards["vacant"].set_value(len(f.vacancies))
        sources = "，".join(f"{SOURCE_LABELS[k]} {v} 人" for k, v in f.by_source.items())
        self.detail.setText(f"网格员来源：{sources}。今年表彰 {f.commended_this_year} 人，调整 {f.replaced_this_year} 人，"
                            f"培训 {f.trainings_this_year} 场；村干部后备力量 {f.reserve_cadres} 人。")
        flags = []
        if f.vacancies:
            parts = [f"{v.grid_name}（{v.last_worker} {v.since} 起，{v.reason}）" if v.last_worker
                     else f"{v.grid_name}（从未任命）" for v in f.vacancies[:6]]
            more = f" 等 {len(f.vacancies)} 个" if len(f.vacancies) > 6 else ""
            flags.append("⚠ 以下网格空缺网格员，请尽快任命：" + "；".join(parts) + more)
        if f.stand_ins:  # a resting worker keeps the grid, but someone must do its work meanwhile
            parts = [f"{s.grid_name}（{s.worker_name} {s.since} 起暂停，{s.reason}）" for s in f.stand_ins[:6]]
            more = f" 等 {len(f.stand_ins)} 个" if len(f.stand_ins) > 6 else ""
            flags.append("⚠ 以下网格的网格员暂停，请安排代岗：" + "；".join(parts) + more)
        self.vacancy.setText("\n".join(flags))
        self.vacancy.setVisible(bool(flags))
