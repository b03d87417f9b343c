"""The 网格员 tab: the roster with search and filters; add, edit, appoint, status, training history."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from villagedesk.domain.grids.worker import SOURCE_LABELS, STATUS_LABELS
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.grids.grid_dialogs import AppointDialog
from villagedesk.ui.pages.grids.worker_dialogs import StatusDialog, TrainingHistoryDialog, WorkerDialog
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.filters import filter_row, refresh_on_change
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.pickers import combo, search_edit
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import on_row_chosen, selected_or_say, table_view

COLUMNS = [
    Col("姓名", lambda w: w.name), Col("性别", lambda w: w.sex), Col("出生日期", lambda w: w.birth_date),
    Col("身份证号", lambda w: w.id_number_masked), Col("联系电话", lambda w: w.phone),
    Col("党员", lambda w: "是" if w.party_member else ""), Col("来源", lambda w: w.source_label),
    Col("学历", lambda w: w.education), Col("任职日期", lambda w: w.appointed_on),
    Col("所在网格", lambda w: w.grid_name), Col("状态", lambda w: w.status_label),
    Col("后备力量", lambda w: "是" if w.reserve else ""),
]


class WorkerTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        self.search = search_edit("按姓名、电话或网格查找", "worker-search")
        self.status = combo([("在岗", "active"), ("全部状态", "")] +
                            [(v, k) for k, v in STATUS_LABELS.items() if k != "active"], "worker-status-filter")
        self.source = combo([("全部来源", "")] + [(v, k) for k, v in SOURCE_LABELS.items()], "worker-source-filter")
        self.party = combo([("全部", None), ("党员", True), ("非党员", False)], "worker-party-filter")
        filter_row(layout, (self.search, self.status, self.source, self.party), wide=self.search)
        many = not ctx.scope.single  # a township's roster over several villages says each worker's
        self.model = RowsModel(([Col("村", lambda w: w.village_name)] if many else []) + COLUMNS, self)
        self.view = table_view(self.model, "worker-table", fit_contents=True)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("worker-summary")
        layout.addWidget(self.summary)
        self.buttons = button_row(layout, "worker", (
            ("new", "新增网格员", self.new_worker), ("edit", "修改", self.edit_worker),
            ("appoint", "任命到网格", self.appoint), ("status", "变更状态", self.change_status),
            ("training", "培训记录", self.training_history)))
        for key in ("new", "edit", "appoint", "status"):
            gate(ctx, self.buttons[key], Can.MANAGE_GRIDS)
        refresh_on_change(self.refresh, self.search, self.status, self.source, self.party)
        on_row_chosen(self.view, self.edit_worker)
        self.refresh()

    def refresh(self) -> None:
        rows = workers.roster(self.ctx.store, self.ctx.actor, self.search.text(), self.status.currentData(),
                              self.source.currentData(), self.party.currentData(), scope=self.ctx.scope)
        self.model.set_rows(rows)
        party = sum(w.party_member for w in rows)
        share = f"{party / len(rows) * 100:.1f}%" if rows else "—"
        self.summary.setText(f"本表 {len(rows)} 人，其中党员 {party} 人（{share}）")

    def _selected(self) -> workers.WorkerRow | None:
        return selected_or_say(self.view, self, "网格员", "请先在表中选中一名网格员。")

    def _open(self, dialog) -> None:
        open_form(self, dialog)

    def new_worker(self) -> None:
        self._open(WorkerDialog(self.ctx, None, self))

    def edit_worker(self) -> None:
        if (w := self._selected()) is not None:
            self._open(WorkerDialog(self.ctx, w.id, self))

    def appoint(self) -> None:
        if (w := self._selected()) is not None:
            self._open(AppointDialog(self.ctx, None, w.id, self))

    def change_status(self) -> None:
        if (w := self._selected()) is not None:
            self._open(StatusDialog(self.ctx, w, self))

    def training_history(self) -> None:
        if (w := self._selected()) is not None:
            self._open(TrainingHistoryDialog(self.ctx, w, self))
