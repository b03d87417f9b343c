"""The 轮换记录 tab: the full history of who held which grid from when to when; rotate a grid, end a post."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import grids, rotation, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.form_dialog import FormDialog, open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import selected_or_say, table_view

COLUMNS = [
    Col("网格", lambda a: a.grid_name), Col("网格员", lambda a: a.worker_name), Col("职责", lambda a: a.role_label),
    Col("任职起", lambda a: a.start_date), Col("任职止", lambda a: a.end_date or "至今"),
    Col("说明", lambda a: a.reason),
]


class RotateDialog(FormDialog):
    """轮换: the grid passes to another worker from a date; the outgoing worker's post ends that day."""

    def __init__(self, ctx: AppContext, grid_id: str | None = None, parent: QWidget | None = None):
        super().__init__("网格员轮换", parent, ok_text="轮换", min_width=560)
        self.ctx = ctx
        held = [g for g in grids.grid_table(ctx.store) if not g.vacant]
        self.grid = self.row("网格", combo([(f"{g.code} {g.name}（现任 {g.worker_name}，{g.worker_since} 起）", g.id)
                                           for g in held], "rotate-grid"))
        self.worker = self.row("接任网格员", combo([(w.name + (f"（现任 {w.grid_name}）" if w.grid_name else ""), w.id)
                                                for w in workers.active_workers(ctx.store)], "rotate-worker"))
        self.start = self.row("轮换日期", date_edit(name="rotate-date"))
        self.reason = self.row("说明", QLineEdit())
        self.reason.setObjectName("rotate-reason")
        self.reason.setPlaceholderText("例如：定期轮换")
        if grid_id:
            i = self.grid.findData(grid_id)
            if i >= 0:
                self.grid.setCurrentIndex(i)
        note = QLabel("接任者若正负责另一个网格，那个网格将同日空缺，请随后任命新人。")
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        self.extra.addWidget(note)

    def submit(self) -> object:
        from villagedesk.domain.errors import ValidationError

        if self.grid.currentData() is None or self.worker.currentData() is None:
            raise ValidationError("网格", "没有可轮换的网格或网格员")
        return rotation.rotate(self.ctx.store, self.ctx.actor, self.grid.currentData(), self.worker.currentData(),
                               date_of(self.start), self.reason.text())


class EndDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: rotation.AssignmentRow, parent: QWidget | None = None):
        super().__init__(f"卸任：{row.worker_name}（{row.grid_name}{row.role_label}）", parent, ok_text="卸任", min_width=560)
        self.ctx, self.assignment = ctx, row
        self.day = self.row("卸任日期", date_edit(name="end-date"))
        self.reason = self.row("原因", QLineEdit())
        self.reason.setObjectName("end-reason")

    def submit(self) -> object:
        rotation.end_assignment(self.ctx.store, self.ctx.actor, self.assignment.id, date_of(self.day),
                                self.reason.text())
        return self.assignment.id


class RotationTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("网格："))
        self.grid = combo([], "rotation-grid-filter")
        filters.addWidget(self.grid, 1)
        layout.addLayout(filters)
        self.model = RowsModel(COLUMNS, self, highlight=None)
        self.view = table_view(self.model, "rotation-table", fit_contents=True)
        layout.addWidget(self.view, 1)
        self.buttons = button_row(layout, "rotation", (("rotate", "轮换", self.rotate), ("end", "卸任", self.end)))
        for button in self.buttons.values():
            gate(ctx, button, Can.MANAGE_GRIDS)
        self.grid.currentIndexChanged.connect(self._load)
        self.refresh()

    def refresh(self) -> None:
        keep = self.grid.currentData()
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.addItem("全部网格", "")
        for g in grids.grid_table(self.ctx.store, status=""):
            self.grid.addItem(f"{g.code} {g.name}", g.id)
        i = self.grid.findData(keep)
        self.grid.setCurrentIndex(max(0, i))
        self.grid.blockSignals(False)
        self._load()

    def _load(self) -> None:
        self.model.set_rows(rotation.history(self.ctx.store, self.grid.currentData() or ""))

    def _open(self, dialog) -> None:
        open_form(self, dialog)

    def rotate(self) -> None:
        self._open(RotateDialog(self.ctx, self.grid.currentData() or None, self))

    def end(self) -> None:
        row = selected_or_say(self.view, self, "卸任", "请先选中一条“至今”仍在任的记录。", usable=lambda r: r.current)
        if row is None:
            return
        self._open(EndDialog(self.ctx, row, self))
