"""A lazy table model over rows a service returned: columns are (title, getter), rows arrive 200 at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

CHUNK = 200
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Col:
    title: str
    get: Callable[[Any], Any]
    numeric: bool = False


class RowsModel(QAbstractTableModel):
    """Holds the service's rows (plain dataclasses) and shows them as they are scrolled to."""

    def __init__(self, columns: Sequence[Col], parent=None,
                 highlight: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.loaded = 0
        self.highlight = highlight

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.loaded = min(CHUNK, len(rows))
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index]

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.highlight and self.highlight(self.rows[index.row()]):
            return QBrush(QColor("#fdecea"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None
