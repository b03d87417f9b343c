"""The 补贴发放 tab: a month's payroll — compute, review, approve, lock, adjust, export; and the month's emergency days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.grids.stipend import yuan
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import exports, payroll, stipends
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import describe_error
from villagedesk.ui.pages.grids.stipend_dialogs import (
    AdjustmentDialog,
    RateDialog,
    ServiceDayDialog,
    TierDialog,
)
from villagedesk.ui.widgets.flow_layout import FlowLayout, labelled
from villagedesk.ui.widgets.form_dialog import open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import selected_or_say, table_view

LINE_COLUMNS = [
    Col("序号", lambda ln: ln.line_no, True), Col("网格", lambda ln: ln.grid_names), Col("网格员", lambda ln: ln.worker_name),
    Col("常住人口", lambda ln: ln.residents, True), Col("阶梯补贴（元）", lambda ln: yuan(ln.stipend_fen), True),
    Col("临时补助天数", lambda ln: ln.subsidy_days or "", True), Col("临时补助（元）", lambda ln: yuan(ln.subsidy_fen), True),
    Col("调整（元）", lambda ln: yuan(ln.adjustment_fen) if ln.adjustment_fen else "", True),
    Col("实发合计（元）", lambda ln: yuan(ln.total_fen), True),
    Col("说明", lambda ln: "；".join(x for x in (ln.stipend_detail, ln.adjustment_detail) if x)),
]
DAY_COLUMNS = [
    Col("日期", lambda d: d.day), Col("网格员", lambda d: d.worker_name), Col("类别", lambda d: d.kind_label),
    Col("来源", lambda d: d.source_label), Col("发放", lambda d: f"已在 {d.paid_in} 发放" if d.paid_in else ""),
    Col("说明", lambda d: d.notes),
]


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> str:
    """The file to write, from a save dialog ('' if cancelled); tests replace this."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), pattern)
    return path


def default_month(today: dt.date | None = None) -> str:
    today = today or clock.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year}-{last.month:02d}"


class PayrollTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.current: payroll.Payroll | None = None
        layout = QVBoxLayout(self)
        top = FlowLayout()  # wraps onto a further row at large text
        self.month = QComboBox()
        self.month.setObjectName("payroll-month")
        self.month.setEditable(True)
        self.month.setMinimumWidth(160)
        top.addWidget(labelled("发放月份：", self.month))
        self.status = QLabel()
        self.status.setObjectName("payroll-status")
        self.status.setWordWrap(True)
        top.addWidget(self.status, 1)
        for key, text, slot in (("tiers", "阶梯补贴标准", lambda: self._open(TierDialog(self.ctx, self))),
                                ("rates", "临时补助标准", lambda: self._open(RateDialog(self.ctx, self)))):
            top.addWidget(self._button(key, text, slot))
        layout.addLayout(top)
        self.error = QLabel("")
        self.error.setObjectName("payroll-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.standard = QLabel()
        self.standard.setObjectName("payroll-standard")
        self.standard.setWordWrap(True)
        layout.addWidget(self.standard)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowsModel(LINE_COLUMNS, self)
        self.view = table_view(self.model, "payroll-table", fit_contents=True)
        split.addWidget(self.view)
        days = QWidget()
        days_layout = QVBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.days_label = QLabel()
        self.days_label.setWordWrap(True)
        days_layout.addWidget(self.days_label)
        days_head = FlowLayout()
        days_head.addWidget(self._button("day-add", "登记临时补助天数",
                                         lambda: self._open(ServiceDayDialog(self.ctx, self))))
        days_head.addWidget(self._button("day-remove", "删除选中的一天", self.remove_day))
        days_layout.addLayout(days_head)
        self.days_model = RowsModel(DAY_COLUMNS, self)
        self.days_view = table_view(self.days_model, "service-day-table", fit_contents=True)
        days_layout.addWidget(self.days_view)
        split.addWidget(days)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        remembered(split, "payroll")
        layout.addWidget(split, 1)
        self.totals = QLabel()
        self.totals.setObjectName("payroll-totals")
        self.totals.setProperty("role", "figure-label")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)
        buttons = FlowLayout()
        self.actions = {}
        for key, text, slot in (("compute", "计算", self.compute), ("review", "审核", self.review),
                                ("approve", "审批", self.approve), ("lock", "锁定", self.lock),
                                ("return", "退回修改", self.send_back), ("adjust", "录入调整", self.adjust),
                                ("xlsx", "导出 Excel", lambda: self.export("xlsx")),
                                ("pdf", "导出 PDF", lambda: self.export("pdf"))):
            self.actions[key] = self._button(key, text, slot)
            buttons.addWidget(self.actions[key])
        for key, action in (("tiers", Can.SET_STIPENDS), ("rates", Can.SET_STIPENDS), ("day-add", Can.MANAGE_GRIDS),
                            ("day-remove", Can.MANAGE_GRIDS)):
            gate(ctx, self.findChild(QPushButton, f"payroll-{key}"), action)
        for key, action in (("compute", Can.COMPUTE_PAYROLL), ("adjust", Can.COMPUTE_PAYROLL),
                            ("review", Can.REVIEW_PAYROLL), ("approve", Can.APPROVE_PAYROLL), ("lock", Can.LOCK_PAYROLL)):
            gate(ctx, self.actions[key], action)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.month.currentTextChanged.connect(lambda _t: self._load())
        self.refresh()

    def _button(self, key: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"payroll-{key}")
        button.clicked.connect(slot)
        return button

    def month_text(self) -> str:
        return self.month.currentText().split(" ")[0].strip()

    def refresh(self) -> None:
        keep = self.month_text() or default_month()
        months = [m for m, _, _ in payroll.payroll_months(self.ctx.store)]
        self.month.blockSignals(True)
        self.month.clear()
        for m in sorted(set(months) | {default_month(), keep}, reverse=True):
            self.month.addItem(m)
        self.month.setCurrentText(keep)
        self.month.blockSignals(False)
        self._load()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _load(self) -> None:
        month = self.month_text()
        self.show_error("")
        try:
            self.current = payroll.get_payroll(self.ctx.store, month)
            days = stipends.service_days(self.ctx.store, month)
        except VillageDeskError as exc:
            self.show_error(exc.message)
            self.current, days = None, []
        p = self.current
        self.standard.setText(self._standard(month))
        self.model.set_rows(p.lines if p else [])
        self.days_model.set_rows(days)
        self.days_label.setText(f"本月临时补助天数：{len(days)} 人天")
        if p is None:
            self.status.setText("尚未计算")
            self.totals.setText("")
        else:
            who = "　".join(f"{k}：{v}" for k, v in (("制表", p.prepared_by), ("审核", p.reviewed_by),
                                                    ("审批", p.approved_by)) if v)
            self.status.setText(f"{p.status_label}　{who}")
            self.totals.setText(f"合计：{len(p.lines)} 人，阶梯补贴 {yuan(p.stipend_fen)} 元，临时补助 "
                                f"{yuan(p.subsidy_fen)} 元（{p.subsidy_days} 天），调整 {yuan(p.adjustment_fen)} 元，"
                                f"实发 {yuan(p.total_fen)} 元")
        status = p.status if p else None
        enabled = {"compute": status in (None, "draft"), "review": status == "draft",
                   "approve": status == "reviewed", "lock": status == "approved",
                   "return": status in ("reviewed", "approved"), "adjust": status in (None, "draft"),
                   "xlsx": p is not None, "pdf": p is not None}
        for key, on in enabled.items():
            self.actions[key].setEnabled(on)
        self.actions["compute"].setText("重新计算" if status == "draft" else "计算")

    def _standard(self, month: str) -> str:
        """The tier table in force for the month: whose it is, from when, its tiers."""
        try:
            table = stipends.tier_table_on(self.ctx.store, dt.date.fromisoformat(f"{month}-01"))
        except ValueError:
            return ""
        if table is None:
            return "本月没有适用的阶梯补贴标准，请先设置“阶梯补贴标准”。"
        where = "乡镇下发，村里不能修改" if table.source == "township" else "本村设置"
        return (f"本月阶梯补贴标准：{table.month} 起（{where}）" + "，".join(t.label for t in table.tiers)
                + (f"；{table.notes}" if table.notes else ""))

    def _run(self, fn, *args) -> None:
        try:
            done = fn(self.ctx.store, self.ctx.actor, *args)
        except VillageDeskError as exc:
            self.show_error(exc.message)
            return
        self.ctx.events.publish(done)

    def compute(self) -> None:
        """Off the GUI thread: at district scale counting the residents of every grid takes a few seconds."""
        month, actor = self.month_text(), self.ctx.actor
        self.ctx.jobs.start("计算补贴发放表", lambda store, job: payroll.compute_payroll(store, actor, month, job),
                            on_done=self.ctx.events.publish,
                            on_error=lambda exc: self.show_error(describe_error(exc)), parent_widget=self)

    def review(self) -> None:
        self._run(payroll.review_payroll, self.month_text())

    def approve(self) -> None:
        self._run(payroll.approve_payroll, self.month_text())

    def send_back(self) -> None:
        self._run(payroll.return_payroll, self.month_text())

    def lock(self) -> None:
        month = self.month_text()
        if messages.confirm(self, "锁定发放表", f"锁定后 {month} 的发放表不能再修改，更正只能在以后月份录入调整。确定锁定？"):
            self._run(payroll.lock_payroll, month)

    def adjust(self) -> None:
        self._open(AdjustmentDialog(self.ctx, self.month_text(), self))

    def remove_day(self) -> None:
        day = selected_or_say(self.days_view, self, "删除", "请先在下方表中选中一天。")
        if day is None:
            return
        if messages.confirm(self, "删除", f"删除 {day.worker_name} {day.day} 的临时补助天数？"):
            self._run(stipends.remove_service_day, day.id)

    def export(self, fmt: str) -> None:
        if self.current is None:
            return
        month = self.current.month
        suffix = "xlsx" if fmt == "xlsx" else "pdf"
        path = ask_save_path(self, "导出发放表", f"网格员补贴发放表-{month}.{suffix}",
                             "Excel 文件 (*.xlsx)" if fmt == "xlsx" else "PDF 文件 (*.pdf)")
        if not path:
            return
        self.ctx.jobs.start("导出发放表", exports.export_payroll, self.ctx.actor, month, path, fmt, parent_widget=self,
                            on_done=lambda out: messages.info(self, "导出发放表", f"已导出：{out}"))

    def _open(self, dialog) -> None:
        open_form(self, dialog)
