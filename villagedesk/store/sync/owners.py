"""Which village a synced row belongs to: its own `village_id`, else the village of the row it refers to."""

from __future__ import annotations

from villagedesk.store.connection import Store
from villagedesk.store.sync import rows

TOWNSHIP_OWNED = frozenset({"report_forms"})  # form specifications: no village's rows (DESIGN.md §4 Ownership)


def paths(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Per synced table, the foreign keys (column, parent table) that lead nearest to a table with a
    `village_id`, nearest first (a table with its own `village_id` needs none)."""
    cache = store.__dict__.get("_village_paths")
    if cache is not None:
        return cache
    names = rows.synced_tables(store)
    fks = {n: [(r[3], r[2]) for r in store.conn.execute(f"PRAGMA foreign_key_list({n})") if r[2] in names]
           for n in names}
    distance = {n: 0 for n in names if n == "villages" or "village_id" in rows.columns(store, n)}
    changed = True
    while changed:  # shortest distance to a village, over the foreign keys (cycles settle: only decreases count)
        changed = False
        for n in names:
            near = [distance[p] + 1 for _c, p in fks[n] if p in distance]
            if near and min(near) < distance.get(n, 1 << 30):
                distance[n] = min(near)
                changed = True
    out = {n: sorted(((c, p) for c, p in fks[n] if p in distance and distance[p] < distance.get(n, 0)),
                     key=lambda cp: distance[cp[1]]) for n in names if distance.get(n, 0) > 0}
    every = {n: [(c, p) for c, p in fks[n] if p in distance and p != "villages"] for n in names}
    store.__dict__["_village_paths"] = out
    store.__dict__["_village_refs"] = every
    return out


def refs(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Per synced table, every foreign key (column, parent table) to a table whose rows belong to a village."""
    paths(store)
    return store.__dict__["_village_refs"]


class VillageOf:
    """village_of(tbl, row) for rows of a package or of this database; parents looked up once each."""

    def __init__(self, store: Store):
        self.store = store
        self.paths = paths(store)
        self.cache: dict[tuple[str, str], str | None] = {}

    def __call__(self, tbl: str, row: dict) -> str | None:
        """The village id `row` of `tbl` belongs to; None for a township-owned row or one tied to no village
        (a township node's own users)."""
        if tbl == "villages":
            return row.get("id")
        if tbl in TOWNSHIP_OWNED:
            return None
        if "village_id" in row and tbl not in self.paths:
            return row.get("village_id")
        for col, parent in self.paths.get(tbl, ()):
            ref = row.get(col)
            if ref is not None:
                found = self._of_id(parent, ref)
                if found is not None:
                    return found
        return row.get("village_id")

    def all_of(self, tbl: str, row: dict) -> set[str | None]:
        """Every village `row` is tied to: its own and that of each row it refers to (a household moved to
        another village's grid is tied to both)."""
        found = {self(tbl, row)}
        if "village_id" in row:
            found.add(row["village_id"])
        for col, parent in refs(self.store).get(tbl, ()):
            if row.get(col) is not None:
                found.add(self._of_id(parent, row[col]))
        return found

    def _of_id(self, tbl: str, row_id: str) -> str | None:
        key = (tbl, row_id)
        if key not in self.cache:
            row = rows.get(self.store, tbl, row_id)
            self.cache[key] = None if row is None else self(tbl, row)
        return self.cache[key]
