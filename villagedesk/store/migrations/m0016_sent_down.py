"""Schema 16 (issue 17, sent down): the township's decision on a village's report submission (报表审核)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table


@MIGRATIONS(name="0016_sent_down")
def sent_down(db: Database) -> None:
    # Written at the township, one per submission attempt (a resubmission is a new attempt, decided anew);
    # it travels down in the township's next package and the village cannot change it (sync/ownership.py).
    create_synced_table(db, "report_reviews", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        submission_id TEXT NOT NULL REFERENCES report_submissions(id),
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
        reason TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        files_check TEXT NOT NULL DEFAULT ''""",
        "CHECK (decision = 'approved' OR reason <> '')")
    db.execute("CREATE UNIQUE INDEX report_reviews_once ON report_reviews(submission_id) WHERE deleted_at IS NULL")
