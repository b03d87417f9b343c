"""系统设置: 字号、数据库与本机节点、操作记录."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.domain.clock import local_time
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action as Can
from villagedesk.services import privacy, system, users, village
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext
from villagedesk.ui.refresh import Refresher
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import breakable_path, role_label
from villagedesk.ui.widgets.table_view import read_only_cells


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # at large text the boxes do not fit a laptop's screen: they scroll, never squash
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel("系统设置")
        title.setProperty("role", "title")
        layout.addWidget(title)

        size_box = QGroupBox("字号")  # a group box's title never wraps: long words go in a line that does
        row = FlowLayout(size_box)
        for text, delta in (("字号变小", -1), ("恢复默认", 0), ("字号变大", +1)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, d=delta: self._zoom(d))
            row.addWidget(button)
        row.addWidget(role_label("也可按 Ctrl + 加号 / Ctrl + 减号", "hint"))
        layout.addWidget(size_box)

        db_box = QGroupBox("数据库")
        db_layout = QVBoxLayout(db_box)
        form = QFormLayout()
        db_layout.addLayout(form)
        self.db_fields = {key: QLabel() for key in ("kind", "path", "size", "node", "schema")}
        for key, label in (("kind", "数据"), ("path", "文件位置"), ("size", "文件大小")):
            self.db_fields[key].setWordWrap(True)
            form.addRow(label + "：", self.db_fields[key])
        self.db_buttons = {}
        row = FlowLayout()
        for key, text in (("new", "新建本村…"), ("switch", "切换数据库…")):
            button = QPushButton(text)
            button.setObjectName(f"settings-database-{key}")
            button.clicked.connect(lambda _=False, k=key: self._database(k))
            row.addWidget(button)
            self.db_buttons[key] = button
        db_layout.addLayout(row)
        # what only a technician asks for (the node's id, its start, the schema) stays folded away
        self.tech_toggle = QToolButton()
        self.tech_toggle.setObjectName("settings-tech")
        self.tech_toggle.setText("技术信息")
        self.tech_toggle.setCheckable(True)
        self.tech_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tech_toggle.setArrowType(Qt.ArrowType.RightArrow)
        db_layout.addWidget(self.tech_toggle)
        self.tech = QWidget()
        tech_form = QFormLayout(self.tech)
        tech_form.setContentsMargins(16, 0, 0, 0)
        for key, label in (("node", "本机节点"), ("schema", "数据结构版本")):
            self.db_fields[key].setWordWrap(True)
            self.db_fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            tech_form.addRow(label + "：", self.db_fields[key])
        self.tech.setVisible(False)
        db_layout.addWidget(self.tech)
        self.tech_toggle.toggled.connect(self._show_tech)
        layout.addWidget(db_box)
        from villagedesk.ui.backup.panels import BackupSettingsBox

        self.backup_box = BackupSettingsBox(ctx)
        layout.addWidget(self.backup_box)

        from villagedesk.ui.pages.settings.users_box import UsersBox

        self.users_box = UsersBox(ctx)
        layout.addWidget(self.users_box)

        from villagedesk.ui.pages.settings.report_forms_box import ReportFormsBox

        self.forms_box = ReportFormsBox(ctx)
        layout.addWidget(self.forms_box)

        audit_box = QGroupBox("操作记录")
        audit = QVBoxLayout(audit_box)
        audit.addWidget(role_label("最近 500 条；每次查看完整身份证号、导出、登录和角色变更都在这里。", "hint", wrap=True))
        filters = QHBoxLayout()
        self.audit_search = QLineEdit()
        self.audit_search.setProperty("search", True)  # Ctrl+F finds it
        self.audit_search.setPlaceholderText("按操作或内容查找，例如：显示完整身份证号")
        self.audit_search.textChanged.connect(self._load_audit)
        self.audit_user = QComboBox()
        self.audit_user.setObjectName("audit-user")
        self.audit_user.currentIndexChanged.connect(lambda _i: self._load_audit())
        self.audit_from = QLineEdit()
        self.audit_from.setPlaceholderText("起始日期 2026-11-01")
        self.audit_from.textChanged.connect(self._load_audit)
        self.audit_to = QLineEdit()
        self.audit_to.setPlaceholderText("截止日期")
        self.audit_to.textChanged.connect(self._load_audit)
        self.audit_export = gate(ctx, QPushButton("导出操作记录…"), Can.VIEW_AUDIT)
        self.audit_export.clicked.connect(self._export_audit)
        for w, stretch in ((self.audit_search, 3), (self.audit_user, 1)):
            filters.addWidget(w, stretch)
        audit.addLayout(filters)
        dates = QHBoxLayout()  # a second row: at large text one row of five is wider than a laptop's screen
        for w, stretch in ((self.audit_from, 1), (self.audit_to, 1), (self.audit_export, 0)):
            dates.addWidget(w, stretch)
        audit.addLayout(dates)
        self.audit_refused = QLabel("")
        self.audit_refused.setProperty("role", "hint")
        self.audit_refused.setWordWrap(True)
        audit.addWidget(self.audit_refused)
        self.audit_table = QTableWidget(0, 4)
        self.audit_table.setHorizontalHeaderLabels(["时间", "使用人", "操作", "内容"])
        self.audit_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        read_only_cells(self.audit_table)
        self.audit_table.verticalHeader().setVisible(False)
        self.audit_table.setMinimumHeight(260)
        audit.addWidget(self.audit_table)
        layout.addWidget(audit_box, 1)
        # the audit trail has a line for every write; the database's size grows with them
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch({Kind.AUDIT, Kind.SETTINGS, Kind.USERS, Kind.VILLAGES}, self.refresh)
        self.refresher.watch({Kind.REPORT_FORMS, Kind.SETTINGS}, self.forms_box.refresh)
        self.refresh()

    def _zoom(self, delta: int) -> None:
        window = self.window()
        if hasattr(window, "zoom"):
            window.zoom(delta)

    def refresh(self) -> None:
        info = system.database_info(self.ctx.store)
        self.db_fields["kind"].setText("演示村（练习用数据）"
                                       if village.is_demo(self.ctx.store) else "本村数据")
        self.db_fields["path"].setText(breakable_path(info.path))
        self.db_fields["size"].setText(f"{info.size_mb} MB")
        since = local_time(info.node_since)
        self.db_fields["node"].setText(f"{info.node_id}（{since}起，{info.node_reason}）" if since else info.node_id)
        self.db_fields["schema"].setText(str(info.schema_version))
        self.backup_box.refresh()
        self.users_box.refresh()
        self._load_audit()

    def _show_tech(self, shown: bool) -> None:
        self.tech.setVisible(shown)
        self.tech_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _database(self, key: str) -> None:
        from villagedesk.ui import databases

        window = self.window()
        if hasattr(window, "open_database"):
            databases.new_village(window) if key == "new" else databases.switch_database(window)

    def _filters(self) -> dict:
        return {"user_id": self.audit_user.currentData() or "", "day_from": self.audit_from.text().strip(),
                "day_to": self.audit_to.text().strip()}

    def _load_audit(self) -> None:
        self._fill_users()
        try:
            lines = privacy.audit_lines(self.ctx.store, self.ctx.actor, limit=500, **self._filters())
        except VillageDeskError as exc:
            lines = []
            self.audit_refused.setText(exc.message)
        else:
            self.audit_refused.setText("")
        words = self.audit_search.text().strip()
        if words:
            lines = [ln for ln in lines if words in ln.user or words in ln.action or words in ln.detail]
        self.audit_table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate((line.at.replace("T", " ")[:19], line.user, line.action, line.detail)):
                self.audit_table.setItem(r, c, QTableWidgetItem(value))
        self.audit_table.resizeColumnsToContents()

    def _fill_users(self) -> None:
        wanted = [("全部使用人", "")] + [(u.name, u.id) for u in users.list_users(self.ctx.store)]
        if [(self.audit_user.itemText(i), self.audit_user.itemData(i)) for i in range(self.audit_user.count())] != wanted:
            self.audit_user.blockSignals(True)
            current = self.audit_user.currentData()
            self.audit_user.clear()
            for text, data in wanted:
                self.audit_user.addItem(text, data)
            self.audit_user.setCurrentIndex(max(0, self.audit_user.findData(current)))
            self.audit_user.blockSignals(False)

    def _export_audit(self) -> None:
        from villagedesk.ui.pages.households.files import ask_save_path

        path = ask_save_path(self, "导出操作记录", "操作记录.xlsx", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        try:
            out = privacy.export_audit(self.ctx.store, self.ctx.actor, path, **self._filters())
        except VillageDeskError as exc:
            messages.warn(self, "导出操作记录", exc.message)
            return
        messages.info(self, "导出操作记录", f"已导出：{out}")
