"""转户: move one member into another household (marriage, joining relatives); a person is in one household."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout

from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.register import households, residents
from villagedesk.ui.pages.households.form_parts import relation_combo, save_bar
from villagedesk.ui.widgets.household_picker import HouseholdPicker


class TransferDialog(QDialog):
    def __init__(self, ctx, member: households.MemberView, from_label: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.member = member
        self.target_id: str | None = None
        self.setWindowTitle(f"转户：{member.name}")
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{member.name} 现在 {from_label}。找到要迁入的农户（输入户主姓名、拼音首字母或地址），回车选定："))
        self.picker = HouseholdPicker(ctx)
        self.picker.picked.connect(self._picked)
        layout.addWidget(self.picker, 1)
        form = QFormLayout()
        self.target = QLabel("（未选）")
        self.relation = relation_combo("其他")
        form.addRow("迁入农户：", self.target)
        form.addRow("与新户主关系：", self.relation)
        layout.addLayout(form)
        self.save_button = save_bar(self, layout, "转户")

    def _picked(self, household_id: str) -> None:
        self.target_id = household_id
        self.target.setText(households.household_label(self.ctx.store, household_id))
        self.relation.setFocus()

    def save(self) -> None:
        if self.target_id is None:
            self.error.setText("迁入农户：请先在上面找到并选定一户")
            return
        try:
            done = residents.transfer_resident(self.ctx.store, self.ctx.actor, self.member.resident_id, self.target_id,
                                        self.relation.currentText())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        self.ctx.events.publish(done)
        self.accept()
