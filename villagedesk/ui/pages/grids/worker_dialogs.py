"""Dialogs of the 网格员 tab: add or edit a worker, change status, see a worker's training history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QWidget

from villagedesk.domain.grids.worker import EDUCATIONS, SOURCE_LABELS, STATUS_LABELS
from villagedesk.services.grids import grids, training, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of, line_edit, set_combo_data


class WorkerDialog(FormDialog):
    """新增网格员 / 修改网格员: sex and birth date are read from the identity number."""

    def __init__(self, ctx: AppContext, worker_id: str | None = None, parent: QWidget | None = None):
        super().__init__("修改网格员" if worker_id else "新增网格员", parent, min_width=560)
        self.ctx, self.worker_id = ctx, worker_id
        row = workers.get_worker(ctx.store, ctx.actor, worker_id) if worker_id else None
        self.name = self.row("姓名", line_edit("worker-name", "", row["name"] if row else ""))
        self.id_number = self.row("身份证号", line_edit("worker-id-number", "18 位，性别和出生日期自动读取",
                                                 row["id_number"] if row else ""))
        self.phone = self.row("联系电话", line_edit("worker-phone", "手机号", row["phone"] if row else ""))
        self.party = self.row("政治面貌", QCheckBox("中共党员"))
        self.party.setObjectName("worker-party")
        self.party.setChecked(bool(row["party_member"]) if row else False)
        self.source = self.row("来源", combo([(v, k) for k, v in SOURCE_LABELS.items()], "worker-source"))
        self.education = self.row("学历", combo([(e, e) for e in EDUCATIONS], "worker-education"))
        self.education.setEditable(True)
        appointed = dt.date.fromisoformat(row["appointed_on"]) if row else None
        self.appointed = self.row("任职日期", date_edit(appointed, "worker-appointed"))
        self.grid = None
        if row is None:
            vacant = [g for g in grids.grid_table(ctx.store) if g.vacant]
            self.grid = self.row("同时任命到网格", combo([("暂不任命", None)] + [(f"{g.code} {g.name}（空缺）", g.id)
                                                                          for g in vacant], "worker-grid"))
        self.notes = self.row("备注", line_edit("worker-notes", "", row["notes"] if row else ""))
        if row:
            set_combo_data(self.source, row["source"])
            self.education.setEditText(row["education"])

    def submit(self) -> object:
        args = (self.name.text(), self.id_number.text(), self.phone.text(), self.party.isChecked(),
                self.source.currentData(), self.education.currentText(), date_of(self.appointed))
        if self.worker_id is None:
            return workers.add_worker(self.ctx.store, self.ctx.actor, *args, notes=self.notes.text(),
                                      grid_id=self.grid.currentData())
        workers.edit_worker(self.ctx.store, self.ctx.actor, self.worker_id, *args, notes=self.notes.text())
        return self.worker_id


class StatusDialog(FormDialog):
    def __init__(self, ctx: AppContext, worker: workers.WorkerRow, parent: QWidget | None = None):
        super().__init__(f"变更状态：{worker.name}", parent, min_width=560)
        self.ctx, self.worker = ctx, worker
        choices = [(STATUS_LABELS[s], s) for s in ("active", "resting", "left")]
        self.status = self.row("新状态", combo(choices, "status-choice"))
        self.day = self.row("变更日期", date_edit(name="status-date"))
        self.reason = self.row("原因", line_edit("status-reason", "例如：外出务工"))
        note = QLabel("“已离任”会同时结束其网格任职，网格显示为空缺。调整（不胜任、不尽职）请通过考评。")
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.extra.addWidget(note)

    def submit(self) -> object:
        workers.set_status(self.ctx.store, self.ctx.actor, self.worker.id, self.status.currentData(),
                           date_of(self.day), self.reason.text())
        return self.worker.id


class TrainingHistoryDialog(FormDialog):
    def __init__(self, ctx: AppContext, worker: workers.WorkerRow, parent: QWidget | None = None):
        super().__init__(f"培训记录：{worker.name}", parent, ok_text="关闭", min_width=560)
        self.cancel_button.hide()
        self.list = QListWidget()
        self.list.setObjectName("training-history")
        rows = training.history(ctx.store, worker.id)
        for h in rows:
            self.list.addItem(f"{h.held_on}　{h.topic}　{h.hours:g} 学时　{h.trainer}")
        if not rows:
            self.list.addItem("暂无培训记录")
        self.extra.addWidget(self.list)
        total = sum(h.hours for h in rows)
        self.extra.addWidget(QLabel(f"共参加 {len(rows)} 次，{total:g} 学时"))

    def submit(self) -> object:
        return None
