"""Schema 12 (issue 16): peers, packages, watermarks, conflicts; the change log names the fields an update changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import refresh_change_triggers


@MIGRATIONS(name="0012_sync")
def sync(db: Database) -> None:
    db.execute("ALTER TABLE change_log ADD COLUMN fields TEXT")  # JSON array; NULL for an insert
    db.execute("CREATE INDEX change_log_row ON change_log(tbl, row_id)")
    for (name,) in db.execute("SELECT name FROM synced_tables ORDER BY name").fetchall():
        refresh_change_triggers(db, name)
    # The change log is the record sync carries and check cross-examines: never edited.
    db.execute("""CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
        BEGIN SELECT RAISE(ABORT, '变更日志不能修改'); END""")
    # Local bookkeeping of this node, never synced.
    db.execute("""CREATE TABLE sync_peers (
        node_id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('village', 'township', 'district')),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        sign_public TEXT NOT NULL,
        recipient TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        paired_at TEXT NOT NULL,
        paired_by TEXT NOT NULL,
        revoked_at TEXT)""")
    db.execute("""CREATE TABLE sync_held (
        origin TEXT PRIMARY KEY,
        seq INTEGER NOT NULL CHECK (seq >= 0))""")  # this node holds every change of origin through seq
    db.execute("""CREATE TABLE sync_base_clocks (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        clocks TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id)) WITHOUT ROWID""")  # field clocks a snapshot brought without entries
    db.execute("""CREATE TABLE sync_acks (
        peer TEXT NOT NULL REFERENCES sync_peers(node_id),
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        PRIMARY KEY (peer, origin)) WITHOUT ROWID""")  # what the peer said it holds
    db.execute("""CREATE TABLE sync_packages (
        package_id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        peer TEXT NOT NULL,
        at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        changes INTEGER NOT NULL,
        snapshot INTEGER NOT NULL DEFAULT 0,
        sha256 TEXT NOT NULL,
        user_name TEXT NOT NULL,
        file_name TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '')""")
    db.execute("CREATE INDEX sync_packages_peer ON sync_packages(peer, at)")
    db.execute("""CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('field', 'unique', 'clock', 'quarantine')),
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT,
        kept TEXT,
        lost TEXT,
        kept_by TEXT,
        lost_by TEXT,
        package_id TEXT,
        at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT)""")
    db.execute("CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at)")
