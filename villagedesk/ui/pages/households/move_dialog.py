"""迁移网格: move a household to another grid, with date and reason; earlier moves listed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from villagedesk.services.register import households
from villagedesk.ui.pages.households.form_parts import attempt, grid_combo, save_bar
from villagedesk.ui.widgets.pickers import date_edit, date_of


class MoveDialog(QDialog):
    def __init__(self, ctx, view: households.HouseholdView, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.setWindowTitle(f"迁移网格：{view.label}")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("现属网格：", QLabel(view.grid_name))
        # Retired grids are listed too, so the refusal says why rather than the grid silently missing.
        self.target = grid_combo([g for g in households.grid_choices(ctx.store, include_retired=True)
                                  if g[0] != view.grid_id], blank="（请选择）")
        self.date = date_edit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("例如：新房建成，迁居石板沟")
        form.addRow("迁入网格：", self.target)
        form.addRow("迁移日期：", self.date)
        form.addRow("原因：", self.reason)
        layout.addLayout(form)
        if view.moves:
            history = "\n".join(f"{m.moved_on}：{m.from_grid} → {m.to_grid}（{m.reason or '未写原因'}）" for m in view.moves)
            note = QLabel(f"以往迁移：\n{history}")
            note.setProperty("role", "hint")
            layout.addWidget(note)
        self.save_button = save_bar(self, layout, "迁移")

    def save(self) -> None:
        def move():
            return households.move_household(self.ctx.store, self.ctx.actor, self.view.id, self.target.currentData() or "",
                                      date_of(self.date), self.reason.text())
        done = attempt(self.error, move)
        if done is None:
            return
        self.ctx.events.publish(done)
        self.accept()
