"""The low-stock panel of 首页: goods of the points store at or below their warning level."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from villagedesk.services.points import goods


class LowStockPanel(QFrame):
    KINDS = {"goods", "stock", "redemptions"}

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
        self._asked = 0
        ctx.events.changed.connect(lambda kinds: self.refresh() if kinds & self.KINDS else None)
        self.refresh()

    # Stock is the sum of every movement: read off the GUI thread, as 首页's to-do list is.
    def refresh(self) -> None:
        self._asked += 1
        self.ctx.jobs.start("读取库存", lambda store, job, asked=self._asked: (asked, goods.low_stock(store)),
                            on_done=self._fill)

    def _fill(self, answer: tuple) -> None:
        asked, low = answer
        if asked != self._asked:
            return
        self.low = low
        self.text.setText("、".join(f"{g.name}剩 {g.stock}{g.unit}" for g in self.low) + "，请及时补货。" if self.low
                          else "各种物资库存充足。")
