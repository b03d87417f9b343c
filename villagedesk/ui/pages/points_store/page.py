"""积分超市: figures, then the counter, goods and stock, and the receipts in tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from villagedesk.domain import clock
from villagedesk.domain.changes import Kind
from villagedesk.domain.period import parse_period
from villagedesk.services.points import goods, kpis
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.points_store.counter import CounterTab
from villagedesk.ui.pages.points_store.goods_tab import GoodsTab
from villagedesk.ui.pages.points_store.receipts_tab import ReceiptsTab
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.cards import FigureCard
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.tabs import add_tabs


class StorePage(QWidget):
    # the goods and their stock are read once for the low-stock figure, the counter and the goods tab
    SHOWS = {"figures": {Kind.REDEMPTIONS},
             "goods": {Kind.GOODS, Kind.STOCK},
             "quote": {Kind.GOODS, Kind.STOCK, Kind.LEDGER, Kind.HOUSEHOLDS, Kind.RESIDENTS},
             "receipts": {Kind.REDEMPTIONS, Kind.RECEIPTS, Kind.HOUSEHOLDS, Kind.RESIDENTS}}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.cards = {"redemptions": FigureCard("今年兑换", "次"),
                      "goods_value_issued_yuan": FigureCard("今年发放物资价值", "元"),
                      "low": FigureCard("库存不足的物资", "种")}
        layout = page_head(self, "积分超市", self.cards)
        self.counter = CounterTab(ctx)
        self.goods = GoodsTab(ctx)
        self.receipts = ReceiptsTab(ctx)
        self.tabs = add_tabs(layout, ((self.counter, "柜台兑换"), (self.goods, "物资与库存"), (self.receipts, "兑换记录")))
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(self.SHOWS["figures"], self.refresh_figures)
        self.refresher.watch(self.SHOWS["goods"], self.refresh_goods)
        self.refresher.watch(self.SHOWS["quote"], self.counter.update_quote)  # after the goods: it prices from them
        self.refresher.watch(self.SHOWS["receipts"], self.receipts.refresh)
        self.refresh_figures()
        self.cards["low"].set_value(sum(g.low for g in self.counter.catalogue.values()))

    def refresh_figures(self) -> None:
        year = kpis.redemption_figures(self.ctx.store, parse_period(str(clock.today().year)))
        self.cards["redemptions"].set_value(year["redemptions"])
        self.cards["goods_value_issued_yuan"].set_value(f"{year['goods_value_issued_yuan']:,.2f}")

    def refresh_goods(self) -> None:
        rows = goods.goods_list(self.ctx.store)
        self.cards["low"].set_value(sum(g.low for g in rows))
        self.counter.show_goods(rows)
        self.goods.show_goods(rows)
