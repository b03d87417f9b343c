"""新增农户 / 修改农户: address, grid, phone and (when new) the members, the head among them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.services.register import households
from villagedesk.ui.pages.households.form_parts import (
    MemberRow,
    grid_combo,
    member_field,
    save_bar,
)


class HouseholdDialog(QDialog):
    def __init__(self, ctx, view: households.HouseholdView | None = None, default_grid_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.household_id: str | None = view.id if view else None
        self.setWindowTitle("修改农户" if view else "新增农户")
        self.setMinimumWidth(980)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        grids = households.grid_choices(ctx.store)
        if view is None:
            self.grid = grid_combo(grids, default_grid_id)
            form.addRow("所属网格：", self.grid)
        else:
            self.grid = None
            form.addRow("所属网格：", QLabel(f"{view.grid_name}（换网格请用“迁移网格”）"))
        self.hamlet = QLineEdit(view.hamlet if view else "")
        self.hamlet.setPlaceholderText("例如：张家湾")
        self.group = QLineEdit(view.group_name if view else "")
        self.group.setPlaceholderText("例如：1组")
        self.house_number = QLineEdit(view.house_number if view else "")
        self.house_number.setPlaceholderText("例如：12号")
        self.phone = QLineEdit(view.phone if view else "")
        self.notes = QLineEdit(view.notes if view else "")
        for label, widget in (("湾（自然村）：", self.hamlet), ("组：", self.group), ("门牌号：", self.house_number),
                              ("户联系电话：", self.phone), ("备注：", self.notes)):
            form.addRow(label, widget)
        layout.addLayout(form)

        self.member_rows: list[MemberRow] = []
        self.add_member_button = QPushButton("添加成员")
        if view is None:
            box = QGroupBox("家庭成员（第一位通常是户主；与户主关系选“户主”的那位即为户主）")
            self.members_layout = QVBoxLayout(box)
            layout.addWidget(box)
            self.add_member_button.clicked.connect(lambda: self.add_member())
            layout.addWidget(self.add_member_button)
            self.add_member("户主")
        else:
            self.add_member_button.hide()

        self.save_button = save_bar(self, layout)

    def add_member(self, relation: str = "") -> MemberRow:
        row = MemberRow(relation)
        row.remove_button.clicked.connect(lambda: self._remove_member(row))
        self.member_rows.append(row)
        self.members_layout.addWidget(row)
        row.name.setFocus()
        return row

    def _remove_member(self, row: MemberRow) -> None:
        if len(self.member_rows) > 1:
            self.member_rows.remove(row)
            row.setParent(None)
            row.deleteLater()

    def draft(self) -> HouseholdDraft:
        grid_id = self.grid.currentData() if self.grid is not None else self.view.grid_id
        return HouseholdDraft(grid_id or "", self.hamlet.text(), self.group.text(), self.house_number.text(),
                              self.phone.text(), self.notes.text())

    def save(self) -> None:
        try:
            if self.view is None:
                done = self.household_id = households.add_household(self.ctx.store, self.ctx.actor, self.draft(),
                                                                     [r.draft() for r in self.member_rows])
            else:
                done = households.update_household(self.ctx.store, self.ctx.actor, self.view.id, self.draft())
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            self._focus_field(getattr(exc, "field", ""))
            return
        self.ctx.events.publish(done)
        self.accept()

    def _focus_field(self, field: str) -> None:
        where = member_field(field)
        widget = None
        if where and 1 <= where[0] <= len(self.member_rows):
            widget = self.member_rows[where[0] - 1].widget_for(where[1])
        else:
            widget = {"湾（自然村）": self.hamlet, "组": self.group, "门牌号": self.house_number,
                      "联系电话": self.phone, "户主": self.member_rows[0].relation if self.member_rows else None,
                      "所属网格": self.grid}.get(field)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
