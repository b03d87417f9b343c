"""活动 tab: the activities, and the one selected: participants, notice, approval and posting."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.points import activities
from villagedesk.ui import messages
from villagedesk.ui.pages.points import forms
from villagedesk.ui.pages.points.activity_dialogs import CancelDialog, NewActivityDialog, NoticeDialog
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate, set_tip
from villagedesk.ui.widgets.household_picker import HouseholdPicker
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.splitter import remembered

LIST_COLUMNS = [Col("日期", lambda a: a.date), Col("活动", lambda a: a.title), Col("积分项目", lambda a: a.rule_name),
                Col("分/人", lambda a: a.points, True), Col("人数", lambda a: a.participants, True),
                Col("状态", lambda a: a.status_label), Col("网格", lambda a: a.grids),
                Col("发起人", lambda a: a.organiser)]
PEOPLE_COLUMNS = [Col("姓名", lambda p: p.name), Col("户主", lambda p: p.head_name), Col("住址", lambda p: p.address),
                  Col("网格", lambda p: p.grid_name)]


class ActivitiesTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.detail = None
        self._select_next: str | None = None  # a new activity, to select once the list redraws
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton("发起活动(&N)")
        self.new_button.clicked.connect(self.new_activity)
        gate(ctx, self.new_button, Can.CREATE_ACTIVITY)
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        split = QSplitter()
        self.table = RowsTable(LIST_COLUMNS, muted=lambda a: a.status == "cancelled", stretch=1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        split.addWidget(self.table)
        # the detail scrolls inside its pane: at large text its wrapped lines need more height than the pane has
        # (its step buttons stay below it, always in view)
        detail = QScrollArea()
        detail.setFrameShape(QFrame.Shape.NoFrame)
        detail.setWidgetResizable(True)
        detail.setWidget(self._detail_panel())
        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addWidget(detail, 1)
        pane_layout.addLayout(self.steps)
        split.addWidget(pane)
        remembered(split, "activities", [560, 520], fit=False)  # its detail needs the room at large text
        layout.addWidget(split, 1)
        self.refresh()

    def _detail_panel(self) -> QWidget:
        box = QGroupBox("活动详情")
        v = QVBoxLayout(box)
        self.heading = QLabel("请在左侧选择一个活动")
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        self.info = QLabel("")
        self.info.setWordWrap(True)
        v.addWidget(self.heading)
        v.addWidget(self.info)
        self.people = RowsTable(PEOPLE_COLUMNS, stretch=2)
        self.people.setMinimumHeight(120)
        v.addWidget(self.people, 1)
        add = QVBoxLayout()  # the picker over its options: side by side, large text left the picker no width
        self.picker = HouseholdPicker(self.ctx, residents=True)
        self.picker.results.setMaximumHeight(110)  # the list, not the whole picker: its hint line keeps room
        self.whole = QCheckBox("整户加入")  # a check box never wraps: the detail goes in its tooltip
        self.whole.setToolTip("选中一户时，把这户在家的成员都加入活动")
        self.picker.resident_picked.connect(self._picked_resident)
        self.picker.picked.connect(self._picked_household)
        add.addWidget(self.picker, 1)
        side = FlowLayout()
        side.addWidget(self.whole)
        self.remove_button = QPushButton("移出所选")
        self.remove_button.clicked.connect(self.remove_selected)
        side.addWidget(self.remove_button)
        add.addLayout(side)
        self.add_box = QGroupBox("登记参与人")  # a group box's title never wraps: the how-to goes inside
        box_layout = QVBoxLayout(self.add_box)
        box_layout.addWidget(role_label("输入姓名或拼音首字母，回车加入", "hint", wrap=True))
        box_layout.addLayout(add)
        v.addWidget(self.add_box)
        self.steps = steps = FlowLayout()  # wraps onto a further row at large text; laid out under the detail
        self.buttons = add_buttons(steps, "activity", (("notice", "公示…", self.notice),
                                                       ("print", "打印公示", self.print_notice),
                                                       ("approve", "审核通过(&A)", self.approve), ("post", "积分入账(&J)", self.post),
                                                       ("cancel", "取消活动", self.cancel)))
        for key in ("approve", "post"):
            gate(self.ctx, self.buttons[key], Can.APPROVE_POINTS)
        return box

    # -- list --
    def refresh(self, select_id: str | None = None) -> None:
        current = select_id or self._select_next or (self.detail.id if self.detail else None)
        self._select_next = None
        rows = activities.activities(self.ctx.store)
        self.table.set_rows(rows)
        ids = [a.id for a in rows]
        if current in ids:
            self.table.select_row(ids.index(current))
        elif ids:
            self.table.select_row(0)
        self.show_current()

    def show_current(self) -> None:
        chosen = self.table.current()
        self.detail = activities.activity(self.ctx.store, chosen.id) if chosen else None
        d = self.detail
        if d is None:
            self.heading.setText("请在左侧选择一个活动")
            self.info.setText("")
            self.people.set_rows([])
        else:
            self.heading.setText(f"{d.title}（{d.status_label}）")
            notice = f"　公示至 {d.notice_deadline}" if d.notice_deadline else ""
            self.info.setText(f"{d.date}　{d.rule_name}，每人 {d.points} 分　发起人：{d.organiser}\n"
                              f"网格：{'、'.join(n for _i, n in d.grids)}　参与 {len(d.participants)} 人，"
                              f"合计 {d.total_points} 分{notice}")
            self.people.set_rows(d.participants)
        status = d.status if d else None
        self.add_box.setEnabled(bool(d and d.editable))
        self.remove_button.setEnabled(bool(d and d.editable))
        self.buttons["notice"].setEnabled(status in ("draft", "noticed"))
        self.buttons["print"].setEnabled(status in ("noticed", "approved", "posted"))
        wait = d.approval_wait() if d else None  # disabled through the objection period, the date in the tooltip
        self.buttons["approve"].setEnabled(status == "noticed" and wait is None)
        set_tip(self.buttons["approve"], wait or "")
        self.buttons["post"].setEnabled(status == "approved")
        self.buttons["cancel"].setEnabled(status in ("draft", "noticed", "approved"))

    # -- actions --
    def new_activity(self) -> None:
        self.dialog = NewActivityDialog(self.ctx, self)
        # saved comes just before the form publishes what it wrote, and so before this tab redraws
        self.dialog.saved.connect(lambda new_id: setattr(self, "_select_next", new_id))
        self.dialog.open()

    def _run(self, title: str, fn, *args) -> bool:
        try:
            done = fn(self.ctx.store, self.ctx.actor, *args)
        except VillageDeskError as exc:
            messages.warn(self, title, exc.message)
            return False
        self.ctx.events.publish(done)
        return True

    def _picked_resident(self, _household_id: str, resident_id: str) -> None:
        if self.detail and not self.whole.isChecked():
            self._run("登记参与人", activities.add_participants, self.detail.id, [resident_id])
            self.picker.search_box.clear()

    def _picked_household(self, household_id: str) -> None:
        if self.detail and self.whole.isChecked():
            self._run("整户加入", activities.add_household, self.detail.id, household_id)
            self.picker.search_box.clear()

    def remove_selected(self) -> None:
        person = self.people.current()
        if self.detail and person:
            self._run("移出参与人", activities.remove_participant, self.detail.id, person.resident_id)

    def notice(self) -> None:
        if self.detail:
            self.dialog = NoticeDialog(self.ctx, self.detail.id, self)
            self.dialog.open()

    def print_notice(self) -> None:
        if not self.detail:
            return
        path = forms.choose_save_path(self, "保存公示", f"积分公示-{self.detail.title}.pdf")
        if path is None:
            return
        try:
            activities.write_notice_pdf(self.ctx.store, self.ctx.actor, self.detail.id, path)
        except VillageDeskError as exc:
            messages.warn(self, "打印公示", exc.message)
            return
        messages.info(self, "打印公示", f"公示已保存为 PDF：{path}\n请打印后张贴在村务公开栏。")

    def approve(self) -> None:
        if self.detail and messages.confirm(self, "审核通过", f"确认“{self.detail.title}”公示期满无异议，审核通过？"):
            self._run("审核通过", activities.approve, self.detail.id)

    def post(self) -> None:
        d = self.detail
        if d and messages.confirm(self, "积分入账", f"将给 {len(d.participants)} 人各记 {d.points} 分（合计 "
                                                  f"{d.total_points} 分）到各户积分账户，入账后不能撤销，只能冲正。确认入账？"):
            self._run("积分入账", activities.post, d.id)

    def cancel(self) -> None:
        if self.detail:
            self.dialog = CancelDialog(self.ctx, self.detail.id, self)
            self.dialog.open()
