"""Schema 5 (issue 5): visits, follow-ups, notices, disputes and emergencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table

if TYPE_CHECKING:
    from sqlite_utils import Database

# Times of day are stored as local 'YYYY-MM-DDTHH:MM' (one time zone per village); dates as 'YYYY-MM-DD'.
_WAYS = "('in_person', 'phone', 'wechat')"


@MIGRATIONS(name="0005_field_work")
def field_work(db: Database) -> None:
    _visits(db)
    _notices(db)
    _disputes(db)
    _emergencies(db)


def _visits(db: Database) -> None:
    create_synced_table(db, "visits", f"""
        village_id TEXT NOT NULL REFERENCES villages(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        household_id TEXT NOT NULL REFERENCES households(id),
        grid_id TEXT NOT NULL REFERENCES grids(id),
        visited_at TEXT NOT NULL,
        way TEXT NOT NULL CHECK (way IN {_WAYS}),
        purpose TEXT NOT NULL CHECK (purpose IN ('notice', 'info', 'follow_up', 'emergency', 'other')),
        findings TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        out_of_grid_reason TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX visits_village_time ON visits(village_id, visited_at)")
    db.execute("CREATE INDEX visits_household ON visits(household_id, visited_at)")
    db.execute("CREATE INDEX visits_worker ON visits(worker_id, visited_at)")
    # What a visit found that needs handling: a hardship, a safety hazard, or a dispute (its own record).
    create_synced_table(db, "visit_findings", """
        visit_id TEXT NOT NULL REFERENCES visits(id),
        household_id TEXT NOT NULL REFERENCES households(id),
        grid_id TEXT NOT NULL REFERENCES grids(id),
        kind TEXT NOT NULL CHECK (kind IN ('dispute', 'hardship', 'hazard')),
        hardship_kind TEXT CHECK (hardship_kind IS NULL OR hardship_kind IN
            ('illness', 'housing', 'income', 'care', 'schooling', 'other')),
        description TEXT NOT NULL,
        dispute_id TEXT REFERENCES disputes(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        closed_on TEXT,
        closed_note TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX visit_findings_visit ON visit_findings(visit_id)")
    # A key-population household's second visit, owed by a date after a visit that found something.
    create_synced_table(db, "follow_ups", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        visit_id TEXT NOT NULL REFERENCES visits(id),
        household_id TEXT NOT NULL REFERENCES households(id),
        grid_id TEXT NOT NULL REFERENCES grids(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        due_on TEXT NOT NULL,
        done_visit_id TEXT REFERENCES visits(id),
        done_at TEXT""")
    db.execute("CREATE UNIQUE INDEX follow_ups_visit ON follow_ups(visit_id) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX follow_ups_due ON follow_ups(village_id, due_on)")
    db.execute("CREATE INDEX follow_ups_household ON follow_ups(household_id)")


def _notices(db: Database) -> None:
    create_synced_table(db, "notices", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        urgency TEXT NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine', 'urgent')),
        issued_at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'village' CHECK (source IN ('village', 'township')),
        covered_at TEXT""")
    db.execute("CREATE INDEX notices_village_time ON notices(village_id, issued_at)")
    create_synced_table(db, "notice_grids", """
        notice_id TEXT NOT NULL REFERENCES notices(id),
        grid_id TEXT NOT NULL REFERENCES grids(id)""")
    db.execute("CREATE UNIQUE INDEX notice_grids_once ON notice_grids(notice_id, grid_id) WHERE deleted_at IS NULL")
    create_synced_table(db, "notice_reaches", f"""
        notice_id TEXT NOT NULL REFERENCES notices(id),
        household_id TEXT NOT NULL REFERENCES households(id),
        grid_id TEXT NOT NULL REFERENCES grids(id),
        way TEXT NOT NULL CHECK (way IN {_WAYS}),
        reached_at TEXT NOT NULL,
        worker_id TEXT REFERENCES workers(id)""")
    db.execute("""CREATE UNIQUE INDEX notice_reaches_once ON notice_reaches(notice_id, household_id)
                  WHERE deleted_at IS NULL""")
    db.execute("CREATE INDEX notice_reaches_worker ON notice_reaches(worker_id, reached_at)")


def _disputes(db: Database) -> None:
    # The ladder: handled in the grid until an outcome ends the grid's part (closed_on); an escalation
    # to the village may later go on to the township. Each rung keeps its own date.
    create_synced_table(db, "disputes", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        grid_id TEXT NOT NULL REFERENCES grids(id),
        kind TEXT NOT NULL CHECK (kind IN ('neighbour', 'land', 'family', 'debt', 'other')),
        summary TEXT NOT NULL,
        found_on TEXT NOT NULL,
        found_by TEXT NOT NULL,
        found_by_worker_id TEXT REFERENCES workers(id),
        visit_id TEXT REFERENCES visits(id),
        outcome TEXT CHECK (outcome IS NULL OR outcome IN
            ('resolved_in_grid', 'escalated_village', 'escalated_township', 'withdrawn')),
        closed_on TEXT,
        resolved_on TEXT,
        escalated_village_on TEXT,
        escalated_township_on TEXT,
        withdrawn_on TEXT,
        outcome_note TEXT NOT NULL DEFAULT ''""",
        "CHECK ((outcome IS NULL) = (closed_on IS NULL))")
    db.execute("CREATE INDEX disputes_open ON disputes(village_id, outcome, found_on)")
    db.execute("CREATE INDEX disputes_closed ON disputes(village_id, closed_on)")
    db.execute("CREATE INDEX disputes_grid ON disputes(grid_id)")
    create_synced_table(db, "dispute_parties", """
        dispute_id TEXT NOT NULL REFERENCES disputes(id),
        seq INTEGER NOT NULL,
        resident_id TEXT REFERENCES residents(id),
        name TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX dispute_parties_dispute ON dispute_parties(dispute_id, seq)")
    create_synced_table(db, "mediations", """
        dispute_id TEXT NOT NULL REFERENCES disputes(id),
        held_on TEXT NOT NULL,
        mediator TEXT NOT NULL,
        mediator_worker_id TEXT REFERENCES workers(id),
        result TEXT NOT NULL CHECK (result IN ('agreed', 'partial', 'failed')),
        content TEXT NOT NULL DEFAULT '',
        terms TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX mediations_dispute ON mediations(dispute_id, held_on)")
    db.execute("CREATE INDEX mediations_worker ON mediations(mediator_worker_id)")


def _emergencies(db: Database) -> None:
    create_synced_table(db, "emergencies", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        kind TEXT NOT NULL CHECK (kind IN ('flood', 'forest_fire', 'geological', 'house_fire', 'other')),
        title TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        commander_worker_id TEXT REFERENCES workers(id),
        commander_name TEXT NOT NULL DEFAULT '',
        households_affected INTEGER NOT NULL DEFAULT 0 CHECK (households_affected >= 0),
        households_evacuated INTEGER NOT NULL DEFAULT 0 CHECK (households_evacuated >= 0),
        households_reached INTEGER NOT NULL DEFAULT 0 CHECK (households_reached >= 0),
        response_outcome TEXT CHECK (response_outcome IS NULL OR response_outcome IN ('handled', 'escalated')),
        response_note TEXT NOT NULL DEFAULT '',
        closed_at TEXT,
        notes TEXT NOT NULL DEFAULT ''""",
        "CHECK (ended_at IS NULL OR ended_at >= started_at)")
    db.execute("CREATE INDEX emergencies_village_time ON emergencies(village_id, started_at)")
    create_synced_table(db, "emergency_grids", """
        emergency_id TEXT NOT NULL REFERENCES emergencies(id),
        grid_id TEXT NOT NULL REFERENCES grids(id)""")
    db.execute("""CREATE UNIQUE INDEX emergency_grids_once ON emergency_grids(emergency_id, grid_id)
                  WHERE deleted_at IS NULL""")
    create_synced_table(db, "emergency_actions", """
        emergency_id TEXT NOT NULL REFERENCES emergencies(id),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        worker_id TEXT REFERENCES workers(id)""")
    db.execute("CREATE INDEX emergency_actions_emergency ON emergency_actions(emergency_id, at)")
    db.execute("""CREATE INDEX emergency_service_days_emergency ON emergency_service_days(emergency_id)
                  WHERE emergency_id IS NOT NULL""")
