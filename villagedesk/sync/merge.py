"""Merging a received change into this node's rows: inserts by id, fields by their latest (hlc, origin).

Every field's value is the one written by the change with the largest (hlc, origin) that set it, so
nodes that receive the same changes in any order end with the same rows. Where both sides changed the
same field, the loser is kept in the conflict list for review; a row that would break a uniqueness
rule is set aside there too, never lost and never aborting the package.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from villagedesk.store.connection import Store
from villagedesk.store.sync import log, packages, rows
from villagedesk.store.synced import SKIP_FIELDS, STAMP_FIELDS

BASE = ("", "", True)  # the clock of a field no change has set


class Outcome(NamedTuple):
    kind: str  # 'new', 'updated', 'held', 'conflict'
    conflicts: int = 0


def apply_change(store: Store, e: dict, package_id: str, open_fields: dict | None = None) -> Outcome:
    """Apply one received change-log entry (already checked to be the next of its origin). `open_fields`
    (packages.open_field_conflicts) are closed when this change sets their field later than both versions."""
    clock = (e["hlc"], e["origin"], e["op"] == "insert")
    outcome = _merge(store, e["tbl"], e["row_id"], e["payload"], {f: clock for f in _names(e)}, package_id,
                     rows.get(store, e["tbl"], e["row_id"]), open_fields)
    log.insert_entry(store, e)
    return outcome


def apply_snapshot_row(store: Store, tbl: str, row: dict, clocks: dict, package_id: str) -> Outcome:
    """Apply one row of a snapshot with the field clocks its sender's updates gave it; the clocks are
    kept, so a later change merges against them as if this node had seen those updates."""
    incoming = {f: BASE for f in row}  # a field no update set on the sender holds the insert's value
    incoming.update({f: (c[0], c[1], bool(c[2])) for f, c in clocks.items()})
    local = rows.get(store, tbl, row["id"])
    outcome = _merge(store, tbl, row["id"], row, incoming, package_id, local)
    merged = {} if local is None else {f: [c[0], c[1], int(c[2])] for f, c in log.field_clocks(store, tbl, row["id"]).items()}
    for f, c in clocks.items():
        if tuple(c[:2]) > tuple(merged.get(f, BASE)[:2]):
            merged[f] = [c[0], c[1], int(c[2])]
    if merged:
        log.set_base_clocks(store, tbl, row["id"], merged)
    return outcome


def _names(e: dict) -> list[str]:
    if e["op"] == "insert" or e.get("fields") is None:
        return list(e["payload"])
    return list(e["fields"]) + (["deleted_at"] if e["op"] == "delete" else []) + list(STAMP_FIELDS)


def _merge(store: Store, tbl: str, row_id: str, payload: dict, incoming: dict[str, tuple], package_id: str,
           local: dict | None, open_fields: dict | None = None) -> Outcome:
    if local is None:
        return _insert(store, tbl, payload, package_id)
    clocks = log.field_clocks(store, tbl, row_id)
    changes, stamp, conflicts, settled = {}, {}, 0, set()
    for f, theirs in incoming.items():
        if f in STAMP_FIELDS:  # the record's stamp is the newest write's, whichever node holds it
            if f in payload and f in local and payload[f] != local[f] and theirs[:2] > clocks.get(f, BASE)[:2]:
                stamp[f] = payload[f]
            continue
        if open_fields and (tbl, row_id, f) in open_fields and not theirs[2] and theirs[:2] > clocks.get(f, BASE)[:2]:
            # set again after the conflict arose (a peer's 冲突 choice, or a newer edit): that settles it here too
            for cid in open_fields.pop((tbl, row_id, f)):
                packages.resolve(store, cid, "对方电脑（随同步包）")
            settled.add(f)
        if f in SKIP_FIELDS or f not in payload or f not in local or payload[f] == local[f]:
            continue
        mine = clocks.get(f, BASE)
        if theirs[:2] > mine[:2]:
            changes[f] = payload[f]
            kept, lost, kept_by, lost_by = payload[f], local[f], theirs[1], mine[1]
        else:
            kept, lost, kept_by, lost_by = local[f], payload[f], mine[1], theirs[1]
        if not mine[2] and not theirs[2] and mine[1] != theirs[1] and f not in settled:  # both sides changed it
            conflicts += 1
            cid = packages.add_conflict(store, {"kind": "field", "tbl": tbl, "row_id": row_id, "field": f,
                                                "kept": _text(kept), "lost": _text(lost), "kept_by": kept_by,
                                                "lost_by": lost_by, "package_id": package_id})
            if open_fields is not None:  # a later change in this same package may settle it
                open_fields.setdefault((tbl, row_id, f), []).append(cid)
    if not changes:
        if stamp:  # the same values written later elsewhere: only the stamp moves, nothing a clerk sees
            rows.update(store, tbl, row_id, stamp)
        return Outcome("conflict", conflicts) if conflicts else Outcome("held")
    changes.update(stamp)
    outcome = _guarded(store, tbl, row_id, changes, package_id, lambda: rows.update(store, tbl, row_id, changes),
                       "conflict" if conflicts else "updated")
    return Outcome(outcome.kind, outcome.conflicts + conflicts)


def _insert(store: Store, tbl: str, row: dict, package_id: str) -> Outcome:
    """A new row. Where a unique index keeps it out (two primary workers for one grid, rotated on two PCs),
    the row created first (the smaller UUIDv7) stands and the other is set aside alike on every node, in
    whichever order they arrive: kept as a tombstone (deleted_at = its own created_at) and listed for
    review, so it neither vanishes nor aborts the package. The same holds for one identity number in two
    households of a village, a rule a trigger keeps (rows.colliding knows it). A rule a tombstone does not
    free sets the incoming row aside in the conflict list alone (_guarded)."""
    try:
        rows.insert(store, tbl, row)  # one statement: SQLite undoes a refused one alone
        return Outcome("new")
    except rows.IntegrityError as exc:
        if "UNIQUE" not in str(exc).upper():
            raise
        reason = str(exc)
    others = rows.colliding(store, tbl, row) if "deleted_at" in rows.columns(store, tbl) else None
    if others:
        try:
            with store.transaction():
                if all(o["id"] > row["id"] for o in others):  # this one came first: the others step aside
                    for o in others:
                        rows.update(store, tbl, o["id"], {"deleted_at": o["created_at"]})
                    aside = others
                    rows.insert(store, tbl, row)
                else:
                    aside = [{**row, "deleted_at": row["created_at"]}]
                    rows.insert(store, tbl, aside[0])
        except rows.IntegrityError:
            pass
        else:
            for o in aside:
                packages.add_conflict(store, {"kind": "unique", "tbl": tbl, "row_id": o["id"],
                                              "lost": json.dumps(o, ensure_ascii=False), "lost_by": o.get("origin"),
                                              "package_id": package_id, "kept": reason})
            return Outcome("conflict", len(aside))
    return _guarded(store, tbl, row["id"], row, package_id, lambda: rows.insert(store, tbl, row), "new")


def _guarded(store: Store, tbl: str, row_id: str, values: dict, package_id: str, write, kind: str) -> Outcome:
    """One row's write (one statement: SQLite undoes a failed statement alone, the transaction goes on);
    a uniqueness breach is set aside in the conflict list."""
    try:
        write()
    except rows.IntegrityError as exc:
        if "UNIQUE" not in str(exc).upper():
            raise
        packages.add_conflict(store, {"kind": "unique", "tbl": tbl, "row_id": row_id,
                                      "lost": json.dumps(values, ensure_ascii=False), "lost_by": values.get("origin"),
                                      "package_id": package_id, "kept": str(exc)})
        return Outcome("conflict", 1)
    return Outcome(kind)


def _text(value) -> str | None:
    return None if value is None else str(value)
