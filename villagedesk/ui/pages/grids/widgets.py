"""Small widgets the grids page shares: a table view, a form dialog that keeps typed text on a refusal, pickers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.ui.pages.grids.model import RowsModel


def table_view(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    view.horizontalHeader().setMaximumSectionSize(360)
    model.modelReset.connect(view.resizeColumnsToContents)  # looks at the rows loaded so far only
    return view


def selected_row(view: QTableView):
    """The row object under the selection, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().row(rows[0].row()) if rows else None


def select_where(view: QTableView, match: Callable[[object], bool]) -> bool:
    model: RowsModel = view.model()
    for i, row in enumerate(model.rows):
        if match(row):
            while model.loaded <= i:
                model.fetchMore()
            view.selectRow(i)
            return True
    return False


def date_edit(day: dt.date | None = None, name: str = "") -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    day = day or dt.date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    if name:
        edit.setObjectName(name)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def combo(items: list[tuple[str, object]], name: str = "") -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if name:
        box.setObjectName(name)
    return box


def set_combo_data(box: QComboBox, data: object) -> None:
    i = box.findData(data)
    if i >= 0:
        box.setCurrentIndex(i)


class FormDialog(QDialog):
    """A form whose submit may be refused: the Chinese message shows under the form, the dialog stays open."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str = "保存"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        self.outer.addWidget(heading)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.extra = QVBoxLayout()
        self.outer.addLayout(self.extra)
        self.error = QLabel("")
        self.error.setObjectName("form-error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.outer.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("取消")
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("form-ok")
        self.ok_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.outer.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._submit)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label + "：", widget)
        return widget

    def submit(self) -> object:
        """Call the service; raise VillageDeskError to refuse. Returns what `saved` carries."""
        raise NotImplementedError

    def _submit(self) -> None:
        try:
            result = self.submit()
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return
        self.error.setText("")
        self.saved.emit(result)
        self.accept()
