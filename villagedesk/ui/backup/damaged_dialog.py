"""A damaged database at start: say so in plain Chinese, move the file aside (never delete it), restore a verified backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.backup import catalog, damaged, restore
from villagedesk.ui import messages
from villagedesk.ui.backup.restore_dialog import BackupTable


class DamagedDatabaseDialog(QDialog):
    """After exec(), `store` is the restored database (or None if the clerk chose to quit)."""

    def __init__(self, db_path: Path, problem: str, parent: QWidget | None = None, folder: Path | None = None):
        super().__init__(parent)
        self.setObjectName("damaged-database")
        self.setWindowTitle("数据库文件损坏")
        self.resize(760, 480)
        self.db_path = Path(db_path)
        self.store = None
        self.moved_to: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "村务台的数据库文件打不开了：它已损坏、不完整，或者不是村务台的文件。常见原因是电脑突然断电、"
            "磁盘故障、病毒，或文件被别的程序改过。\n\n"
            "点“恢复所选备份”后，损坏的文件会被移到一旁保存（不会删除，可交给技术人员查看），"
            "再用下面选中的备份恢复。下面列出的是检查过、完好的最近备份。\n\n"
            f"数据库：{self.db_path}\n问题：{problem}")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = BackupTable()
        layout.addWidget(self.table, 1)
        other = QPushButton("选择其他备份文件（如U盘上的）…")
        other.clicked.connect(self._pick_file)
        layout.addWidget(other, 0, Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("备份密码（加密的备份）：", self.password)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("恢复所选备份", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.show_backups(damaged.verified_backups(folder))
        if not self.table.backups:
            intro.setText(intro.text() + "\n\n在本机的备份文件夹中没有找到完好的备份；如有U盘备份，请点“选择其他备份文件”。")

    def add_file(self, path: Path) -> None:
        try:
            b = catalog.load(path)
        except VillageDeskError as exc:
            messages.warn(self, "数据库文件损坏", exc.message)
            return
        self.table.show_backups([b, *self.table.backups])

    def _pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择备份文件", "", "村务台备份 (*.vdbak *.age)")
        if name:
            self.add_file(Path(name))

    def run(self) -> None:
        b = self.table.current()
        if b is None:
            messages.warn(self, "数据库文件损坏", "请先选择一份备份。")
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.moved_to is None and self.db_path.exists():
                self.moved_to = damaged.move_aside(self.db_path)
            done = restore.restore(self.db_path, b.path, store=None, password=self.password.text() or None)
        except VillageDeskError as exc:
            QApplication.restoreOverrideCursor()
            messages.warn(self, "数据库文件损坏", exc.message)
            return
        QApplication.restoreOverrideCursor()
        self.store = done.store
        aside = f"损坏的文件已移到：{self.moved_to}\n" if self.moved_to else ""
        messages.info(self, "数据库文件损坏", f"{aside}已从 {b.created_at[:16].replace('T', ' ')} 的备份恢复。")
        self.accept()
