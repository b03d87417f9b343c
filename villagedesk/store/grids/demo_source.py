"""Reads the demo generator needs to pick workers from the register: grids and their adult residents."""

from __future__ import annotations

from villagedesk.store.connection import Store


def grids_of_villages(store: Store, village_ids: list[str]) -> list:
    marks = ",".join("?" for _ in village_ids)
    return store.query(f"""SELECT id, village_id, code, name FROM grids WHERE village_id IN ({marks})
        AND deleted_at IS NULL AND status = 'active' ORDER BY village_id, code""", village_ids)


def candidates(store: Store, village_ids: list[str], born_after: str, born_before: str) -> list:
    """Adults living at home, by grid, who could serve as the grid's worker (网格员、网内选)."""
    marks = ",".join("?" for _ in village_ids)
    return store.query(f"""
        SELECT r.id, r.name, r.id_number, r.sex, r.birth_date, r.phone, r.party_member, h.grid_id
        FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
        WHERE g.village_id IN ({marks}) AND r.deleted_at IS NULL AND r.residence_status = 'living'
          AND r.birth_date > ? AND r.birth_date < ?
        ORDER BY h.grid_id, r.id""", (*village_ids, born_after, born_before))
