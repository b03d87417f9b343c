"""Schema 2: the records several modules share — workers, grid assignments, key-population categories, emergency days."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table


@MIGRATIONS(name="0002_people_core")
def people_core(db: Database) -> None:
    create_synced_table(db, "workers", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        resident_id TEXT REFERENCES residents(id),
        name TEXT NOT NULL,
        id_number TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('男', '女')),
        birth_date TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '',
        party_member INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (source IN ('cadre', 'auxiliary', 'volunteer')),
        education TEXT NOT NULL DEFAULT '',
        appointed_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resting', 'replaced', 'left')),
        status_reason TEXT NOT NULL DEFAULT '',
        status_date TEXT,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE UNIQUE INDEX workers_id_number ON workers(village_id, id_number) WHERE deleted_at IS NULL")
    # Rotation history: who held which grid from when to when; never overwritten.
    create_synced_table(db, "grid_assignments", """
        grid_id TEXT NOT NULL REFERENCES grids(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        role TEXT NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'deputy')),
        start_date TEXT NOT NULL,
        end_date TEXT,
        reason TEXT NOT NULL DEFAULT ''""", "CHECK (end_date IS NULL OR end_date >= start_date)")
    db.execute("""CREATE UNIQUE INDEX grid_assignments_one_primary ON grid_assignments(grid_id)
                  WHERE role = 'primary' AND end_date IS NULL AND deleted_at IS NULL""")
    db.execute("CREATE INDEX grid_assignments_worker ON grid_assignments(worker_id)")
    # Key-population categories of a resident (sensitive personal data).
    create_synced_table(db, "resident_categories", """
        resident_id TEXT NOT NULL REFERENCES residents(id),
        category TEXT NOT NULL CHECK (category IN ('elderly_alone', 'left_behind_child', 'disabled',
            'subsistence', 'extreme_poverty', 'relapse_monitoring', 'serious_illness')),
        since TEXT,
        until TEXT,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("""CREATE UNIQUE INDEX resident_categories_current ON resident_categories(resident_id, category)
                  WHERE until IS NULL AND deleted_at IS NULL""")
    db.execute("CREATE INDEX resident_categories_category ON resident_categories(category)")
    # Days a worker served on urgent work: entered on the stipend page, or written by an emergency.
    create_synced_table(db, "emergency_service_days", """
        worker_id TEXT NOT NULL REFERENCES workers(id),
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('flood', 'forest_fire', 'geological', 'house_fire', 'other')),
        emergency_id TEXT,
        source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'emergency')),
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("""CREATE UNIQUE INDEX emergency_service_days_once ON emergency_service_days(worker_id, day)
                  WHERE deleted_at IS NULL""")
