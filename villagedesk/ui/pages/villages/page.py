"""村庄: a township's registered villages — code, fingerprint, last package received, grids, households, people."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidgetItem, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.services.township import node, villages
from villagedesk.ui.context import AppContext
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.table_view import record_table

SHOWS = {Kind.AUDIT, Kind.VILLAGES, Kind.HOUSEHOLDS, Kind.RESIDENTS, Kind.GRIDS}  # pairing is audited
COLUMNS = ["村", "统计用区划代码", "指纹", "登记时间", "最近收到同步包", "已收同步包", "网格", "户数", "在册人口"]


def _when(at: str | None) -> str:
    return "尚未收到" if not at else at.replace("T", " ")[:16]


class VillagesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = page_head(self, "村庄", {})
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = record_table("villages-table", COLUMNS)
        layout.addWidget(self.table, 1)
        layout.addWidget(role_label("在“数据同步”页导入村里的注册文件即登记该村（区划代码须以本乡镇的 9 位代码开头，指纹须与村里"
                                    "屏幕上的一致）；各村的记录随其同步包而来，在乡镇只读。", "hint", wrap=True))
        self.rows: list[villages.RegisteredVillage] = []
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.rows = villages.registered_villages(self.ctx.store)
        t = node.home_township(self.ctx.store)
        waiting = sum(1 for r in self.rows if r.last_package_at is None)
        self.summary.setText(f"{t.name if t else ''}（{t.code if t else ''}）已登记 {len(self.rows)} 个村"
                             + (f"，其中 {waiting} 个尚未收到同步包" if waiting else "") + "。")
        self.table.setRowCount(len(self.rows))
        for r, v in enumerate(self.rows):
            values = (v.name, v.code, v.fingerprint, _when(v.registered_at), _when(v.last_package_at), v.packages,
                      v.grids, v.households, v.residents)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
