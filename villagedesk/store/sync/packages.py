"""The history of packages sent and received, and the conflicts a merge set aside for review."""

from __future__ import annotations

from villagedesk.domain.clock import now_iso
from villagedesk.store.connection import Store
from villagedesk.store.sync import rows


def seen(store: Store, package_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM sync_packages WHERE package_id = ?", (package_id,)).fetchone() is not None


def record(store: Store, values: dict) -> None:
    store.conn.execute(
        "INSERT INTO sync_packages(package_id, direction, peer, at, bytes, changes, snapshot, sha256, user_name,"
        " file_name, summary) VALUES (:package_id, :direction, :peer, :at, :bytes, :changes, :snapshot, :sha256,"
        " :user_name, :file_name, :summary)", {"at": now_iso(), **values})


def history(store: Store, limit: int = 200) -> list:
    return store.query("SELECT p.*, COALESCE(s.name, p.peer) AS peer_name FROM sync_packages p"
                       " LEFT JOIN sync_peers s ON s.node_id = p.peer ORDER BY p.at DESC, p.rowid DESC LIMIT ?", (limit,))


def last_sent_hash(store: Store, peer: str) -> str | None:
    row = store.conn.execute("SELECT sha256 FROM sync_packages WHERE peer = ? AND direction = 'out'"
                             " ORDER BY at DESC, rowid DESC LIMIT 1", (peer,)).fetchone()
    return row[0] if row else None


def add_conflict(store: Store, values: dict) -> int:
    cur = store.conn.execute(
        "INSERT INTO sync_conflicts(kind, tbl, row_id, field, kept, lost, kept_by, lost_by, package_id, at)"
        " VALUES (:kind, :tbl, :row_id, :field, :kept, :lost, :kept_by, :lost_by, :package_id, :at)",
        {"field": None, "kept": None, "lost": None, "kept_by": None, "lost_by": None, "package_id": None,
         "at": now_iso(), **values})
    assert cur.lastrowid is not None  # an INSERT sets it
    return cur.lastrowid


def open_conflicts(store: Store) -> list:
    return store.query("SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id")


def conflict(store: Store, conflict_id: int):
    return store.conn.execute("SELECT * FROM sync_conflicts WHERE id = ?", (conflict_id,)).fetchone()


def open_field_conflicts(store: Store) -> dict[tuple[str, str, str], list[int]]:
    """Open field conflicts by (table, row, field), for closing them when a later change sets the field."""
    out: dict[tuple[str, str, str], list[int]] = {}
    for cid, tbl, row_id, field in store.conn.execute(
            "SELECT id, tbl, row_id, field FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'field'"):
        out.setdefault((tbl, row_id, field), []).append(cid)
    return out


def superseded_field_conflicts(store: Store) -> list[int]:
    """Open field conflicts whose field no longer holds the version they name as kept: it was set again after
    the conflict arose (an edit on this PC, or a peer's newer change or 冲突 choice, even one older than an
    edit made here since), so the review it asks for is moot."""
    out = []
    for cid, tbl, row_id, field, kept in store.conn.execute(
            "SELECT id, tbl, row_id, field, kept FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'field'"
            " ORDER BY id").fetchall():
        try:
            row = rows.get(store, tbl, row_id)
        except KeyError:  # a table this schema no longer has
            continue
        if row is not None and field in row and (None if row[field] is None else str(row[field])) != kept:
            out.append(cid)
    return out


def resolve(store: Store, conflict_id: int, user_name: str) -> None:
    store.conn.execute("UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? WHERE id = ?",
                       (now_iso(), user_name, conflict_id))
