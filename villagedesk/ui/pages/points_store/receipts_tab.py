"""兑换记录 tab: every receipt; reprint (补打), same-day void with a reason, checking a scanned QR code."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from villagedesk.domain.permissions import Action as Can
from villagedesk.services.points import receipts, redemption
from villagedesk.ui import messages
from villagedesk.ui.pages.points.forms import PointsForm
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.pages.points_store.receipt_dialog import ReceiptDialog
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.period_picker import PeriodPicker

COLUMNS = [Col("凭证号", lambda r: r.number), Col("时间", lambda r: r.when), Col("农户", lambda r: r.household_label),
           Col("物资", lambda r: r.goods), Col("积分", lambda r: r.total_points, True),
           Col("价值（元）", lambda r: f"{r.total_value_yuan:.2f}", True), Col("兑换后余额", lambda r: r.balance_after, True),
           Col("经办人", lambda r: r.operator_name), Col("打印", lambda r: r.prints, True),
           Col("状态", lambda r: r.status_label + (f"：{r.void_reason}" if r.voided else ""))]


class VoidDialog(PointsForm):
    def __init__(self, ctx, row, parent: QWidget | None = None):
        super().__init__(f"作废兑换凭证 {row.number}", parent,
                         "只能作废当天开具的凭证，需管理员或村支书/文书操作；积分退回账户，物资退回库存。")
        self.reason = self.row("作废原因", QLineEdit())
        self.submit = lambda: redemption.void(ctx.store, ctx.actor, row.id, self.reason.text())


class VerifyDialog(PointsForm):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__("核验兑换凭证", parent, "用扫码枪扫描凭证上的二维码，或手工输入二维码内容。")
        self.text = self.row("二维码内容", QLineEdit())
        self.answer = None
        self.submit = lambda: receipts.verify(ctx.store, self.text.text())


class ReceiptsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        bar = FlowLayout()  # wraps onto a further row at large text
        self.search = QLineEdit()
        self.search.setProperty("search", True)  # Ctrl+F finds it
        self.search.setPlaceholderText("按凭证号或户主姓名查找")
        self.search.textChanged.connect(lambda _t: self.refresh())
        bar.addWidget(self.search, 1)
        self.period = PeriodPicker("receipt-period", default="all")
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.period)
        self.buttons = add_buttons(bar, "receipt", (("reprint", "补打…", self.reprint), ("void", "作废…", self.void),
                                                    ("verify", "核验二维码…", self.verify)))
        gate(self.ctx, self.buttons["void"], Can.VOID_RECEIPT)
        layout.addLayout(bar)
        self.table = RowsTable(COLUMNS, stretch=3, muted=lambda r: r.voided)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_rows(receipts.redemptions(self.ctx.store, search=self.search.text(),
                                                   period=self.period.period(), actor=self.ctx.actor))

    def _selected(self, action: str):
        row = self.table.current()
        if row is None:
            messages.warn(self, action, "请先选中一张兑换凭证。")
        return row

    def reprint(self) -> None:
        if row := self._selected("补打"):
            self.dialog = ReceiptDialog(self.ctx, row.id, self)
            self.dialog.open()

    def void(self) -> None:
        if row := self._selected("作废"):
            self.dialog = VoidDialog(self.ctx, row, self)
            self.dialog.open()  # once voided, the form publishes what it wrote: this tab redraws from that

    def verify(self) -> None:
        self.dialog = VerifyDialog(self.ctx, self)
        self.dialog.accepted.connect(lambda: messages.info(self, "核验兑换凭证", self.dialog.result_value))
        self.dialog.open()
