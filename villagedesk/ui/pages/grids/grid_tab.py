"""The 网格 tab: search and filter the grids, total and mean area, vacancies flagged; create, edit, retire, appoint."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from villagedesk.domain.grids.grid import NATURAL_UNITS
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import grids
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.grids.grid_dialogs import AppointDialog, GridDialog, RetireDialog
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.filters import filter_row, refresh_on_change
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.pickers import combo, search_edit
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import on_row_chosen, selected, selected_or_say, table_view


def _count(g: grids.GridRow, value) -> str:
    if value is None:
        return "—"
    return f"{value}" if g.from_register else f"{value}（手填）"


COLUMNS = [
    Col("编号", lambda g: g.code), Col("网格名称", lambda g: g.name), Col("自然单元", lambda g: g.natural_unit),
    Col("面积（km²）", lambda g: "" if g.area_km2 is None else f"{g.area_km2:.2f}", True),
    Col("户数", lambda g: _count(g, g.households), True), Col("人口", lambda g: _count(g, g.residents), True),
    Col("网格员", lambda g: "⚠ 空缺" if g.vacant else g.worker_name),
    Col("任职起", lambda g: g.worker_since or ""),
    Col("状态", lambda g: "在用" if g.status == "active" else f"已撤销 {g.retired_on or ''}"),
    Col("四至范围", lambda g: g.bounds),
]


class GridTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        self.search = search_edit("按名称、编号、四至或网格员查找", "grid-search")
        self.unit = combo([("全部单元", "")] + [(u, u) for u in NATURAL_UNITS], "grid-unit-filter")
        self.status = combo([("在用", "active"), ("已撤销", "retired"), ("全部", "")], "grid-status-filter")
        self.vacant_only = QCheckBox("只看空缺")
        filter_row(layout, (self.search, self.unit, self.status, self.vacant_only), wide=self.search)
        many = not ctx.scope.single  # a township's table over several villages says each grid's
        self.model = RowsModel(([Col("村", lambda g: g.village_name)] if many else []) + COLUMNS, self,
                               highlight=lambda g: g.vacant)
        self.view = table_view(self.model, "grid-table", fit_contents=True)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("grid-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        actions = (("new", "新建网格(&N)", self.new_grid), ("edit", "修改", self.edit_grid),
                   ("retire", "撤销网格", self.retire_grid), ("appoint", "任命网格员", self.appoint))
        self.buttons = button_row(layout, "grid", actions)
        for button in self.buttons.values():
            gate(ctx, button, Can.MANAGE_GRIDS)
        refresh_on_change(self.refresh, self.search, self.unit, self.status, self.vacant_only)
        on_row_chosen(self.view, self.edit_grid)
        self.refresh()

    def refresh(self) -> None:
        rows = grids.grid_table(self.ctx.store, self.search.text(), self.unit.currentData(),
                                self.status.currentData(), self.vacant_only.isChecked(), scope=self.ctx.scope)
        self.model.set_rows(rows)
        s = grids.area_summary(self.ctx.store, scope=self.ctx.scope)
        mean = "—" if s.mean_km2 is None else f"{s.mean_km2:.2f}"
        self.summary.setText(f"在用网格 {s.grids} 个，总面积 {s.total_km2:.2f} 平方公里，平均每格 {mean} 平方公里"
                             f"　　本表显示 {len(rows)} 个")

    def _selected(self) -> grids.GridRow | None:
        return selected_or_say(self.view, self, "网格", "请先在表中选中一个网格。")

    def _open(self, dialog) -> None:
        open_form(self, dialog)

    def new_grid(self) -> None:
        self._open(GridDialog(self.ctx, None, self))

    def edit_grid(self) -> None:
        if (g := self._selected()) is not None:
            self._open(GridDialog(self.ctx, g, self))

    def retire_grid(self) -> None:
        if (g := self._selected()) is not None:
            self._open(RetireDialog(self.ctx, g, self))

    def appoint(self) -> None:
        self._open(AppointDialog(self.ctx, selected(self.view), None, self))
