"""通知下发: issue a notice to the villages ticked (every active grid of each), then watch each village's
households reached and its hours to full coverage as its packages come back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.field_work.notices import URGENCIES
from villagedesk.domain.permissions import Action
from villagedesk.services.township import notices
from villagedesk.services.township.villages import registered_villages
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.page_head import page_head
from villagedesk.ui.widgets.table_view import record_table

SHOWS = {Kind.VILLAGES, Kind.NOTICES}
COLUMNS = ["通知", "村", "全覆盖用时（小时）", "送达", "下发时间", "全覆盖时间"]


class NoticesOutPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = page_head(self, "通知下发", {})
        form = QHBoxLayout()
        left = QVBoxLayout()
        self.title = QLineEdit()
        self.title.setObjectName("notice-out-title")
        self.title.setPlaceholderText("通知标题")
        left.addWidget(self.title)
        self.body = QLineEdit()
        self.body.setObjectName("notice-out-body")
        self.body.setPlaceholderText("通知内容（可留空）")
        left.addWidget(self.body)
        self.urgency = QComboBox()
        for key, label in URGENCIES.items():
            self.urgency.addItem(label, key)
        left.addWidget(self.urgency)
        self.issue_button = gate(ctx, QPushButton("下发到勾选的村"), Action.ISSUE_NOTICE)
        left.addWidget(self.issue_button)
        left.addStretch(1)
        form.addLayout(left, 2)
        self.villages = QListWidget()
        self.villages.setObjectName("notice-out-villages")
        form.addWidget(self.villages, 1)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setObjectName("notice-out-status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = record_table("notice-out-table", COLUMNS, whole_rows=False)
        layout.addWidget(self.table, 1)
        layout.addWidget(role_label("通知随乡镇发给各村的下一个同步包送到村里，送达到户的标记随村的同步包回来；"
                                    "全覆盖用时 = 下发到最后一户送达的小时数。村里不能修改乡镇下发的通知。", "hint", wrap=True))
        self.issue_button.clicked.connect(self.issue)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        ticked = set(self.ticked())
        self.villages.clear()
        for v in registered_villages(self.ctx.store):
            item = QListWidgetItem(f"{v.name}（{v.code}）")
            item.setData(Qt.ItemDataRole.UserRole, v.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if v.code in ticked else Qt.CheckState.Unchecked)
            self.villages.addItem(item)
        lines = notices.issued(self.ctx.store)
        self.table.setRowCount(len(lines))
        for r, c in enumerate(lines):
            values = [c.title, c.village_name, "—" if c.hours is None else f"{c.hours:g}", c.text,
                      c.issued_at.replace("T", " ")[:16], (c.covered_at or "尚未全覆盖").replace("T", " ")[:16]]
            for col, value in enumerate(values):
                self.table.setItem(r, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def ticked(self) -> list[str]:
        return [self.villages.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.villages.count())
                if self.villages.item(i).checkState() == Qt.CheckState.Checked]

    def issue(self) -> None:
        try:
            done = notices.issue_to_villages(self.ctx.store, self.ctx.actor, self.title.text(), self.body.text(),
                                             self.urgency.currentData(), self.ticked())
        except VillageDeskError as exc:
            messages.warn(self, "通知下发", exc.message)
            return
        self.status.setText(f"已下发到 {len(done)} 个村；随下一个发往各村的同步包送达。")
        self.title.clear()
        self.body.clear()
        self.ctx.events.publish(done)
        self.refresh()
