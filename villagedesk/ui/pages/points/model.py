"""The points pages' table: the shared lazy RowsModel with muted (greyed) rows, in a read-only row-selecting view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from villagedesk.ui.widgets.rows_model import Col, RowsModel
from villagedesk.ui.widgets.table_view import read_only_rows, sortable

__all__ = ["Col", "MutedRowsModel", "RowsTable"]


class MutedRowsModel(RowsModel):
    """Rows for which `muted(row)` holds (reversed entries, voided receipts) are shown in grey."""

    def __init__(self, columns: Sequence[Col], parent=None, muted: Callable[[Any], bool] | None = None):
        super().__init__(columns, parent)
        self.muted = muted

    def column_texts(self, title: str) -> list[str]:
        c = [col.title for col in self.columns].index(title)
        return [self.text(r, c) for r in range(len(self.rows))]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.muted \
                and self.muted(self.rows[index.row()]):
            return QBrush(QColor("#999999"))
        return super().data(index, role)


class RowsTable(QTableView):
    """A read-only, whole-row-selecting table over a MutedRowsModel."""

    def __init__(self, columns: Sequence[Col], parent=None, muted: Callable[[Any], bool] | None = None,
                 stretch: int | None = None):
        super().__init__(parent)
        self.rows_model = MutedRowsModel(columns, self, muted)
        self.setModel(self.rows_model)
        read_only_rows(self)
        sortable(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: list[Any]) -> None:
        self.rows_model.set_rows(rows)

    def current(self) -> Any | None:
        index = self.currentIndex()
        return self.rows_model.row_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        while row >= self.rows_model.rowCount() and self.rows_model.canFetchMore():
            self.rows_model.fetchMore()
        self.selectRow(row)
