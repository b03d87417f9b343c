"""物资与库存 tab: the goods catalogue, stock-in (donation or purchase), stocktake, and each item's movements."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.permissions import Action as Can
from villagedesk.services.points import goods, stock
from villagedesk.ui import messages
from villagedesk.ui.pages.points.forms import PointsForm
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.splitter import remembered

GOODS_COLUMNS = [Col("物资", lambda g: g.name), Col("单位", lambda g: g.unit),
                 Col("兑换积分", lambda g: g.points_price, True), Col("参考价值（元）", lambda g: f"{g.value_yuan:.2f}", True),
                 Col("库存", lambda g: g.stock, True), Col("低库存提醒", lambda g: g.low_stock_at, True),
                 Col("状态", lambda g: ("库存不足" if g.low else "正常") if g.active else "停用")]
MOVE_COLUMNS = [Col("时间", lambda m: m.when), Col("类别", lambda m: m.kind_label),
                Col("数量", lambda m: f"{m.quantity:+d}", True), Col("价值（元）", lambda m: f"{m.value_yuan:.2f}", True),
                Col("来源/凭证/原因", lambda m: m.detail), Col("经办人", lambda m: m.operator_name)]


class GoodsDialog(PointsForm):
    def __init__(self, ctx, item=None, parent: QWidget | None = None):
        super().__init__("新增兑换物资" if item is None else f"修改“{item.name}”", parent)
        self.name = self.row("物资名称", QLineEdit(item.name if item else ""))
        self.unit = self.row("单位", QLineEdit(item.unit if item else ""))
        self.price = self.row("兑换积分", QLineEdit(str(item.points_price) if item else ""))
        self.value = self.row("参考价值（元）", QLineEdit(f"{item.value_yuan:.2f}" if item else ""))
        self.low = self.row("低库存提醒", QLineEdit(str(item.low_stock_at) if item else "5"))
        self.active = self.row("可兑换", QCheckBox("启用"))
        self.active.setChecked(item.active if item else True)
        fields = lambda: (self.name.text(), self.unit.text(), self.price.text(), self.value.text(), self.low.text())  # noqa: E731
        if item is None:
            self.submit = lambda: goods.add_goods(ctx.store, ctx.actor, *fields())
        else:
            self.submit = lambda: goods.update_goods(ctx.store, ctx.actor, item.id, *fields(), self.active.isChecked())


class StockInDialog(PointsForm):
    def __init__(self, ctx, item, parent: QWidget | None = None):
        super().__init__(f"入库：{item.name}", parent)
        self.kind = self.row("来源类别", QComboBox())
        for key, label in stock.SOURCE_KINDS.items():
            self.kind.addItem(label, key)
        self.quantity = self.row(f"数量（{item.unit}）", QLineEdit())
        self.value = self.row("价值（元）", QLineEdit())
        self.source = self.row("来源", QLineEdit())
        self.source.setPlaceholderText("捐赠单位/个人，或采购商家")
        self.submit = lambda: stock.stock_in(ctx.store, ctx.actor, item.id, self.kind.currentData(),
                                             self.quantity.text(), self.value.text(), self.source.text())


class StocktakeDialog(PointsForm):
    def __init__(self, ctx, item, parent: QWidget | None = None):
        super().__init__(f"盘点：{item.name}", parent, f"账面库存 {item.stock}{item.unit}。填写实际清点的数量和差异原因。")
        self.counted = self.row(f"实盘数量（{item.unit}）", QLineEdit())
        self.reason = self.row("调整原因", QLineEdit())
        self.submit = lambda: stock.stocktake(ctx.store, ctx.actor, item.id, self.counted.text(), self.reason.text())


class GoodsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        self.buttons = button_row(layout, "goods", (("add", "新增物资…", self.add), ("edit", "修改…", self.edit),
                                                    ("stock_in", "入库…", self.stock_in),
                                                    ("stocktake", "盘点…", self.stocktake)))
        gate(self.ctx, self.buttons["stocktake"], Can.ADJUST_STOCK)
        split = QSplitter()
        self.table = RowsTable(GOODS_COLUMNS, stretch=0, muted=lambda g: not g.active)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_movements())
        self.moves = RowsTable(MOVE_COLUMNS, stretch=4)
        split.addWidget(self.table)
        split.addWidget(self.moves)
        remembered(split, "goods")
        layout.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        self.show_goods(goods.goods_list(self.ctx.store))

    def show_goods(self, rows: list) -> None:
        keep = self.table.current()
        self.table.set_rows(rows)
        ids = [g.id for g in rows]
        if keep and keep.id in ids:
            self.table.select_row(ids.index(keep.id))
        self.show_movements()

    def show_movements(self) -> None:
        item = self.table.current()
        self.moves.set_rows(stock.movements(self.ctx.store, item.id) if item else [])

    def _open(self, dialog: PointsForm) -> None:
        self.dialog = dialog
        dialog.open()  # once saved, the form publishes what it wrote: this tab redraws from that

    def _selected(self, action: str):
        item = self.table.current()
        if item is None:
            messages.warn(self, action, "请先在物资列表中选中一种物资。")
        return item

    def add(self) -> None:
        self._open(GoodsDialog(self.ctx, None, self))

    def edit(self) -> None:
        if item := self._selected("修改物资"):
            self._open(GoodsDialog(self.ctx, item, self))

    def stock_in(self) -> None:
        if item := self._selected("入库"):
            self._open(StockInDialog(self.ctx, item, self))

    def stocktake(self) -> None:
        if item := self._selected("盘点"):
            self._open(StocktakeDialog(self.ctx, item, self))
