"""The 培训 tab: sessions (date, topic, hours, trainer) and who attended; add a session, change attendance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action as Can
from villagedesk.services.grids import training, workers
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.buttons import button_row
from villagedesk.ui.widgets.form_dialog import FormDialog, open_form
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.pickers import date_edit, date_of, line_edit
from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.splitter import remembered
from villagedesk.ui.widgets.table_view import selected, selected_or_say, table_view

COLUMNS = [
    Col("日期", lambda t: t.held_on), Col("培训主题", lambda t: t.topic), Col("学时", lambda t: f"{t.hours:g}", True),
    Col("授课人", lambda t: t.trainer), Col("地点", lambda t: t.place), Col("参训人数", lambda t: t.attendees, True),
]


def worker_checklist(ctx: AppContext, checked: set[str]) -> QListWidget:
    box = QListWidget()
    box.setObjectName("training-workers")
    for w in workers.active_workers(ctx.store):
        item = QListWidgetItem(w.name + (f"（{w.grid_name}）" if w.grid_name else ""))
        item.setData(Qt.ItemDataRole.UserRole, w.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if w.id in checked else Qt.CheckState.Unchecked)
        box.addItem(item)
    return box


def checked_ids(box: QListWidget) -> list[str]:
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked]


class SessionDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("新增培训", parent, min_width=560)
        self.ctx = ctx
        self.day = self.row("培训日期", date_edit(name="training-date"))
        self.topic = self.row("培训主题", QLineEdit())
        self.topic.setObjectName("training-topic")
        self.hours = self.row("学时", QLineEdit("2"))
        self.hours.setObjectName("training-hours")
        self.trainer = self.row("授课人", QLineEdit())
        self.place = self.row("地点", QLineEdit())
        self.extra.addWidget(QLabel("参训网格员："))
        self.workers = worker_checklist(ctx, set())
        self.extra.addWidget(self.workers)

    def submit(self) -> object:
        return training.add_session(self.ctx.store, self.ctx.actor, date_of(self.day), self.topic.text(),
                                    self.hours.text(), self.trainer.text(), self.place.text(),
                                    worker_ids=checked_ids(self.workers))


class AttendanceDialog(FormDialog):
    def __init__(self, ctx: AppContext, session: training.Training, parent: QWidget | None = None):
        super().__init__(f"参训人员：{session.held_on} {session.topic}", parent, min_width=560)
        self.ctx, self.session = ctx, session
        self.workers = worker_checklist(ctx, {w for w, _ in training.attendees(ctx.store, session.id)})
        self.extra.addWidget(self.workers)

    def submit(self) -> object:
        training.set_attendance(self.ctx.store, self.ctx.actor, self.session.id, checked_ids(self.workers))
        return self.session.id


class TrainingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        layout = QVBoxLayout(self)
        self.period = line_edit("training-period-filter", "期间：2026 或 2026-Q3，留空为全部")
        layout.addWidget(self.period)
        self.filter_error = role_label("", "error")
        self.filter_error.hide()
        layout.addWidget(self.filter_error)
        split = QSplitter()
        self.model = RowsModel(COLUMNS, self)
        self.view = table_view(self.model, "training-table", fit_contents=True)
        self.attendees = QListWidget()
        self.attendees.setObjectName("training-attendees")
        split.addWidget(self.view)
        split.addWidget(self.attendees)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        remembered(split, "trainings")
        layout.addWidget(split, 1)
        self.summary = QLabel()
        self.summary.setObjectName("training-summary")
        layout.addWidget(self.summary)
        actions = (("new", "新增培训", self.new_session), ("attendance", "修改参训人员", self.attendance))
        self.buttons = button_row(layout, "training", actions)
        for button in self.buttons.values():
            gate(ctx, button, Can.MANAGE_GRIDS)
        self.period.textChanged.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_attendees())
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = training.sessions(self.ctx.store, self.period.text(), scope=self.ctx.scope)
        except VillageDeskError as exc:
            self.filter_error.setText(exc.message)
            self.filter_error.show()
            return
        self.filter_error.hide()
        self.model.set_rows(rows)
        self.summary.setText(f"共 {len(rows)} 场，{sum(t.hours for t in rows):g} 学时，"
                             f"{sum(t.attendees for t in rows)} 人次参训")
        self._show_attendees()

    def _show_attendees(self) -> None:
        self.attendees.clear()
        session = selected(self.view)
        if session is not None:
            for _, name in training.attendees(self.ctx.store, session.id):
                self.attendees.addItem(name)

    def _open(self, dialog) -> None:
        open_form(self, dialog)

    def new_session(self) -> None:
        self._open(SessionDialog(self.ctx, self))

    def attendance(self) -> None:
        session = selected_or_say(self.view, self, "参训人员", "请先选中一场培训。")
        if session is None:
            return
        self._open(AttendanceDialog(self.ctx, session, self))
