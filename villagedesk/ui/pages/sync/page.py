"""数据同步: this PC and its peers with fingerprints, 注册, 生成/导入同步包, the history, and 冲突 to review."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.sync import conflicts, pairing, status
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.pages.sync import dialogs, district
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.table_view import read_only_cells

SHOWS = {Kind.AUDIT, Kind.VILLAGES, Kind.USERS}  # every sync write is audited; an import publishes everything


def _table(headers: list[str], height: int = 180) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setStretchLastSection(True)
    read_only_cells(t)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setMinimumHeight(height)
    return t


def _fill(t: QTableWidget, rows: list[tuple], tips: list[tuple] | None = None) -> None:
    """Fill `t`; `tips`, cell by cell, the whole text of a value shortened in the cell."""
    t.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if tips is not None and tips[r][c]:
                item.setToolTip(tips[r][c])
            t.setItem(r, c, item)
    t.resizeColumnsToContents()


def _when(at: str | None) -> str:
    return (at or "—").replace("T", " ")[:16]


SHORT = 40  # characters of a version shown in its cell (wrapped); the tooltip has all


def _version(value: str | None, by: str) -> str:
    text = "（空）" if value is None else (value if len(value) <= SHORT else value[:SHORT] + "…")
    return f"{text}\n（来自 {by}）"


def _whole(value: str | None, by: str) -> str:
    return f"{'（空）' if value is None else value}（来自 {by}）"


def _note(text: str) -> QLabel:
    """A hint line that wraps at large text (an unwrapped one widened the page past the window)."""
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None  # the open dialog, for tests and for keeping it alive
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # at large text the boxes scroll, never squash
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel("数据同步")
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.me_label = QLabel()
        self.me_label.setWordWrap(True)
        layout.addWidget(self.me_label)
        self.clock_warning = QLabel()
        self.clock_warning.setProperty("role", "warning")
        self.clock_warning.setWordWrap(True)
        layout.addWidget(self.clock_warning)

        actions = FlowLayout()  # wraps onto a second row at large text
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("register", "生成本机注册文件…", self._write_registration),
                                ("pair", "导入对方注册文件…", self._pair),
                                ("export", "生成同步包…", self._export),
                                ("import", "导入同步包…", self._import)):
            button = QPushButton(text)
            button.setObjectName(f"sync-{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        gate(ctx, self.buttons["import"], Can.IMPORT_SYNC)
        for key in ("register", "pair", "export"):  # a package carries the register; pairing decides whom to trust
            gate(ctx, self.buttons[key], Can.EXCHANGE_SYNC)
        if ctx.node_role == "district":  # a district receives its townships' 区县汇总包, no sync package
            self.buttons["export"].setVisible(False)
            self.buttons["import"].setText("导入区县汇总包…")
        elif ctx.node_role == "township":
            button = QPushButton("生成区县汇总包…")
            button.setObjectName("sync-district-export")
            button.clicked.connect(lambda: district.export_package(self.ctx, self))
            self.buttons["district-export"] = button
            actions.addWidget(button)
        layout.addLayout(actions)

        peers_box = QGroupBox("已配对的电脑")  # short titles: a group box never wraps its title
        pv = QVBoxLayout(peers_box)
        pv.addWidget(_note("指纹须与对方电脑屏幕上显示的一致。"))
        self.peers_table = _table(["对方", "指纹", "最近发出", "最近收到", "对方尚缺"], 120)
        pv.addWidget(self.peers_table)
        self.peers_hint = _note("")
        pv.addWidget(self.peers_hint)
        layout.addWidget(peers_box)

        conflict_box = QGroupBox("冲突")
        cv = QVBoxLayout(conflict_box)
        cv.addWidget(_note("两台电脑改了同一处，或导入时被搁置的记录。"))
        self.conflicts_table = _table(["类型", "记录", "项目", "本机现在的", "另一版本", "时间"])
        head = self.conflicts_table.horizontalHeader()  # the two versions side by side share what is left, wrapped
        head.setStretchLastSection(False)
        for column in (3, 4):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.conflicts_table.setWordWrap(True)
        head.sectionResized.connect(lambda *_: self.conflicts_table.resizeRowsToContents())  # wrapped anew
        cv.addWidget(self.conflicts_table)
        row = FlowLayout()
        self.keep_button = gate(ctx, QPushButton("保留本机现在的"), Can.IMPORT_SYNC)
        self.take_button = gate(ctx, QPushButton("改用另一版本"), Can.IMPORT_SYNC)
        self.keep_button.clicked.connect(lambda: self._resolve("kept"))
        self.take_button.clicked.connect(lambda: self._resolve("lost"))
        row.addWidget(self.keep_button)
        row.addWidget(self.take_button)
        cv.addLayout(row)
        self.conflicts_hint = QLabel("选择的版本会作为一次新的修改同步到其他电脑，那边的这处冲突随之关闭。")
        self.conflicts_hint.setProperty("role", "hint")
        self.conflicts_hint.setWordWrap(True)
        cv.addWidget(self.conflicts_hint)
        layout.addWidget(conflict_box)

        history_box = QGroupBox("同步记录")
        hv = QVBoxLayout(history_box)
        self.history_table = _table(["时间", "方向", "对方", "大小", "记录数", "经办人", "文件"])
        hv.addWidget(self.history_table)
        layout.addWidget(history_box, 1)
        self.held_table: QTableWidget | None = None
        if ctx.node_role == "district":  # it holds aggregates only: no sync package, so no conflict and no history
            conflict_box.setVisible(False)
            history_box.setTitle("已导入的区县汇总包")
            hv.removeWidget(self.history_table)
            self.history_table.setVisible(False)
            self.held_table = _table(["期间", "乡镇", "村数", "乡镇生成时间", "导入时间", "经办人", "文件"])
            self.held_table.setObjectName("sync-held-packages")
            hv.addWidget(self.held_table)
            hv.addWidget(_note("每个乡镇每个期间保留最新的一个汇总包；同一汇总包再次导入不变，较新的替换较早的。"))

        self.conflict_rows: list[conflicts.Conflict] = []
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch(SHOWS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        st = status.status(self.ctx.store)
        self.me_label.setText(f"本机：{st.me.title}\n本机指纹：{st.me.fingerprint}")  # never cut off at large text
        held = []
        if self.held_table is not None:
            from villagedesk.services.district.importing import held_packages

            held = held_packages(self.ctx.store)
        if self.held_table is None:
            _fill(self.peers_table, [(p.title, p.fingerprint, _when(p.last_sent), _when(p.last_received),
                                      f"{p.behind} 条") for p in st.peers])
        else:  # a district sends nothing: what it last received from a township is that township's package
            last = {}
            for h in held:
                last[h.sender] = max(last.get(h.sender, ""), h.imported_at)
            _fill(self.peers_table, [(p.title, p.fingerprint, "—", _when(last.get(p.node_id)), "—")
                                     for p in st.peers])
        self.peers_hint.setText("" if st.peers else
                                "尚未与任何电脑配对：先互换注册文件（“生成本机注册文件”，再在对方电脑上“导入对方注册文件”），"
                                "电话核对指纹后确认。")
        self.buttons["export"].setEnabled(bool(st.peers))
        _fill(self.history_table, [
            (_when(h["at"]), "发出" if h["direction"] == "out" else "收到", h["peer_name"], _size(h["bytes"]),
             "首次同步（全部数据）" if h["snapshot"] else f"{h['changes']} 条变更", h["user_name"], h["file_name"])
            for h in st.history])
        if self.held_table is not None:
            _fill(self.held_table, [(h.period, f"{h.township_name}（{h.township_code}）", str(h.villages),
                                     _when(h.created_at), _when(h.imported_at), h.imported_by, h.file_name)
                                    for h in held])
        self.conflict_rows = conflicts.open_conflicts(self.ctx.store)
        _fill(self.conflicts_table, [
            (conflicts.KIND_LABELS.get(c.kind, c.kind), f"{status.table_label(c.table)} {c.record}", c.field or "—",
             _version(c.kept, c.kept_by), _version(c.lost, c.lost_by), _when(c.at)) for c in self.conflict_rows],
            [("", "", "", _whole(c.kept, c.kept_by), _whole(c.lost, c.lost_by), "") for c in self.conflict_rows])
        self.conflicts_table.resizeRowsToContents()
        clock = sum(1 for c in self.conflict_rows if c.kind == "clock")
        self.clock_warning.setText(
            f"注意：收到的 {clock} 条记录的时间比本机时钟晚一天以上，对方电脑的日期可能不对；"
            "这些记录不会悄悄胜出，请在下方冲突中核对。" if clock else "")
        self.clock_warning.setVisible(bool(clock))

    def selected_conflict(self) -> conflicts.Conflict | None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return self.conflict_rows[rows[0].row()] if rows else None

    def _resolve(self, version: str) -> None:
        c = self.selected_conflict()
        if c is None:
            messages.warn(self, "冲突", "请先在冲突列表中选中一行。")
            return
        try:
            done = conflicts.keep(self.ctx.store, self.ctx.actor, c.id, version)
        except VillageDeskError as exc:
            messages.warn(self, "冲突", exc.message)
            return
        self.ctx.events.publish(done)
        self.refresh()

    def _write_registration(self) -> None:
        path = dialogs.ask_save_path(self, "生成本机注册文件", "本机注册文件.vdreg", "注册文件 (*.vdreg)")
        if path is None:
            return
        try:
            reg = pairing.write_registration_file(self.ctx.store, self.ctx.actor, path)
        except VillageDeskError as exc:
            messages.warn(self, "生成本机注册文件", exc.message)
            return
        messages.info(self, "生成本机注册文件", f"注册文件已保存：{path}\n\n本机指纹：{reg.fingerprint}\n"
                                                "把文件交给对方导入，并电话核对对方屏幕上显示的指纹。")
        self.refresh()

    def _pair(self) -> None:
        path = dialogs.ask_open_path(self, "导入对方注册文件", "注册文件 (*.vdreg)")
        if path is None:
            return
        try:
            reg = pairing.read_registration_file(path)
        except VillageDeskError as exc:
            messages.warn(self, "导入对方注册文件", exc.message)
            return
        self._open(dialogs.PairDialog(self.ctx, reg, self))

    def _export(self) -> None:
        self._open(dialogs.ExportDialog(self.ctx, self))

    def _import(self) -> None:
        if self.ctx.node_role == "district":
            district.import_package(self.ctx, self)
            self.refresh()
            return
        self._open(dialogs.ImportDialog(self.ctx, self))

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
