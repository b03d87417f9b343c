"""The register's list as the shared lazy RowsModel: a count, then pages of rows fetched as the view scrolls."""

from __future__ import annotations

from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.services.register import listing
from villagedesk.ui.widgets.rows_model import CHUNK, Col, RowsModel


def _columns(shown: tuple[listing.ListColumn, ...]) -> list[Col]:
    return [Col(c.title, lambda row, i=i: row.cells[i], c.kind == "int") for i, c in enumerate(shown)]


class RegisterTableModel(RowsModel):
    PAGE = CHUNK

    def __init__(self, ctx, parent=None):
        self.filter = RegisterFilter()
        super().__init__(_columns(listing.columns(self.filter.view)), parent)
        self.ctx = ctx

    def widths(self) -> list[int]:
        """Each column's width in characters."""
        return [c.width for c in listing.shown_columns(self.ctx.store, self.filter)]

    def set_filter(self, f: RegisterFilter) -> None:
        self.filter = f
        total = listing.count_rows(self.ctx.store, f, actor=self.ctx.actor)
        self.set_pages(total, self._fetch, columns=_columns(listing.shown_columns(self.ctx.store, f)))

    def reload(self) -> None:
        """Refetch after a write, keeping as many rows loaded as before."""
        total = listing.count_rows(self.ctx.store, self.filter, actor=self.ctx.actor)
        self.set_pages(total, self._fetch, loaded=len(self.rows))

    def _fetch(self, offset: int, limit: int) -> list[listing.ListRow]:
        return listing.fetch_rows(self.ctx.store, self.filter, offset, limit, actor=self.ctx.actor)
