"""SQL of notice campaigns: target grids, households reached, coverage per grid and for the village."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.field_work.people import HOUSEHOLD_HEAD_JOIN, HOUSEHOLD_LABEL
from villagedesk.store.scoping import ids_param

_ACTIVE_HOUSEHOLD = "h.deleted_at IS NULL AND h.status = 'active'"


def notice(store: Store, notice_id: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM notices WHERE id = ? AND deleted_at IS NULL", (notice_id,)).fetchone()


def grid_coverage(store: Store, notice_id: str) -> list[sqlite3.Row]:
    """Per target grid: active households, and how many of them the notice has reached."""
    return store.query(f"""
        SELECT g.id AS grid_id, g.name AS grid_name, g.code,
          (SELECT count(*) FROM households h WHERE h.grid_id = g.id AND {_ACTIVE_HOUSEHOLD}) AS target,
          (SELECT count(*) FROM notice_reaches r JOIN households h ON h.id = r.household_id
            WHERE r.notice_id = ng.notice_id AND r.deleted_at IS NULL AND h.grid_id = g.id
              AND {_ACTIVE_HOUSEHOLD}) AS reached
        FROM notice_grids ng JOIN grids g ON g.id = ng.grid_id
        WHERE ng.notice_id = ? AND ng.deleted_at IS NULL ORDER BY g.code""", (notice_id,))


def list_notices(store: Store, village_id: VillageIds, start: str | None = None, end: str | None = None,
                 uncovered_only: bool = False, limit: int = 500) -> list[sqlite3.Row]:
    """Newest first, each with its target and reached household counts."""
    return store.query(f"""
        WITH sizes AS (SELECT h.grid_id, count(*) AS n FROM households h WHERE {_ACTIVE_HOUSEHOLD}
                        GROUP BY h.grid_id)
        SELECT n.id, n.title, n.urgency, n.issued_at, n.source, n.covered_at,
          (SELECT COALESCE(SUM(s.n), 0) FROM notice_grids ng JOIN sizes s ON s.grid_id = ng.grid_id
            WHERE ng.notice_id = n.id AND ng.deleted_at IS NULL) AS target,
          (SELECT count(*) FROM notice_reaches r WHERE r.notice_id = n.id AND r.deleted_at IS NULL) AS reached,
          (SELECT group_concat(g.name, '、') FROM notice_grids ng JOIN grids g ON g.id = ng.grid_id
            WHERE ng.notice_id = n.id AND ng.deleted_at IS NULL) AS grid_names
        FROM notices n
        WHERE n.village_id IN (SELECT value FROM json_each(:v)) AND n.deleted_at IS NULL
          AND (:start IS NULL OR n.issued_at >= :start) AND (:end IS NULL OR n.issued_at < :end)
          AND (:open = 0 OR n.covered_at IS NULL)
        ORDER BY n.issued_at DESC LIMIT :limit""",
        {"v": ids_param(village_id), "start": start, "end": end, "open": int(uncovered_only), "limit": limit})


def households(store: Store, notice_id: str, grid_id: str, unreached_only: bool = False) -> list[sqlite3.Row]:
    """Active households of a target grid, each with its reach (way, time) if any."""
    return store.query(f"""
        SELECT h.id, {HOUSEHOLD_LABEL} AS label, h.phone, COALESCE(hr.name, '') AS head_name,
               r.way, r.reached_at, g.name AS grid_name
        FROM households h JOIN grids g ON g.id = h.grid_id {HOUSEHOLD_HEAD_JOIN}
        LEFT JOIN notice_reaches r ON r.household_id = h.id AND r.notice_id = ? AND r.deleted_at IS NULL
        WHERE h.grid_id = ? AND {_ACTIVE_HOUSEHOLD} AND (? = 0 OR r.id IS NULL)
        ORDER BY h.hamlet, CAST(h.house_number AS INTEGER), h.house_number""",
        (notice_id, grid_id, int(unreached_only)))


def reach(store: Store, notice_id: str, household_id: str) -> sqlite3.Row | None:
    return store.conn.execute("""SELECT id, way, reached_at FROM notice_reaches
        WHERE notice_id = ? AND household_id = ? AND deleted_at IS NULL""", (notice_id, household_id)).fetchone()


def is_target_grid(store: Store, notice_id: str, grid_id: str) -> bool:
    return bool(store.scalar("""SELECT EXISTS (SELECT 1 FROM notice_grids
        WHERE notice_id = ? AND grid_id = ? AND deleted_at IS NULL)""", (notice_id, grid_id)))


def covered_hours_by_village(store: Store, village_id: VillageIds, start: str | None,
                             end: str | None) -> dict[str, list[float]]:
    """village id -> hours from issue to full coverage of its fully covered notices issued in [start, end)."""
    out: dict[str, list[float]] = {}
    for r in store.query("""
        SELECT village_id, (julianday(covered_at) - julianday(issued_at)) * 24 FROM notices
        WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND covered_at IS NOT NULL
          AND (? IS NULL OR issued_at >= ?) AND (? IS NULL OR issued_at < ?)""",
                         (ids_param(village_id), start, start, end, end)):
        out.setdefault(r[0], []).append(r[1])
    return out


def covered_hours(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> list[float]:
    """The same hours over the scope's villages together."""
    return [h for hours in covered_hours_by_village(store, village_id, start, end).values() for h in hours]


def count_issued_by_village(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict[str, int]:
    """village id -> its notices issued in [start, end)."""
    return {r[0]: r[1] for r in store.query("""SELECT village_id, count(*) FROM notices
        WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
        AND (? IS NULL OR issued_at >= ?) AND (? IS NULL OR issued_at < ?) GROUP BY village_id""",
                                            (ids_param(village_id), start, start, end, end))}


def count_reached_by(store: Store, worker_id: str, start: str | None, end: str | None) -> int:
    return store.scalar("""SELECT count(*) FROM notice_reaches WHERE worker_id = ? AND deleted_at IS NULL
        AND (? IS NULL OR reached_at >= ?) AND (? IS NULL OR reached_at < ?)""",
                        (worker_id, start, start, end, end))


def latest_reach(store: Store, notice_id: str) -> str | None:
    """The last reach of a household the notice still counts (active, in a target grid)."""
    return store.scalar(f"""SELECT MAX(r.reached_at) FROM notice_reaches r JOIN households h ON h.id = r.household_id
        WHERE r.notice_id = ? AND r.deleted_at IS NULL AND {_ACTIVE_HOUSEHOLD}
          AND h.grid_id IN (SELECT grid_id FROM notice_grids WHERE notice_id = r.notice_id AND deleted_at IS NULL)""",
                        (notice_id,))


def open_notices(store: Store, village_id: str) -> list[str]:
    """The village's notices not yet fully covered."""
    return [r[0] for r in store.query("""SELECT id FROM notices
        WHERE village_id = ? AND deleted_at IS NULL AND covered_at IS NULL""", (village_id,))]


def last_grid_marking(store: Store, notice_id: str, grid_id: str) -> sqlite3.Row | None:
    """The newest whole-grid marking of the grid still standing: its audit names the first row it wrote."""
    return store.conn.execute("""
        SELECT r.created_at, r.origin FROM audit_log a JOIN notice_reaches r ON r.id = a.row_id
        WHERE a.action = '整网格标记宣传送达' AND a.tbl = 'notice_reaches'
          AND r.notice_id = ? AND r.grid_id = ? AND r.deleted_at IS NULL
        ORDER BY a.id DESC LIMIT 1""", (notice_id, grid_id)).fetchone()


def marking_rows(store: Store, notice_id: str, grid_id: str, created_at: str, origin: str) -> list[str]:
    """The reaches one whole-grid marking wrote (one write: one stamp), less any marked one by one that second."""
    return [r[0] for r in store.query("""SELECT r.id FROM notice_reaches r
        WHERE r.notice_id = ? AND r.grid_id = ? AND r.created_at = ? AND r.origin = ? AND r.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.at >= r.created_at AND a.tbl = 'notice_reaches'
                            AND a.row_id = r.id AND a.action = '标记宣传送达')""",
                                      (notice_id, grid_id, created_at, origin))]
