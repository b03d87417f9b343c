"""Schema 15 (issue 16, housekeeping): change-log entries every peer acknowledged may be pruned, only by sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS


@MIGRATIONS(name="0015_prune")
def prune(db: Database) -> None:
    # Per origin, the seq through which this node pruned what check does not need (sync/housekeeping.py):
    # the entries above it stay gap-free, and a peer that needs older ones gets a snapshot.
    db.execute("""CREATE TABLE sync_pruned (
        origin TEXT PRIMARY KEY,
        through INTEGER NOT NULL CHECK (through >= 0)) WITHOUT ROWID""")
    # Deleting from the change log stays refused, except inside sync's own pruning step (flag set and
    # cleared in the same transaction).
    db.execute("ALTER TABLE sync_state ADD COLUMN pruning INTEGER NOT NULL DEFAULT 0")
    db.execute("DROP TRIGGER change_log_no_delete")
    db.execute("""CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
        WHEN (SELECT pruning FROM sync_state WHERE id = 1) IS NOT 1
        BEGIN SELECT RAISE(ABORT, '变更日志不能删除'); END""")
