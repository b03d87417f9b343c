"""Schema 0010 (issue 12): a receipt series per node, so a database restored from a backup never re-issues a number."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import refresh_change_triggers


@MIGRATIONS(name="0010_backups")
def backups(db: Database) -> None:
    # The first node of a database keeps the plain numbers (2026-000123); every node after it
    # (a restore, a copy to another PC) numbers in its own series (2026-A-000001).
    db.execute("ALTER TABLE node_identity ADD COLUMN receipt_series TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE node_history ADD COLUMN receipt_series TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE redemptions ADD COLUMN series TEXT NOT NULL DEFAULT ''")
    refresh_change_triggers(db, "redemptions")
    db.execute("DROP INDEX redemptions_number")
    db.execute("CREATE UNIQUE INDEX redemptions_number ON redemptions(village_id, year, series, seq)")
    db.execute("""CREATE TRIGGER redemptions_series_fixed BEFORE UPDATE OF series ON redemptions
        BEGIN SELECT RAISE(ABORT, '兑换凭证的内容不能修改，只能当日作废'); END""")
