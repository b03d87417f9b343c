"""补贴标准 (at a township node, a tab of 网格与网格员): the tier tables the township set for its villages, 下发 and 撤回."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action
from villagedesk.services.township import stipends
from villagedesk.services.township.villages import registered_villages
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.grids.stipend_dialogs import DEFAULT_TIERS, TierDialog, next_month_label
from villagedesk.ui.widgets.form_dialog import FormDialog, open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.table_view import record_table

COLUMNS = ["村", "生效月份", "分档（常住人口：元/月）", "说明"]


class TownshipTierDialog(TierDialog):
    """下发补贴标准: one tier table from a month, for each village ticked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        FormDialog.__init__(self, "下发补贴标准", parent, ok_text="下发到勾选的村", min_width=560)
        self.ctx = ctx
        self.add_hint("按网格常住人口分档，每档每月 50–150 元。随发往各村的下一个同步包送到村里，自生效月份起取代"
                      "该村自设的标准；已锁定发放表的月份不能改。")
        self.month = self.row("生效月份", QLineEdit(next_month_label()))
        self.month.setObjectName("tier-month")
        self.notes = self.row("文件依据", QLineEdit())
        self.notes.setObjectName("tier-notes")
        self.notes.setPlaceholderText("如：镇党委〔2026〕12 号")
        self.villages = QListWidget()
        self.villages.setObjectName("tier-villages")
        for v in registered_villages(ctx.store):
            item = QListWidgetItem(f"{v.name}（{v.code}）")
            item.setData(Qt.ItemDataRole.UserRole, v.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.villages.addItem(item)
        self.row("下发村", self.villages)
        self.add_tiers(DEFAULT_TIERS)

    def ticked(self) -> list[str]:
        return [self.villages.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.villages.count())
                if self.villages.item(i).checkState() == Qt.CheckState.Checked]

    def submit(self) -> object:
        return stipends.set_for_villages(self.ctx.store, self.ctx.actor, self.month.text(), self.rows(),
                                         self.ticked(), self.notes.text())


class TownshipStipendTab(QWidget):
    """Every table the township set and has not withdrawn; 下发 a new one, 撤回 the one selected."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: TownshipTierDialog | None = None
        self.lines: list[stipends.SentTable] = []
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.buttons = {"send": gate(ctx, QPushButton("下发补贴标准…"), Action.SET_STIPENDS),
                        "withdraw": gate(ctx, QPushButton("撤回选中的标准"), Action.SET_STIPENDS)}
        for key, button in self.buttons.items():
            button.setObjectName(f"township-tiers-{key}")
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = record_table("township-tiers-table", COLUMNS)
        layout.addWidget(self.table, 1)
        layout.addWidget(role_label("各村的发放表仍由村里计算、审核和锁定；乡镇下发的标准自生效月份起适用，村里不能修改。"
                                    "撤回后，该村自设的标准重新适用。", "hint", wrap=True))
        self.buttons["send"].clicked.connect(self.send)
        self.buttons["withdraw"].clicked.connect(self.withdraw)
        self.refresh()

    def refresh(self) -> None:
        self.lines = stipends.sent_tables(self.ctx.store)
        self.table.setRowCount(len(self.lines))
        for r, t in enumerate(self.lines):
            for c, value in enumerate((f"{t.village_name}（{t.village_code}）", t.month, t.text, t.notes)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def send(self) -> None:
        open_form(self, TownshipTierDialog(self.ctx, self))  # the page redraws this tab from what it published

    def withdraw(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.lines):
            messages.warn(self, "撤回补贴标准", "请先在表中选中一份标准")
            return
        t = self.lines[row]
        if not messages.confirm(self, "撤回补贴标准", f"撤回 {t.village_name} {t.month} 起的补贴标准？"
                                                  "随下一个同步包送到村里，该村自设的标准重新适用。"):
            return
        try:
            done = stipends.withdraw(self.ctx.store, self.ctx.actor, t.id)
        except VillageDeskError as exc:
            messages.warn(self, "撤回补贴标准", exc.message)
            return
        self.ctx.events.publish(done)
        self.refresh()
