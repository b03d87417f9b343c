"""积分规则 tab: earning and deduction items; a change of points is a new version from a date."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from villagedesk.domain import clock
from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.points import rules
from villagedesk.ui import messages
from villagedesk.ui.pages.points.activity_dialogs import date_edit, date_of
from villagedesk.ui.pages.points.forms import PointsForm
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.widgets.buttons import button_row

COLUMNS = [Col("名称", lambda r: r.name), Col("类别", lambda r: r.kind_label), Col("分值", lambda r: r.points, True),
           Col("生效日期", lambda r: r.effective_from), Col("状态", lambda r: "停用" if r.retired else "有效"),
           Col("说明", lambda r: r.description)]


class RuleDialog(PointsForm):
    def __init__(self, ctx, rule=None, parent: QWidget | None = None):
        title = "新增积分规则" if rule is None else f"修改“{rule.name}”（新版本）"
        super().__init__(title, parent, "" if rule is None else "新分值从生效日期起适用；此前的活动仍按原分值。")
        self.name = self.row("名称", QLineEdit(rule.name if rule else ""))
        self.kind = self.row("类别", QComboBox())
        self.kind.addItem("加分项", "earn")
        self.kind.addItem("扣分项", "deduct")
        if rule:
            self.kind.setCurrentIndex(0 if rule.kind == "earn" else 1)
            self.kind.setEnabled(False)
        self.points = self.row("分值", QLineEdit(str(rule.points) if rule else ""))
        self.since = self.row("生效日期", date_edit(clock.today()))
        self.description = self.row("说明", QLineEdit(rule.description if rule else ""))
        if rule is None:
            self.submit = lambda: rules.add_rule(ctx.store, ctx.actor, self.name.text(), self.kind.currentData(),
                                                 self.points.text(), date_of(self.since), self.description.text())
        else:
            self.submit = lambda: rules.new_version(ctx.store, ctx.actor, rule.id, self.points.text(),
                                                    date_of(self.since), self.name.text(), self.description.text())


class RulesTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        button_row(layout, "rule", (("add", "新增规则…", self.add), ("edit", "修改分值（新版本）…", self.edit),
                                    ("retire", "停用", self.retire), ("defaults", "载入推荐规则", self.load_defaults)))
        self.table = RowsTable(COLUMNS, stretch=5, muted=lambda r: r.retired)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_rows(rules.catalogue(self.ctx.store))

    def _open(self, dialog: PointsForm) -> None:
        self.dialog = dialog
        dialog.open()  # once saved, the form publishes what it wrote: this tab redraws from that

    def add(self) -> None:
        self._open(RuleDialog(self.ctx, None, self))

    def edit(self) -> None:
        rule = self.table.current()
        if rule is None:
            messages.warn(self, "修改规则", "请先选中一条规则。")
            return
        self._open(RuleDialog(self.ctx, rule, self))

    def retire(self) -> None:
        rule = self.table.current()
        if rule is None or not messages.confirm(self, "停用规则", f"从今天起停用“{rule.name}”？"):
            return
        try:
            done = rules.retire_rule(self.ctx.store, self.ctx.actor, rule.id, clock.today())
        except VillageDeskError as exc:
            messages.warn(self, "停用规则", exc.message)
            return
        self.ctx.events.publish(done)

    def load_defaults(self) -> None:
        try:
            n = rules.load_default_rules(self.ctx.store, self.ctx.actor)
        except VillageDeskError as exc:
            messages.warn(self, "载入推荐规则", exc.message)
            return
        self.ctx.events.publish(n)
        messages.info(self, "载入推荐规则", f"已载入 {n} 条推荐规则，可按本村实际修改。")
