"""The change log by origin and seq: what this node holds, entries to send, entries received."""

from __future__ import annotations

import json
from collections.abc import Iterator

from villagedesk.store.connection import Store
from villagedesk.store.synced import STAMP_FIELDS

ENTRY_COLUMNS = "origin, seq, tbl, row_id, op, payload, hlc, fields"


def held(store: Store) -> dict[str, int]:
    """Per origin, the seq through which this node holds every change: its own log's end for itself,
    the watermark for others (a snapshot may have brought their effect without their entries)."""
    out = {r[0]: r[1] for r in store.conn.execute("SELECT origin, seq FROM sync_held")}
    own = store.conn.execute("SELECT seq FROM change_log WHERE origin = ? ORDER BY seq DESC LIMIT 1",
                             (store.node_id,)).fetchone()
    out[store.node_id] = own[0] if own else 0
    return out


def floors(store: Store) -> dict[str, int]:
    """Per origin, the first seq from which this node holds every entry (after a prune, the entries kept
    below it for check are not a complete run).

    One primary-key probe per origin (each next origin found by a probe past the last one): a GROUP BY read the
    whole change log, 0.14 s at township scale on every export."""
    out = {r[0]: r[1] for r in store.conn.execute(
        "WITH RECURSIVE o(origin) AS (SELECT MIN(origin) FROM change_log UNION ALL"
        " SELECT (SELECT MIN(origin) FROM change_log WHERE origin > o.origin) FROM o WHERE o.origin IS NOT NULL)"
        " SELECT origin, (SELECT MIN(seq) FROM change_log c WHERE c.origin = o.origin) FROM o"
        " WHERE origin IS NOT NULL")}
    for origin, through in store.conn.execute("SELECT origin, through FROM sync_pruned"):
        out[origin] = max(out.get(origin, 0), through + 1)
    return out


# Tables whose entries `check` cross-examines (services/cross_checks.py: the append-only points tables
# against their logged inserts, locked payrolls against their logged lines): never pruned.
KEPT_FOR_CHECK = ("point_entries", "stock_movements", "redemption_items", "payrolls", "payroll_lines")


def pruned(store: Store) -> dict[str, int]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT origin, through FROM sync_pruned")}


def prune(store: Store, origin: str, through: int) -> int:
    """Delete `origin`'s entries through seq `through` except those check needs, first folding the field
    clocks of its updates into sync_base_clocks (a merge compares against them as before). Inside the
    caller's transaction; returns how many entries went."""
    kept = ", ".join(f"'{t}'" for t in KEPT_FOR_CHECK)
    where = f"origin = ? AND seq <= ? AND seq > ? AND tbl NOT IN ({kept})"
    args = (origin, through, pruned(store).get(origin, 0))
    folded: dict[tuple[str, str], dict[str, list]] = {}
    for tbl, row_id, op, hlc, fields, payload in store.conn.execute(
            f"SELECT tbl, row_id, op, hlc, fields, payload FROM change_log WHERE {where} AND op != 'insert'", args):
        row = folded.setdefault((tbl, row_id), {})
        for f in _set_by(op, fields, payload):  # the stamp too, as field_clocks reads it from the log
            if [hlc, origin] > row.get(f, ["", "", 1])[:2]:
                row[f] = [hlc, origin, 0]
    for (tbl, row_id), clocks in folded.items():
        base = store.conn.execute("SELECT clocks FROM sync_base_clocks WHERE tbl = ? AND row_id = ?",
                                  (tbl, row_id)).fetchone()
        merged = json.loads(base[0]) if base else {}
        for f, c in clocks.items():
            if c[:2] > merged.get(f, ["", "", 1])[:2]:
                merged[f] = c
        set_base_clocks(store, tbl, row_id, merged)
    store.conn.execute("UPDATE sync_state SET pruning = 1 WHERE id = 1")
    try:
        gone = store.conn.execute(f"DELETE FROM change_log WHERE {where}", args).rowcount
    finally:
        store.conn.execute("UPDATE sync_state SET pruning = 0 WHERE id = 1")
    store.conn.execute("INSERT INTO sync_pruned(origin, through) VALUES (?, ?)"
                       " ON CONFLICT(origin) DO UPDATE SET through = max(through, excluded.through)", (origin, through))
    return gone


def last_seqs(store: Store) -> dict[str, int]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT origin, MAX(seq) FROM change_log GROUP BY origin")}


def set_held(store: Store, origin: str, seq: int) -> None:
    if origin == store.node_id:
        return
    store.conn.execute("INSERT INTO sync_held(origin, seq) VALUES (?, ?)"
                       " ON CONFLICT(origin) DO UPDATE SET seq = max(seq, excluded.seq)", (origin, seq))


def entries_after(store: Store, origin: str, seq: int, through: int) -> Iterator[tuple]:
    yield from store.conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM change_log WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq",
        (origin, seq, through))


def entry_lines(store: Store, origin: str, seq: int, through: int) -> Iterator[str]:
    """The entries after `seq` through `through` as a package's changes.jsonl lines, written by SQLite's JSON
    functions: decoding each stored payload to encode it again cost a third of a township month's export."""
    for (line,) in store.conn.execute(
            "SELECT json_object('o', origin, 's', seq, 't', tbl, 'r', row_id, 'op', op, 'p', json(payload),"
            " 'h', hlc, 'f', json(fields)) FROM change_log WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq",
            (origin, seq, through)):
        yield line + "\n"


def entry(store: Store, origin: str, seq: int):
    return store.conn.execute(f"SELECT {ENTRY_COLUMNS} FROM change_log WHERE origin = ? AND seq = ?",
                              (origin, seq)).fetchone()


def insert_entry(store: Store, e: dict) -> None:
    store.conn.execute(
        f"INSERT INTO change_log({ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (e["origin"], e["seq"], e["tbl"], e["row_id"], e["op"], json.dumps(e["payload"], ensure_ascii=False),
         e["hlc"], None if e.get("fields") is None else json.dumps(e["fields"])))


def field_clocks(store: Store, tbl: str, row_id: str) -> dict[str, tuple[str, str, bool]]:
    """Per field, (hlc, origin, set by an insert) of the newest update of this row that set it.

    An insert's own stamp is left out: every update of a row comes after its insert, so a field no
    update has set can be treated as set at the beginning of time."""
    clocks: dict[str, tuple[str, str, bool]] = {}
    base = store.conn.execute("SELECT clocks FROM sync_base_clocks WHERE tbl = ? AND row_id = ?",
                              (tbl, row_id)).fetchone()
    if base:
        clocks = {f: (c[0], c[1], bool(c[2])) for f, c in json.loads(base[0]).items()}
    for hlc, origin, op, fields, payload in store.conn.execute(
            "SELECT hlc, origin, op, fields, payload FROM change_log WHERE tbl = ? AND row_id = ? AND op != 'insert'",
            (tbl, row_id)):
        names = _set_by(op, fields, payload)
        for f in names:
            if (hlc, origin) > clocks.get(f, ("", "", True))[:2]:
                clocks[f] = (hlc, origin, op == "insert")
    return clocks


def all_field_clocks(store: Store, tbl: str) -> dict[str, dict[str, list]]:
    """field_clocks of every row of a table in one pass over its log (for a snapshot)."""
    out: dict[str, dict[str, list]] = {}
    for row_id, clocks in store.conn.execute("SELECT row_id, clocks FROM sync_base_clocks WHERE tbl = ?", (tbl,)):
        out[row_id] = json.loads(clocks)
    for row_id, hlc, origin, op, fields, payload in store.conn.execute(
            "SELECT row_id, hlc, origin, op, fields, payload FROM change_log WHERE tbl = ? AND op != 'insert'",
            (tbl,)):
        names = _set_by(op, fields, payload)
        row = out.setdefault(row_id, {})
        for f in names:
            if [hlc, origin] > row.get(f, ["", "", 1])[:2]:
                row[f] = [hlc, origin, 1 if op == "insert" else 0]
    return out


def _set_by(op: str, fields: str | None, payload: str) -> list[str]:
    """The fields an entry set: an update's changed fields and the record's stamp (its hlc, updated_at
    and updated_by), even when it changed nothing else."""
    if op == "insert" or fields is None:
        return list(json.loads(payload))
    return [*json.loads(fields), *STAMP_FIELDS]


def set_base_clocks(store: Store, tbl: str, row_id: str, clocks: dict) -> None:
    store.conn.execute("INSERT INTO sync_base_clocks(tbl, row_id, clocks) VALUES (?, ?, ?)"
                       " ON CONFLICT(tbl, row_id) DO UPDATE SET clocks = excluded.clocks",
                       (tbl, row_id, json.dumps(clocks)))


def capture(store: Store, on: bool) -> None:
    store.conn.execute("UPDATE sync_state SET capture = ? WHERE id = 1", (1 if on else 0,))
