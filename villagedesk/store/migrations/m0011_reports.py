"""Schema step 0011 (issue 13): report form specifications and submission states of the upward reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table


@MIGRATIONS(name="0011_reports")
def reports(db: Database) -> None:
    # A stored spec overrides the shipped default of its report (source: village edit or township).
    create_synced_table(db, "report_forms", """
        report_key TEXT NOT NULL,
        number TEXT NOT NULL,
        authority TEXT NOT NULL,
        approval TEXT NOT NULL DEFAULT '',
        valid_until TEXT NOT NULL DEFAULT '',
        period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'half_month', 'quarter', 'year')),
        due_day INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 28),
        measure TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL CHECK (source IN ('village', 'township'))""")
    db.execute("CREATE UNIQUE INDEX report_forms_key ON report_forms(report_key) WHERE deleted_at IS NULL")

    # One row per report sent up for a period; a resubmission is a new row with the next attempt number.
    create_synced_table(db, "report_submissions", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        report_key TEXT NOT NULL,
        period TEXT NOT NULL,
        attempt INTEGER NOT NULL CHECK (attempt >= 1),
        state TEXT NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'approved', 'returned')),
        submitted_at TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}',
        files TEXT NOT NULL DEFAULT '[]',
        answered_at TEXT,
        answer_note TEXT NOT NULL DEFAULT ''""")
    db.execute("""CREATE UNIQUE INDEX report_submissions_attempt
                  ON report_submissions(village_id, report_key, period, attempt) WHERE deleted_at IS NULL""")
