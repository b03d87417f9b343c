"""Dialogs of the 补贴发放 tab: tier table, subsidy rates, an emergency day by hand, an adjustment."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.grids.payroll import CATEGORY_LABELS
from villagedesk.domain.grids.stipend import EMERGENCY_KINDS, yuan
from villagedesk.services.grids import payroll, stipends, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.edit_table import edit_table
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of


def next_month_label(today: dt.date | None = None) -> str:
    today = today or clock.today()
    return f"{today.year + (today.month == 12)}-{today.month % 12 + 1:02d}"


DEFAULT_TIERS = [(0, 99, "50"), (100, 199, "80"), (200, 299, "100"), (300, "", "150")]


class TierDialog(FormDialog):
    """阶梯补贴标准: residents → yuan a month (50–150), saved as a version from a month on."""

    HEADERS = ("起始人数", "截止人数（空为及以上）", "补贴（元/月）")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("阶梯补贴标准", parent, ok_text="保存分档", min_width=560)
        self.ctx = ctx
        tables = stipends.tier_tables(ctx.store)
        history = "；".join(f"{t.month} 起（{t.source_label}）：" + "，".join(x.label for x in t.tiers)
                           for t in tables[:3])
        text = f"已有版本：{history}" if tables else "尚未设置。按网格常住人口分档，每档每月 50–150 元。"
        township = stipends.township_from(ctx.store)
        if township:
            text += f"\n自 {township} 起的标准由乡镇下发，本村不能修改；本村只能设置 {township} 以前月份的标准。"
        self.add_hint(text)
        own = [t for t in tables if t.source == "village"]
        self.month = self.row("生效月份", QLineEdit(own[0].month if own else next_month_label()))
        self.month.setObjectName("tier-month")
        self.add_tiers([(t.min_residents, "" if t.max_residents is None else t.max_residents, yuan(t.amount_fen))
                        for t in (tables[0].tiers if tables else [])] or DEFAULT_TIERS)

    def add_hint(self, text: str) -> None:
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.extra.addWidget(hint)

    def add_tiers(self, rows: list) -> None:
        """The editable tier table, filled with `rows` of (from, to or blank, yuan)."""
        self.table = edit_table(self.extra, "tier-table", self.HEADERS, "添加一档", lambda: self._add("", "", ""),
                                "删除选中档")
        for r in rows:
            self._add(*r)
        self.table.resizeColumnsToContents()

    def _add(self, lo, hi, amount) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, v in enumerate((lo, hi, amount)):
            self.table.setItem(r, c, QTableWidgetItem(str(v)))

    def rows(self) -> list[tuple[str, str, str]]:
        def cell(r: int, c: int) -> str:
            it = self.table.item(r, c)
            return it.text() if it else ""
        return [(cell(r, 0), cell(r, 1), cell(r, 2)) for r in range(self.table.rowCount())]

    def submit(self) -> object:
        return stipends.save_tier_table(self.ctx.store, self.ctx.actor, self.month.text(), self.rows())


class RateDialog(FormDialog):
    """临时补助标准: yuan per day (50–80) by kind of urgent work, from a date."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("临时补助标准", parent, ok_text="设置", min_width=560)
        self.ctx = ctx
        now = stipends.current_rates(ctx.store)
        lines = [f"{v}：{yuan(now[k].rate_fen)} 元/天（{now[k].effective_from} 起）" if k in now else f"{v}：未设置"
                 for k, v in EMERGENCY_KINDS.items()]
        current = QLabel("现行标准：\n" + "\n".join(lines))
        current.setObjectName("rate-current")
        self.extra.addWidget(current)
        self.kind = self.row("紧急工作类别", combo([(v, k) for k, v in EMERGENCY_KINDS.items()], "rate-kind"))
        self.amount = self.row("补助（元/天）", QLineEdit())
        self.amount.setObjectName("rate-amount")
        self.amount.setPlaceholderText("50–80")
        self.start = self.row("生效日期", date_edit(dt.date(clock.today().year, 1, 1), "rate-date"))

    def submit(self) -> object:
        return stipends.set_subsidy_rate(self.ctx.store, self.ctx.actor, self.kind.currentData(), self.amount.text(),
                                         date_of(self.start))


class ServiceDayDialog(FormDialog):
    """登记临时补助天数: a day of urgent work entered by hand."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("登记临时补助天数", parent, ok_text="登记", min_width=560)
        self.ctx = ctx
        self.worker = self.row("网格员", combo([(w.name + (f"（{w.grid_name}）" if w.grid_name else ""), w.id)
                                             for w in workers.active_workers(ctx.store)], "day-worker"))
        self.day = self.row("服务日期", date_edit(name="day-date"))
        self.kind = self.row("紧急工作类别", combo([(v, k) for k, v in EMERGENCY_KINDS.items()], "day-kind"))
        self.notes = self.row("说明", QLineEdit())
        self.notes.setObjectName("day-notes")

    def submit(self) -> object:
        if self.worker.currentData() is None:
            raise ValidationError("网格员", "没有在岗网格员")
        return stipends.add_service_day(self.ctx.store, self.ctx.actor, self.worker.currentData(), date_of(self.day),
                                        self.kind.currentData(), self.notes.text())


class AdjustmentDialog(FormDialog):
    """录入调整: a correction of a locked month, paid (or deducted) in this month's payroll."""

    def __init__(self, ctx: AppContext, month: str, parent: QWidget | None = None):
        super().__init__(f"录入调整（在 {month} 发放表中发放）", parent, ok_text="录入", min_width=560)
        self.ctx, self.month = ctx, month
        self.worker = self.row("网格员", combo([(w.name, w.id) for w in workers.roster(ctx.store, ctx.actor, status="", scope=ctx.scope)],
                                             "adjust-worker"))
        self.corrects = self.row("更正月份", QLineEdit())
        self.corrects.setObjectName("adjust-corrects")
        self.corrects.setPlaceholderText("已锁定的月份，例如 2026-09")
        self.category = self.row("类别", combo([(v, k) for k, v in CATEGORY_LABELS.items()], "adjust-category"))
        self.amount = self.row("金额（元）", QLineEdit())
        self.amount.setObjectName("adjust-amount")
        self.amount.setPlaceholderText("补发写正数，扣回写负数，例如 -20")
        self.reason = self.row("原因", QLineEdit())
        self.reason.setObjectName("adjust-reason")

    def submit(self) -> object:
        return payroll.add_adjustment(self.ctx.store, self.ctx.actor, self.month, self.worker.currentData(),
                                      self.corrects.text(), self.category.currentData(), self.amount.text(),
                                      self.reason.text())
