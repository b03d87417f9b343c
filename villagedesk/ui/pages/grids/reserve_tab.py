"""The 后备力量 tab: the reserve-cadre pool and its history; admit a worker, take one out."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import reserve, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.form_dialog import FormDialog, open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import selected_or_say, table_view

COLUMNS = [
    Col("姓名", lambda e: e.worker_name), Col("所在网格", lambda e: e.grid_name),
    Col("党员", lambda e: "是" if e.party_member else ""), Col("来源", lambda e: e.source_label),
    Col("学历", lambda e: e.education), Col("纳入日期", lambda e: e.admitted_on), Col("纳入理由", lambda e: e.reason),
    Col("状态", lambda e: "在库" if e.in_pool else f"{e.left_on} 移出：{e.left_reason}"),
]


class AdmitDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("纳入村干部后备力量", parent, ok_text="纳入", min_width=560)
        self.ctx = ctx
        self.worker = self.row("网格员", combo([(w.name + (f"（{w.grid_name}）" if w.grid_name else ""), w.id)
                                             for w in workers.active_workers(ctx.store)], "admit-worker"))
        self.day = self.row("纳入日期", date_edit(name="admit-date"))
        self.reason = self.row("纳入理由", QLineEdit())
        self.reason.setObjectName("admit-reason")
        self.reason.setPlaceholderText("例如：考评优秀，群众认可，符合村干部任职条件")

    def submit(self) -> object:
        from villagedesk.domain.errors import ValidationError

        if self.worker.currentData() is None:
            raise ValidationError("网格员", "没有在岗网格员")
        return reserve.admit(self.ctx.store, self.ctx.actor, self.worker.currentData(), date_of(self.day),
                             self.reason.text())


class RemoveDialog(FormDialog):
    def __init__(self, ctx: AppContext, entry: reserve.ReserveEntry, parent: QWidget | None = None):
        super().__init__(f"移出后备力量：{entry.worker_name}", parent, ok_text="移出", min_width=560)
        self.ctx, self.entry = ctx, entry
        self.day = self.row("移出日期", date_edit(name="remove-date"))
        self.reason = self.row("移出原因", QLineEdit())
        self.reason.setObjectName("remove-reason")
        self.reason.setPlaceholderText("例如：已当选村委委员")

    def submit(self) -> object:
        reserve.remove(self.ctx.store, self.ctx.actor, self.entry.id, date_of(self.day), self.reason.text())
        return self.entry.id


class ReserveTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        self.current_only = QCheckBox("只看在库人员")
        layout.addWidget(self.current_only)
        self.model = RowsModel(COLUMNS, self)
        self.view = table_view(self.model, "reserve-table", fit_contents=True)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("reserve-summary")
        layout.addWidget(self.summary)
        self.buttons = button_row(layout, "reserve", (("admit", "纳入后备力量", self.admit), ("remove", "移出", self.remove)))
        for button in self.buttons.values():
            gate(ctx, button, Can.MANAGE_GRIDS)
        self.current_only.toggled.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = reserve.pool(self.ctx.store, self.current_only.isChecked(), scope=self.ctx.scope)
        self.model.set_rows(rows)
        self.summary.setText(f"在库 {sum(e.in_pool for e in rows)} 人，历史记录 {len(rows)} 条")

    def _open(self, dialog) -> None:
        open_form(self, dialog)

    def admit(self) -> None:
        self._open(AdmitDialog(self.ctx, self))

    def remove(self) -> None:
        entry = selected_or_say(self.view, self, "移出", "请先选中一名在库人员。", usable=lambda r: r.in_pool)
        if entry is None:
            return
        self._open(RemoveDialog(self.ctx, entry, self))
