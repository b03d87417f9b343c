"""志愿积分: figures, then activities, the ledger, the ranking and the rule catalogue in tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from villagedesk.domain import clock
from villagedesk.domain.changes import Kind
from villagedesk.domain.period import parse_period
from villagedesk.services.points import kpis
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.points.activities_tab import ActivitiesTab
from villagedesk.ui.pages.points.ledger_tab import LedgerTab
from villagedesk.ui.pages.points.ranking_tab import RankingTab
from villagedesk.ui.pages.points.rules_tab import RulesTab
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.cards import FigureCard
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.tabs import add_tabs


class PointsPage(QWidget):
    SHOWS = {"figures": {Kind.ACTIVITIES, Kind.LEDGER},
             "activities": {Kind.ACTIVITIES, Kind.RULES},
             "ledger": {Kind.LEDGER, Kind.HOUSEHOLDS, Kind.RESIDENTS, Kind.GRIDS},
             "ranking": {Kind.LEDGER, Kind.HOUSEHOLDS, Kind.RESIDENTS},
             "rules": {Kind.RULES}}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.cards = {"activities": FigureCard("今年志愿服务活动", "场"),
                      "points_awarded": FigureCard("今年发放积分", "分"),
                      "points_outstanding": FigureCard("各户未兑换积分", "分")}
        layout = page_head(self, "志愿积分", self.cards)
        self.activities = ActivitiesTab(ctx)
        self.ledger = LedgerTab(ctx)
        self.ranking = RankingTab(ctx)
        self.rules = RulesTab(ctx)
        self.tabs = add_tabs(layout, ((self.activities, "志愿服务活动"), (self.ledger, "积分台账"), (self.ranking, "积分榜"),
                                      (self.rules, "积分规则")))
        self.refresher = Refresher(self, ctx.events)
        for part, refresh in (("figures", self.refresh_figures), ("activities", self.activities.refresh),
                              ("ledger", self.ledger.refresh), ("ranking", self.ranking.refresh),
                              ("rules", self.rules.refresh)):
            self.refresher.watch(self.SHOWS[part], refresh)
        self.refresh_figures()

    def print_page(self) -> None:
        """文件 › 打印: the chosen activity's 公示, the chosen household's 积分对账单, or the 积分红榜."""
        shown = self.tabs.currentWidget()
        if shown is self.ledger:
            self.ledger.print_statement()
        elif shown is self.ranking:
            self.ranking.print_poster()
        else:
            self.activities.print_notice()

    def refresh_figures(self) -> None:
        year = kpis.figures(self.ctx.store, parse_period(str(clock.today().year)))
        total = kpis.figures(self.ctx.store)
        self.cards["activities"].set_value(year["activities"])
        self.cards["points_awarded"].set_value(year["points_awarded"])
        self.cards["points_outstanding"].set_value(total["points_outstanding"])

    def refresh(self) -> None:
        self.refresh_figures()
        self.activities.refresh()
        self.ledger.refresh()
