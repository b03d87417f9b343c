"""The 发现事项 tab: hardships and safety hazards that visits found and that are not yet handled."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from villagedesk.domain.field_work.times import fmt_time
from villagedesk.services.field_work import visits
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.field_forms import text_box
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import date_edit, date_of
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import table_view

COLUMNS = [
    Col("发现时间", lambda f: fmt_time(f.visited_at)), Col("类别", lambda f: f.kind_label),
    Col("网格", lambda f: f.grid_name), Col("农户", lambda f: f.household_label),
    Col("情况", lambda f: f.description),
]


class CloseFindingDialog(FormDialog):
    def __init__(self, ctx: AppContext, finding: visits.FindingLine, parent: QWidget | None = None):
        super().__init__(f"办结：{finding.kind_label}", parent, ok_text="办结")
        self.ctx, self.finding = ctx, finding
        self.row("情况", QLabel(f"{finding.household_label}：{finding.description}"))
        self.on = self.row("办结日期", date_edit(name="finding-closed-on"))
        self.note = self.row("办理情况", text_box("finding-note", "例如：已申请临时救助", 2))

    def submit(self) -> object:
        visits.close_finding(self.ctx.store, self.ctx.actor, self.finding.id, date_of(self.on), self.note.toPlainText())
        return self.finding.id


class FindingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("finding-count")
        self.count.setWordWrap(True)
        row.addWidget(self.count, 1)
        self.close_button = QPushButton("办结选中事项")
        self.close_button.setObjectName("finding-close")
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.model = RowsModel(COLUMNS, self)
        self.view = table_view(self.model, "finding-table")
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        rows = visits.open_findings(self.ctx.store, scope=self.ctx.scope, actor=self.ctx.actor)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        hardships = sum(1 for r in rows if r.kind == "hardship")
        self.count.setText(f"未办结：生活困难 {hardships} 件，安全隐患 {len(rows) - hardships} 件（矛盾纠纷在“矛盾纠纷”页办理）")
