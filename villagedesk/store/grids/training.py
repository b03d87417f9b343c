"""Repository of training sessions and attendance."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def get(store: Store, training_id: str):
    return store.conn.execute("SELECT * FROM trainings WHERE id = ? AND deleted_at IS NULL",
                              (training_id,)).fetchone()


def listing(store: Store, village_id: VillageIds, start: str = "", end: str = "", search: str = "") -> list:
    return store.query("""
        SELECT t.*, (SELECT count(*) FROM training_attendance a WHERE a.training_id = t.id
                       AND a.deleted_at IS NULL) AS attendees
        FROM trainings t
        WHERE t.village_id IN (SELECT value FROM json_each(:v)) AND t.deleted_at IS NULL
          AND (:start = '' OR t.held_on >= :start) AND (:end = '' OR t.held_on < :end)
          AND (:s = '' OR t.topic LIKE :like OR t.trainer LIKE :like)
        ORDER BY t.held_on DESC, t.created_at DESC""",
        {"v": ids_param(village_id), "start": start, "end": end, "s": search, "like": f"%{search}%"})


def attendees(store: Store, training_id: str) -> list:
    return store.query("""
        SELECT a.id, a.worker_id, w.name FROM training_attendance a JOIN workers w ON w.id = a.worker_id
        WHERE a.training_id = ? AND a.deleted_at IS NULL ORDER BY w.name""", (training_id,))


def history_of_worker(store: Store, worker_id: str) -> list:
    return store.query("""
        SELECT t.id, t.held_on, t.topic, t.hours, t.trainer FROM training_attendance a
        JOIN trainings t ON t.id = a.training_id
        WHERE a.worker_id = ? AND a.deleted_at IS NULL AND t.deleted_at IS NULL
        ORDER BY t.held_on DESC""", (worker_id,))


def count_by_village(store: Store, village_id: VillageIds, start: str = "", end: str = "") -> dict[str, int]:
    """village id -> its trainings held in [start, end)."""
    return {r[0]: r[1] for r in store.query("""SELECT village_id, count(*) FROM trainings
        WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
        AND (? = '' OR held_on >= ?) AND (? = '' OR held_on < ?) GROUP BY village_id""",
                            (ids_param(village_id), start, start, end, end))}
