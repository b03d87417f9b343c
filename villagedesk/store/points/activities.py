"""The activities repository: activities, their grids and participants."""

from __future__ import annotations

from villagedesk.store.connection import Store


def by_id(store: Store, activity_id: str):
    return store.conn.execute("""
        SELECT a.*, r.name AS rule_name, r.code AS rule_code FROM activities a
        JOIN point_rules r ON r.id = a.rule_id WHERE a.id = ? AND a.deleted_at IS NULL""",
                              (activity_id,)).fetchone()


def listing(store: Store, village_id: str, status: str | None = None, limit: int = 1000) -> list:
    return store.query("""
        SELECT a.id, a.title, a.activity_date, a.status, a.points, a.organiser_name, a.notice_deadline,
               r.name AS rule_name,
               (SELECT count(*) FROM activity_participants p
                 WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS participants,
               (SELECT group_concat(g.name, '、') FROM activity_grids ag JOIN grids g ON g.id = ag.grid_id
                 WHERE ag.activity_id = a.id AND ag.deleted_at IS NULL) AS grids
        FROM activities a JOIN point_rules r ON r.id = a.rule_id
        WHERE a.village_id = :v AND a.deleted_at IS NULL AND (:s IS NULL OR a.status = :s)
        ORDER BY a.activity_date DESC, a.created_at DESC LIMIT :n""",
                       {"v": village_id, "s": status, "n": limit})


def grids(store: Store, activity_id: str) -> list:
    return store.query("""SELECT g.id, g.name FROM activity_grids ag JOIN grids g ON g.id = ag.grid_id
                          WHERE ag.activity_id = ? AND ag.deleted_at IS NULL ORDER BY g.code""", (activity_id,))


def participants(store: Store, activity_id: str) -> list:
    return store.query("""
        SELECT p.id, p.resident_id, p.household_id, r.name, r.relation, g.name AS grid_name,
               COALESCE(hr.name, '') AS head_name, h.hamlet || h.house_number AS address
        FROM activity_participants p
        JOIN residents r ON r.id = p.resident_id
        JOIN households h ON h.id = p.household_id
        JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE p.activity_id = ? AND p.deleted_at IS NULL
        ORDER BY g.code, h.hamlet, h.house_number, r.name""", (activity_id,))


def participant_ids(store: Store, activity_id: str) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT resident_id FROM activity_participants WHERE activity_id = ? AND deleted_at IS NULL",
        (activity_id,))}


def participant_row(store: Store, activity_id: str, resident_id: str):
    return store.conn.execute("""SELECT id FROM activity_participants
        WHERE activity_id = ? AND resident_id = ? AND deleted_at IS NULL""", (activity_id, resident_id)).fetchone()


def posted_entries(store: Store, activity_id: str) -> int:
    return store.scalar("SELECT count(*) FROM point_entries WHERE source_type = 'activity' AND source_id = ?",
                        (activity_id,))


def live_grid_ids(store: Store, village_id: str) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT id FROM grids WHERE village_id = ? AND deleted_at IS NULL AND status = 'active'", (village_id,))}


def grid_choices(store: Store, village_id: str) -> list:
    return store.query("""SELECT id, code, name FROM grids WHERE village_id = ? AND deleted_at IS NULL
                          AND status = 'active' ORDER BY code""", (village_id,))


def worker_choices(store: Store, village_id: str) -> list:
    return store.query("""SELECT id, name FROM workers WHERE village_id = ? AND deleted_at IS NULL
                          AND status = 'active' ORDER BY name""", (village_id,))


def worker_name(store: Store, worker_id: str) -> str | None:
    return store.scalar("SELECT name FROM workers WHERE id = ? AND deleted_at IS NULL", (worker_id,))
