"""Repository of evaluation rubrics (versioned), evaluations and their item scores."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def latest_rubric(store: Store, village_id: str):
    return store.conn.execute("""SELECT * FROM eval_rubrics WHERE village_id = ? AND deleted_at IS NULL
        ORDER BY version DESC LIMIT 1""", (village_id,)).fetchone()


def rubric(store: Store, rubric_id: str):
    return store.conn.execute("SELECT * FROM eval_rubrics WHERE id = ? AND deleted_at IS NULL",
                              (rubric_id,)).fetchone()


def rubric_versions(store: Store, village_id: str) -> list:
    return store.query("""SELECT r.*, (SELECT count(*) FROM evaluations e WHERE e.rubric_id = r.id
                                         AND e.deleted_at IS NULL) AS used
        FROM eval_rubrics r WHERE r.village_id = ? AND r.deleted_at IS NULL ORDER BY r.version DESC""",
                       (village_id,))


def items(store: Store, rubric_id: str) -> list:
    return store.query("""SELECT * FROM eval_rubric_items WHERE rubric_id = ? AND deleted_at IS NULL
        ORDER BY position""", (rubric_id,))


def made_by_township(store: Store, row) -> bool:
    """True for an evaluation a township node wrote (sent down in its package), not one a village entered."""
    from villagedesk.store.sync.owners import township_nodes

    return row["origin"] in township_nodes(store)


def existing(store: Store, worker_id: str, period: str):
    return store.conn.execute("""SELECT * FROM evaluations WHERE worker_id = ? AND period = ?
        AND deleted_at IS NULL""", (worker_id, period)).fetchone()


def listing(store: Store, village_id: VillageIds, period_start: str = "", period_end: str = "",
            outcome: str = "", search: str = "") -> list:
    """Evaluations whose period lies within [period_start, period_end) when given, newest first."""
    return store.query("""
        SELECT e.id, e.worker_id, w.name AS worker_name, COALESCE(g.name, '') AS grid_name, e.period,
               e.evaluated_on, e.total_score, e.outcome, e.replace_reason, e.reason, e.entered_by,
               e.evaluator, r.version AS rubric_version,
               e.origin IN (SELECT node_id FROM sync_peers WHERE role = 'township'
                            UNION SELECT node_id FROM node_identity WHERE role = 'township') AS sent_down,
               (SELECT vl.name FROM villages vl WHERE vl.id = w.village_id) AS village_name
        FROM evaluations e JOIN workers w ON w.id = e.worker_id JOIN eval_rubrics r ON r.id = e.rubric_id
        LEFT JOIN grids g ON g.id = e.grid_id
        WHERE w.village_id IN (SELECT value FROM json_each(:v)) AND e.deleted_at IS NULL
          AND (:start = '' OR e.period_start >= :start) AND (:end = '' OR e.period_end <= :end)
          AND (:outcome = '' OR e.outcome = :outcome)
          AND (:s = '' OR w.name LIKE :like OR g.name LIKE :like)
        ORDER BY e.period_start DESC, e.evaluated_on DESC, w.name""",
        {"v": ids_param(village_id), "start": period_start, "end": period_end, "outcome": outcome, "s": search,
         "like": f"%{search}%"})


def scores(store: Store, evaluation_id: str) -> list:
    return store.query("""
        SELECT i.name, i.weight, i.max_score, i.indicator, s.score, s.indicator_value
        FROM evaluation_scores s JOIN eval_rubric_items i ON i.id = s.item_id
        WHERE s.evaluation_id = ? AND s.deleted_at IS NULL ORDER BY i.position""", (evaluation_id,))


def outcome_workers_by_village(store: Store, village_id: VillageIds, start: str = "", end: str = "") -> dict[str, dict]:
    """village id -> {"commend": n, "replace": n}: distinct workers with an evaluation of that outcome, dated
    (evaluated_on) within [start, end)."""
    return {r[0]: {"commend": r[1], "replace": r[2]} for r in store.query("""
        SELECT w.village_id, count(DISTINCT CASE WHEN e.outcome = 'commend' THEN e.worker_id END),
               count(DISTINCT CASE WHEN e.outcome = 'replace' THEN e.worker_id END)
        FROM evaluations e JOIN workers w ON w.id = e.worker_id
        WHERE w.village_id IN (SELECT value FROM json_each(?)) AND e.deleted_at IS NULL
          AND e.outcome IN ('commend', 'replace')
          AND (? = '' OR e.evaluated_on >= ?) AND (? = '' OR e.evaluated_on < ?) GROUP BY w.village_id""",
        (ids_param(village_id), start, start, end, end))}


def node_role(store: Store) -> str:
    return store.scalar("SELECT role FROM node_identity WHERE id = 1") or "village"
