"""恢复: the backups with date, counts and who made them; what today's database would lose; confirm; restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import permissions
from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.backup import automatic, catalog, restore
from villagedesk.ui import messages
from villagedesk.ui.widgets.table_view import read_only_cells

COLUMNS = ("时间", "农户", "积分台账", "兑换凭证", "制作人", "原因", "文件")


class BackupTable(QTableWidget):
    """Backups newest first, one per row; the row's backup is in `backups`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        read_only_cells(self)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.backups: list = []

    def show_backups(self, backups: list) -> None:
        self.backups = list(backups)
        self.setRowCount(len(self.backups))
        for r, b in enumerate(self.backups):
            m = b.manifest
            values = (b.created_at[:16].replace("T", " "), m.get("households"), m.get("ledger_entries"),
                      m.get("receipts"), m.get("made_by", "（加密）" if b.encrypted else ""), m.get("reason", ""),
                      b.path.name)
            for c, v in enumerate(values):
                self.setItem(r, c, QTableWidgetItem("" if v is None else str(v)))
        self.resizeColumnsToContents()
        if self.backups:
            self.selectRow(0)

    def current(self):
        row = self.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None


class RestoreDialog(QDialog):
    """Restores over the open database; `on_restored(restored)` gets the new store and what was kept."""

    def __init__(self, ctx, on_restored: Callable, parent: QWidget | None = None, folder: Path | None = None):
        super().__init__(parent)
        self.setObjectName("restore")
        self.setWindowTitle("从备份恢复")
        self.resize(760, 520)
        self.ctx = ctx
        self.on_restored = on_restored
        self.folder = folder or automatic.folder()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择要恢复的备份。恢复前的数据库会另存一份，不会丢失；恢复后本机作为新节点，"
                                "兑换凭证换用新的编号系列，已打印的编号不会重复。"))
        self.table = BackupTable()
        self.table.itemSelectionChanged.connect(self._show_preview)
        layout.addWidget(self.table, 1)
        other = QPushButton("选择其他备份文件（如U盘上的）…")
        other.clicked.connect(self._pick_file)
        layout.addWidget(other, 0, Qt.AlignmentFlag.AlignLeft)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("备份密码（加密的备份）：", self.password)
        layout.addLayout(form)
        if not permissions.can(ctx.actor, permissions.Action.RESTORE):
            layout.addWidget(QLabel(f"恢复只能由{permissions.who_may(permissions.Action.RESTORE)}办理；"
                                    f"当前使用人是{ctx.actor.name}。"))
        self.agree = QCheckBox("我已看过上面的说明，确定用这份备份替换现在的数据库")
        self.agree.toggled.connect(self._enable)
        layout.addWidget(self.agree)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.show_backups(catalog.list_backups(self.folder))
        self._show_preview()

    def add_file(self, path: Path) -> None:
        try:
            b = catalog.load(path)
        except VillageDeskError as exc:
            messages.warn(self, "从备份恢复", exc.message)
            return
        self.table.show_backups([b, *[x for x in self.table.backups if x.path != b.path]])

    def _pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择备份文件", "", "村务台备份 (*.vdbak *.age)")
        if name:
            self.add_file(Path(name))

    def _show_preview(self) -> None:
        b = self.table.current()
        self.password.setEnabled(bool(b and b.encrypted))
        if b is None:
            self.preview.setText(f"“{self.folder}”中还没有备份。")
        else:
            p = restore.preview(self.ctx.store, b.path)
            self.preview.setText("\n".join(p.lines()) if not b.encrypted else
                                 "这是加密的备份：输入备份密码后恢复。\n" + "\n".join(p.lines()[:3]))
        self._enable()

    def _enable(self) -> None:
        self.restore_button.setEnabled(self.table.current() is not None and self.agree.isChecked())

    def run(self) -> None:
        b = self.table.current()
        if b is None or not self.agree.isChecked():
            return
        try:
            restore.require_restore_role(self.ctx.store, self.ctx.actor)
        except VillageDeskError as exc:
            messages.warn(self, "从备份恢复", exc.message)
            return
        if not messages.confirm(self, "从备份恢复", f"用 {b.created_at[:16].replace('T', ' ')} 的备份替换现在的数据库？"):
            return
        self.ctx.jobs.wait_all(30)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = restore.restore(self.ctx.store.path, b.path, store=self.ctx.store,
                                   actor=self.ctx.actor, password=self.password.text() or None)
        except VillageDeskError as exc:
            QApplication.restoreOverrideCursor()
            self.on_restored(None)  # the database may have been closed: the window reopens it
            messages.warn(self, "从备份恢复", exc.message)
            return
        QApplication.restoreOverrideCursor()
        self.on_restored(done)
        kept = f"\n恢复前的数据库另存为：{done.kept}" if done.kept else ""
        problems = ("\n\n检查发现问题：\n" + "\n".join(done.problems)) if done.problems else ""
        messages.info(self, "从备份恢复", f"已恢复 {b.path.name}。{kept}\n本机从此作为新节点，兑换凭证使用新的编号系列。"
                      + problems)
        self.accept()
