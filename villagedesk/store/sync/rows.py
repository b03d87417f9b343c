"""Rows of synced tables read and written whole, for snapshots and for merging received changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from villagedesk.store.connection import Store


def synced_tables(store: Store) -> list[str]:
    """Every synced table, each after the tables it refers to (a snapshot inserts parents first, so
    SQLite's deferred foreign-key checks do not scan child tables for every parent row)."""
    names = [r[0] for r in store.conn.execute("SELECT name FROM synced_tables ORDER BY name")]
    parents = {n: {r[2] for r in store.conn.execute(f"PRAGMA foreign_key_list({n})")} & set(names) - {n}
               for n in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # a cycle (households <-> residents, deferred): break it at a table on the cycle, not at
            # one merely waiting for it, which would go in before its parents and make every parent row inserted
            # after it scan its rows for the violations it left (4 ms a resident at township scale)
            ready = [next(n for n in names if n not in ordered and n in _waits_for(n, parents, ordered))]
        ordered += ready
    return ordered


def _waits_for(tbl: str, parents: dict[str, set[str]], ordered: list[str]) -> set[str]:
    """The tables not yet ordered that `tbl` waits for, directly or through their own parents."""
    seen: set[str] = set()
    todo = [p for p in parents[tbl] if p not in ordered]
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo += [p for p in parents[n] if p not in ordered]
    return seen


def columns(store: Store, tbl: str) -> list[str]:
    cache = store.__dict__.setdefault("_synced_columns", {})
    if tbl not in cache:
        cache[tbl] = [r[1] for r in store.conn.execute(f"PRAGMA table_info({_name(store, tbl)})")]
    return cache[tbl]


def all_rows(store: Store, tbl: str) -> Iterator[dict]:
    cur = store.conn.execute(f"SELECT * FROM {_name(store, tbl)}")
    names = [d[0] for d in cur.description]
    for row in cur:
        yield dict(zip(names, row, strict=True))


def get(store: Store, tbl: str, row_id: str) -> dict | None:
    cur = store.conn.execute(f"SELECT * FROM {_name(store, tbl)} WHERE id = ?", (row_id,))
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row, strict=True))


def insert(store: Store, tbl: str, row: dict) -> None:
    cols = [c for c in columns(store, tbl) if c in row]
    store.conn.execute(f"INSERT INTO {_name(store, tbl)} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                       [row[c] for c in cols])


def update(store: Store, tbl: str, row_id: str, values: dict) -> None:
    if values:
        sets = ", ".join(f"{c} = ?" for c in values)
        store.conn.execute(f"UPDATE {_name(store, tbl)} SET {sets} WHERE id = ?", [*values.values(), row_id])


def defer_foreign_keys(store: Store) -> None:
    """Inside the import transaction: a row may arrive before the row it refers to."""
    store.conn.execute("PRAGMA defer_foreign_keys = ON")


IntegrityError = sqlite3.IntegrityError


def ledger_hash(store: Store, origin: str, seq: int) -> str | None:
    """The hash of one node's ledger entry by its chain position, if this node holds it."""
    row = store.conn.execute("SELECT hash FROM point_entries WHERE origin = ? AND seq = ?", (origin, seq)).fetchone()
    return row[0] if row else None


def ledger_heads(store: Store) -> dict[str, list]:
    """Per origin, the last entry of its ledger chain: [seq, hash].

    Probes of the (origin, seq) index, each next origin found past the last one, rather than a pass over
    every entry of the ledger (0.03 s at township scale, on every export)."""
    return {r[0]: [r[1], r[2]] for r in store.conn.execute(
        "WITH RECURSIVE o(origin) AS (SELECT MIN(origin) FROM point_entries UNION ALL"
        " SELECT (SELECT MIN(origin) FROM point_entries WHERE origin > o.origin) FROM o WHERE o.origin IS NOT NULL)"
        " SELECT p.origin, p.seq, p.hash FROM o JOIN point_entries p ON p.origin = o.origin"
        " AND p.seq = (SELECT MAX(seq) FROM point_entries q WHERE q.origin = o.origin)")}


def _name(store: Store, tbl: str) -> str:
    # Table names come from packages: only a synced table of this schema is ever named in SQL.
    if tbl not in _known(store):
        raise KeyError(tbl)
    return tbl


def _known(store: Store) -> frozenset[str]:
    if "_synced_tables" not in store.__dict__:
        store.__dict__["_synced_tables"] = frozenset(synced_tables(store))
    return store.__dict__["_synced_tables"]


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every synced table's rows, whole and in id order: what two converged nodes hold alike."""
    return {tbl: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {_name(store, tbl)} ORDER BY id")]
            for tbl in synced_tables(store)}


# Uniqueness kept by a trigger rather than an index (an index cannot join): the live rows that keep a live
# `row` out. Residents: one identity number per village, the village being the household's grid's (m0013_scope).
_KEPT_BY_TRIGGER = {
    "residents": """SELECT o.* FROM residents o JOIN households oh ON oh.id = o.household_id
                      JOIN grids og ON og.id = oh.grid_id
                     WHERE o.id_number = :id_number AND o.deleted_at IS NULL AND o.id <> :id
                       AND og.village_id = (SELECT g.village_id FROM households h JOIN grids g ON g.id = h.grid_id
                                             WHERE h.id = :household_id)""",
}


def colliding(store: Store, tbl: str, row: dict) -> list[dict] | None:
    """The rows that keep `row` out by one of the table's unique indexes (a partial index's condition
    included, for `row` too) or by a rule a trigger keeps (_KEPT_BY_TRIGGER); None when none matches."""
    name = _name(store, tbl)
    cols = columns(store, tbl)
    found: dict[str, dict] = {}
    rule = _KEPT_BY_TRIGGER.get(tbl)
    if rule is not None and row.get("deleted_at") is None:
        cur = store.conn.execute(rule, {c: row.get(c) for c in ("id", "id_number", "household_id")})
        names = [d[0] for d in cur.description]
        for r in cur:
            found[r[0]] = dict(zip(names, r, strict=True))
    for _seq, index, unique, origin, partial in store.conn.execute(f"PRAGMA index_list({name})").fetchall():
        if not unique or origin == "pk":
            continue
        keys = [r[2] for r in store.conn.execute(f"PRAGMA index_info({index})")]
        if None in keys or not all(k in row for k in keys):
            continue  # an index on an expression: not worked out here
        cond = "1"
        if partial:
            sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
            cond = sql[sql.upper().rindex(" WHERE ") + len(" WHERE "):]
            incoming = "SELECT " + ", ".join(f"? AS {c}" for c in cols)
            if store.conn.execute(f"SELECT 1 FROM ({incoming}) WHERE {cond}",
                                  [row.get(c) for c in cols]).fetchone() is None:
                continue
        cur = store.conn.execute(f"SELECT * FROM {name} WHERE {' AND '.join(f'{k} IS ?' for k in keys)}"
                                 f" AND ({cond}) AND id IS NOT ?", [*(row[k] for k in keys), row.get("id")])
        names = [d[0] for d in cur.description]
        for r in cur:
            found[r[0]] = dict(zip(names, r, strict=True))
    return list(found.values()) or None
