"""Dialogs of 志愿服务活动: a new activity, and the notice with its objection deadline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QListWidget, QListWidgetItem, QWidget

from villagedesk.domain import clock
from villagedesk.services.points import activities, rules
from villagedesk.ui.pages.points.forms import PointsForm


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def date_of(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


class NewActivityDialog(PointsForm):
    """Title, earning item (its points come from the catalogue), date, grids and organiser."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__("发起志愿服务活动", parent, "每位参与人的积分按积分规则目录中该项目在活动当天的分值计算。")
        self.ctx = ctx
        self.title = self.row("活动名称", QLineEdit())
        self.title.setPlaceholderText("例如：张家湾河道清理")
        self.rule = self.row("积分项目", QComboBox())
        for r in rules.rules_in_force(ctx.store, kind="earn"):
            self.rule.addItem(f"{r.name}（{r.points} 分/人）", r.id)
        self.date = self.row("活动日期", date_edit(clock.today()))
        self.grids = self.row("涉及网格", QListWidget())
        self.grids.setMaximumHeight(160)
        for gid, name in activities.grid_choices(ctx.store):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, gid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.grids.addItem(item)
        self.organiser = self.row("发起人", QComboBox())
        for wid, name in activities.organiser_choices(ctx.store):
            self.organiser.addItem(name, wid)
        self.submit = self._create

    def check_grid(self, row: int) -> None:
        self.grids.item(row).setCheckState(Qt.CheckState.Checked)

    def _create(self) -> str:
        grid_ids = [self.grids.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.grids.count())
                    if self.grids.item(i).checkState() == Qt.CheckState.Checked]
        return activities.create_activity(self.ctx.store, self.ctx.actor, self.title.text(),
                                          self.rule.currentData() or "", date_of(self.date), grid_ids,
                                          self.organiser.currentData())


class NoticeDialog(PointsForm):
    """Put the list up for public notice (公示) until an objection deadline."""

    def __init__(self, ctx, activity_id: str, parent: QWidget | None = None):
        super().__init__("积分公示", parent, "公示期内村民可提出异议；截止日起才能审核通过并入账。")
        self.ctx, self.activity_id = ctx, activity_id
        self.deadline = self.row("异议截止日期", date_edit(clock.today() + dt.timedelta(days=3)))
        self.submit = lambda: activities.publish_notice(ctx.store, ctx.actor, activity_id, date_of(self.deadline))


class CancelDialog(PointsForm):
    def __init__(self, ctx, activity_id: str, parent: QWidget | None = None):
        super().__init__("取消活动", parent)
        self.reason = self.row("取消原因", QLineEdit())
        self.submit = lambda: activities.cancel(ctx.store, ctx.actor, activity_id, self.reason.text())
