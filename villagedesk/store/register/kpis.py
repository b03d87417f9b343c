"""Counts behind the register's KPIs: key-population residents in a period, per village."""

from __future__ import annotations

from villagedesk.domain.register.resident import PRESENT_STATUSES
from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

_PRESENT = ", ".join(f"'{s}'" for s in PRESENT_STATUSES)


def key_population_residents_by_village(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict[str, int]:
    """village id -> its present residents of active households with a category current now, or at any time in
    [start, end); a village with none is missing."""
    if start is None:
        when = "c.until IS NULL"
    else:
        when = "(c.since IS NULL OR c.since < :end) AND (c.until IS NULL OR c.until >= :start)"
    # CROSS JOIN keeps this order: from the categories (65,813 at district scale) to their residents, households
    # and grids by key, 0.12 s; left to itself the planner walked all 498,680 residents to probe each one's, 0.70 s.
    return {r[0]: r[1] for r in store.query(f"""
        SELECT g.village_id, count(DISTINCT r.id) FROM resident_categories c
        CROSS JOIN residents r ON r.id = c.resident_id AND r.deleted_at IS NULL AND r.residence_status IN ({_PRESENT})
        CROSS JOIN households h ON h.id = r.household_id AND h.deleted_at IS NULL AND h.status = 'active'
        CROSS JOIN grids g ON g.id = h.grid_id
        WHERE g.village_id IN (SELECT value FROM json_each(:village)) AND c.deleted_at IS NULL AND {when}
        GROUP BY g.village_id""", {"village": ids_param(village_id), "start": start, "end": end})}
