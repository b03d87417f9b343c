"""One lazy table model for every list page: columns are Col(title, get), rows are shown 200 at a time as scrolled."""

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
    """Rows a service returned (plain dataclasses), shown as they are scrolled to; with `fetch`, pages are read on demand."""

    def __init__(self, columns: Sequence[Col], parent=None, highlight: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.total = 0
        self.fetch: Callable[[int, int], list] | None = None
        self.highlight = highlight
        self._shown = 0
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[Any]) -> None:
        """All rows at once (a ledger, a short list); they are shown CHUNK at a time."""
        self.beginResetModel()
        self.fetch, self.rows, self.total = None, list(rows), len(rows)
        self._shown = min(CHUNK, len(rows))
        self._sort_rows()
        self.endResetModel()

    def set_pages(self, total: int, fetch: Callable[[int, int], list], columns: Sequence[Col] | None = None,
                  loaded: int = CHUNK) -> None:
        """A count and a reader of (offset, limit): long lists such as a year of visits or the register.

        `columns` replaces the columns in the same reset; `loaded` reads that many rows at once (a reload after a write)."""
        self.beginResetModel()
        if columns is not None:
            self.columns = list(columns)
        self.fetch, self.total = fetch, total
        self.rows = list(fetch(0, max(CHUNK, loaded))) if total else []
        self._shown = len(self.rows)
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: every row (a paged list is read whole first), by that column's values."""
        if not 0 <= column < len(self.columns):
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        if self._sort is None or self._sort[0] >= len(self.columns):
            return
        column, order = self._sort
        if self.fetch is not None and len(self.rows) < self.total:
            self.rows += self.fetch(len(self.rows), self.total - len(self.rows))
            self.total = len(self.rows)
        get = self.columns[column].get
        values = [get(r) for r in self.rows]
        blanks = [i for i, v in enumerate(values) if v is None or v == ""]
        filled = [i for i, v in enumerate(values) if not (v is None or v == "")]
        try:  # numbers as numbers, dates as dates; blanks always last
            filled.sort(key=lambda i: values[i], reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:
            filled.sort(key=lambda i: str(values[i]), reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [self.rows[i] for i in filled + blanks]

    def row(self, index: int) -> Any:
        return self.rows[index]

    def row_at(self, index: int) -> Any | None:
        """The row, or None where there is none."""
        return self.rows[index] if 0 <= index < self._shown else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        if self.fetch is not None and len(self.rows) < self.total:
            more = self.fetch(len(self.rows), CHUNK)
            if not more:
                self.total = len(self.rows)
                return
            self.rows += more
        n = min(CHUNK, len(self.rows) - self._shown)
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
