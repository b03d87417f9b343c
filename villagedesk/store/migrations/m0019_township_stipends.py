"""Schema 19 (issue 17, sent down): a township's stipend tier table stands beside the village's own versions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import refresh_change_triggers


@MIGRATIONS(name="0019_township_stipends")
def township_stipends(db: Database) -> None:
    # One live version per village, month and source: the township's table, sent down, never collides with a
    # version the village saved for the same month (the township's is in force from its month on).
    db.execute("ALTER TABLE stipend_tier_tables ADD COLUMN source TEXT NOT NULL DEFAULT 'village'"
               " CHECK (source IN ('village', 'township'))")
    refresh_change_triggers(db, "stipend_tier_tables")  # the change log carries the new column
    db.execute("DROP INDEX stipend_tier_tables_from")
    db.execute("CREATE UNIQUE INDEX stipend_tier_tables_from ON stipend_tier_tables(village_id, effective_from,"
               " source) WHERE deleted_at IS NULL")
