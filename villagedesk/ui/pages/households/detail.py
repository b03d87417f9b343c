"""The selected household: its address, grid, status, members and moves, with the actions on them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.permissions import Action as Can
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.services import privacy
from villagedesk.services.register import households, residents
from villagedesk.ui import messages
from villagedesk.ui.pages.households.household_dialog import HouseholdDialog
from villagedesk.ui.pages.households.household_file_dialog import HouseholdFileDialog
from villagedesk.ui.pages.households.move_dialog import MoveDialog
from villagedesk.ui.pages.households.resident_dialog import ResidentDialog
from villagedesk.ui.pages.households.status_dialog import StatusDialog
from villagedesk.ui.pages.households.transfer_dialog import TransferDialog
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate, set_tip
from villagedesk.ui.widgets.table_view import on_row_chosen, read_only_cells

_MEMBER_COLUMNS = ("姓名", "与户主关系", "性别", "年龄", "身份证号", "联系电话", "居住状态", "党员")


class HouseholdPanel(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: households.HouseholdView | None = None
        self.dialog_opener = lambda dialog: dialog.exec()  # tests drive dialogs themselves
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel("请在左侧选择一户，或在搜索框中输入")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.info = QLabel("")
        self.info.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        self.members = QTableWidget(0, len(_MEMBER_COLUMNS))
        self.members.setHorizontalHeaderLabels(list(_MEMBER_COLUMNS))
        read_only_cells(self.members)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.verticalHeader().setVisible(False)
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        on_row_chosen(self.members, self.edit_member)
        layout.addWidget(self.members, 1)
        self.moves = QLabel("")
        self.moves.setProperty("role", "hint")
        self.moves.setWordWrap(True)
        layout.addWidget(self.moves)
        buttons = FlowLayout()  # as many to a row as fit
        self.buttons: dict[str, QPushButton] = {}
        file_button = QPushButton("一户一档(&D)…")  # first: what a worker, who edits nothing here, opens
        file_button.setObjectName("household-file")
        file_button.clicked.connect(self.open_file)
        self.buttons["file"] = gate(ctx, file_button, Can.VIEW_REGISTER)
        set_tip(file_button, "本户成员、重点人群、医保、走访回访、纠纷和积分，可打印或存为 PDF")
        buttons.addWidget(file_button)
        for key, text, fn in (
                ("edit", "修改农户", self.edit_household), ("move", "迁移网格", self.move),
                ("status", "变更状态", self.change_status), ("add_member", "添加成员", self.add_member),
                ("edit_member", "修改成员", self.edit_member), ("make_head", "设为户主", self.make_head),
                ("transfer", "成员转户", self.transfer)):
            button = QPushButton(text)
            button.clicked.connect(fn)
            self.buttons[key] = button
            gate(ctx, button, Can.EDIT_REGISTER)
            buttons.addWidget(button)
        reveal = QPushButton("显示完整身份证号")
        reveal.setObjectName("reveal-identity")
        reveal.clicked.connect(self.reveal)
        self.buttons["reveal"] = gate(ctx, reveal, Can.REVEAL_IDENTITY)
        buttons.addWidget(reveal)
        layout.addLayout(buttons)
        self.show_household(None)

    def show_household(self, household_id: str | None) -> None:
        try:
            self.view = households.household_view(self.ctx.store, self.ctx.actor, household_id) \
                if household_id else None
        except VillageDeskError as exc:  # a worker reaching outside their grids, or a household just removed
            self.view = None
            messages.warn(self, "查看农户", exc.message)
        for button in self.buttons.values():
            button.setEnabled(self.view is not None)
        self.members.setRowCount(0)
        if self.view is None:
            self.title.setText("请在左侧选择一户，或在搜索框中输入")
            self.info.setText("")
            self.moves.setText("")
            return
        v = self.view
        self.title.setText(v.label)
        status = v.status_label + (f"（{v.status_reason}，{v.status_date}）" if v.status != "active" else "")
        self.info.setText(f"所属网格：{v.grid_name}　　状态：{status}　　户联系电话：{mask_phone(v.phone) or '未填'}"
                          + (f"\n备注：{v.notes}" if v.notes else ""))
        self.members.setRowCount(len(v.members))
        for r, m in enumerate(v.members):
            for c, value in enumerate((m.name, m.relation, m.sex, str(m.age), mask_identity(m.id_number), mask_phone(m.phone),
                                       m.residence_label, "是" if m.party_member else "")):
                self.members.setItem(r, c, QTableWidgetItem(value))
        self.moves.setText("迁移记录：" + "；".join(f"{m.moved_on} {m.from_grid} → {m.to_grid}" for m in v.moves)
                           if v.moves else "")
        self.buttons["move"].setEnabled(v.status == "active")
        self.buttons["add_member"].setEnabled(v.status == "active")

    def selected_member(self):
        row = self.members.currentRow()
        return self.view.members[row] if self.view and 0 <= row < len(self.view.members) else None

    # -- actions: each opens a dialog; the dialog writes and announces the change --
    def edit_household(self) -> None:
        if self.view:
            self.dialog_opener(HouseholdDialog(self.ctx, self.view, parent=self))

    def move(self) -> None:
        if self.view:
            self.dialog_opener(MoveDialog(self.ctx, self.view, parent=self))

    def change_status(self) -> None:
        if self.view:
            self.dialog_opener(StatusDialog(self.ctx, self.view, parent=self))

    def add_member(self) -> None:
        if self.view:
            self.dialog_opener(ResidentDialog(self.ctx, self.view.id, self.view.label, parent=self))

    def open_file(self) -> None:
        """一户一档: the household's whole file on screen, to print or save as PDF."""
        if self.view:
            dialog = HouseholdFileDialog.open_for(self.ctx, self.view.id, parent=self)
            if dialog is not None:
                self.dialog_opener(dialog)

    def reveal(self) -> None:
        """One member's full number, for a reason that goes into the audit trail with the reveal."""
        member = self.selected_member()
        if member is None:
            messages.info(self, "显示完整身份证号", "请先在成员表中选中一位成员。")
            return
        reason = messages.ask_text(self, "显示完整身份证号", f"查看{member.name}完整身份证号的原因（将记入操作记录）：")
        if reason is None:
            return
        try:
            number = privacy.reveal_identity(self.ctx.store, self.ctx.actor, member.resident_id, reason)
        except VillageDeskError as exc:
            messages.warn(self, "显示完整身份证号", exc.message)
            return
        messages.info(self, "显示完整身份证号", f"{member.name}：{number}\n（本次查看已记入操作记录）")

    def edit_member(self) -> None:
        member = self.selected_member()
        if member is None:
            messages.info(self, "修改成员", "请先在成员表中选中一位成员。")
            return
        try:
            view = residents.resident_view(self.ctx.store, self.ctx.actor, member.resident_id)
        except VillageDeskError as exc:
            messages.warn(self, "修改成员", exc.message)
            return
        self.dialog_opener(ResidentDialog(self.ctx, self.view.id, self.view.label, view, parent=self))

    def transfer(self) -> None:
        member = self.selected_member()
        if member is None:
            messages.info(self, "成员转户", "请先在成员表中选中要转出的成员。")
            return
        self.dialog_opener(TransferDialog(self.ctx, member, self.view.label, parent=self))

    def make_head(self) -> None:
        member = self.selected_member()
        if member is None or member.is_head:
            messages.info(self, "设为户主", "请先在成员表中选中一位不是户主的成员。")
            return
        if not messages.confirm(self, "设为户主", f"把 {member.name} 设为户主？原户主的关系将改为“其他”，可再修改。"):
            return
        try:
            done = households.set_head(self.ctx.store, self.ctx.actor, self.view.id, member.resident_id)
        except VillageDeskError as exc:
            messages.warn(self, "设为户主", exc.message)
            return
        self.ctx.events.publish(done)
