"""Widgets the field-work pages share: a lazy table, a form that keeps typed text on a refusal, time and period pickers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.period import Period, parse_period

PAGE_SIZE = 200
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Col:
    title: str
    get: Callable[[Any], Any]
    numeric: bool = False


class LinesModel(QAbstractTableModel):
    """Rows a service returned, shown as they are scrolled to; with `fetch`, pages are read on demand."""

    def __init__(self, columns: Sequence[Col], parent=None, highlight: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.total = 0
        self.fetch: Callable[[int, int], list] | None = None
        self.highlight = highlight

    def set_rows(self, rows: list[Any]) -> None:
        """All rows at once (a ledger, a short list)."""
        self.beginResetModel()
        self.fetch, self.rows, self.total = None, list(rows), len(rows)
        self._shown = min(PAGE_SIZE, len(rows))
        self.endResetModel()

    def set_pages(self, total: int, fetch: Callable[[int, int], list]) -> None:
        """A count and a reader of (offset, limit): long lists such as a year of visits."""
        self.beginResetModel()
        self.fetch, self.total = fetch, total
        self.rows = fetch(0, PAGE_SIZE) if total else []
        self._shown = len(self.rows)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else getattr(self, "_shown", 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and getattr(self, "_shown", 0) < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        if self.fetch is not None and len(self.rows) < self.total:
            more = self.fetch(len(self.rows), PAGE_SIZE)
            if not more:
                self.total = len(self.rows)
                return
            self.rows += more
        n = min(PAGE_SIZE, len(self.rows) - self._shown)
        if n <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + n - 1)
        self._shown += n
        self.endInsertRows()

    def text(self, row: int, column: int) -> str:
        value = self.columns[column].get(self.rows[row])
        return "" if value is None else str(value)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.highlight and self.highlight(self.rows[index.row()]):
            return QBrush(QColor("#fdecea"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None


def table_view(model: LinesModel, name: str) -> QTableView:
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
    return view


def selected(view: QTableView):
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().row(rows[0].row()) if rows else None


def select_where(view: QTableView, match: Callable[[Any], bool]) -> bool:
    """Select (loading pages as needed) the first row that matches; False if there is none."""
    model: LinesModel = view.model()
    i = 0
    while True:
        while i >= len(model.rows) or i >= model.rowCount():
            if not model.canFetchMore():
                return False
            model.fetchMore()
        if match(model.rows[i]):
            view.selectRow(i)
            view.scrollTo(model.index(i, 0))
            return True
        i += 1


def combo(items: Sequence[tuple[str, object]], name: str = "") -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if name:
        box.setObjectName(name)
    return box


def refill_combo(box: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """New choices (grids or workers changed elsewhere), keeping the current one when it is still there."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    set_combo_data(box, current)
    box.blockSignals(False)


def set_combo_data(box: QComboBox, data: object) -> None:
    i = box.findData(data)
    if i >= 0:
        box.setCurrentIndex(i)


def date_edit(day: dt.date | None = None, name: str = "") -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    day = day or dt.date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def datetime_edit(when: dt.datetime | None = None, name: str = "") -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    set_datetime(edit, when or dt.datetime.now().replace(second=0, microsecond=0))
    edit.setObjectName(name)
    return edit


def set_datetime(edit: QDateTimeEdit, when: dt.datetime) -> None:
    edit.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute)))


def datetime_of(edit: QDateTimeEdit) -> dt.datetime:
    d, t = edit.date(), edit.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def text_box(name: str, hint: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(hint)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class PeriodBox(QComboBox):
    """本月 / 本季度 / 本年 / 上一年 / 全部: the period the page's figures and lists cover."""

    def __init__(self, name: str = "period", default: str = "year", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        today = dt.date.today()
        quarter = (today.month - 1) // 3 + 1
        for text, label in (("本月", f"{today.year}-{today.month:02d}"), ("本季度", f"{today.year}-Q{quarter}"),
                            ("本年", str(today.year)), ("上一年", str(today.year - 1)), ("全部", "")):
            self.addItem(text, label)
        set_combo_data(self, {"month": f"{today.year}-{today.month:02d}", "year": str(today.year),
                              "all": ""}.get(default, str(today.year)))

    def period(self) -> Period | None:
        label = self.currentData()
        return parse_period(label) if label else None

    def title(self) -> str:
        p = self.period()
        return p.title if p else "全部"


class FormDialog(QDialog):
    """A form whose submit may be refused: the Chinese message shows under the form and the dialog stays open."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str = "保存"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self.outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        self.outer.addWidget(heading)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
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
        self.ok_button.clicked.connect(self.try_submit)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def row(self, label: str, widget: QWidget) -> QWidget:
        if label:
            self.form.addRow(label + "：", widget)
        else:
            self.form.addRow(widget)
        return widget

    def submit(self) -> object:
        """Call the service; raise VillageDeskError to refuse. Returns what `saved` carries."""
        raise NotImplementedError

    def try_submit(self) -> bool:
        try:
            result = self.submit()
        except VillageDeskError as exc:
            self.error.setText(exc.message)
            return False
        self.error.setText("")
        self.saved.emit(result)
        self.accept()
        return True


def ask_save_path(parent: QWidget | None, title: str, default_name: str, pattern: str) -> Path | None:
    """The one file chooser of the field-work pages (tests answer it)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name), pattern)
    return Path(path) if path else None


class _EnterPicks(QObject):
    """In a form, Enter in a household picker's search box picks the household instead of submitting the form."""

    def __init__(self, picker):
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picker.pick_current()
            return True
        return False


def enter_picks(picker) -> None:
    picker.search_box.installEventFilter(_EnterPicks(picker))
