"""SQL of visits and what they found."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.field_work.people import HOUSEHOLD_HEAD_JOIN, HOUSEHOLD_LABEL
from villagedesk.store.scoping import grids_param, ids_param


def visit(store: Store, visit_id: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM visits WHERE id = ? AND deleted_at IS NULL", (visit_id,)).fetchone()


def _where(village_id: VillageIds, grid_id: str | None, worker_id: str | None, start: str | None,
           end: str | None, household_id: str | None, grid_ids: tuple[str, ...] | None) -> tuple[str, list]:
    sql = ["v.village_id IN (SELECT value FROM json_each(?))", "v.deleted_at IS NULL"]
    params: list[str | None] = [ids_param(village_id)]
    if grid_ids is not None:
        sql.append("v.grid_id IN (SELECT value FROM json_each(?))")
        params.append(grids_param(grid_ids))
    for cond, value in (("v.grid_id = ?", grid_id), ("v.worker_id = ?", worker_id),
                        ("v.visited_at >= ?", start), ("v.visited_at < ?", end),
                        ("v.household_id = ?", household_id)):
        if value:
            sql.append(cond)
            params.append(value)
    return " AND ".join(sql), params


def list_visits(store: Store, village_id: VillageIds, grid_id: str | None = None, worker_id: str | None = None,
                start: str | None = None, end: str | None = None, household_id: str | None = None,
                limit: int = 200, offset: int = 0, grid_ids: tuple[str, ...] | None = None) -> list[sqlite3.Row]:
    """Newest first; `start`/`end` bound visited_at as text (end exclusive); `grid_ids` None for every grid."""
    where, params = _where(village_id, grid_id, worker_id, start, end, household_id, grid_ids)
    return store.query(f"""
        SELECT v.id, v.visited_at, v.way, v.purpose, v.findings, v.notes, v.out_of_grid_reason,
               w.name AS worker_name, g.name AS grid_name, {HOUSEHOLD_LABEL} AS household_label,
               (SELECT group_concat(f.kind) FROM visit_findings f
                 WHERE f.visit_id = v.id AND f.deleted_at IS NULL) AS finding_kinds,
               (SELECT vl.name FROM villages vl WHERE vl.id = v.village_id) AS village_name
        FROM visits v JOIN workers w ON w.id = v.worker_id JOIN grids g ON g.id = v.grid_id
        JOIN households h ON h.id = v.household_id {HOUSEHOLD_HEAD_JOIN}
        WHERE {where}
        ORDER BY v.visited_at DESC, v.id DESC LIMIT ? OFFSET ?""", (*params, limit, offset))


def count_visits(store: Store, village_id: VillageIds, grid_id: str | None = None, worker_id: str | None = None,
                 start: str | None = None, end: str | None = None, household_id: str | None = None,
                 grid_ids: tuple[str, ...] | None = None) -> int:
    where, params = _where(village_id, grid_id, worker_id, start, end, household_id, grid_ids)
    return store.scalar(f"SELECT count(*) FROM visits v WHERE {where}", params)


def count_by_village(store: Store, village_id: VillageIds, start: str | None = None,
                     end: str | None = None) -> dict[str, int]:
    """village id -> its visits of the period (a village with none is missing)."""
    where, params = _where(village_id, None, None, start, end, None, None)
    return {r[0]: r[1] for r in store.query(f"SELECT v.village_id, count(*) FROM visits v WHERE {where}"
                                            " GROUP BY v.village_id", params)}


def count_by_way(store: Store, village_id: VillageIds, start: str | None = None, end: str | None = None) -> dict[str, int]:
    """Visits of the period per way (in_person, phone, wechat)."""
    where, params = _where(village_id, None, None, start, end, None, None)
    return {r[0]: r[1] for r in store.query(f"SELECT v.way, count(*) FROM visits v WHERE {where} GROUP BY v.way",
                                            params)}


def findings_of(store: Store, visit_id: str) -> list[sqlite3.Row]:
    return store.query("""SELECT id, kind, hardship_kind, description, dispute_id, status FROM visit_findings
        WHERE visit_id = ? AND deleted_at IS NULL ORDER BY created_at""", (visit_id,))


def open_findings(store: Store, village_id: VillageIds, kind: str | None = None,
                  grid_ids: tuple[str, ...] | None = None) -> list[sqlite3.Row]:
    """Hardships and hazards still open, oldest first."""
    # CROSS JOIN keeps the findings (a few per hundred visits) the outer loop: left to the planner it walks every
    # visit of the village through visits_village_time, 2.9 s at district scale against 0.09 s.
    return store.query(f"""
        SELECT f.id, f.kind, f.hardship_kind, f.description, v.visited_at, g.name AS grid_name,
               {HOUSEHOLD_LABEL} AS household_label
        FROM visit_findings f CROSS JOIN visits v ON v.id = f.visit_id JOIN grids g ON g.id = f.grid_id
        JOIN households h ON h.id = f.household_id {HOUSEHOLD_HEAD_JOIN}
        WHERE v.village_id IN (SELECT value FROM json_each(?)) AND f.deleted_at IS NULL AND f.status = 'open' AND f.kind != 'dispute'
          AND (? IS NULL OR f.kind = ?) AND (? IS NULL OR f.grid_id IN (SELECT value FROM json_each(?)))
        ORDER BY v.visited_at""", (ids_param(village_id), kind, kind, grids_param(grid_ids), grids_param(grid_ids)))


def finding(store: Store, finding_id: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM visit_findings WHERE id = ? AND deleted_at IS NULL",
                              (finding_id,)).fetchone()


def open_finding_ids_of_dispute(store: Store, dispute_id: str) -> list[str]:
    return [r[0] for r in store.query("""SELECT id FROM visit_findings
        WHERE dispute_id = ? AND status = 'open' AND deleted_at IS NULL""", (dispute_id,))]
