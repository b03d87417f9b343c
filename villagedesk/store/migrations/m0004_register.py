"""Schema 4 (issue 4): the household and resident register — grid moves, insurance, search keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table


@MIGRATIONS(name="0004_register")
def register(db: Database) -> None:
    # A household's moves from one grid to another: history kept, never overwritten.
    create_synced_table(db, "household_moves", """
        household_id TEXT NOT NULL REFERENCES households(id),
        from_grid_id TEXT NOT NULL REFERENCES grids(id),
        to_grid_id TEXT NOT NULL REFERENCES grids(id),
        moved_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''""", "CHECK (from_grid_id <> to_grid_id)")
    db.execute("CREATE INDEX household_moves_household ON household_moves(household_id)")
    # Medical insurance enrolment of a resident for one year (医保参保).
    create_synced_table(db, "insurance_enrolments", """
        resident_id TEXT NOT NULL REFERENCES residents(id),
        year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
        status TEXT NOT NULL CHECK (status IN ('enrolled', 'not_enrolled', 'exempt')),
        recorded_on TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("""CREATE UNIQUE INDEX insurance_enrolments_once ON insurance_enrolments(resident_id, year)
                  WHERE deleted_at IS NULL""")
    # The register's list walks grids → households → residents in address order (group and house number
    # numerically), so its first page needs no sort of the whole district; counts read covering indexes.
    db.execute("""CREATE INDEX households_order ON households(grid_id, hamlet, CAST(group_name AS INTEGER), group_name,
                  CAST(house_number AS INTEGER), house_number)""")
    db.execute("CREATE INDEX households_grid_status ON households(grid_id, status, deleted_at, id)")
    db.execute("CREATE INDEX residents_household_status ON residents(household_id, residence_status, deleted_at, id)")
    # Residents are inserted after the households naming them as head (a deferred foreign key): without this
    # index SQLite scans every household for each resident inserted while such a reference is pending.
    db.execute("CREATE INDEX households_head ON households(head_resident_id)")
    db.execute("CREATE INDEX households_place ON households(hamlet, group_name, house_number)")
    db.execute("CREATE INDEX resident_categories_resident ON resident_categories(resident_id)")

    # Search keys (local, derived): one entity per resident or household, with what a hit shows (name, address,
    # identity tail: a household shows its head), and its terms in a prefix index.
    db.execute("""CREATE TABLE register_search_entities (
        n INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('resident', 'household')),
        household_id TEXT NOT NULL,
        grid_id TEXT NOT NULL,
        active INTEGER NOT NULL,
        name TEXT NOT NULL,
        address TEXT NOT NULL,
        id_tail TEXT NOT NULL,
        terms TEXT NOT NULL)""")
    db.execute("CREATE INDEX register_search_entities_household ON register_search_entities(household_id)")
    db.execute("""CREATE TABLE register_search_terms (
        term TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (term, n)) WITHOUT ROWID""")
    # Rows whose keys must be (re)computed: written by triggers, so changes arriving by sync are caught too.
    db.execute("""CREATE TABLE register_search_dirty (
        ref TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID""")
    for table, kind in (("residents", "resident"), ("households", "household")):
        for event in ("INSERT", "UPDATE"):
            db.execute(f"""CREATE TRIGGER {table}__search_{event.lower()} AFTER {event} ON {table}
                BEGIN INSERT OR IGNORE INTO register_search_dirty(ref, kind) VALUES (NEW.id, '{kind}'); END""")
    db.execute("INSERT INTO register_search_dirty(ref, kind) SELECT id, 'household' FROM households")
    db.execute("INSERT OR IGNORE INTO register_search_dirty(ref, kind) SELECT id, 'resident' FROM residents")
