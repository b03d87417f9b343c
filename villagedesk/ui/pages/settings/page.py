"""系统设置: 字号、数据库与本机节点、操作记录."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.changes import Kind
from villagedesk.services import system
from villagedesk.ui.context import AppContext
from villagedesk.ui.refresh import Refresher


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel("系统设置")
        title.setProperty("role", "title")
        layout.addWidget(title)

        size_box = QGroupBox("字号（也可按 Ctrl + 加号 / Ctrl + 减号）")
        row = QHBoxLayout(size_box)
        for text, delta in (("字号变小", -1), ("恢复默认", 0), ("字号变大", +1)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, d=delta: self._zoom(d))
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(size_box)

        db_box = QGroupBox("数据库")
        form = QFormLayout(db_box)
        self.db_fields = {key: QLabel() for key in ("path", "size", "node", "schema")}
        for key, label in (("path", "文件位置"), ("size", "文件大小"), ("node", "本机节点"), ("schema", "数据结构版本")):
            self.db_fields[key].setWordWrap(True)
            form.addRow(label + "：", self.db_fields[key])
        layout.addWidget(db_box)
        from villagedesk.ui.backup.panels import BackupSettingsBox

        self.backup_box = BackupSettingsBox(ctx)
        layout.addWidget(self.backup_box)

        audit_box = QGroupBox("操作记录（最近 500 条）")
        audit = QVBoxLayout(audit_box)
        self.audit_search = QLineEdit()
        self.audit_search.setPlaceholderText("按使用人、操作或内容查找")
        self.audit_search.textChanged.connect(self._load_audit)
        audit.addWidget(self.audit_search)
        self.audit_table = QTableWidget(0, 4)
        self.audit_table.setHorizontalHeaderLabels(["时间", "使用人", "操作", "内容"])
        self.audit_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.audit_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.audit_table.verticalHeader().setVisible(False)
        audit.addWidget(self.audit_table)
        layout.addWidget(audit_box, 1)
        # the audit trail has a line for every write; the database's size grows with them
        self.refresher = Refresher(self, ctx.events)
        self.refresher.watch({Kind.AUDIT, Kind.SETTINGS, Kind.USERS, Kind.VILLAGES}, self.refresh)
        self.refresh()

    def _zoom(self, delta: int) -> None:
        window = self.window()
        if hasattr(window, "zoom"):
            window.zoom(delta)

    def refresh(self) -> None:
        info = system.database_info(self.ctx.store)
        self.db_fields["path"].setText(info.path)
        self.db_fields["size"].setText(f"{info.size_mb} MB")
        self.db_fields["node"].setText(f"{info.node_id}（{info.node_since}，{info.node_reason}）")
        self.db_fields["schema"].setText(str(info.schema_version))
        self.backup_box.refresh()
        self._load_audit()

    def _load_audit(self) -> None:
        lines = system.audit_trail(self.ctx.store, self.audit_search.text())
        self.audit_table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate((line.at.replace("T", " ")[:19], line.user, line.action, line.detail)):
                self.audit_table.setItem(r, c, QTableWidgetItem(value))
        self.audit_table.resizeColumnsToContents()
