"""The 考评 tab: evaluations by period and outcome; the rubric; enter an evaluation; see its item scores."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.grids.rubric import OUTCOME_LABELS
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import evaluation
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.grids.evaluation_dialogs import EvaluationDialog, RubricDialog
from villagedesk.ui.pages.grids.township_evaluation import TownshipEvaluationDialog
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.filters import filter_row, refresh_on_change
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.pickers import combo, line_edit
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import selected_or_say, table_view

COLUMNS = [
    Col("考评期间", lambda e: e.period), Col("网格员", lambda e: e.worker_name), Col("网格", lambda e: e.grid_name),
    Col("总分", lambda e: f"{e.total_score:g}", True), Col("结果", lambda e: e.outcome_label),
    Col("情况说明", lambda e: e.reason), Col("来源", lambda e: e.entered_by_label),
    Col("考评日期", lambda e: e.evaluated_on), Col("细则版本", lambda e: f"第 {e.rubric_version} 版"),
]


class EvaluationTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        self.period = line_edit("eval-period-filter", "期间：2026、2026-Q3 或 2026-10，留空为全部")
        self.outcome = combo([("全部结果", "")] + [(v, k) for k, v in OUTCOME_LABELS.items()], "eval-outcome-filter")
        self.search = QLineEdit()
        self.search.setProperty("search", True)  # Ctrl+F finds it
        self.search.setPlaceholderText("按姓名或网格查找")
        filter_row(layout, (self.period, self.outcome, self.search), stretch=1)
        self.filter_error = role_label("", "error")
        self.filter_error.hide()
        layout.addWidget(self.filter_error)
        many = not ctx.scope.single  # the township evaluates the workers of several villages: say whose
        self.model = RowsModel(([Col("村", lambda e: e.village_name)] if many else []) + COLUMNS, self,
                               highlight=lambda e: e.outcome == "replace")
        self.view = table_view(self.model, "evaluation-table", fit_contents=True)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("evaluation-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        actions = (("rubric", "考评细则", self.edit_rubric), ("new", "录入考评", self.new_evaluation),
                   ("scores", "查看评分", self.show_scores))
        self.buttons = button_row(layout, "eval", actions)
        # at a township the rubric is each village's (read-only there); 录入考评 enters the township's own evaluation
        gate(ctx, self.buttons["rubric"], Can.EVALUATE_WORKERS if ctx.node_role == "village" else None)
        gate(ctx, self.buttons["new"], Can.EVALUATE_WORKERS)
        refresh_on_change(self.refresh, self.period, self.search, self.outcome)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = evaluation.evaluations(self.ctx.store, self.period.text(), self.outcome.currentData(),
                                          self.search.text(), scope=self.ctx.scope)
        except VillageDeskError as exc:
            self.filter_error.setText(exc.message)
            self.filter_error.show()
            return
        self.filter_error.hide()
        self.model.set_rows(rows)
        counts = {k: len({e.worker_id for e in rows if e.outcome == k}) for k in OUTCOME_LABELS}
        rubric = evaluation.current_rubric(self.ctx.store)
        version = f"考评细则第 {rubric.version} 版" if rubric else (
            "尚未设置考评细则" if self.ctx.node_role == "village" else "乡镇录入的考评随同步包下发到各村")
        self.summary.setText(f"本表 {len(rows)} 条：表彰 {counts['commend']} 人，调整 {counts['replace']} 人　　{version}")

    def _open(self, dialog) -> None:
        open_form(self, dialog)

    def edit_rubric(self) -> None:
        self._open(RubricDialog(self.ctx, self))

    def new_evaluation(self) -> None:
        try:
            dialog = EvaluationDialog(self.ctx, self) if self.ctx.node_role == "village" else \
                TownshipEvaluationDialog(self.ctx, self)
        except VillageDeskError as exc:
            messages.warn(self, "录入考评", exc.message)
            return
        self._open(dialog)

    def show_scores(self) -> None:
        row = selected_or_say(self.view, self, "查看评分", "请先选中一条考评。")
        if row is None:
            return
        lines = [f"{name}：{score:g} / {top:g}" for name, score, top in evaluation.evaluation_scores(self.ctx.store, row.id)]
        messages.info(self, f"{row.worker_name} {row.period} 考评", "\n".join(lines) + f"\n\n总分：{row.total_score:g}")
