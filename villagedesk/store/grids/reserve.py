"""Repository of reserve cadres (村干部后备力量): admissions and departures from the pool."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def open_of_worker(store: Store, worker_id: str):
    return store.conn.execute("""SELECT * FROM reserve_cadres WHERE worker_id = ? AND left_on IS NULL
        AND deleted_at IS NULL""", (worker_id,)).fetchone()


def get(store: Store, entry_id: str):
    return store.conn.execute("SELECT * FROM reserve_cadres WHERE id = ? AND deleted_at IS NULL",
                              (entry_id,)).fetchone()


def listing(store: Store, village_id: VillageIds, current_only: bool = False) -> list:
    return store.query("""
        SELECT r.id, r.worker_id, w.name AS worker_name, w.party_member, w.source, w.education, w.birth_date,
               r.admitted_on, r.reason, r.left_on, r.left_reason,
               (SELECT g.name FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
                 WHERE a.worker_id = w.id AND a.role = 'primary' AND a.end_date IS NULL
                   AND a.deleted_at IS NULL) AS grid_name
        FROM reserve_cadres r JOIN workers w ON w.id = r.worker_id
        WHERE w.village_id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL AND (? = 0 OR r.left_on IS NULL)
        ORDER BY r.left_on IS NOT NULL, r.admitted_on DESC, w.name""", (ids_param(village_id), int(current_only)))


def in_pool_on_by_village(store: Store, village_id: VillageIds, day: str) -> dict[str, int]:
    """village id -> distinct workers in its pool at the start of `day` (admitted before it, not yet left)."""
    return {r[0]: r[1] for r in store.query("""
        SELECT w.village_id, count(DISTINCT r.worker_id) FROM reserve_cadres r JOIN workers w ON w.id = r.worker_id
        WHERE w.village_id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL AND r.admitted_on < ?
          AND (r.left_on IS NULL OR r.left_on >= ?) GROUP BY w.village_id""", (ids_param(village_id), day, day))}
