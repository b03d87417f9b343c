"""Which village a synced row belongs to: its own `village_id`, else the village of the row it refers to."""

from __future__ import annotations

from villagedesk.store.connection import Store
from villagedesk.store.sync import rows

TOWNSHIP_OWNED = frozenset({"report_forms"})  # form specifications: no village's rows (DESIGN.md §4 Ownership)
# Records the township writes for one village (sent down, issue 17): they belong to that village's package
# down, never travel up, and the village cannot change them. A review is the township's whatever its origin;
# an evaluation, a notice, a stipend tier table (and their scores, grids, tiers) only when a township node made
# it (a village's own entry of a township evaluation or notice by hand, 来源 乡镇, stays the village's).
SENT_DOWN = frozenset({"report_reviews"})
MADE_THERE = {"evaluations": None, "evaluation_scores": ("evaluation_id", "evaluations"),
              "notices": None, "notice_grids": ("notice_id", "notices"),
              "stipend_tier_tables": None, "stipend_tiers": ("table_id", "stipend_tier_tables")}
# A township-made record whose fields the village settles itself: it travels back up, but any other field of it
# that differs from the township's copy is a change the village may not make (its package is refused).
VILLAGE_SETS = {"notices": frozenset({"covered_at"})}
_STAMPS = frozenset({"id", "origin", "hlc", "created_at", "updated_at", "updated_by"})


def township_nodes(store: Store) -> frozenset[str]:
    """The node ids whose rows are the township's here: this node at a township, its paired townships at a village."""
    ids = {r[0] for r in store.conn.execute("SELECT node_id FROM sync_peers WHERE role = 'township'")}
    if store.scalar("SELECT role FROM node_identity WHERE id = 1") == "township":
        ids.add(store.node_id)
    return frozenset(ids)


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


MIXED = "<several villages>"  # a row tied to rows of more than one village


class VillageOf:
    """village_of(tbl, row) for rows of a package or of this database; parents looked up once each."""

    def __init__(self, store: Store, pending: dict[tuple[str, str], dict] | None = None):
        self.store = store
        self.pending = pending or {}  # rows a package brings, by (table, id): looked up before the database
        self.paths = paths(store)
        self.refs = refs(store)
        self.cache: dict[tuple[str, str, bool], str | None] = {}

    def made_by_township_node(self, row: dict) -> bool:
        """True for a row a township node wrote itself (its `origin`)."""
        townships = self.__dict__.get("_townships")
        if townships is None:
            townships = self.__dict__["_townships"] = township_nodes(self.store)
        return row.get("origin") in townships

    def made_by_township(self, tbl: str, row: dict) -> bool:
        """True for a row of MADE_THERE a township node wrote (or whose parent it wrote)."""
        parent = MADE_THERE[tbl]
        if parent is None:
            return self.made_by_township_node(row)
        col, ptbl = parent
        found = self.pending.get((ptbl, row.get(col) or "")) or rows.get(self.store, ptbl, row.get(col) or "")
        return found is not None and self.made_by_township(ptbl, found)

    def sent_down(self, tbl: str, row: dict) -> bool:
        """True for a record the township wrote for a village that never travels up (SENT_DOWN, MADE_THERE)."""
        if tbl in SENT_DOWN:
            return True
        return tbl in MADE_THERE and tbl not in VILLAGE_SETS and self.made_by_township(tbl, row)

    def changes_sent_down(self, tbl: str, row: dict) -> bool:
        """At the township: a township-made row of VILLAGE_SETS coming back with another field changed (or one
        the township never made)."""
        if tbl not in VILLAGE_SETS or not self.made_by_township(tbl, row):
            return False
        held = rows.get(self.store, tbl, row.get("id") or "")
        if held is None:
            return True
        free = VILLAGE_SETS[tbl] | _STAMPS
        return any(held.get(k) != v for k, v in row.items() if k not in free)

    def __call__(self, tbl: str, row: dict) -> str | None:
        """The one village `row` of `tbl` and the rows it refers to belong to; MIXED when they belong to several;
        None for a township-owned row or one tied to no village (a township node's own users).

        A parent nearer to a village (grids for a household) is judged the same way, whole; any other parent
        (a household's head, a ledger entry's household) by its own chain to a village only, so a cycle
        (a household and its head) is never walked."""
        return self._judge(tbl, row, whole=True)

    def _judge(self, tbl: str, row: dict, whole: bool) -> str | None:
        if tbl == "villages":
            return row.get("id")
        if tbl in TOWNSHIP_OWNED:
            return None
        found = {row.get("village_id")}
        nearer = self.paths.get(tbl, ())
        for col, parent in (self.refs.get(tbl, ()) if whole else nearer):
            if row.get(col) is not None:
                found.add(self._of_id(parent, row[col], whole and (col, parent) in nearer))
        found.discard(None)
        if len(found) > 1:
            return MIXED
        return found.pop() if found else None

    def _of_id(self, tbl: str, row_id: str, whole: bool) -> str | None:
        key = (tbl, row_id, whole)
        if key not in self.cache:
            row = self.pending.get((tbl, row_id)) or rows.get(self.store, tbl, row_id)
            self.cache[key] = None if row is None else self._judge(tbl, row, whole)
        return self.cache[key]
