"""系统设置 › 用户: the office's users, their roles and PINs, single-user mode and the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import GRANTABLE, ROLE_LABELS
from villagedesk.domain.permissions import Action as Can
from villagedesk.services import sign_in, users
from villagedesk.ui import messages
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.table_view import read_only_cells


class UsersBox(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__("用户（谁可以做什么）", parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users-table")
        self.table.setHorizontalHeaderLabels(["姓名", "角色", "状态", "PIN"])
        read_only_cells(self.table)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(150)
        layout.addWidget(self.table)
        row = FlowLayout()
        self.buttons = add_buttons(row, "user", (("add", "新增使用人…", self.add), ("role", "修改角色…", self.change_role),
                                                 ("disable", "停用…", self.disable), ("enable", "启用", self.enable),
                                                 ("pin", "设置 PIN…", self.set_pin)))
        for button in self.buttons.values():
            gate(ctx, button, Can.MANAGE_USERS)
        self.buttons["own_pin"] = add_buttons(row, "user", (("own_pin", "修改我的 PIN…", self.set_own_pin),))["own_pin"]
        layout.addLayout(row)
        options = FlowLayout()
        self.pin_off = QCheckBox("单人办公，不设登录")
        self.pin_off.setToolTip("只有一位在用使用人时可选：启动时不问是谁、不输 PIN，以这位使用人操作。")
        self.pin_off.setObjectName("user-pin-off")
        self.pin_off.toggled.connect(self._set_pin_off)
        self.idle = QSpinBox()
        self.idle.setObjectName("user-idle-minutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(" 分钟")
        self.idle.setSpecialValueText("不锁定")  # 0
        self.idle.editingFinished.connect(self._set_idle)
        options.addWidget(gate(ctx, self.pin_off, Can.MANAGE_USERS))
        idle = QWidget()  # the label and its box stay together when the row wraps
        idle_row = QHBoxLayout(idle)
        idle_row.setContentsMargins(0, 0, 0, 0)
        idle_row.addWidget(QLabel("无人操作多久后锁定："))
        idle_row.addWidget(gate(ctx, self.idle, Can.MANAGE_USERS))
        options.addWidget(idle)
        layout.addLayout(options)
        self.refresh()

    def refresh(self) -> None:
        self.rows = users.list_users(self.ctx.store)
        self.table.setRowCount(len(self.rows))
        for r, u in enumerate(self.rows):
            status = "在用" if u.active else f"已停用（{u.disabled_reason}）"
            for c, value in enumerate((u.name, u.role_label, status, "已设置" if u.has_pin else "未设置")):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.pin_off.blockSignals(True)
        self.pin_off.setChecked(sign_in.pin_off(self.ctx.store))
        self.pin_off.blockSignals(False)
        self.idle.setValue(sign_in.idle_minutes(self.ctx.store))

    def _selected(self):
        r = self.table.currentRow()
        if 0 <= r < len(self.rows):
            return self.rows[r]
        messages.info(self, "用户", "请先在表中选中一位使用人。")
        return None

    def _do(self, title: str, fn) -> None:
        try:
            fn()
        except VillageDeskError as exc:
            messages.warn(self, title, exc.message)
        self.refresh()

    def _role(self, title: str) -> str | None:
        roles = GRANTABLE.get(self.ctx.actor.role, ())
        label = messages.ask_choice(self, title, "角色：", [ROLE_LABELS[r] for r in roles])
        return next((r for r in roles if ROLE_LABELS[r] == label), None)

    def add(self) -> None:
        name = messages.ask_text(self, "新增使用人", "姓名：")
        role = self._role("新增使用人") if name else None
        if name and role:
            self._do("新增使用人", lambda: users.add_user(self.ctx.store, self.ctx.actor, name, role))

    def change_role(self) -> None:
        u = self._selected()
        role = self._role(f"修改{u.name}的角色") if u else None
        if u and role:
            self._do("修改角色", lambda: users.change_role(self.ctx.store, self.ctx.actor, u.id, role))

    def disable(self) -> None:
        u = self._selected()
        reason = messages.ask_text(self, "停用使用人", f"停用{u.name}的原因：") if u else None
        if u and reason is not None:
            self._do("停用使用人", lambda: users.disable_user(self.ctx.store, self.ctx.actor, u.id, reason))

    def enable(self) -> None:
        u = self._selected()
        if u:
            self._do("启用使用人", lambda: users.enable_user(self.ctx.store, self.ctx.actor, u.id))

    def set_pin(self, user=None) -> None:
        u = user or self._selected()
        pin = messages.ask_text(self, "设置 PIN", f"{u.name}的新 PIN（至少 4 位；留空为取消 PIN）：") if u else None
        if u and pin is not None:
            self._do("设置 PIN", lambda: users.set_pin(self.ctx.store, self.ctx.actor, u.id, pin or None))

    def set_own_pin(self) -> None:
        self.set_pin(users.get_user(self.ctx.store, self.ctx.actor.user_id))

    def _set_pin_off(self, on: bool) -> None:
        self._do("单人办公", lambda: sign_in.set_pin_off(self.ctx.store, self.ctx.actor, on))

    def _set_idle(self) -> None:
        if self.idle.value() != sign_in.idle_minutes(self.ctx.store):
            self._do("空闲锁定", lambda: sign_in.set_idle_minutes(self.ctx.store, self.ctx.actor, self.idle.value()))
