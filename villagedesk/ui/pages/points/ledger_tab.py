"""积分台账 tab: household accounts, one account's statement, deductions from the catalogue and reversals."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import ValidationError, VillageDeskError
from villagedesk.services.points import activities, ledger, rules
from villagedesk.ui import messages
from villagedesk.ui.pages.points import forms
from villagedesk.ui.pages.points.forms import PointsForm
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.filters import filter_row
from villagedesk.ui.widgets.household_picker import HouseholdPicker
from villagedesk.ui.widgets.splitter import remembered

ACCOUNT_COLUMNS = [Col("农户", lambda a: a.label), Col("网格", lambda a: a.grid_name),
                   Col("余额", lambda a: a.balance, True), Col("记录数", lambda a: a.entries, True)]
ENTRY_COLUMNS = [Col("时间", lambda e: e.when), Col("类别", lambda e: e.kind_label),
                 Col("事由", lambda e: e.reason + ("（已冲正）" if e.reversed else "")),
                 Col("获得人", lambda e: e.resident_name), Col("积分", lambda e: f"{e.delta:+d}", True),
                 Col("余额", lambda e: e.balance_after, True), Col("经办人", lambda e: e.operator_name)]


class DeductDialog(PointsForm):
    """扣分: only an item of the catalogue, for a resident found by name or pinyin."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__("扣分", parent, "扣分只能按积分规则目录中的扣分项目进行。")
        self.ctx = ctx
        self.resident_id: str | None = None
        self.picker = self.row("村民", HouseholdPicker(ctx, residents=True))
        self.picker.setMinimumHeight(160)
        self.chosen = self.row("已选", QLabel("（未选择）"))
        self.picker.resident_picked.connect(self._picked)
        self.rule = self.row("扣分项目", QComboBox())
        for r in rules.rules_in_force(ctx.store, kind="deduct"):
            self.rule.addItem(f"{r.name}（−{r.points} 分）", r.id)
        self.reason = self.row("情况说明", QLineEdit())
        self.submit = self._deduct
        self.keep_enter_for_search()

    def _picked(self, _household_id: str, resident_id: str) -> None:
        self.resident_id = resident_id
        self.chosen.setText(self.picker.results.currentItem().text() if self.picker.results.currentItem() else "")

    def _deduct(self):
        if not self.resident_id:
            raise ValidationError("村民", "请先搜索并选中一位村民（回车确定）")
        return ledger.deduct(self.ctx.store, self.ctx.actor, self.resident_id, self.rule.currentData() or "",
                             self.reason.text())


class ReverseDialog(PointsForm):
    def __init__(self, ctx, entry, parent: QWidget | None = None):
        super().__init__("冲正", parent, f"冲正“{entry.reason}”（{entry.delta:+d} 分）：原记录保留，另记一条相反的记录。")
        self.reason = self.row("冲正原因", QLineEdit())
        self.submit = lambda: ledger.reverse(ctx.store, ctx.actor, entry.id, self.reason.text())


class LedgerTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.statement = None
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setProperty("search", True)  # Ctrl+F finds it
        self.search.setPlaceholderText("按户主姓名、湾组或门牌号查找")
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.grid = QComboBox()
        self.grid.addItem("全部网格", None)
        for gid, name in activities.grid_choices(ctx.store):
            self.grid.addItem(name, gid)
        self.grid.currentIndexChanged.connect(lambda _i: self.refresh())
        bar = filter_row(layout, (self.search, self.grid), wide=self.search)
        add_buttons(bar, "ledger", (("deduct", "扣分…", self.deduct), ("reverse", "冲正所选记录…", self.reverse),
                                    ("print", "打印积分明细", self.print_statement)))
        split = QSplitter()
        self.accounts = RowsTable(ACCOUNT_COLUMNS, stretch=0)
        self.accounts.selectionModel().currentRowChanged.connect(lambda *_: self.show_statement())
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("请选择一户")
        self.heading.setProperty("role", "title")
        self.entries = RowsTable(ENTRY_COLUMNS, stretch=2, muted=lambda e: e.reversed or e.kind == "reversal")
        rv.addWidget(self.heading)
        rv.addWidget(self.entries, 1)
        split.addWidget(self.accounts)
        split.addWidget(right)
        remembered(split, "points-ledger", [420, 680])
        layout.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        keep = self.statement.household_id if self.statement else None
        rows = ledger.accounts(self.ctx.store, self.grid.currentData(), self.search.text(), actor=self.ctx.actor)
        self.accounts.set_rows(rows)
        ids = [a.household_id for a in rows]
        if keep in ids:
            self.accounts.select_row(ids.index(keep))
        self.show_statement()

    def show_household(self, household_id: str) -> None:
        ids = [a.household_id for a in self.accounts.rows_model.rows]
        if household_id in ids:
            while self.accounts.rows_model.canFetchMore():
                self.accounts.rows_model.fetchMore()
            self.accounts.select_row(ids.index(household_id))

    def show_statement(self) -> None:
        account = self.accounts.current()
        self.statement = ledger.statement(self.ctx.store, account.household_id) if account else None
        if self.statement is None:
            self.heading.setText("请选择一户")
            self.entries.set_rows([])
            return
        self.heading.setText(f"{self.statement.label}　余额 {self.statement.balance} 分")
        self.entries.set_rows(list(reversed(self.statement.entries)))

    def deduct(self) -> None:
        self.dialog = DeductDialog(self.ctx, self)  # once saved, it publishes what it wrote
        self.dialog.open()

    def reverse(self) -> None:
        entry = self.entries.current()
        if entry is None:
            messages.warn(self, "冲正", "请先在右侧积分明细中选中要冲正的记录。")
            return
        self.dialog = ReverseDialog(self.ctx, entry, self)
        self.dialog.open()

    def print_statement(self) -> None:
        if self.statement is None:
            messages.warn(self, "打印积分明细", "请先选择一户。")
            return
        path = forms.choose_save_path(self, "保存积分明细", f"积分明细-{self.statement.label}.pdf")
        if path is None:
            return
        try:
            ledger.write_statement_pdf(self.ctx.store, self.ctx.actor, self.statement.household_id, path)
        except VillageDeskError as exc:
            messages.warn(self, "打印积分明细", exc.message)
            return
        messages.info(self, "打印积分明细", f"已保存为 PDF：{path}")
