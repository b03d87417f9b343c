"""The detail of one dispute: parties, what happened, the ladder's steps, mediation attempts, and its actions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.field_work import disputes
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.table_view import read_only_cells


class DisputePanel(QGroupBox):
    """Shows a dispute; its buttons ask the page to open a dialog (the page owns dialogs and refreshes)."""

    action = Signal(str)  # party | mediate | outcome | agreement

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("纠纷详情", parent)
        self.setObjectName("dispute-detail")
        self.ctx = ctx
        self.detail: disputes.DisputeDetail | None = None
        layout = QVBoxLayout(self)
        self.head = QLabel("在左侧选中一件纠纷查看详情。")
        self.head.setObjectName("dispute-head")
        self.head.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("dispute-state")
        self.state.setProperty("role", "figure-label")
        self.parties = QLabel()
        self.parties.setObjectName("dispute-parties")
        self.parties.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("dispute-summary-text")
        self.summary.setWordWrap(True)
        self.steps = QLabel()
        self.steps.setObjectName("dispute-steps")
        self.steps.setWordWrap(True)
        for w in (self.head, self.state, self.parties, self.summary, self.steps):
            layout.addWidget(w)
        self.mediations = QTableWidget(0, 4)
        self.mediations.setObjectName("dispute-mediations")
        self.mediations.setHorizontalHeaderLabels(["日期", "调解人", "结果", "经过与协议"])
        self.mediations.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        read_only_cells(self.mediations)
        self.mediations.verticalHeader().setVisible(False)
        layout.addWidget(self.mediations, 1)
        buttons = FlowLayout()  # wraps onto a further row at large text
        actions = (("party", "添加当事人"), ("mediate", "登记调解"), ("outcome", "处理结果"), ("agreement", "打印调解协议书"))
        self.buttons = add_buttons(buttons, "dispute",
                                   [(k, t, lambda _=False, k=k: self.action.emit(k)) for k, t in actions])
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.show_dispute(None)

    def show_dispute(self, dispute_id: str | None) -> None:
        refused = ""
        try:
            self.detail = None if dispute_id is None else disputes.detail(self.ctx.store, self.ctx.actor, dispute_id)
        except VillageDeskError as exc:  # a worker's grid changed hands since the list was read, say
            self.detail, refused = None, exc.message
        d = self.detail
        for b in self.buttons.values():
            b.setEnabled(d is not None)
        if d is None:
            self.head.setText(refused or "在左侧选中一件纠纷查看详情。")
            for w in (self.state, self.parties, self.summary, self.steps):
                w.setText("")
            self.mediations.setRowCount(0)
            return
        self.head.setText(f"{d.kind_label}　{d.grid_name}　{d.found_on.isoformat()} 由{d.found_by}发现"
                          + ("（入户走访时发现）" if d.visit_id else ""))
        self.state.setText(f"状态：{d.state_label}" + (f"（{d.closed_on.isoformat()}）" if d.closed_on else ""))
        self.parties.setText("当事人：" + "；".join(
            p.name + ("" if p.resident_id else "（外来人员）") for p in d.parties))
        self.summary.setText("纠纷经过：" + d.summary + (f"\n情况说明：{d.outcome_note}" if d.outcome_note else ""))
        self.steps.setText("处理经过：" + " → ".join(f"{s.on.isoformat()} {s.label}" for s in d.steps))
        self.mediations.setRowCount(len(d.mediations))
        for r, m in enumerate(d.mediations):
            text = m.content + (f"\n协议：{m.terms}" if m.terms else "")
            for c, value in enumerate((m.held_on.isoformat(), m.mediator, m.result_label, text)):
                self.mediations.setItem(r, c, QTableWidgetItem(value))
        self.mediations.resizeRowsToContents()
        self.buttons["mediate"].setEnabled(d.is_open)
        self.buttons["outcome"].setEnabled(d.is_open or d.outcome == "escalated_village")
        self.buttons["agreement"].setEnabled(d.agreement is not None)
