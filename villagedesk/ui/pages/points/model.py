"""A lazy table model over the rows a points service returned, and a read-only table view for it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

CHUNK = 200
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Col:
    title: str
    get: Callable[[Any], Any]
    numeric: bool = False


class RowsModel(QAbstractTableModel):
    """Rows (plain dataclasses) shown 200 at a time as the view scrolls to them."""

    def __init__(self, columns: Sequence[Col], parent=None, muted: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.loaded = 0
        self.muted = muted

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.loaded = min(CHUNK, len(self.rows))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self.loaded < len(self.rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        more = min(CHUNK, len(self.rows) - self.loaded)
        self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + more - 1)
        self.loaded += more
        self.endInsertRows()

    def text(self, row: int, column: int) -> str:
        value = self.columns[column].get(self.rows[row])
        return "" if value is None else str(value)

    def column_texts(self, title: str) -> list[str]:
        c = [col.title for col in self.columns].index(title)
        return [self.text(r, c) for r in range(len(self.rows))]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.muted and self.muted(self.rows[index.row()]):
            return QBrush(QColor("#999999"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None


class RowsTable(QTableView):
    """A read-only, whole-row-selecting table over a RowsModel."""

    def __init__(self, columns: Sequence[Col], parent=None, muted: Callable[[Any], bool] | None = None,
                 stretch: int | None = None):
        super().__init__(parent)
        self.rows_model = RowsModel(columns, self, muted)
        self.setModel(self.rows_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: list[Any]) -> None:
        self.rows_model.set_rows(rows)

    def current(self) -> Any | None:
        index = self.currentIndex()
        return self.rows_model.rows[index.row()] if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.selectRow(row)
