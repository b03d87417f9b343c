"""The register's list as a lazy Qt model: a count, then pages of rows fetched as the view scrolls."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.services.register import listing

_Index = QModelIndex | QPersistentModelIndex


class RegisterTableModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = RegisterFilter()
        self.columns = listing.columns(self.filter.view)
        self.total = 0
        self.rows: list[listing.ListRow] = []

    def set_filter(self, f: RegisterFilter) -> None:
        self.beginResetModel()
        self.filter = f
        self.columns = listing.columns(f.view)
        self.total = listing.count_rows(self.ctx.store, f)
        self.rows = listing.fetch_rows(self.ctx.store, f, 0, self.PAGE)
        self.endResetModel()

    def reload(self) -> None:
        """Refetch after a write, keeping as many rows loaded as before."""
        wanted = max(self.PAGE, len(self.rows))
        self.beginResetModel()
        self.total = listing.count_rows(self.ctx.store, self.filter)
        self.rows = listing.fetch_rows(self.ctx.store, self.filter, 0, wanted)
        self.endResetModel()

    def row_at(self, row: int) -> listing.ListRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- Qt --
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = listing.fetch_rows(self.ctx.store, self.filter, len(self.rows), self.PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows += more
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()].cells[index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].kind == "int":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None
