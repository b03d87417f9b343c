"""村庄: a township's registered villages — code, fingerprint, last package received, grids, households, people — and
each village's PCs with the receipt series they number under (services/township/series.py)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QWidget

from villagedesk.domain.changes import Kind
from villagedesk.services.township import node, series, villages
from villagedesk.ui.context import AppContext
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.table_view import record_table

SHOWS = {Kind.AUDIT, Kind.VILLAGES, Kind.HOUSEHOLDS, Kind.RESIDENTS, Kind.GRIDS,  # pairing is audited
         Kind.RECEIPT_SERIES}
COLUMNS = ["村", "统计用区划代码", "指纹", "登记时间", "最近收到同步包", "已收同步包", "网格", "户数", "在册人口"]
PC_COLUMNS = ["村", "电脑", "指纹", "使用的凭证序列", "乡镇分配的序列", "最近收到同步包"]
CLASH = QColor("#b00020")


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
        layout.addWidget(role_label("各村电脑与兑换凭证序列", "section"))
        self.clashes = role_label("", "error", wrap=True)
        layout.addWidget(self.clashes)
        self.pcs_table = record_table("village-pcs-table", PC_COLUMNS)
        layout.addWidget(self.pcs_table, 1)
        layout.addWidget(role_label("每台电脑的兑换凭证编号带自己的序列（如 2026-A-000001）；本村首台电脑不带字母。"
                                    "不是首台却不带字母的电脑，乡镇随下一个发往它的同步包分配三个字母的序列，"
                                    "该电脑还没有序列时才采用，已有序列的不改。", "hint", wrap=True))
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
        codes = {r.code for r in self.rows}  # a village may have registered more than one PC here
        pcs = f"（{len(self.rows)} 台电脑）" if len(self.rows) > len(codes) else ""
        self.summary.setText(f"{t.name if t else ''}（{t.code if t else ''}）已登记 {len(codes)} 个村{pcs}"
                             + (f"，其中 {waiting} 台电脑尚未收到同步包" if waiting and pcs else
                                f"，其中 {waiting} 个尚未收到同步包" if waiting else "") + "。")
        self.table.setRowCount(len(self.rows))
        for r, v in enumerate(self.rows):
            values = (v.name, v.code, v.fingerprint, _when(v.registered_at), _when(v.last_package_at), v.packages,
                      v.grids, v.households, v.residents)
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        self._show_pcs()

    def _show_pcs(self) -> None:
        self.pcs = series.village_pcs(self.ctx.store)
        self.clashes.setText("\n".join(c.message for c in self.pcs.clashes))
        self.clashes.setVisible(bool(self.pcs.clashes))
        clashing = {n for c in self.pcs.clashes for n in c.nodes}
        self.pcs_table.setRowCount(len(self.pcs.pcs))
        for r, pc in enumerate(self.pcs.pcs):
            values = (pc.village_name, pc.node_short, pc.fingerprint, pc.series_text, pc.grant_text,
                      _when(pc.last_package_at))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if pc.node_id in clashing:
                    item.setForeground(QBrush(CLASH))
                self.pcs_table.setItem(r, c, item)
        self.pcs_table.resizeColumnsToContents()
