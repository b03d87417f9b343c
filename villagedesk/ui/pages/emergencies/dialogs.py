"""Dialogs of 突发事件: register an incident, change the commander, a worker's emergency days, close it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from villagedesk.domain import clock
from villagedesk.domain.field_work import emergencies as rules
from villagedesk.domain.field_work.times import parse_minute
from villagedesk.services.field_work import emergencies, people
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.field_forms import datetime_edit, datetime_of, text_box
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo, set_combo_data

_ID = Qt.ItemDataRole.UserRole


def checked_list(name: str, items: list[tuple[str, object]], checked: set | None = None) -> QListWidget:
    box = QListWidget()
    box.setObjectName(name)
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(_ID, data)
        item.setCheckState(Qt.CheckState.Checked if checked and data in checked else Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setMaximumHeight(170)
    return box


def checked_data(box: QListWidget) -> list:
    return [box.item(i).data(_ID) for i in range(box.count()) if box.item(i).checkState() == Qt.CheckState.Checked]


class EmergencyDialog(FormDialog):
    """登记突发事件: kind, name, grids, start; the commander defaults to the first grid's worker."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("登记突发事件", parent)
        self.ctx = ctx
        self.kind = self.row("事件类别", combo([(v, k) for k, v in rules.KINDS.items()], "emergency-kind"))
        self.title_edit = self.row("事件名称", QLineEdit())
        self.title_edit.setObjectName("emergency-title")
        self.title_edit.setPlaceholderText("例如：上湾山洪")
        self.started = self.row("开始时间", datetime_edit(name="emergency-start"))
        self.grids = self.row("涉及网格", checked_list(
            "emergency-grids", [(f"{g.code} {g.name}", g.id) for g in people.grids(ctx.store, scope=ctx.scope)]))
        self.commander = self.row("现场指挥", combo(
            [("（按网格默认：第一个网格的网格员）", None)] + [(w.label, w.id) for w in people.workers(ctx.store, scope=ctx.scope)],
            "emergency-commander"))
        self.notes = self.row("备注", text_box("emergency-notes", "", 2))

    def submit(self) -> object:
        return emergencies.open_emergency(self.ctx.store, self.ctx.actor, rules.EmergencyDraft(
            self.kind.currentData(), self.title_edit.text(), datetime_of(self.started), tuple(checked_data(self.grids)),
            self.commander.currentData(), self.notes.toPlainText()))


class CommanderDialog(FormDialog):
    def __init__(self, ctx: AppContext, detail: emergencies.EmergencyDetail, parent: QWidget | None = None):
        super().__init__("更换现场指挥", parent)
        self.ctx, self.emergency_id = ctx, detail.id
        self.worker = self.row("现场指挥", combo([(w.label, w.id) for w in people.workers(ctx.store, scope=ctx.scope)],
                                                 "commander-worker"))
        set_combo_data(self.worker, detail.commander_worker_id)

    def submit(self) -> object:
        emergencies.set_commander(self.ctx.store, self.ctx.actor, self.emergency_id, self.worker.currentData() or "")
        return self.emergency_id


class ServiceDaysDialog(FormDialog):
    """A worker's emergency days for this incident (they are paid as the emergency subsidy)."""

    def __init__(self, ctx: AppContext, detail: emergencies.EmergencyDetail, parent: QWidget | None = None):
        super().__init__("应急出勤天数", parent)
        self.ctx, self.detail = ctx, detail
        self.worker = self.row("网格员", combo([(w.label, w.id) for w in people.workers(ctx.store, scope=ctx.scope)], "days-worker"))
        first = parse_minute(detail.started_at).date()
        last = parse_minute(detail.ended_at).date() if detail.ended_at else clock.today()
        self.span = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        self.days = self.row("出勤日期", checked_list("days-list", [(d.isoformat(), d) for d in self.span]))
        self.worker.currentIndexChanged.connect(self._load)
        self._load()

    def _load(self) -> None:
        have = {d.day for d in self.detail.days if d.worker_id == self.worker.currentData()}
        for i in range(self.days.count()):
            item = self.days.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(_ID) in have else Qt.CheckState.Unchecked)

    def submit(self) -> object:
        emergencies.set_service_days(self.ctx.store, self.ctx.actor, self.detail.id, self.worker.currentData() or "",
                                     checked_data(self.days))
        return self.detail.id


class CloseDialog(FormDialog):
    """关闭事件: when it ended and how the initial response went."""

    def __init__(self, ctx: AppContext, detail: emergencies.EmergencyDetail, parent: QWidget | None = None):
        super().__init__(f"关闭事件：{detail.title}", parent, ok_text="关闭事件")
        self.ctx, self.emergency_id = ctx, detail.id
        self.ended = self.row("结束时间", datetime_edit(name="close-end"))
        self.outcome = self.row("初期处置结果", combo(
            [("（请选择）", None)] + [(v, k) for k, v in rules.RESPONSES.items()], "close-outcome"))
        set_combo_data(self.outcome, detail.response_outcome)
        self.note = self.row("处置结果说明", text_box("close-note", "", 2))
        if not detail.days:
            self.row("应急出勤", self._hint("尚未登记出勤：关闭时为现场指挥和各网格网格员按起止日期自动登记"))

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setProperty("role", "hint")
        return label

    def submit(self) -> object:
        return emergencies.close_emergency(self.ctx.store, self.ctx.actor, self.emergency_id, datetime_of(self.ended),
                                           self.outcome.currentData(), self.note.toPlainText())
