"""报表上报: pick a period, see each report's state, open one as a table, export the whole set, 报出."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QSplitter, QWidget

from villagedesk.domain import permissions
from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action
from villagedesk.services.reports import sending
from villagedesk.services.reports.building import period_of
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import LatestRead
from villagedesk.ui.pages.reports.preview import ReportPreview
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.flow_layout import FlowLayout, labelled
from villagedesk.ui.widgets.gate import gate, set_tip
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.period_picker import PeriodPicker
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import follow_selection, table_view

COLUMNS = [
    Col("表号", lambda s: s.number), Col("报表", lambda s: s.title), Col("报送周期", lambda s: s.period_kind),
    Col("状态", lambda s: s.label), Col("报出时间", lambda s: s.submitted_at[:16].replace("T", " ")),
    Col("报出人", lambda s: s.submitted_by), Col("报出后的修改", lambda s: s.changed),
    Col("乡镇意见", lambda s: "：".join(x for x in (s.answered_by, s.answer_note) if x)),
]


def ask_folder(parent: QWidget, title: str) -> Path | None:
    """Where the set's folder 村名_期间 goes (tests answer it)."""
    path = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(path) if path else None


class ReportsPage(QWidget):
    # every kind of record feeds some report of the set
    SHOWS = frozenset(Kind)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view_data: sending.SetView | None = None
        self.sent: dict[str, sending.export.SetExport] = {}  # period label -> the set exported this session
        from PySide6.QtWidgets import QVBoxLayout

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(role_label("报表上报", "title"))
        layout.addWidget(role_label("选统计期间，核对各表（选中一行，右侧显示该表），再一次导出全套：一个工作簿（每表一页）、"
                                    "一个合并 PDF 和各表单独文件，放在“村名_期间”文件夹里。报出由单位负责人确认。", "hint",
                                    wrap=True))
        row = FlowLayout()  # wraps onto a further row at large text
        self.period = PeriodPicker("report-period", default="report", with_all=False)
        row.addWidget(labelled("统计期间：", self.period))
        self.buttons = add_buttons(row, "report", (
            ("export-set", "导出全套报表…", self.export_set),
            ("submit", "报出", self.submit),
        ))
        self.buttons["export-set"].setDefault(True)
        gate(ctx, self.buttons["export-set"], Action.PREPARE_REPORT)
        gate(ctx, self.buttons["submit"], Action.SIGN_REPORT)
        set_tip(self.buttons["export-set"], "导出全套：工作簿、合并 PDF 和各表单独文件（文书/会计编制，署名填表人）")
        set_tip(self.buttons["submit"], "单位负责人确认报出：记录报出人、时间和文件校验值（sha256）")
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("report-status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RowsModel(COLUMNS, self, highlight=lambda s: s.state in ("modified", "returned"))
        self.catalogue = table_view(self.model, "report-catalogue")
        self.preview = ReportPreview()
        split.addWidget(self.catalogue)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        remembered(split, "reports", [520, 700])
        layout.addWidget(split, 1)

        self.read = LatestRead(ctx.jobs, "汇总报表", self._read, self._show, self)
        self.period.activated.connect(lambda _i: self.refresh())
        self.period.lineEdit().returnPressed.connect(self.refresh)
        follow_selection(self.catalogue, self._show_report)
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(self.SHOWS, self.refresh)
        self.refresh()

    # -- reading --
    def period_label(self) -> str:
        return self.period.label()

    def refresh(self) -> None:
        try:
            label = period_of(self.period_label()).label
        except VillageDeskError as exc:
            self.status.setText(exc.message)
            return
        self.status.setText("正在汇总……")
        self._asked = label
        self.read.request()

    def _read(self, store):
        try:
            return sending.view_set(store, self.ctx.actor, self._asked)
        except VillageDeskError as exc:
            return exc

    def _show(self, data) -> None:
        if isinstance(data, VillageDeskError):
            self.view_data = None
            self.model.set_rows([])
            self.preview.show_table(None)
            self.status.setText(data.message)
            return
        shown = self.selected_key()
        self.view_data = data
        self.model.set_rows(data.states)
        self.catalogue.resizeColumnsToContents()
        counts: dict[str, int] = {}
        for s in data.states:
            counts[s.label.split("（")[0]] = counts.get(s.label.split("（")[0], 0) + 1
        back = [f"{s.number}（{s.answer_note}）" for s in data.states if s.state == "returned" and s.answer_note]
        self.status.setText(f"{data.period.title}：共 {len(data.states)} 张表，"
                            + "，".join(f"{k} {v} 张" for k, v in counts.items())
                            + (f"。乡镇退回：{'、'.join(back)}，请修改后重新报出" if back else "")
                            + self._who_prepares())
        keys = [s.key for s in data.states]
        self.catalogue.selectRow(keys.index(shown) if shown in keys else 0)
        self._show_report(data.states[keys.index(shown) if shown in keys else 0])

    def _who_prepares(self) -> str:
        """A head of an office without a 文书/会计 is told how the set gets prepared (the policy: clerks prepare)."""
        actor = self.ctx.actor
        if permissions.can(actor, Action.PREPARE_REPORT) or sending.preparers(self.ctx.store):
            return ""
        return ("。本村还没有文书/会计使用人：报表由文书/会计编制（署名填表人），书记/主任核对后报出；"
                "请在 系统设置 › 用户 新增一位文书/会计，由其登录导出全套报表，再切换到书记/主任报出")

    def selected_key(self) -> str | None:
        rows = self.catalogue.selectionModel().selectedRows() if self.catalogue.selectionModel() else []
        return self.model.row(rows[0].row()).key if rows else None

    def _show_report(self, state) -> None:
        if self.view_data is None or state is None:
            return
        self.preview.show_table(next(t for t in self.view_data.tables if t.key == state.key))

    def open_report(self, key: str) -> None:
        """Select one report of the catalogue (from 首页 or a test)."""
        if self.view_data is None:
            return
        keys = [s.key for s in self.view_data.states]
        if key in keys:
            self.catalogue.selectRow(keys.index(key))
            self._show_report(self.view_data.states[keys.index(key)])

    # -- export and 报出 --
    def export_set(self) -> None:
        try:
            p = period_of(self.period_label())
        except VillageDeskError as exc:
            messages.warn(self, "导出全套报表", exc.message)
            return
        folder = ask_folder(self, f"导出 {p.title} 全套报表到……")
        if folder is None:
            return
        actor = self.ctx.actor
        self.ctx.jobs.start("导出全套报表", lambda store, job: sending.prepare_set(store, actor, p, folder, job),
                            on_done=self._exported, parent_widget=self)

    def _exported(self, result) -> None:
        self.sent[result.period.label] = result
        self.last_export = result
        messages.info(self, "导出全套报表", f"已导出 {len(result.files)} 个文件到：\n{result.folder}")

    def submit(self) -> None:
        label = self.period_label()
        try:
            p = period_of(label)
        except VillageDeskError as exc:
            messages.warn(self, "报出", exc.message)
            return
        sent = self.sent.get(p.label)
        if sent is None:
            messages.info(self, "报出", f"请先导出 {p.title} 的全套报表，核对无误后再报出：报出记录的是导出文件的校验值。")
            return
        if not messages.confirm(self, "报出", f"确认以单位负责人 {self.ctx.actor.name} 的名义报出 {p.title} 的报表？\n"
                                              f"文件：{sent.folder}"):
            return
        try:
            result = sending.sign_and_submit(self.ctx.store, self.ctx.actor, sent)
        except VillageDeskError as exc:
            messages.warn(self, "报出", exc.message)
            return
        self.ctx.events.publish(result)
        done = [s for s in result if s.state == "submitted"]
        messages.info(self, "报出", f"{p.title}：已报出 {len(done)} 张表。")
