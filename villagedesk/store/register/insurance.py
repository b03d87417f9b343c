"""Insurance enrolment figures: per grid for a year, and the residents not yet enrolled."""

from __future__ import annotations

from villagedesk.domain.register.resident import PRESENT_STATUSES
from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

_PRESENT = ", ".join(f"'{s}'" for s in PRESENT_STATUSES)
_WORKER = """(SELECT w.name FROM grid_assignments a JOIN workers w ON w.id = a.worker_id
               WHERE a.grid_id = g.id AND a.role = 'primary' AND a.end_date IS NULL AND a.deleted_at IS NULL
               LIMIT 1)"""
# Residents the drive counts: present (at home or working away) in an active household of the village.
_PEOPLE = f"""grids g JOIN households h ON h.grid_id = g.id AND h.deleted_at IS NULL AND h.status = 'active'
    JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL AND r.residence_status IN ({_PRESENT})
    LEFT JOIN insurance_enrolments e ON e.resident_id = r.id AND e.year = :year AND e.deleted_at IS NULL"""


def per_grid(store: Store, village_id: VillageIds, year: int) -> list:
    return store.query(f"""
        SELECT g.id, g.code, g.name, {_WORKER} AS worker, count(*) AS residents,
               sum(e.status = 'enrolled') AS enrolled, sum(e.status = 'exempt') AS exempt
        FROM {_PEOPLE} WHERE g.village_id IN (SELECT value FROM json_each(:village)) AND g.deleted_at IS NULL
        GROUP BY g.id ORDER BY g.code""", {"year": year, "village": ids_param(village_id)})


def not_enrolled(store: Store, village_id: VillageIds, year: int, grid_id: str | None = None) -> list:
    """Residents with no enrolment for the year, or marked not enrolled, by grid and address."""
    grid = " AND g.id = :grid" if grid_id else ""
    return store.query(f"""
        SELECT r.id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.residence_status,
               h.hamlet, h.group_name, h.house_number, h.phone AS household_phone,
               COALESCE(hr.name, '') AS head_name, g.id AS grid_id, g.code AS grid_code, g.name AS grid_name,
               {_WORKER} AS worker, e.status
        FROM {_PEOPLE} LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE g.village_id IN (SELECT value FROM json_each(:village)) AND g.deleted_at IS NULL{grid}
          AND (e.status IS NULL OR e.status = 'not_enrolled')
        ORDER BY g.code, h.hamlet, h.group_name, h.house_number, r.birth_date""",
        {"year": year, "village": ids_param(village_id), "grid": grid_id})


def existing(store: Store, resident_ids: list[str], year: int) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for i in range(0, len(resident_ids), 900):
        chunk = resident_ids[i:i + 900]
        marks = ", ".join("?" for _ in chunk)
        for r in store.query(f"SELECT id, resident_id, status FROM insurance_enrolments WHERE year = ?"
                             f" AND deleted_at IS NULL AND resident_id IN ({marks})", (year, *chunk)):
            found[r["resident_id"]] = (r["id"], r["status"])
    return found
