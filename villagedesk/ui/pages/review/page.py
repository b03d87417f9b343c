"""报表审核: for the picked period, every report the villages sent up (as it arrived in their packages: attempt,
who, when, the files' sha256), 核对文件 against the set handed over, and 审核通过 / 退回 with a reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action
from villagedesk.services.township import review
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.period_box import chosen_period
from villagedesk.ui.widgets.period_row import period_head
from villagedesk.ui.widgets.table_view import record_table

SHOWS = {Kind.VILLAGES, Kind.SUBMISSIONS, Kind.REPORT_FORMS}
COLUMNS = ["村", "统计期", "表号", "报表", "审核", "退回原因", "报送", "报出时间", "报出人", "审核人", "文件（sha256）"]
STATE_COL = 4
COLOURS = {"已退回": "#cc0000", "待审核": "#b45f06", "已通过": "#38761d"}


class ReviewPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[review.Received] = []
        self.asked_period = None
        layout, self.period, self.show_button, self.status = period_head(self, "报表审核", "review")
        self.table = record_table("review-table", COLUMNS)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        layout.addWidget(self.table, 1)
        reason_row = QHBoxLayout()  # the reason on a row of its own: with the buttons it is too wide at 26 pt
        reason_row.addWidget(QLabel("退回原因"))
        self.reason = QLineEdit()
        self.reason.setObjectName("review-reason")
        self.reason.setPlaceholderText("退回时必填：村里据此修改后重报")
        reason_row.addWidget(self.reason, 1)
        layout.addLayout(reason_row)
        actions = FlowLayout()
        self.check_button = QPushButton("核对文件…")
        self.check_button.setToolTip("选村里交来的报表文件夹，逐个核对文件的 sha256 是否与报出时一致")
        actions.addWidget(self.check_button)
        self.buttons = {"approve": gate(ctx, QPushButton("审核通过"), Action.RETURN_REPORT),
                        "return": gate(ctx, QPushButton("退回"), Action.RETURN_REPORT)}
        for b in self.buttons.values():
            actions.addWidget(b)
        layout.addLayout(actions)
        layout.addWidget(role_label(review.NOT_TRAVELLING + "。审核结果是乡镇的记录，随乡镇发给该村的下一个同步包送到村里的"
                                    "“报表上报”页，村里不能修改；退回后村里重报，新的一次再审核。", "hint", wrap=True))
        self.folder: Path | None = None  # the folder last checked, used by 审核通过 for the same report
        self.checked_id = ""
        self.show_button.clicked.connect(self.refresh)
        self.period.activated.connect(lambda _i: self.refresh())
        self.check_button.clicked.connect(self._check)
        self.buttons["approve"].clicked.connect(lambda: self.decide("approved"))
        self.buttons["return"].clicked.connect(lambda: self.decide("returned"))
        self.reader = LatestRead(ctx.jobs, "读取报表审核", self._read, self._show, self)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.asked_period = chosen_period(self.period)
        except VillageDeskError as exc:
            self.status.setText(exc.message)
            return
        self.reader.request()

    def _read(self, store):
        return review.received(store, self.asked_period, self.ctx.full_scope)

    def _show(self, rows: list[review.Received]) -> None:
        self.rows = rows
        waiting = sum(1 for r in rows if r.state_label == "待审核")
        self.status.setText(f"{self.asked_period.title}：收到 {len(rows)} 次报送，待审核 {waiting}。")
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            files = "；".join(f"{n}（{h[:12]}…）" for n, h in r.files.items()) or "未列文件"
            values = [r.village_name, r.period, r.number, r.title, r.state_label, r.reason, r.attempt_label,
                      r.submitted_at.replace("T", " ")[:16], r.submitted_by, r.decided_by, files]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c == STATE_COL and r.state_label in COLOURS:
                    item.setForeground(QColor(COLOURS[r.state_label]))
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()

    def selected(self) -> review.Received | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _check(self) -> None:
        r = self.selected()
        if r is None:
            messages.warn(self, "核对文件", "请先在列表中选中一次报送。")
            return
        chosen = QFileDialog.getExistingDirectory(self, "选村里交来的报表文件夹")
        if chosen:
            self.check_folder(Path(chosen))

    def check_folder(self, folder: Path) -> list[review.FileCheck]:
        """The selected submission's files checked against `folder`; 审核通过 then checks them again."""
        r = self.selected()
        assert r is not None
        try:
            checks = review.check_files(self.ctx.store, r.submission_id, folder)
        except VillageDeskError as exc:
            messages.warn(self, "核对文件", exc.message)
            return []
        self.folder, self.checked_id = folder, r.submission_id
        text = "\n".join(f"{c.name}：{c.status}" for c in checks) or "报出记录未列文件。"
        self.status.setText(f"{r.village_name} {r.title} {r.period}：{text}")
        return checks

    def decide(self, decision: str) -> None:
        r = self.selected()
        if r is None:
            messages.warn(self, "报表审核", "请先在列表中选中一次报送。")
            return
        folder = self.folder if self.checked_id == r.submission_id else None
        try:
            done = review.decide(self.ctx.store, self.ctx.actor, r.submission_id, decision,
                                 self.reason.text(), folder=folder)
        except VillageDeskError as exc:
            messages.warn(self, "报表审核", exc.message)
            return
        self.reason.clear()
        self.ctx.events.publish(done)
        self.status.setText(f"已{review.DECISIONS[decision]}：{r.village_name} {r.title} {r.period}。"
                            "结果随下一个发往该村的同步包送到村里。")
        self.refresh()
