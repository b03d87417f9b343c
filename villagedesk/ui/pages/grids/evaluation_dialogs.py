"""Dialogs of the 考评 tab: the rubric editor (saves a new version) and the evaluation form with pre-fill."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError, VillageDeskError
from villagedesk.domain.grids.rubric import (
    ENTERED_BY_LABELS,
    INDICATOR_LABELS,
    OUTCOME_LABELS,
    REPLACE_REASONS,
    RubricItem,
    total_score,
)
from villagedesk.services.grids import evaluation, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.edit_table import edit_table
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of, set_combo_data


def last_month_label(today: dt.date | None = None) -> str:
    today = today or clock.today()
    first = today.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


class RubricDialog(FormDialog):
    """考评细则: items, weights (adding up to 100), maximum scores, and the record each may be pre-filled from."""

    HEADERS = ("项目", "权重", "满分", "指标（可空）", "每月满分标准")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("考评细则", parent, ok_text="保存为新版本", min_width=560)
        self.ctx = ctx
        current = evaluation.current_rubric(ctx.store)
        self.title = self.row("细则名称", QLineEdit(current.name if current else "微网格员考评细则"))
        self.title.setObjectName("rubric-name")
        version = f"当前第 {current.version} 版；保存后为第 {current.version + 1} 版，已录入的考评仍按原版本" \
            if current else "尚未设置，以下为推荐细则，可修改后保存"
        hint = QLabel(version)
        hint.setProperty("role", "hint")
        self.extra.addWidget(hint)
        self.table = edit_table(self.extra, "rubric-table", self.HEADERS,
                                "添加一项", lambda: self._add(RubricItem("", 0, 10)), "删除选中项")
        self.table.setMinimumWidth(760)
        for item in (current.items if current else evaluation.default_items()):
            self._add(item)
        self.table.resizeColumnsToContents()

    def _add(self, item: RubricItem) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(item.name))
        self.table.setItem(r, 1, QTableWidgetItem(f"{item.weight:g}"))
        self.table.setItem(r, 2, QTableWidgetItem(f"{item.max_score:g}"))
        box = combo([("（手工打分）", None)] + [(v, k) for k, v in INDICATOR_LABELS.items()])
        set_combo_data(box, item.indicator)
        self.table.setCellWidget(r, 3, box)
        target = "" if item.target_per_month is None else f"{item.target_per_month:g}"
        self.table.setItem(r, 4, QTableWidgetItem(target))

    def items(self) -> list[RubricItem]:
        def cell(r: int, c: int) -> str:
            it = self.table.item(r, c)
            return it.text() if it else ""
        return [RubricItem(cell(r, 0), cell(r, 1), cell(r, 2), self.table.cellWidget(r, 3).currentData(),
                           cell(r, 4) or None) for r in range(self.table.rowCount())]

    def submit(self) -> object:
        return evaluation.save_rubric(self.ctx.store, self.ctx.actor, self.title.text(), self.items())


class EvaluationDialog(FormDialog):
    """录入考评: scores per rubric item (pre-filled from records where they exist), total, outcome."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("录入考评", parent, min_width=560)
        self.ctx = ctx
        self.rubric = evaluation.current_rubric(ctx.store)
        if self.rubric is None:
            raise ValidationError("考评细则", "还没有设置，请先点“考评细则”保存一版")
        self.worker = self.row("网格员", combo([(w.name + (f"（{w.grid_name}）" if w.grid_name else ""), w.id)
                                             for w in workers.active_workers(ctx.store)], "eval-worker"))
        self.period = self.row("考评期间", QLineEdit(last_month_label()))
        self.period.setObjectName("eval-period")
        self.period.setPlaceholderText("2026-10（月）、2026-Q4（季）或 2026（年）")
        prefill = QPushButton("从工作记录读取")
        prefill.setObjectName("eval-prefill")
        prefill.clicked.connect(self.prefill)
        self.form.addRow("", prefill)
        grid = QGridLayout()
        self.scores: list[QDoubleSpinBox] = []
        self.hints: list[QLabel] = []
        for i, item in enumerate(self.rubric.items):
            grid.addWidget(QLabel(f"{item.name}（满分 {item.max_score:g}，权重 {item.weight:g}）"), i, 0)
            spin = QDoubleSpinBox()
            spin.setObjectName(f"eval-score-{i}")
            spin.setRange(0, item.max_score)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.valueChanged.connect(self._update_total)
            grid.addWidget(spin, i, 1)
            hint = QLabel("手工打分" if item.indicator is None else f"可读取：{INDICATOR_LABELS[item.indicator]}")
            hint.setProperty("role", "hint")
            grid.addWidget(hint, i, 2)
            self.scores.append(spin)
            self.hints.append(hint)
        self.form.addRow(grid)
        self.total = QLabel()
        self.total.setObjectName("eval-total")
        self.total.setProperty("role", "title")
        self.form.addRow(self.total)
        self.outcome = self.row("考评结果", combo([(v, k) for k, v in OUTCOME_LABELS.items()], "eval-outcome"))
        set_combo_data(self.outcome, "keep")
        self.replace_reason = self.row("调整原因", combo([("—", None)] + [(v, k) for k, v in REPLACE_REASONS.items()],
                                                      "eval-replace-reason"))
        self.reason = self.row("情况说明", QLineEdit())
        self.reason.setObjectName("eval-reason")
        self.reason.setPlaceholderText("表彰写事迹；调整写明不胜任或不尽职的情况")
        self.entered_by = self.row("考评来源", combo([(v, k) for k, v in ENTERED_BY_LABELS.items()], "eval-source"))
        set_combo_data(self.entered_by, evaluation.default_entered_by(ctx.store))
        self.day = self.row("考评日期", date_edit(name="eval-date"))
        self.evaluator = self.row("考评人", QLineEdit(ctx.actor.name))
        self.evaluator.setObjectName("eval-evaluator")
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._outcome_changed()
        self._update_total()

    def _outcome_changed(self) -> None:
        self.replace_reason.setEnabled(self.outcome.currentData() == "replace")

    def _update_total(self) -> None:
        try:
            _, total = total_score(self.rubric.items, [s.value() for s in self.scores])
        except VillageDeskError:
            self.total.setText("总分：—")
            return
        self.total.setText(f"总分：{total:g}")

    def prefill(self) -> None:
        try:
            items = evaluation.prefill(self.ctx.store, self.worker.currentData(), self.period.text())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        found = 0
        for spin, hint, p in zip(self.scores, self.hints, items, strict=True):
            if p.score is not None:
                spin.setValue(p.score)
                hint.setText(f"记录：{INDICATOR_LABELS[p.item.indicator]} {p.indicator_value:g}")
                found += 1
        self.error.setText("" if found else "暂无可读取的工作记录，请手工打分。")

    def submit(self) -> object:
        if self.worker.currentData() is None:
            raise ValidationError("网格员", "没有在岗网格员")
        return evaluation.evaluate(
            self.ctx.store, self.ctx.actor, self.worker.currentData(), self.period.text(),
            [s.value() for s in self.scores], self.outcome.currentData(), self.replace_reason.currentData(),
            self.reason.text(), self.entered_by.currentData(), date_of(self.day), self.evaluator.text(),
            self.rubric.id)
