"""Who is at the desk: pick a name, type the PIN; also the lock screen after idle minutes and 切换用户."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import VillageDeskError
from villagedesk.services import sign_in, users


class SignInDialog(QDialog):
    """A refused sign-in shows why under the form (wrong PIN, wait, disabled) and keeps the name chosen."""

    def __init__(self, store, parent: QWidget | None = None, title: str = "谁在使用村务台？",
                 current: Actor | None = None, locked: bool = False):
        super().__init__(parent)
        self.store = store
        self.actor: Actor | None = None
        self.quit_requested = False
        self.setWindowTitle("锁定" if locked else "登录")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        form = QFormLayout()
        self.name = QComboBox()
        self.name.setObjectName("sign-in-name")
        for u in users.list_users(store, include_disabled=False):
            self.name.addItem(f"{u.name}（{u.role_label}）", u.name)
        if current is not None:
            index = self.name.findData(current.name)
            if index >= 0:
                self.name.setCurrentIndex(index)
        self.pin = QLineEdit()
        self.pin.setObjectName("sign-in-pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("没有设置 PIN 的使用人直接点“登录”")
        form.addRow("使用人：", self.name)
        form.addRow("PIN：", self.pin)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("sign-in-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.quit_button = QPushButton("退出村务台" if locked else "取消")
        self.quit_button.clicked.connect(self._quit)
        self.ok_button = QPushButton("登录")
        self.ok_button.setObjectName("sign-in-ok")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.try_sign_in)
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.pin.setFocus()

    def try_sign_in(self) -> None:
        try:
            self.actor = sign_in.sign_in(self.store, self.name.currentData() or "", self.pin.text())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            self.pin.selectAll()
            self.pin.setFocus()
            return
        self.accept()

    def _quit(self) -> None:
        self.quit_requested = True
        self.reject()

    def reject(self) -> None:  # Esc on a lock screen does not reveal the window behind it
        if self.windowTitle() == "锁定" and not self.quit_requested:
            return
        super().reject()
