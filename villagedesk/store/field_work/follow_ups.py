"""SQL of follow-ups: what is owed, by whom, and the counts behind follow_up_rate."""

from __future__ import annotations

import sqlite3

from villagedesk.domain import clock
from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.field_work.people import HOUSEHOLD_HEAD_JOIN, HOUSEHOLD_LABEL
from villagedesk.store.scoping import grids_param, ids_param


def follow_up(store: Store, follow_up_id: str) -> sqlite3.Row | None:
    return store.conn.execute("""
        SELECT f.*, v.visited_at FROM follow_ups f JOIN visits v ON v.id = f.visit_id
        WHERE f.id = ? AND f.deleted_at IS NULL""", (follow_up_id,)).fetchone()


def oldest_open_for_household(store: Store, household_id: str, before: str) -> sqlite3.Row | None:
    """The follow-up a new follow-up visit settles: the oldest one still owed that it comes after."""
    return store.conn.execute("""
        SELECT f.*, v.visited_at FROM follow_ups f JOIN visits v ON v.id = f.visit_id
        WHERE f.household_id = ? AND f.deleted_at IS NULL AND f.done_visit_id IS NULL AND v.visited_at < ?
        ORDER BY f.due_on, f.id LIMIT 1""", (household_id, before)).fetchone()


def pending(store: Store, village_id: VillageIds, due_before: str | None = None, worker_id: str | None = None,
            grid_id: str | None = None, limit: int = 500, grid_ids: tuple[str, ...] | None = None,
            today: str | None = None) -> list[sqlite3.Row]:
    """Follow-ups not yet done, most overdue first; `due_before` (exclusive) keeps only overdue ones.

    Each is owed by its grid's primary worker on `today` (after a rotation, the new one; no one while the grid is
    vacant), not by whoever made the visit: worker_id filters by that worker."""
    return store.query(f"""
        WITH owed AS (
          SELECT f.*, (SELECT a.worker_id FROM grid_assignments a JOIN workers cw ON cw.id = a.worker_id
                        WHERE a.grid_id = f.grid_id AND a.role = 'primary' AND a.deleted_at IS NULL
                          AND cw.deleted_at IS NULL AND a.start_date <= :today
                          AND (a.end_date IS NULL OR a.end_date >= :today)
                        ORDER BY a.start_date DESC LIMIT 1) AS owed_by
          FROM follow_ups f
          WHERE f.village_id IN (SELECT value FROM json_each(:v)) AND f.deleted_at IS NULL AND f.done_visit_id IS NULL)
        SELECT f.id, f.household_id, f.due_on, f.owed_by AS worker_id, v.visited_at, v.findings,
               COALESCE(w.name, '（网格空缺）') AS worker_name, g.name AS grid_name, {HOUSEHOLD_LABEL} AS household_label
        FROM owed f JOIN visits v ON v.id = f.visit_id LEFT JOIN workers w ON w.id = f.owed_by
        JOIN grids g ON g.id = f.grid_id JOIN households h ON h.id = f.household_id {HOUSEHOLD_HEAD_JOIN}
        WHERE (:before IS NULL OR f.due_on < :before) AND (:w IS NULL OR f.owed_by = :w)
          AND (:g IS NULL OR f.grid_id = :g)
          AND (:gs IS NULL OR f.grid_id IN (SELECT value FROM json_each(:gs)))
        ORDER BY f.due_on, f.id LIMIT :limit""",
        {"v": ids_param(village_id), "before": due_before, "w": worker_id, "g": grid_id, "gs": grids_param(grid_ids),
         "limit": limit, "today": today or clock.today().isoformat()})


def rate_counts_by_village(store: Store, village_id: VillageIds, start: str | None, end: str | None, today: str,
                           worker_id: str | None = None) -> dict[str, tuple[int, int]]:
    """village id -> (done on time, settled) over follow-ups due in [start, end): see domain.field_work.follow_ups."""
    return {r[0]: (r[1], r[2]) for r in store.query("""
        SELECT village_id,
          COALESCE(SUM(done_at IS NOT NULL AND substr(done_at, 1, 10) <= due_on), 0) AS on_time,
          COALESCE(SUM(done_at IS NOT NULL OR due_on < :today), 0) AS settled
        FROM follow_ups
        WHERE village_id IN (SELECT value FROM json_each(:v)) AND deleted_at IS NULL
          AND (:start IS NULL OR due_on >= :start) AND (:end IS NULL OR due_on < :end)
          AND (:w IS NULL OR worker_id = :w) GROUP BY village_id""",
        {"v": ids_param(village_id), "start": start, "end": end, "today": today, "w": worker_id})}


def rate_counts(store: Store, village_id: VillageIds, start: str | None, end: str | None, today: str,
                worker_id: str | None = None) -> tuple[int, int]:
    """(done on time, settled) over the scope's villages together."""
    found = rate_counts_by_village(store, village_id, start, end, today, worker_id).values()
    return sum(n for n, _ in found), sum(n for _, n in found)
