"""乡镇考评 (at a township node, the 考评 tab's 录入考评): a village's worker, a quarter or year, score and outcome."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from villagedesk.domain.grids.rubric import OUTCOME_LABELS, REPLACE_REASONS
from villagedesk.services.township import evaluations
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo, set_combo_data


class TownshipEvaluationDialog(FormDialog):
    """The township's evaluation: it goes down in the next package to the worker's village, which cannot change it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("乡镇考评", parent, min_width=520)
        self.ctx = ctx
        self.worker = self.row("网格员", combo([(label, wid) for wid, label in evaluations.workers_to_evaluate(ctx.store)],
                                             "township-eval-worker"))
        self.period = self.row("考评期间", QLineEdit())
        self.period.setObjectName("township-eval-period")
        self.period.setPlaceholderText("2026-Q4（季度）或 2026（年度）")
        self.score = self.row("总分", QLineEdit())
        self.score.setObjectName("township-eval-score")
        self.outcome = self.row("考评结果", combo([(v, k) for k, v in OUTCOME_LABELS.items()], "township-eval-outcome"))
        set_combo_data(self.outcome, "keep")
        self.replace_reason = self.row("调整原因", combo([("—", None)] + [(v, k) for k, v in REPLACE_REASONS.items()],
                                                      "township-eval-replace-reason"))
        self.reason = self.row("情况说明", QLineEdit())
        self.reason.setObjectName("township-eval-reason")
        self.reason.setPlaceholderText("表彰写事迹；调整写明不胜任或不尽职的情况")
        self.evaluator = self.row("考评人", QLineEdit("镇党委"))

    def submit(self) -> object:
        return evaluations.evaluate_worker(
            self.ctx.store, self.ctx.actor, self.worker.currentData(), self.period.text(), self.score.text(),
            self.outcome.currentData(), self.reason.text(), self.replace_reason.currentData(),
            evaluator=self.evaluator.text())
