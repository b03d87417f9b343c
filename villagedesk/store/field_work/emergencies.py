"""SQL of emergencies: the incident, its grids, timeline, worker days and the counts behind the KPIs."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def emergency(store: Store, emergency_id: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM emergencies WHERE id = ? AND deleted_at IS NULL",
                              (emergency_id,)).fetchone()


def grids_of(store: Store, emergency_id: str) -> list[sqlite3.Row]:
    return store.query("""SELECT g.id, g.name, g.code FROM emergency_grids eg JOIN grids g ON g.id = eg.grid_id
        WHERE eg.emergency_id = ? AND eg.deleted_at IS NULL ORDER BY g.code""", (emergency_id,))


def actions(store: Store, emergency_id: str) -> list[sqlite3.Row]:
    return store.query("""SELECT a.id, a.at, a.action, w.name AS worker_name FROM emergency_actions a
        LEFT JOIN workers w ON w.id = a.worker_id
        WHERE a.emergency_id = ? AND a.deleted_at IS NULL ORDER BY a.at, a.created_at""", (emergency_id,))


def service_days(store: Store, emergency_id: str) -> list[sqlite3.Row]:
    return store.query("""SELECT d.id, d.worker_id, d.day, w.name AS worker_name FROM emergency_service_days d
        JOIN workers w ON w.id = d.worker_id
        WHERE d.emergency_id = ? AND d.deleted_at IS NULL ORDER BY w.name, d.day""", (emergency_id,))


def day_taken(store: Store, worker_id: str, day: str) -> sqlite3.Row | None:
    """A worker's service day already recorded (by hand, or by any emergency)."""
    return store.conn.execute("""SELECT d.id, d.source, d.emergency_id, e.title FROM emergency_service_days d
        LEFT JOIN emergencies e ON e.id = d.emergency_id
        WHERE d.worker_id = ? AND d.day = ? AND d.deleted_at IS NULL""", (worker_id, day)).fetchone()


def list_emergencies(store: Store, village_id: VillageIds, start: str | None = None, end: str | None = None,
                     open_only: bool = False, limit: int = 500) -> list[sqlite3.Row]:
    return store.query("""
        SELECT e.id, e.kind, e.title, e.started_at, e.ended_at, e.closed_at, e.commander_name,
               e.response_outcome, e.households_affected, e.households_evacuated, e.households_reached,
               (SELECT group_concat(g.name, '、') FROM emergency_grids eg JOIN grids g ON g.id = eg.grid_id
                 WHERE eg.emergency_id = e.id AND eg.deleted_at IS NULL) AS grid_names,
               (SELECT vl.name FROM villages vl WHERE vl.id = e.village_id) AS village_name
        FROM emergencies e
        WHERE e.village_id IN (SELECT value FROM json_each(:v)) AND e.deleted_at IS NULL
          AND (:s IS NULL OR e.started_at >= :s) AND (:e IS NULL OR e.started_at < :e)
          AND (:open = 0 OR e.closed_at IS NULL)
        ORDER BY e.started_at DESC LIMIT :limit""",
                       {"v": ids_param(village_id), "s": start, "e": end, "open": int(open_only), "limit": limit})


_KPI_COUNTS = ("started", "handled", "decided")


def kpi_counts_by_village(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict[str, dict]:
    """village id -> emergencies started in [start, end), how many of them were handled at first response, and
    how many have a first-response outcome (a village with none is missing)."""
    return {r[0]: dict(zip(_KPI_COUNTS, r[1:], strict=True)) for r in store.query("""
        SELECT village_id, count(*), COALESCE(SUM(response_outcome = 'handled'), 0),
               COALESCE(SUM(response_outcome IS NOT NULL), 0)
        FROM emergencies WHERE village_id IN (SELECT value FROM json_each(:v)) AND deleted_at IS NULL
          AND (:s IS NULL OR started_at >= :s) AND (:e IS NULL OR started_at < :e) GROUP BY village_id""",
                                                                     {"v": ids_param(village_id), "s": start, "e": end})}


def kpi_counts(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict[str, int]:
    """The same counts over the scope's villages together."""
    found = kpi_counts_by_village(store, village_id, start, end).values()
    return {k: sum(c[k] for c in found) for k in _KPI_COUNTS}
