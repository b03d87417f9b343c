"""Dialogs of the 网格 tab: create or edit a grid, retire it, appoint a worker to it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from villagedesk.domain.grids.grid import NATURAL_UNITS
from villagedesk.domain.grids.worker import ROLE_LABELS
from villagedesk.services.grids import grids, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of, line_edit, set_combo_data


class GridDialog(FormDialog):
    """新建网格 / 修改网格."""

    def __init__(self, ctx: AppContext, grid: grids.GridRow | None = None, parent: QWidget | None = None):
        super().__init__("修改网格" if grid else "新建网格", parent, min_width=560)
        self.ctx, self.grid = ctx, grid
        self.code = self.row("网格编号", line_edit("grid-code", "例如 01", grid.code if grid else grids.next_code(ctx.store)))
        self.name = self.row("网格名称", line_edit("grid-name", "按湾、沟、院取名，例如 上湾", grid.name if grid else ""))
        self.unit = self.row("自然单元", combo([(u, u) for u in NATURAL_UNITS], "grid-unit"))
        area = "" if grid is None or grid.area_km2 is None else f"{grid.area_km2:g}"
        self.area = self.row("面积（平方公里）", line_edit("grid-area", "例如 0.37", area))
        self.bounds = self.row("四至范围", line_edit("grid-bounds", "东至…，西至…", grid.bounds if grid else ""))
        hh = "" if grid is None or grid.manual_households is None else str(grid.manual_households)
        people = "" if grid is None or grid.manual_residents is None else str(grid.manual_residents)
        self.households = self.row("户数（未录入农户时）", line_edit("grid-households", "录入农户后自动统计", hh))
        self.residents = self.row("人口（未录入农户时）", line_edit("grid-residents", "用于阶梯补贴分档", people))
        self.notes = self.row("备注", line_edit("grid-notes", "", grid.notes if grid else ""))
        if grid:
            set_combo_data(self.unit, grid.natural_unit)

    def submit(self) -> object:
        args = (self.code.text(), self.name.text(), self.unit.currentData(), self.area.text(), self.bounds.text(),
                self.notes.text(), self.households.text(), self.residents.text())
        if self.grid is None:
            return grids.create_grid(self.ctx.store, self.ctx.actor, *args)
        grids.edit_grid(self.ctx.store, self.ctx.actor, self.grid.id, *args)
        return self.grid.id


class RetireDialog(FormDialog):
    def __init__(self, ctx: AppContext, grid: grids.GridRow, parent: QWidget | None = None):
        super().__init__(f"撤销网格：{grid.name}", parent, ok_text="撤销网格", min_width=560)
        self.ctx, self.grid = ctx, grid
        self.day = self.row("撤销日期", date_edit(name="retire-date"))
        self.reason = self.row("撤销原因", line_edit("retire-reason", "例如：并入下湾"))

    def submit(self) -> object:
        grids.retire_grid(self.ctx.store, self.ctx.actor, self.grid.id, date_of(self.day), self.reason.text())
        return self.grid.id


class AppointDialog(FormDialog):
    """任命网格员: pick an active worker for a grid (primary or deputy)."""

    def __init__(self, ctx: AppContext, grid: grids.GridRow | None = None, worker_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__("任命网格员", parent, ok_text="任命", min_width=560)
        self.ctx = ctx
        active = [g for g in grids.grid_table(ctx.store)]
        self.grid = self.row("网格", combo([(f"{g.code} {g.name}" + ("（空缺）" if g.vacant else ""), g.id)
                                           for g in active], "appoint-grid"))
        self.worker = self.row("网格员", combo([(w.name + (f"（现任 {w.grid_name}）" if w.grid_name else ""), w.id)
                                             for w in workers.active_workers(ctx.store)], "appoint-worker"))
        self.role = self.row("职责", combo([(v, k) for k, v in ROLE_LABELS.items()], "appoint-role"))
        self.start = self.row("任职日期", date_edit(name="appoint-date"))
        if grid is not None:
            set_combo_data(self.grid, grid.id)
        if worker_id is not None:
            set_combo_data(self.worker, worker_id)

    def submit(self) -> object:
        if self.worker.currentData() is None or self.grid.currentData() is None:
            from villagedesk.domain.errors import ValidationError
            raise ValidationError("网格员", "请先在“网格员”页新增网格员")
        return workers.appoint(self.ctx.store, self.ctx.actor, self.worker.currentData(), self.grid.currentData(),
                               date_of(self.start), self.role.currentData())
