"""备份到U盘: pick a removable drive, type the office's backup password, write encrypted and read back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import changes
from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.backup import encrypted, usb
from villagedesk.ui import messages
from villagedesk.ui.context import AppContext


class UsbBackupDialog(QDialog):
    """The drive list refreshes on demand; the backup runs in the job runner, so the window stays responsive."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 drives: Callable[[], list[usb.Drive]] | None = None):
        super().__init__(parent)
        self.setObjectName("usb-backup")
        self.setWindowTitle("备份到U盘")
        self.ctx = ctx
        self._drives_source = drives or (lambda: usb.removable_drives())
        self.drives: list[usb.Drive] = []
        self.result_backup = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("备份文件用备份密码加密：U盘丢了，别人也看不到里面的身份证号和姓名。\n"
                                "请牢记密码，恢复时只认这个密码。"))
        form = QFormLayout()
        row = QHBoxLayout()
        self.drive_box = QComboBox()
        self.drive_box.setMinimumWidth(360)
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.refresh_drives)
        row.addWidget(self.drive_box, 1)
        row.addWidget(refresh)
        form.addRow("U盘：", row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("备份密码：", self.password)
        form.addRow("再输入一次：", self.repeat)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton("开始备份", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh_drives()

    def refresh_drives(self) -> None:
        self.drives = self._drives_source()
        self.drive_box.clear()
        for d in self.drives:
            self.drive_box.addItem(d.text())
        self.start_button.setEnabled(bool(self.drives))
        self.status.setText("" if self.drives else "没有找到U盘。请插入U盘，稍等几秒后点“刷新”。")

    def start(self) -> None:
        if not self.drives:
            return
        try:
            encrypted.check_password(self.password.text(), self.repeat.text())
        except VillageDeskError as exc:
            messages.warn(self, "备份到U盘", exc.message)
            return
        drive = self.drives[self.drive_box.currentIndex()]
        self.start_button.setEnabled(False)
        self.status.setText("正在备份，请不要拔出U盘…")
        self.ctx.jobs.start("备份到U盘", _run, drive, self.password.text(), self.ctx.actor,
                            on_done=self._done, on_error=self._failed, parent_widget=self)

    def _done(self, made) -> None:
        self.result_backup = made
        self.start_button.setEnabled(True)
        self.status.setText(f"已备份到U盘，并已读回校验：{made.path}")
        messages.info(self, "备份到U盘", f"备份完成，已读回校验无误。\n\n{made.path}\n\n现在可以安全拔出U盘。")
        self.ctx.events.publish(changes.of(Kind.SETTINGS))  # the last off-PC backup: 首页's reminder goes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.start_button.setEnabled(True)
        text = exc.message if isinstance(exc, VillageDeskError) else f"备份失败：{exc}"
        self.status.setText(text)
        messages.warn(self, "备份到U盘", text)


def _run(store, job, drive, password, actor):
    return usb.backup_to_drive(store, drive, password, actor, job)
