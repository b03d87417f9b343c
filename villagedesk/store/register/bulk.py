"""Bulk reads for the demo and the import: every resident of some villages with their household and grid."""

from __future__ import annotations

from villagedesk.store.connection import Store


def people_of_villages(store: Store, village_ids: list[str]) -> list:
    """(id, household_id, grid_id, birth_date, relation, residence_status) in household order."""
    marks = ", ".join("?" for _ in village_ids)
    return store.query(f"""
        SELECT r.id, r.household_id, h.grid_id, r.birth_date, r.relation, r.residence_status
        FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
        WHERE g.village_id IN ({marks}) AND r.deleted_at IS NULL AND h.deleted_at IS NULL
        ORDER BY h.id, r.id""", village_ids)
