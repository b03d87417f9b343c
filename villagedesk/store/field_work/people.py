"""Who and where for field records: workers and their grids on a day, grids, households, key populations."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

# A household as a clerk names it: hamlet, house number and head.
HOUSEHOLD_LABEL = "h.hamlet || ' ' || h.house_number || ' ' || COALESCE(hr.name, '')"
HOUSEHOLD_HEAD_JOIN = "LEFT JOIN residents hr ON hr.id = h.head_resident_id"


def worker(store: Store, worker_id: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT id, village_id, name, status FROM workers WHERE id = ? AND deleted_at IS NULL",
                              (worker_id,)).fetchone()


def worker_grid_ids_on(store: Store, worker_id: str, day: str) -> set[str]:
    """Grids the worker held (primary or deputy) on `day`."""
    return {r[0] for r in store.query("""
        SELECT grid_id FROM grid_assignments
        WHERE worker_id = ? AND deleted_at IS NULL AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)""",
        (worker_id, day, day))}


def primary_worker_on(store: Store, grid_id: str, day: str) -> sqlite3.Row | None:
    return store.conn.execute("""
        SELECT w.id, w.name FROM grid_assignments a JOIN workers w ON w.id = a.worker_id
        WHERE a.grid_id = ? AND a.role = 'primary' AND a.deleted_at IS NULL AND w.deleted_at IS NULL
          AND a.start_date <= ? AND (a.end_date IS NULL OR a.end_date >= ?)
        ORDER BY a.start_date DESC LIMIT 1""", (grid_id, day, day)).fetchone()


def active_workers(store: Store, village_id: VillageIds) -> list[sqlite3.Row]:
    """Workers in post, each with the names of the grids they hold now (for pickers)."""
    return store.query("""
        SELECT w.id, w.name,
          (SELECT group_concat(g.name, '、') FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
            WHERE a.worker_id = w.id AND a.end_date IS NULL AND a.deleted_at IS NULL) AS grid_names,
          (SELECT a.grid_id FROM grid_assignments a WHERE a.worker_id = w.id AND a.end_date IS NULL
            AND a.deleted_at IS NULL ORDER BY a.role = 'primary' DESC, a.start_date LIMIT 1) AS grid_id
        FROM workers w
        WHERE w.village_id IN (SELECT value FROM json_each(?)) AND w.deleted_at IS NULL AND w.status = 'active'
        ORDER BY w.name""", (ids_param(village_id),))


def grids(store: Store, village_id: VillageIds) -> list[sqlite3.Row]:
    return store.query("""SELECT id, code, name FROM grids
        WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND status = 'active' ORDER BY code""", (ids_param(village_id),))


def grid(store: Store, grid_id: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT id, village_id, code, name, status FROM grids WHERE id = ? AND deleted_at IS NULL",
                              (grid_id,)).fetchone()


def household(store: Store, household_id: str) -> sqlite3.Row | None:
    return store.conn.execute(f"""
        SELECT h.id, h.grid_id, h.status, h.phone, h.head_resident_id, g.name AS grid_name, g.village_id,
               {HOUSEHOLD_LABEL} AS label, COALESCE(hr.name, '') AS head_name
        FROM households h JOIN grids g ON g.id = h.grid_id {HOUSEHOLD_HEAD_JOIN}
        WHERE h.id = ? AND h.deleted_at IS NULL""", (household_id,)).fetchone()


def households_of_grid(store: Store, grid_id: str) -> list[sqlite3.Row]:
    return store.query(f"""
        SELECT h.id, {HOUSEHOLD_LABEL} AS label FROM households h {HOUSEHOLD_HEAD_JOIN}
        WHERE h.grid_id = ? AND h.deleted_at IS NULL AND h.status = 'active'
        ORDER BY h.hamlet, CAST(h.house_number AS INTEGER), h.house_number""", (grid_id,))


def has_key_population_on(store: Store, household_id: str, day: str) -> bool:
    return bool(store.scalar("""
        SELECT EXISTS (SELECT 1 FROM residents r JOIN resident_categories c ON c.resident_id = r.id
          WHERE r.household_id = ? AND r.deleted_at IS NULL AND c.deleted_at IS NULL
            AND r.residence_status IN ('living', 'working_away')
            AND (c.since IS NULL OR c.since <= ?) AND (c.until IS NULL OR c.until >= ?))""",
        (household_id, day, day)))


def resident(store: Store, resident_id: str) -> sqlite3.Row | None:
    return store.conn.execute("""
        SELECT r.id, r.name, r.sex, r.id_number, r.phone, r.household_id, h.hamlet, h.house_number,
               h.group_name
        FROM residents r JOIN households h ON h.id = r.household_id
        WHERE r.id = ? AND r.deleted_at IS NULL""", (resident_id,)).fetchone()
