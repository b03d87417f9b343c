"""Reads the points demo generator needs: a village's grids, its residents of working age, its grid workers."""

from __future__ import annotations

from villagedesk.store.connection import Store


def live_grids(store: Store, village_id: str) -> list:
    return store.query("SELECT id, name FROM grids WHERE village_id = ? AND deleted_at IS NULL", (village_id,))


def active_residents_born_between(store: Store, village_id: str, born_from: str, born_to: str) -> list:
    """Residents living at home in active households, born in [born_from, born_to], with their grid."""
    return store.query("""SELECT r.id, r.household_id, h.grid_id FROM residents r
        JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
        WHERE g.village_id = ? AND r.residence_status = 'living' AND h.status = 'active'
          AND r.birth_date BETWEEN ? AND ?""", (village_id, born_from, born_to))


def primary_assignments(store: Store, village_id: str) -> list:
    """Every primary worker's spell on a grid (grid_id, start_date, end_date, worker id, worker name)."""
    return store.query("""SELECT a.grid_id, a.start_date, a.end_date, w.id, w.name FROM grid_assignments a
        JOIN workers w ON w.id = a.worker_id WHERE w.village_id = ? AND a.role = 'primary'
        AND a.deleted_at IS NULL AND w.deleted_at IS NULL""", (village_id,))
