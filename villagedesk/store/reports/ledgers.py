"""The reads behind the report set's ledgers (走访, 纠纷, 突发事件, 宣传, 花名册, 考评), for a set of villages and a period."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store

# The primary worker who held a grid on a day (a rotation mid-period names the holder of that day).
_HOLDER = """(SELECT w.name FROM grid_assignments a JOIN workers w ON w.id = a.worker_id
               WHERE a.grid_id = {grid} AND a.role = 'primary' AND a.deleted_at IS NULL
                 AND a.start_date <= {day} AND (a.end_date IS NULL OR a.end_date > {day})
               ORDER BY a.start_date DESC LIMIT 1)"""


def marks(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids) or "NULL"


def roster(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Workers in post at some time in the period: appointed before its end, not gone before its start."""
    return store.query(f"""
        SELECT w.id, w.name, w.sex, w.birth_date, w.id_number, w.phone, w.party_member, w.source, w.education,
               w.appointed_on, w.status, w.status_date, w.status_reason, v.name AS village,
               (SELECT group_concat(g.name || CASE a.role WHEN 'deputy' THEN '（副）' ELSE '' END, '、')
                  FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
                 WHERE a.worker_id = w.id AND a.deleted_at IS NULL AND a.start_date < ?
                   AND (a.end_date IS NULL OR a.end_date >= ?)) AS grids
        FROM workers w JOIN villages v ON v.id = w.village_id
        WHERE w.village_id IN ({marks(vids)}) AND w.deleted_at IS NULL AND w.appointed_on < ?
          AND (w.status IN ('active', 'resting') OR w.status_date IS NULL OR w.status_date >= ?)
        ORDER BY v.code, grids IS NULL, grids, w.appointed_on, w.name""", (end, start, *vids, end, start))


def evaluations(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    return store.query(f"""
        SELECT e.id, e.period, e.evaluated_on, e.total_score, e.outcome, e.replace_reason, e.reason,
               e.entered_by, e.evaluator, w.name AS worker, COALESCE(g.name, '') AS grid,
               (SELECT group_concat(i.name || '=' || s.score, '|') FROM evaluation_scores s
                  JOIN eval_rubric_items i ON i.id = s.item_id
                 WHERE s.evaluation_id = e.id AND s.deleted_at IS NULL) AS scores
        FROM evaluations e JOIN workers w ON w.id = e.worker_id LEFT JOIN grids g ON g.id = e.grid_id
        WHERE w.village_id IN ({marks(vids)}) AND e.deleted_at IS NULL
          AND e.evaluated_on >= ? AND e.evaluated_on < ?
        ORDER BY e.evaluated_on, g.code, w.name""", (*vids, start, end))


def rubric_item_names(store: Store, vids: list[str], start: str, end: str) -> list[str]:
    """The items scored in the period's evaluations, in rubric order."""
    return [r[0] for r in store.query(f"""
        SELECT i.name FROM evaluation_scores s JOIN eval_rubric_items i ON i.id = s.item_id
          JOIN evaluations e ON e.id = s.evaluation_id JOIN workers w ON w.id = e.worker_id
        WHERE w.village_id IN ({marks(vids)}) AND e.deleted_at IS NULL AND s.deleted_at IS NULL
          AND e.evaluated_on >= ? AND e.evaluated_on < ?
        GROUP BY i.name ORDER BY min(i.position)""", (*vids, start, end))]


def visits(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Visits made in the period with the follow-up each owes (due date, when done)."""
    return store.query(f"""
        SELECT v.visited_at, g.name AS grid, w.name AS worker, COALESCE(hr.name, '') AS head,
               h.hamlet, h.group_name, h.house_number, v.way, v.purpose, v.findings,
               f.due_on, f.done_at
        FROM visits v JOIN grids g ON g.id = v.grid_id JOIN workers w ON w.id = v.worker_id
          JOIN households h ON h.id = v.household_id LEFT JOIN residents hr ON hr.id = h.head_resident_id
          LEFT JOIN follow_ups f ON f.visit_id = v.id AND f.deleted_at IS NULL
        WHERE v.village_id IN ({marks(vids)}) AND v.deleted_at IS NULL
          AND v.visited_at >= ? AND v.visited_at < ?
        ORDER BY v.visited_at, g.code""", (*vids, start, end))


def disputes(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Disputes found in the period, with who found them, who answers for the grid, mediation and the
    first visit to a party's household after the grid's handling ended (回访)."""
    return store.query(f"""
        SELECT d.found_on, g.name AS grid, d.kind, d.summary, d.found_by, d.outcome, d.closed_on,
               {_HOLDER.format(grid="d.grid_id", day="d.found_on")} AS responsible,
               (SELECT group_concat(p.name, '、') FROM dispute_parties p
                 WHERE p.dispute_id = d.id AND p.deleted_at IS NULL) AS parties,
               (SELECT count(*) FROM mediations m WHERE m.dispute_id = d.id AND m.deleted_at IS NULL) AS attempts,
               (SELECT min(substr(v.visited_at, 1, 10)) FROM visits v
                  JOIN residents r ON r.household_id = v.household_id
                  JOIN dispute_parties p ON p.resident_id = r.id AND p.deleted_at IS NULL
                 WHERE p.dispute_id = d.id AND d.closed_on IS NOT NULL AND v.deleted_at IS NULL
                   AND substr(v.visited_at, 1, 10) > d.closed_on) AS revisited_on
        FROM disputes d JOIN grids g ON g.id = d.grid_id
        WHERE d.village_id IN ({marks(vids)}) AND d.deleted_at IS NULL AND d.found_on >= ? AND d.found_on < ?
        ORDER BY d.found_on, g.code, d.id""", (*vids, start, end))


def emergencies(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    return store.query(f"""
        SELECT e.started_at, e.ended_at, e.kind, e.title, e.commander_name, e.response_outcome,
               e.households_affected, e.households_evacuated, e.households_reached,
               (SELECT group_concat(g.name, '、') FROM emergency_grids eg JOIN grids g ON g.id = eg.grid_id
                 WHERE eg.emergency_id = e.id AND eg.deleted_at IS NULL) AS grids,
               (SELECT count(*) FROM emergency_service_days s WHERE s.emergency_id = e.id
                  AND s.deleted_at IS NULL) AS subsidy_days
        FROM emergencies e
        WHERE e.village_id IN ({marks(vids)}) AND e.deleted_at IS NULL AND e.started_at >= ? AND e.started_at < ?
        ORDER BY e.started_at""", (*vids, start, end))


def notice_reach(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """One row per notice issued in the period and target grid: households targeted and reached."""
    return store.query(f"""
        SELECT n.id, n.title, n.urgency, n.source, n.issued_at, n.covered_at, g.name AS grid,
               (SELECT count(*) FROM households h WHERE h.grid_id = g.id AND h.deleted_at IS NULL
                  AND h.status = 'active') AS targeted,
               (SELECT count(*) FROM notice_reaches r WHERE r.notice_id = n.id AND r.grid_id = g.id
                  AND r.deleted_at IS NULL) AS reached
        FROM notices n JOIN notice_grids ng ON ng.notice_id = n.id AND ng.deleted_at IS NULL
          JOIN grids g ON g.id = ng.grid_id
        WHERE n.village_id IN ({marks(vids)}) AND n.deleted_at IS NULL AND n.issued_at >= ? AND n.issued_at < ?
        ORDER BY n.issued_at, n.id, g.code""", (*vids, start, end))


def trainings(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    return store.query(f"""
        SELECT t.held_on, t.topic, t.hours, t.trainer,
               (SELECT count(*) FROM training_attendance a WHERE a.training_id = t.id AND a.deleted_at IS NULL)
                 AS attendees
        FROM trainings t WHERE t.village_id IN ({marks(vids)}) AND t.deleted_at IS NULL
          AND t.held_on >= ? AND t.held_on < ? ORDER BY t.held_on""", (*vids, start, end))


def reserve_pool(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Reserve cadres in the pool at some time in the period, with their training in it."""
    return store.query(f"""
        SELECT w.name, w.sex, w.birth_date, w.party_member, w.education, r.admitted_on, r.reason, r.left_on,
               r.left_reason,
               (SELECT group_concat(g.name, '、') FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
                 WHERE a.worker_id = w.id AND a.deleted_at IS NULL AND a.start_date < ?
                   AND (a.end_date IS NULL OR a.end_date >= ?)) AS grids,
               (SELECT count(*) FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id
                 WHERE ta.worker_id = w.id AND ta.deleted_at IS NULL AND t.deleted_at IS NULL
                   AND t.held_on >= ? AND t.held_on < ?) AS sessions,
               (SELECT COALESCE(sum(t.hours), 0) FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id
                 WHERE ta.worker_id = w.id AND ta.deleted_at IS NULL AND t.deleted_at IS NULL
                   AND t.held_on >= ? AND t.held_on < ?) AS hours
        FROM reserve_cadres r JOIN workers w ON w.id = r.worker_id
        WHERE w.village_id IN ({marks(vids)}) AND r.deleted_at IS NULL AND r.admitted_on < ?
          AND (r.left_on IS NULL OR r.left_on >= ?)
        ORDER BY r.admitted_on, w.name""", (end, start, start, end, start, end, *vids, end, start))
