"""The low-stock panel of 首页: goods of the points store at or below their warning level."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.services.points import goods
from villagedesk.ui.jobs import LatestRead


class LowStockPanel(QFrame):
    SHOWS = {Kind.GOODS, Kind.STOCK}  # 首页 redraws the panel when these change (home/page.py)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        heading = QLabel("积分超市库存提醒")
        heading.setProperty("role", "figure-label")
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        self.low: list = []
        # stock is the sum of every movement: read off the GUI thread, as 首页's to-do list is
        self.reader = LatestRead(ctx.jobs, "读取库存", goods.low_stock, self._fill, self)
        self.refresh()

    def refresh(self) -> None:
        self.reader.request()

    def _fill(self, low: list) -> None:
        self.low = low
        self.text.setText("、".join(f"{g.name}剩 {g.stock}{g.unit}" for g in self.low) + "，请及时补货。" if self.low
                          else "各种物资库存充足。")
