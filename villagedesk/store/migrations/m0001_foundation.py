"""Schema 1: node identity, change log, audit trail, villages, users, grids, households, residents."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table


@MIGRATIONS(name="0001_foundation")
def foundation(db: Database) -> None:
    db.execute("""CREATE TABLE node_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        node_id TEXT NOT NULL,
        token TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'village' CHECK (role IN ('village', 'township', 'district')),
        created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE node_history (
        node_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, reason TEXT NOT NULL)""")
    db.execute("""CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        capture INTEGER NOT NULL DEFAULT 1)""")
    db.execute("INSERT INTO sync_state(id, capture) VALUES (1, 1)")
    db.execute("CREATE TABLE synced_tables (name TEXT PRIMARY KEY)")
    db.execute("""CREATE TABLE change_log (
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        payload TEXT NOT NULL,
        hlc TEXT NOT NULL,
        PRIMARY KEY (origin, seq)) WITHOUT ROWID""")
    db.execute("""CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        tbl TEXT,
        row_id TEXT,
        detail TEXT NOT NULL DEFAULT '')""")
    db.execute("CREATE INDEX audit_log_at ON audit_log(at)")
    db.execute("""CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""")

    create_synced_table(db, "villages", """
        code TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
        name TEXT NOT NULL,
        township_name TEXT NOT NULL,
        township_code TEXT NOT NULL""")
    create_synced_table(db, "users", """
        village_id TEXT REFERENCES villages(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'clerk' CHECK (role IN ('admin', 'secretary', 'clerk', 'worker')),
        active INTEGER NOT NULL DEFAULT 1""")
    create_synced_table(db, "grids", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        natural_unit TEXT NOT NULL DEFAULT '湾' CHECK (natural_unit IN ('湾', '沟', '院', '组', '其他')),
        area_km2 REAL CHECK (area_km2 IS NULL OR area_km2 > 0),
        bounds TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
        retired_on TEXT,
        retired_reason TEXT,
        manual_households INTEGER,
        manual_residents INTEGER""")
    db.execute("CREATE UNIQUE INDEX grids_village_code ON grids(village_id, code) WHERE deleted_at IS NULL")
    create_synced_table(db, "households", """
        grid_id TEXT NOT NULL REFERENCES grids(id),
        head_resident_id TEXT REFERENCES residents(id) DEFERRABLE INITIALLY DEFERRED,
        hamlet TEXT NOT NULL DEFAULT '',
        group_name TEXT NOT NULL DEFAULT '',
        house_number TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'moved_away', 'merged', 'dissolved')),
        status_reason TEXT NOT NULL DEFAULT '',
        status_date TEXT,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX households_grid ON households(grid_id)")
    create_synced_table(db, "residents", """
        household_id TEXT NOT NULL REFERENCES households(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL,
        id_number TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('男', '女')),
        birth_date TEXT NOT NULL,
        relation TEXT NOT NULL DEFAULT '户主',
        phone TEXT NOT NULL DEFAULT '',
        residence_status TEXT NOT NULL DEFAULT 'living'
            CHECK (residence_status IN ('living', 'working_away', 'moved_out', 'deceased')),
        party_member INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE UNIQUE INDEX residents_id_number ON residents(id_number) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX residents_household ON residents(household_id)")
