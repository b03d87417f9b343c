"""Schema 17 (issue 17, sent down): a township's form specification stands beside the village's own edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS


@MIGRATIONS(name="0017_township_forms")
def township_forms(db: Database) -> None:
    # One live spec per report and source: the township's (sent down) wins over the village's own edit, which
    # is kept for when the township withdraws its own, so a package never collides with the village's row.
    db.execute("DROP INDEX report_forms_key")
    db.execute("CREATE UNIQUE INDEX report_forms_key ON report_forms(report_key, source) WHERE deleted_at IS NULL")
