"""添加成员 / 修改成员: the person, key-population categories and the year's insurance enrolment."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain import clock
from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.register.categories import CATEGORIES, INSURANCE_STATUSES
from villagedesk.domain.register.resident import ResidentDraft
from villagedesk.services.register import residents
from villagedesk.ui.pages.households.form_parts import relation_combo, residence_combo, save_bar


class ResidentDialog(QDialog):
    def __init__(self, ctx, household_id: str, household_label: str, view: residents.ResidentView | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.view = view
        self.resident_id = view.id if view else None
        self.setWindowTitle(f"修改成员：{view.name}" if view else "添加成员")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"所在农户：{household_label}"))
        form = QFormLayout()
        self.name = QLineEdit(view.name if view else "")
        self.id_number = QLineEdit(view.id_number if view else "")
        self.id_number.setPlaceholderText("18 位，出生日期、性别、年龄由它得出")
        self.derived = QLabel(f"{view.sex}，{view.birth_date} 出生，{view.age} 岁" if view else "")
        self.derived.setProperty("role", "hint")
        self.relation = relation_combo(view.relation if view else "")
        self.phone = QLineEdit(view.phone if view else "")
        self.residence = residence_combo(view.residence_status if view else "living")
        self.party = QCheckBox("中共党员")
        self.party.setChecked(bool(view and view.party_member))
        self.notes = QLineEdit(view.notes if view else "")
        for label, widget in (("姓名：", self.name), ("身份证号：", self.id_number), ("", self.derived),
                              ("与户主关系：", self.relation), ("联系电话：", self.phone),
                              ("居住状态：", self.residence), ("", self.party), ("备注：", self.notes)):
            form.addRow(label, widget)
        layout.addLayout(form)

        box = QGroupBox("重点人群（敏感信息）")
        grid = QGridLayout(box)
        self.category_boxes: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(CATEGORIES.items()):
            check = QCheckBox(label)
            check.setChecked(bool(view and key in view.categories))
            self.category_boxes[key] = check
            grid.addWidget(check, i // 4, i % 4)
        layout.addWidget(box)

        ins = QGroupBox("医保参保")
        row = QHBoxLayout(ins)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(" 年度")
        self.insurance = QComboBox()
        self.insurance.addItem("未登记", None)
        for key, label in INSURANCE_STATUSES.items():
            self.insurance.addItem(label, key)
        self.year.valueChanged.connect(self._show_enrolment)
        row.addWidget(self.year)
        row.addWidget(self.insurance, 1)
        layout.addWidget(ins)
        self._show_enrolment()

        self.save_button = save_bar(self, layout)

    def _show_enrolment(self) -> None:
        status = self.view.enrolments.get(self.year.value()) if self.view else None
        self.insurance.setCurrentIndex(max(0, self.insurance.findData(status)))

    def save(self) -> None:
        draft = ResidentDraft(self.name.text(), self.id_number.text(), self.relation.currentText(), self.phone.text(),
                              self.residence.currentData(), self.party.isChecked(), self.notes.text())
        chosen = [k for k, box in self.category_boxes.items() if box.isChecked()]
        try:
            self.resident_id = residents.save_resident(self.ctx.store, self.ctx.actor, self.household_id,
                                                       self.resident_id, draft, chosen, self.year.value(),
                                                       self.insurance.currentData())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            widget = {"姓名": self.name, "身份证号": self.id_number, "联系电话": self.phone,
                      "与户主关系": self.relation}.get(getattr(exc, "field", ""))
            if widget is not None:
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
            return
        self.ctx.events.publish(self.resident_id)
        self.accept()
