"""The list pages' table view over a RowsModel: whole-row single selection, read-only, Tab leaves it, Enter opens a row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from villagedesk.ui import messages
from villagedesk.ui.widgets.rows_model import RowsModel


def table_view(model: RowsModel, name: str, fit_contents: bool = False, word_wrap: bool = False) -> QTableView:
    """With `fit_contents`, columns are sized to the first rows shown (at most 360 px), once: sizing on
    every reset made each keystroke of a filter measure every loaded cell, and columns jump about."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    read_only_rows(view)
    sortable(view)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(word_wrap)
    if fit_contents:
        view.horizontalHeader().setMaximumSectionSize(360)
        def fit_once() -> None:
            if model.rowCount() and not view.property("fitted"):
                view.resizeColumnsToContents()
                view.setProperty("fitted", True)

        model.modelReset.connect(fit_once)
    return view


def read_only_rows(view: QAbstractItemView) -> None:
    """Whole rows, one at a time, no editing, no row numbers, alternating row colours; Tab moves on to the next
    field (a read-only table that keeps Tab for its cells traps the keyboard: the arrows move between rows)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    read_only_cells(view)
    if isinstance(view, QTableView):
        view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)


def read_only_cells(view: QAbstractItemView) -> None:
    """No editing, and Tab goes on to the next field instead of from cell to cell (where it would be trapped)."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)


def sortable(view: QTableView) -> None:
    """A click on a column header sorts by it (again: the other way); no sort until the clerk asks for one."""
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicatorShown(True)


class _EnterOpens(QObject):
    """Enter or Return on a row does what a double-click does; the key goes no further (not to a dialog's OK)."""

    def __init__(self, view: QAbstractItemView, open_row: Callable[[], None]):
        super().__init__(view)
        self.view, self.open_row = view, open_row

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self.view.currentIndex().isValid()):
            self.open_row()
            return True
        return False


def on_row_chosen(view: QAbstractItemView, open_row: Callable[[], None]) -> None:
    """`open_row()` on a double-click or on Enter over the current row (the keyboard's double-click)."""
    view.doubleClicked.connect(lambda _i: open_row())
    view.installEventFilter(_EnterOpens(view, open_row))


def width_for_columns(view: QTableView) -> None:
    """The view is never made narrower than its columns' headers and shown cells need: a short list whose
    names must be read whole (the counter's goods) keeps them whole at any text size instead of eliding them."""
    header = view.horizontalHeader()
    need = sum(max(header.sectionSizeHint(c), view.sizeHintForColumn(c))
               for c in range(view.model().columnCount()) if not view.isColumnHidden(c))
    view.setMinimumWidth(need + view.verticalScrollBar().sizeHint().width() + 2 * view.frameWidth())


def selected(view: QTableView):
    """The row object under the selection, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().row(rows[0].row()) if rows else None


def selected_or_say(view: QTableView, parent, title: str, text: str,
                    usable: Callable[[Any], bool] | None = None):
    """The selected row when there is one (and `usable` accepts it); otherwise None, after telling the clerk `text`."""
    row = selected(view)
    if row is None or (usable is not None and not usable(row)):
        messages.info(parent, title, text)
        return None
    return row


def select_where(view: QTableView, match: Callable[[Any], bool]) -> bool:
    """Select (loading pages as needed) the first row that matches; False if there is none."""
    model: RowsModel = view.model()
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


def follow_selection(view: QTableView, show: Callable[[Any], None]) -> None:
    """Each time the selection changes to a row, `show(row)` (a side panel's detail)."""
    def shown(*_) -> None:
        row = selected(view)
        if row is not None:
            show(row)
    view.selectionModel().selectionChanged.connect(shown)


def record_table(name: str, columns: list[str], whole_rows: bool = True):
    """A read-only QTableWidget of records under these headers, the last column stretched, no row numbers."""
    from PySide6.QtWidgets import QTableWidget

    t = QTableWidget(0, len(columns))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(columns)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    if whole_rows:
        t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    read_only_cells(t)
    return t
