"""The 政策宣传 tab: notices and their live coverage per grid; mark households reached, a grid at once; print the unreached."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.changes import NOTHING
from villagedesk.domain.errors import ValidationError, VillageDeskError
from villagedesk.domain.field_work import notices as rules
from villagedesk.domain.field_work.times import fmt_time
from villagedesk.domain.field_work.visits import WAYS
from villagedesk.domain.period import Period
from villagedesk.services.field_work import notices, people
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.visits.visit_dialog import line
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.field_forms import (
    ask_save_path,
    datetime_edit,
    datetime_of,
    set_datetime,
    text_box,
)
from villagedesk.ui.widgets.flow_layout import FlowLayout, labelled
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.pickers import combo
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import read_only_cells, select_where, selected, table_view

COLUMNS = [
    Col("下发时间", lambda n: fmt_time(n.issued_at)), Col("标题", lambda n: n.title),
    Col("紧急程度", lambda n: rules.URGENCIES[n.urgency]), Col("来源", lambda n: rules.SOURCES[n.source]),
    Col("覆盖", lambda n: f"{n.reached}/{n.target}（{n.rate:.0%}）"),
    Col("全覆盖用时（小时）", lambda n: "" if n.hours is None else f"{n.hours:.1f}", True),
    Col("宣传网格", lambda n: n.grid_names),
]
_ID = Qt.ItemDataRole.UserRole


class NoticeDialog(FormDialog):
    """下发通知: title, text, routine or urgent, the time it went out, and the grids it must reach."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("下发宣传通知", parent, ok_text="下发")
        self.ctx = ctx
        self.title_edit = self.row("通知标题", line("notice-title", "例如：防汛预警"))
        self.body = self.row("通知内容", text_box("notice-body", "要传达到每一户的内容", 4))
        self.urgency = self.row("紧急程度", combo([(v, k) for k, v in rules.URGENCIES.items()], "notice-urgency"))
        self.issued = self.row("下发时间", datetime_edit(name="notice-issued"))
        self.grids = QListWidget()
        self.grids.setObjectName("notice-grids")
        for g in people.grids(ctx.store, scope=ctx.scope):
            item = QListWidgetItem(f"{g.code} {g.name}")
            item.setData(_ID, g.id)
            item.setCheckState(Qt.CheckState.Checked)
            self.grids.addItem(item)
        self.grids.setMaximumHeight(160)
        self.row("宣传网格", self.grids)
        all_none = QCheckBox("全选")
        all_none.setChecked(True)
        all_none.toggled.connect(lambda on: [self.grids.item(i).setCheckState(
            Qt.CheckState.Checked if on else Qt.CheckState.Unchecked) for i in range(self.grids.count())])
        self.row("", all_none)

    def grid_ids(self) -> tuple[str, ...]:
        return tuple(self.grids.item(i).data(_ID) for i in range(self.grids.count())
                     if self.grids.item(i).checkState() == Qt.CheckState.Checked)

    def submit(self) -> object:
        return notices.issue_notice(self.ctx.store, self.ctx.actor, rules.NoticeDraft(
            self.title_edit.text(), self.body.toPlainText(), self.urgency.currentData(), datetime_of(self.issued),
            self.grid_ids()))


class NoticesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.period: Period | None = None
        self.coverage: notices.Coverage | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.uncovered_only = QCheckBox("只看未全覆盖")
        self.uncovered_only.setObjectName("notice-uncovered")
        self.new_button = QPushButton("下发通知")
        self.new_button.setObjectName("notice-new")
        top.addWidget(self.uncovered_only)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RowsModel(COLUMNS, self, highlight=lambda n: n.covered_at is None)
        self.view = table_view(self.model, "notice-table")
        split.addWidget(self.view)
        split.addWidget(self._detail())
        remembered(split, "notices", [560, 520])
        layout.addWidget(split, 1)
        self.uncovered_only.toggled.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())

    def _detail(self) -> QWidget:
        box = QGroupBox("宣传覆盖")
        box.setObjectName("notice-detail")
        v = QVBoxLayout(box)
        self.head = QLabel("选中一条通知，查看各网格的送达情况。")
        self.head.setObjectName("notice-head")
        self.head.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("notice-coverage")
        self.total.setProperty("role", "figure-label")
        self.total.setWordWrap(True)  # "全村覆盖：… 全覆盖，用时 …" is wider than the pane at large text
        v.addWidget(self.head)
        v.addWidget(self.total)
        self.grid_table = QTableWidget(0, 4)
        self.grid_table.setObjectName("notice-grid-table")
        self.grid_table.setHorizontalHeaderLabels(["网格", "户数", "已送达", "覆盖率"])
        self.grid_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        read_only_cells(self.grid_table)
        self.grid_table.verticalHeader().setVisible(False)
        self.grid_table.setMaximumHeight(125)
        self.grid_table.itemSelectionChanged.connect(self._show_households)
        v.addWidget(self.grid_table)
        self.households = QTableWidget(0, 4)
        self.households.setObjectName("notice-households")
        self.households.setHorizontalHeaderLabels(["农户", "电话", "方式", "送达时间"])
        self.households.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.households.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        read_only_cells(self.households)
        self.households.verticalHeader().setVisible(False)
        self.households.setMinimumHeight(150)
        v.addWidget(self.households, 1)
        row = FlowLayout()
        self.way = combo([(text, key) for key, text in WAYS.items()], "reach-way")
        self.when = datetime_edit(name="reach-time")
        row.addWidget(labelled("方式", self.way))
        row.addWidget(labelled("时间", self.when))
        v.addLayout(row)
        row = FlowLayout()
        actions = (("one", "标记选中户已送达", self.mark_selected), ("grid", "整网格标记已送达(&M)", self.mark_grid),
                   ("undo-grid", "撤销整网格标记", self.undo_grid),
                   ("print", "打印本网格未送达", lambda: self.print_unreached(True)),
                   ("print-all", "打印全部未送达", lambda: self.print_unreached(False)))
        self.actions = add_buttons(row, "reach", actions)
        v.addLayout(row)
        return box

    def set_period(self, period: Period | None) -> None:
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        shown = self.coverage.notice_id if self.coverage else None
        rows = notices.list_notices(self.ctx.store, self.period, self.uncovered_only.isChecked(), scope=self.ctx.scope)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if shown and not self.select(shown):
            self.show_notice(shown)
        elif not shown and rows:  # the tab opens on a notice (the first not yet covered), ready to mark
            self.select(next((n.id for n in rows if n.covered_at is None), rows[0].id))

    def select(self, notice_id: str) -> bool:
        return select_where(self.view, lambda n: n.id == notice_id)

    def _show_selected(self) -> None:
        n = selected(self.view)
        if n is not None:
            self.show_notice(n.id)

    def show_notice(self, notice_id: str) -> None:
        another = self.coverage is None or self.coverage.notice_id != notice_id
        if another:  # another notice: reached now, by default
            set_datetime(self.when, clock.now().replace(second=0, microsecond=0))
        c = self.coverage = notices.coverage(self.ctx.store, notice_id)
        # the same notice again keeps its grid; another opens on its first grid with households still to reach
        grid_row = next((r for r, g in enumerate(c.grids) if g.reached < g.target), 0) if another \
            else max(0, self.grid_table.currentRow())
        self.head.setText(f"{c.title}（{rules.URGENCIES[c.urgency]}，{rules.SOURCES[c.source]}）"
                          f"　{fmt_time(c.issued_at)} 下发")
        done = f"，{fmt_time(c.covered_at)} 全覆盖，用时 {c.hours:.1f} 小时" if c.covered_at else "，尚未全覆盖"
        self.total.setText(f"全村覆盖：{c.text}{done}")
        self.grid_table.setRowCount(len(c.grids))
        for r, g in enumerate(c.grids):
            for col, value in enumerate((g.grid_name, g.target, g.reached, f"{g.rate:.0%}")):
                item = QTableWidgetItem(str(value))
                item.setData(_ID, g.grid_id)
                self.grid_table.setItem(r, col, item)
        if c.grids:
            self.grid_table.selectRow(min(grid_row, len(c.grids) - 1))
        self._show_households()

    def _grid_id(self) -> str | None:
        item = self.grid_table.item(self.grid_table.currentRow(), 0) if self.grid_table.currentRow() >= 0 else None
        return item.data(_ID) if item else None

    def _show_households(self) -> None:
        grid_id = self._grid_id()
        try:
            rows = [] if grid_id is None or self.coverage is None else notices.households(
                self.ctx.store, self.ctx.actor, self.coverage.notice_id, grid_id)
            self.households.setToolTip("")
        except VillageDeskError as exc:  # a worker chose a grid that is not theirs: its households stay hidden
            rows = []
            self.households.setToolTip(exc.message)
        self.households.setRowCount(len(rows))
        for r, h in enumerate(rows):
            for col, value in enumerate((h.label, h.phone, WAYS[h.way] if h.way else "", fmt_time(h.reached_at))):
                item = QTableWidgetItem(value)
                item.setData(_ID, h.household_id)
                self.households.setItem(r, col, item)

    def _after(self, title: str, fn) -> None:
        try:
            done = fn()
        except VillageDeskError as exc:
            messages.warn(self, title, exc.message)
            return
        self.ctx.events.publish(done)

    def mark_selected(self) -> None:
        rows = sorted({i.row() for i in self.households.selectedIndexes()})
        if self.coverage is None or not rows:
            messages.info(self, "标记送达", "请先选中一条通知，再在下表中选中已送达的农户。")
            return

        def mark():
            done = NOTHING
            for r in rows:
                done |= notices.mark_reached(self.ctx.store, self.ctx.actor, self.coverage.notice_id,
                                             self.households.item(r, 0).data(_ID), self.way.currentData(),
                                             datetime_of(self.when)).changes
            return done
        self._after("标记送达", mark)

    def mark_grid(self) -> None:
        grid_id = self._grid_id()
        if self.coverage is None or grid_id is None:
            messages.info(self, "整网格标记", "请先选中一条通知和其中一个网格。")
            return
        grid = next(g for g in self.coverage.grids if g.grid_id == grid_id)
        left = grid.target - grid.reached
        if left > 0 and not messages.confirm(
                self, "整网格标记", f"把“{grid.grid_name}”尚未送达的 {left} 户全部标记为已送达"
                f"（{self.way.currentText()}，{fmt_time(datetime_of(self.when))}）？"):
            return
        self._after("整网格标记", lambda: notices.mark_grid_reached(
            self.ctx.store, self.ctx.actor, self.coverage.notice_id, grid_id, self.way.currentData(),
            datetime_of(self.when)))

    def undo_grid(self) -> None:
        """Take back the grid's whole-grid marking entered today (households marked one by one stay)."""
        grid_id = self._grid_id()
        if self.coverage is None or grid_id is None:
            messages.info(self, "撤销整网格标记", "请先选中一条通知和其中一个网格。")
            return
        name = next(g.grid_name for g in self.coverage.grids if g.grid_id == grid_id)
        if messages.confirm(self, "撤销整网格标记", f"撤销“{name}”今天的整网格标记？逐户标记的农户不受影响。"):
            self._after("撤销整网格标记", lambda: notices.undo_grid_marking(
                self.ctx.store, self.ctx.actor, self.coverage.notice_id, grid_id))

    def print_unreached(self, one_grid: bool) -> None:
        """The households still to reach, for the grid's worker to take along (or every grid's)."""
        grid_id = self._grid_id() if one_grid else None
        if self.coverage is None or (one_grid and grid_id is None):
            messages.info(self, "打印未送达名单", "请先选中一条通知（和其中一个网格）。")
            return
        notice_id = self.coverage.notice_id
        grid = next((g.grid_name for g in self.coverage.grids if g.grid_id == grid_id), "全部网格")
        path = ask_save_path(self, "保存未送达名单", f"未送达名单_{self.coverage.title}_{grid}.pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            messages.warn(self, "打印未送达名单", ValidationError("文件类型", "请保存为 .pdf 或 .xlsx").message)
            return
        fmt = path.suffix.lower().lstrip(".")
        actor = self.ctx.actor
        self.ctx.jobs.start("打印未送达名单", lambda store, _job: notices.export_unreached(
            store, actor, notice_id, path, fmt, grid_id),
                            on_done=lambda p: messages.info(self, "未送达名单", f"已保存：{p}"), parent_widget=self)
