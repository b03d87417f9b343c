"""DDL helpers that give every synced table its common columns, change-log triggers and tombstones."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

COMMON_COLUMNS = """
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT"""
COMMON_NAMES = ("origin", "hlc", "created_at", "updated_at", "updated_by", "deleted_at")
# Columns that change with every write: a change of them alone is not a change of the record.
SKIP_FIELDS = ("id", "origin", "hlc", "created_at", "updated_at", "updated_by")
# The stamp of the record's latest write: every update sets them, so they merge by the newest update too.
STAMP_FIELDS = ("hlc", "updated_at", "updated_by")


def create_synced_table(db: Database, name: str, columns: str, constraints: str = "") -> None:
    """CREATE TABLE with `id` (UUIDv7 text), the given columns, the common columns, and triggers.

    `columns` and `constraints` are SQL fragments, each ending without a trailing comma.
    """
    parts = ["id TEXT PRIMARY KEY NOT NULL", columns.strip().rstrip(","), COMMON_COLUMNS.strip()]
    if constraints.strip():
        parts.append(constraints.strip().rstrip(","))
    db.execute(f"CREATE TABLE {name} (\n    " + ",\n    ".join(parts) + "\n)")
    db.execute(f"INSERT INTO synced_tables(name) VALUES ('{name}')")
    refresh_change_triggers(db, name)


def refresh_change_triggers(db: Database, name: str) -> None:
    """(Re)create the change-log triggers of a table; call again after ALTER TABLE ADD COLUMN."""
    cols = [row[1] for row in db.execute(f"PRAGMA table_info({name})").fetchall()]
    payload = lambda ref: "json_object(" + ", ".join(f"'{c}', {ref}.{c}" for c in cols) + ")"  # noqa: E731
    for trig in ("insert", "update", "delete", "no_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}__log_{trig}")
    # From schema 12 on, an update also records which fields it changed: sync merges field by field.
    # Earlier steps replay as they were shipped (the column does not exist while they run).
    with_fields = any(r[1] == "fields" for r in db.execute("PRAGMA table_info(change_log)").fetchall())
    changed = ("(SELECT json_group_array(value) FROM json_each(json_array("
               + ", ".join(f"CASE WHEN OLD.{c} IS NOT NEW.{c} THEN '{c}' END" for c in cols if c not in SKIP_FIELDS)
               + ")) WHERE value IS NOT NULL)")
    log = """INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc{fcol})
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                '{name}', NEW.id, {op}, {payload}, NEW.hlc{fval});"""
    capture = "(SELECT capture FROM sync_state WHERE id = 1) = 1"
    fcol = ", fields" if with_fields else ""
    db.execute(f"""CREATE TRIGGER {name}__log_insert AFTER INSERT ON {name}
        WHEN {capture}
        BEGIN {log.format(name=name, op="'insert'", payload=payload("NEW"), fcol=fcol,
                          fval=", NULL" if with_fields else "")} END""")
    op = "CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END"
    db.execute(f"""CREATE TRIGGER {name}__log_update AFTER UPDATE ON {name}
        WHEN {capture}
        BEGIN {log.format(name=name, op=op, payload=payload("NEW"), fcol=fcol,
                          fval=f", {changed}" if with_fields else "")} END""")
    # Nothing a user entered is hard-deleted: a delete is a tombstone (deleted_at).
    db.execute(f"""CREATE TRIGGER {name}__log_no_delete BEFORE DELETE ON {name}
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（{name}）'); END""")
