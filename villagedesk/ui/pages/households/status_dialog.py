"""变更状态: a household moves away, merges or is dissolved (or returns), with reason and date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.register.household import HOUSEHOLD_STATUSES
from villagedesk.services.register import households
from villagedesk.ui.pages.households.form_parts import error_label


class StatusDialog(QDialog):
    def __init__(self, ctx, view: households.HouseholdView, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.setWindowTitle(f"变更状态：{view.label}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.status = QComboBox()
        for key, label in HOUSEHOLD_STATUSES.items():
            self.status.addItem(label, key)
        self.status.setCurrentIndex(self.status.findData(view.status))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit(view.status_reason)
        self.reason.setPlaceholderText("例如：全家迁往成都定居")
        form.addRow("状态：", self.status)
        form.addRow("日期：", self.date)
        form.addRow("原因：", self.reason)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        day = self.date.date()
        try:
            households.set_household_status(self.ctx.store, self.ctx.actor, self.view.id, self.status.currentData(),
                                            self.reason.text(), dt.date(day.year(), day.month(), day.day()))
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        self.ctx.events.emit_changed("households", "residents")
        self.accept()
