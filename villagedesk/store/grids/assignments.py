"""Repository of grid assignments: who held which grid, in which role, from when to when."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def get(store: Store, assignment_id: str):
    return store.conn.execute("SELECT * FROM grid_assignments WHERE id = ? AND deleted_at IS NULL",
                              (assignment_id,)).fetchone()


def first_start(store: Store, worker_id: str) -> str | None:
    return store.scalar("SELECT MIN(start_date) FROM grid_assignments WHERE worker_id = ? AND deleted_at IS NULL",
                        (worker_id,))


def current(store: Store, grid_id: str, role: str = "primary"):
    """The open assignment of a grid in a role (at most one primary, by the unique index)."""
    return store.conn.execute("""
        SELECT a.*, w.name AS worker_name FROM grid_assignments a JOIN workers w ON w.id = a.worker_id
        WHERE a.grid_id = ? AND a.role = ? AND a.end_date IS NULL AND a.deleted_at IS NULL
        ORDER BY a.start_date DESC""", (grid_id, role)).fetchone()


def open_of_worker(store: Store, worker_id: str) -> list:
    return store.query("""
        SELECT a.*, g.name AS grid_name FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
        WHERE a.worker_id = ? AND a.end_date IS NULL AND a.deleted_at IS NULL""", (worker_id,))


def holder_on(store: Store, grid_id: str, day: str):
    """The primary worker holding a grid on a day: start <= day < end (end is the handover day)."""
    return store.conn.execute("""
        SELECT w.id, w.name, g.id AS grid_id, g.name AS grid_name
        FROM grid_assignments a JOIN workers w ON w.id = a.worker_id JOIN grids g ON g.id = a.grid_id
        WHERE a.grid_id = ? AND a.role = 'primary' AND a.deleted_at IS NULL
          AND a.start_date <= ? AND (a.end_date IS NULL OR a.end_date > ?)
        ORDER BY a.start_date DESC LIMIT 1""", (grid_id, day, day)).fetchone()


def history(store: Store, village_id: VillageIds, grid_id: str = "", worker_id: str = "") -> list:
    """Every assignment of the villages, newest first, optionally of one grid or one worker."""
    return store.query("""
        SELECT a.id, a.grid_id, g.name AS grid_name, g.code AS grid_code, a.worker_id, w.name AS worker_name,
               a.role, a.start_date, a.end_date, a.reason
        FROM grid_assignments a JOIN grids g ON g.id = a.grid_id JOIN workers w ON w.id = a.worker_id
        WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND a.deleted_at IS NULL
          AND (:g = '' OR a.grid_id = :g) AND (:w = '' OR a.worker_id = :w)
        ORDER BY a.start_date DESC, a.end_date IS NOT NULL, a.created_at DESC""",
        {"v": ids_param(village_id), "g": grid_id, "w": worker_id})


def in_month(store: Store, village_id: str, start: str, end: str) -> list:
    """Primary assignments overlapping [start, end), with the grid they cover and, for a worker resting (暂停)
    now, the day the rest began."""
    return store.query("""
        SELECT a.grid_id, a.worker_id, a.start_date, a.end_date, g.name AS grid_name, g.code AS grid_code,
               w.name AS worker_name, CASE WHEN w.status = 'resting' THEN w.status_date END AS resting_since
        FROM grid_assignments a JOIN grids g ON g.id = a.grid_id JOIN workers w ON w.id = a.worker_id
        WHERE g.village_id = ? AND a.role = 'primary' AND a.deleted_at IS NULL
          AND a.start_date < ? AND (a.end_date IS NULL OR a.end_date > ?)
        ORDER BY g.code, a.start_date""", (village_id, end, start))
