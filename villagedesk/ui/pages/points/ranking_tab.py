"""积分榜 tab: households by points earned in a period, for the village or one grid; an A4 poster."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.period import parse_period
from villagedesk.services.points import activities, ledger
from villagedesk.ui import messages
from villagedesk.ui.pages.points import forms
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.widgets.flow_layout import FlowLayout, labelled
from villagedesk.ui.widgets.period_picker import PeriodPicker

COLUMNS = [Col("名次", lambda r: r.rank, True), Col("农户", lambda r: r.label), Col("网格", lambda r: r.grid_name),
           Col("获得积分", lambda r: r.earned, True), Col("积分余额", lambda r: r.balance, True)]


class RankingTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = FlowLayout()  # wraps onto a further row at large text
        self.period = PeriodPicker("ranking-period", default="year", with_all=False)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grid = QComboBox()
        self.grid.addItem("全村", None)
        for gid, name in activities.grid_choices(ctx.store):
            self.grid.addItem(name, gid)
        self.grid.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button = QPushButton("打印积分榜（A4）")
        self.print_button.clicked.connect(self.print_poster)
        bar.addWidget(labelled("统计期间：", self.period))
        bar.addWidget(self.grid)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        layout.addWidget(self.error)
        self.table = RowsTable(COLUMNS, stretch=1)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        try:
            period = parse_period(self.period.label())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        self.error.setText("")
        self.table.set_rows(ledger.ranking(self.ctx.store, period, self.grid.currentData()))

    def print_poster(self) -> None:
        try:
            period = parse_period(self.period.label())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        path = forms.choose_save_path(self, "保存积分榜", f"积分榜-{period.label}.pdf")
        if path is None:
            return
        grid_id = self.grid.currentData()
        try:
            ledger.write_poster_pdf(self.ctx.store, self.ctx.actor, path, period, grid_id,
                                    self.grid.currentText() if grid_id else "")
        except VillageDeskError as exc:
            messages.warn(self, "打印积分榜", exc.message)
            return
        messages.info(self, "打印积分榜", f"积分榜已保存为 PDF：{path}")
