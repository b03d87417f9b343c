"""Schema 0021 (township snapshot import): every column referring to a household or a resident is indexed.

A snapshot is imported with foreign keys deferred (rows.defer_foreign_keys) and households and residents refer to
each other (a household's head is one of its residents), so while one of them goes in the other's rows are missing
and SQLite's deferred-constraint counter stays above zero. While it does, every row inserted into a parent table
makes SQLite look in each child table for rows the new row satisfies: a search where the child's column leads an
index, otherwise a scan of the whole child table, which at a township holds every village's rows. So each of a
village's households and residents cost a pass over all the villages' reaches, participants, ledger entries,
redemptions, enrolments… already held: the 20th village's first package took 120 s, 40x the 1st. With these
indexes each look is a probe (a partial index cannot serve it: the look has no deleted_at condition).

Numbered 0021 after 0020 (the township receipt series, another branch); they do not depend on each other, and
IF NOT EXISTS lets this step run whichever of the two a database ran first."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS

# (index, table, column): the child columns of households and residents that led no full index at schema 19.
CHILD_INDEXES = (
    ("activity_participants_household", "activity_participants", "household_id"),
    ("activity_participants_resident", "activity_participants", "resident_id"),
    ("dispute_parties_resident", "dispute_parties", "resident_id"),
    ("insurance_enrolments_resident", "insurance_enrolments", "resident_id"),
    ("notice_reaches_household", "notice_reaches", "household_id"),
    ("point_entries_resident", "point_entries", "resident_id"),
    ("redemptions_resident", "redemptions", "resident_id"),
    ("visit_findings_household", "visit_findings", "household_id"),
    ("workers_resident", "workers", "resident_id"),
)


@MIGRATIONS(name="0021_cycle_child_indexes")
def cycle_child_indexes(db: Database) -> None:
    for name, table, column in CHILD_INDEXES:
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table}({column})")
