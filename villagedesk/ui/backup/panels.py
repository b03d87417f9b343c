"""The backup box of 系统设置 and the 首页 reminder to back up to a USB stick."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from villagedesk.domain import changes
from villagedesk.domain.changes import Kind
from villagedesk.domain.permissions import Action
from villagedesk.services.backup import reminder
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import breakable_path

# 首页 builds the reminder before its first paint: only the light reminder module is imported here;
# the backup machinery (zstd, age, threads) loads when a button is pressed or 系统设置 is opened.


def _window(widget: QWidget):
    return widget.window()


class BackupSettingsBox(QGroupBox):
    """系统设置 → 备份与恢复: where backups go, how many are kept, the reminder, and the three actions."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__("备份与恢复", parent)
        from villagedesk.services.backup import automatic

        self.ctx = ctx
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # at large text the field goes below
        self.folder = QLabel(breakable_path(automatic.folder()))
        self.folder.setWordWrap(True)
        self.keep = QLabel()
        self.last = QLabel()
        for label in (self.keep, self.last):
            label.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setRange(1, 90)
        self.days.setPrefix("超过 ")
        self.days.setSuffix(" 天没备份就在首页提醒")
        self.days.valueChanged.connect(self._save_days)
        form.addRow("本机自动备份：", self.folder)
        form.addRow("保留：", self.keep)
        form.addRow("上次备份到U盘：", self.last)
        form.addRow("U盘备份提醒：", self.days)
        row = FlowLayout()
        from villagedesk.ui.backup import menu

        self.buttons: dict[str, QPushButton] = {}
        for text, slot, action in (("立即备份", menu.backup_now, Action.BACKUP),
                                   ("备份到U盘…", menu.open_usb_backup, Action.BACKUP),
                                   ("从备份恢复…", menu.open_restore, Action.RESTORE)):
            button = QPushButton(text)
            button.setObjectName(f"backup-{text.rstrip('…')}")
            button.clicked.connect(lambda _=False, s=slot: s(_window(self)))
            self.buttons[text.rstrip("…")] = gate(ctx, button, action)
            row.addWidget(button)
        form.addRow(row)
        self.refresh()

    def refresh(self) -> None:
        from villagedesk.services.backup import automatic

        store = self.ctx.store
        k = automatic.limits(store)
        self.keep.setText(f"今天和昨天的全部，再往前每天 1 份共 {k.daily} 天、每周 1 份共 {k.weekly} 周、"
                          f"每月 1 份共 {k.monthly} 个月")
        last = reminder.last_offpc(store)
        self.last.setText(f"{last:%Y-%m-%d %H:%M}" if last else "从未")
        self.days.blockSignals(True)
        self.days.setValue(reminder.remind_days(store))
        self.days.blockSignals(False)

    def _save_days(self, value: int) -> None:
        reminder.set_remind_days(self.ctx.store, value)
        self.ctx.events.publish(changes.of(Kind.SETTINGS))


class BackupReminder(QWidget):
    """首页: shown when the last backup off this PC is older than the configured days."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backup-reminder")
        self.ctx = ctx
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setProperty("role", "warning")
        self.button = gate(ctx, QPushButton("备份到U盘"), Action.BACKUP)
        self.button.clicked.connect(self._open)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        ctx.events.changed.connect(lambda done: done.touches({Kind.SETTINGS}) and self.refresh())
        self.refresh()

    def _open(self) -> None:
        from villagedesk.ui.backup import menu

        menu.open_usb_backup(_window(self))

    def refresh(self) -> None:
        line = reminder.reminder(self.ctx.store)
        self.text.setText(line or "")
        self.setVisible(bool(line))
