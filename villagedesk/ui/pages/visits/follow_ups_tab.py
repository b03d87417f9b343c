"""The 二次回访 tab: follow-ups still owed, overdue ones marked; record one; the deadline setting."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.field_work.follow_ups import MAX_FOLLOW_UP_DAYS
from villagedesk.domain.field_work.times import fmt_time
from villagedesk.services.field_work import follow_ups, people
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.filters import filter_row
from villagedesk.ui.widgets.flow_layout import labelled
from villagedesk.ui.widgets.pickers import combo, refill_combo
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import select_where, table_view

COLUMNS = [
    Col("农户", lambda f: f.household_label), Col("网格", lambda f: f.grid_name), Col("负责人", lambda f: f.worker_name),
    Col("上次走访", lambda f: fmt_time(f.visited_at)), Col("应回访日期", lambda f: f.due_on.isoformat()),
    Col("逾期（天）", lambda f: f.days_overdue or "", True), Col("发现的问题", lambda f: f.findings.replace("\n", " ")),
]


class FollowUpsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        hint = QLabel("重点人群户走访发现问题后，须在回访期限内二次回访。选中一行，点“登记回访”。")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.worker = combo([("全部网格员", None)], "follow-up-worker")
        self.overdue_only = QCheckBox("只看逾期")
        self.overdue_only.setObjectName("follow-up-overdue")
        self.record = QPushButton("登记回访")
        self.record.setObjectName("follow-up-record")
        self.days = QSpinBox()
        self.days.setObjectName("follow-up-days")
        self.days.setRange(1, MAX_FOLLOW_UP_DAYS)
        self.days.setSuffix(" 天")
        save_days = QPushButton("保存期限")
        save_days.setObjectName("follow-up-days-save")
        save_days.clicked.connect(self.save_days)
        filter_row(layout, (self.worker, self.overdue_only, labelled("回访期限：", self.days), save_days, self.record))
        self.model = RowsModel(COLUMNS, self, highlight=lambda f: f.days_overdue > 0)
        self.view = table_view(self.model, "follow-up-table")
        layout.addWidget(self.view, 1)
        self.count = QLabel()
        self.count.setObjectName("follow-up-count")
        layout.addWidget(self.count)
        self.worker.currentIndexChanged.connect(self.refresh)
        self.overdue_only.toggled.connect(self.refresh)

    def refresh(self) -> None:
        refill_combo(self.worker, [("全部网格员", None)] + [(w.label, w.id) for w in people.workers(self.ctx.store, scope=self.ctx.scope)])
        rows = follow_ups.pending(self.ctx.store, self.worker.currentData(), overdue_only=self.overdue_only.isChecked(),
                                  scope=self.ctx.scope, actor=self.ctx.actor)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        late = sum(1 for r in rows if r.days_overdue > 0)
        self.count.setText(f"待回访 {len(rows)} 户，其中逾期 {late} 户")
        self.days.setValue(follow_ups.follow_up_days(self.ctx.store))

    def save_days(self) -> None:
        try:
            days = follow_ups.set_follow_up_days(self.ctx.store, self.ctx.actor, self.days.value())
        except VillageDeskError as exc:
            messages.warn(self, "回访期限", exc.message)
            return
        self.ctx.events.publish(days)
        messages.info(self, "回访期限", f"今后走访发现问题的重点人群户，须在 {days} 天内二次回访。")

    def select(self, follow_up_id: str) -> bool:
        return select_where(self.view, lambda f: f.id == follow_up_id)
