"""One emergency: commander and grids, the timeline of actions, households counts, initial response, worker days."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.field_work import emergencies as rules
from villagedesk.domain.field_work.times import fmt_time
from villagedesk.services.field_work import emergencies
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.field_forms import datetime_edit, datetime_of
from villagedesk.ui.widgets.flow_layout import FlowLayout, labelled
from villagedesk.ui.widgets.pickers import combo, set_combo_data
from villagedesk.ui.widgets.table_view import read_only_cells


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    read_only_cells(table)
    table.verticalHeader().setVisible(False)
    return table


class EmergencyPanel(QGroupBox):
    """Inline entries (timeline, counts, response) refuse with a message beside them and keep what was typed."""

    action = Signal(str)  # commander | days | close
    changed = Signal(object)  # the result of a write made here, to publish

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("事件详情", parent)
        self.setObjectName("emergency-detail")
        self.ctx = ctx
        self.detail: emergencies.EmergencyDetail | None = None
        layout = QVBoxLayout(self)
        self.head = QLabel("在左侧选中一起事件查看详情。")
        self.head.setObjectName("emergency-head")
        self.head.setWordWrap(True)
        layout.addWidget(self.head)

        counts = FlowLayout()  # wraps onto a further row at large text
        self.counts = {}
        for key, text in (("affected", "受影响"), ("evacuated", "转移"), ("reached", "通知到")):
            spin = QSpinBox()
            spin.setObjectName(f"emergency-{key}")
            spin.setRange(0, 100_000)
            spin.setSuffix(" 户")
            counts.addWidget(labelled(text, spin))
            self.counts[key] = spin
        save_counts = QPushButton("保存户数")
        save_counts.setObjectName("emergency-save-counts")
        save_counts.clicked.connect(self.save_counts)
        counts.addWidget(save_counts)
        counts.addStretch(1)
        layout.addLayout(counts)

        self.timeline = _table("emergency-timeline", ["时间", "处置人", "处置情况"])
        layout.addWidget(self.timeline, 1)
        add = FlowLayout()
        self.action_time = datetime_edit(name="action-time")
        self.action_text = QLineEdit()
        self.action_text.setObjectName("action-text")
        self.action_text.setPlaceholderText("处置情况，例如：敲门通知低洼处 12 户转移")
        add_button = QPushButton("添加到时间线")
        add_button.setObjectName("action-add")
        add_button.clicked.connect(self.add_action)
        self.action_text.returnPressed.connect(self.add_action)
        add.addWidget(self.action_time)
        add.addWidget(self.action_text, 1)
        add.addWidget(add_button)
        layout.addLayout(add)

        response = FlowLayout()
        self.response = combo([("（未定）", None)] + [(v, k) for k, v in rules.RESPONSES.items()], "emergency-response")
        self.response_note = QLineEdit()
        self.response_note.setObjectName("emergency-response-note")
        self.response_note.setPlaceholderText("处置结果说明")
        save_response = QPushButton("保存处置结果")
        save_response.setObjectName("emergency-save-response")
        save_response.clicked.connect(self.save_response)
        response.addWidget(labelled("初期处置：", self.response))
        response.addWidget(self.response_note, 1)
        response.addWidget(save_response)
        layout.addLayout(response)

        self.days = _table("emergency-days", ["网格员", "应急出勤日期"])
        self.days.setMaximumHeight(100)
        self.timeline.setMinimumHeight(120)
        layout.addWidget(self.days)
        self.error = QLabel("")
        self.error.setObjectName("emergency-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = FlowLayout()
        actions = (("commander", "更换现场指挥"), ("days", "调整出勤天数"), ("close", "关闭事件"))
        self.buttons = add_buttons(buttons, "emergency",
                                   [(k, t, lambda _=False, k=k: self.action.emit(k)) for k, t in actions])
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.show_emergency(None)

    def show_emergency(self, emergency_id: str | None) -> None:
        self.detail = d = None if emergency_id is None else emergencies.detail(self.ctx.store, emergency_id)
        self.error.setText("")
        self.setEnabled(d is not None)
        if d is None:
            self.head.setText("在左侧选中一起事件查看详情。")
            self.timeline.setRowCount(0)
            self.days.setRowCount(0)
            return
        state = "处置中" if d.is_open else f"已关闭（{fmt_time(d.ended_at)} 结束）"
        self.head.setText(f"{d.kind_label}：{d.title}　{state}\n开始 {fmt_time(d.started_at)}　涉及网格："
                          f"{'、'.join(name for _, name in d.grids)}　现场指挥：{d.commander_name or '未定'}")
        for key, value in (("affected", d.affected), ("evacuated", d.evacuated), ("reached", d.reached)):
            self.counts[key].setValue(value)
        self.timeline.setRowCount(len(d.actions))
        for r, a in enumerate(d.actions):
            for c, value in enumerate((fmt_time(a.at), a.worker_name, a.text)):
                self.timeline.setItem(r, c, QTableWidgetItem(value))
        self.timeline.resizeColumnToContents(0)
        self.timeline.resizeColumnToContents(1)
        set_combo_data(self.response, d.response_outcome)
        self.response_note.setText(d.response_note)
        by_worker: dict[str, list[str]] = {}
        for day in d.days:
            by_worker.setdefault(day.worker_name, []).append(day.day.strftime("%m-%d"))
        self.days.setRowCount(len(by_worker))
        for r, (name, days) in enumerate(by_worker.items()):
            self.days.setItem(r, 0, QTableWidgetItem(name))
            self.days.setItem(r, 1, QTableWidgetItem(f"{len(days)} 天：" + "、".join(days)))
        for key in ("commander", "close"):
            self.buttons[key].setEnabled(d.is_open)

    def _write(self, fn) -> bool:
        try:
            done = fn()
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return False
        self.error.setText("")
        self.changed.emit(done)
        return True

    def add_action(self) -> None:
        d = self.detail
        if d is not None and self._write(lambda: emergencies.add_action(
                self.ctx.store, self.ctx.actor, d.id, datetime_of(self.action_time), self.action_text.text())):
            self.action_text.clear()

    def save_counts(self) -> None:
        d = self.detail
        if d is not None:
            self._write(lambda: emergencies.set_counts(self.ctx.store, self.ctx.actor, d.id,
                                                       *(self.counts[k].value() for k in ("affected", "evacuated",
                                                                                          "reached"))))

    def save_response(self) -> None:
        d = self.detail
        if d is not None:
            self._write(lambda: emergencies.set_response(self.ctx.store, self.ctx.actor, d.id,
                                                         self.response.currentData(), self.response_note.text()))
