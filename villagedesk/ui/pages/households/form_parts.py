"""Small form parts the register's dialogs share: a grid chooser, a member row, an error line with the save buttons."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.register.resident import RELATIONS, RESIDENCE_STATUSES, ResidentDraft


def grid_combo(grids, current: str | None = None, blank: str | None = None) -> QComboBox:
    """A combo of (id, name) grids; `blank` adds a first entry meaning none."""
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, None)
    for grid_id, name in grids:
        combo.addItem(name, grid_id)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def residence_combo(current: str = "living") -> QComboBox:
    combo = QComboBox()
    for key, label in RESIDENCE_STATUSES.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def relation_combo(current: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(RELATIONS))
    combo.setCurrentText(current)
    return combo


def error_label() -> QLabel:
    label = QLabel("")
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setObjectName("form-error")
    return label


def save_bar(dialog, layout, ok_text: str = "保存") -> QPushButton:
    """The error line and the save / cancel buttons at the foot of a dialog: sets `dialog.error`, save calls `dialog.save`."""
    dialog.error = error_label()
    layout.addWidget(dialog.error)
    buttons = QDialogButtonBox()
    save_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    save_button.clicked.connect(dialog.save)
    cancel.clicked.connect(dialog.reject)
    layout.addWidget(buttons)
    return save_button


def attempt(error: QLabel, call):
    """Run a service call and return its result; on a refusal show its Chinese message, keep the dialog and what was
    typed as it is, and return None."""
    try:
        return call()
    except VillageDeskError as exc:
        error.setText(exc.message)
        return None


class MemberRow(QWidget):
    """One member in the new-household form: name, identity number, relation, phone, residence, party member."""

    def __init__(self, relation: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit()
        self.name.setPlaceholderText("姓名")
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("18 位身份证号")
        self.relation = relation_combo(relation)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("联系电话（可不填）")
        self.residence = residence_combo()
        self.party = QCheckBox("党员")
        self.remove_button = QPushButton("删除")
        for widget, stretch in ((self.name, 2), (self.id_number, 4), (self.relation, 2), (self.phone, 3),
                                (self.residence, 2), (self.party, 0), (self.remove_button, 0)):
            row.addWidget(widget, stretch)

    def draft(self) -> ResidentDraft:
        return ResidentDraft(self.name.text(), self.id_number.text(), self.relation.currentText(),
                             self.phone.text(), self.residence.currentData(), self.party.isChecked())

    def widget_for(self, field: str) -> QWidget | None:
        return {"姓名": self.name, "身份证号": self.id_number, "与户主关系": self.relation, "联系电话": self.phone,
                "居住状态": self.residence}.get(field)


def member_field(field: str) -> tuple[int, str] | None:
    """'第 2 位成员的身份证号' → (2, '身份证号')."""
    m = re.fullmatch(r"第 (\d+) 位成员的(.+)", field)
    return (int(m[1]), m[2]) if m else None
