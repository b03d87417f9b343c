"""变更状态: a household moves away, merges or is dissolved (or returns), with reason and date."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from villagedesk.domain.register.household import HOUSEHOLD_STATUSES
from villagedesk.services.register import households
from villagedesk.ui.pages.households.form_parts import attempt, save_bar
from villagedesk.ui.widgets.pickers import date_edit, date_of


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
        self.date = date_edit()
        self.reason = QLineEdit(view.status_reason)
        self.reason.setPlaceholderText("例如：全家迁往成都定居")
        form.addRow("状态：", self.status)
        form.addRow("日期：", self.date)
        form.addRow("原因：", self.reason)
        layout.addLayout(form)
        self.save_button = save_bar(self, layout)

    def save(self) -> None:
        def change():
            return households.set_household_status(self.ctx.store, self.ctx.actor, self.view.id, self.status.currentData(),
                                            self.reason.text(), date_of(self.date))
        done = attempt(self.error, change)
        if done is None:
            return
        self.ctx.events.publish(done)
        self.accept()
