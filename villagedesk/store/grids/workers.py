"""Repository of the worker roster (table workers) and the grids each worker holds now."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

_CURRENT_PRIMARY = """
    LEFT JOIN grid_assignments a ON a.worker_id = w.id AND a.role = 'primary'
         AND a.end_date IS NULL AND a.deleted_at IS NULL
    LEFT JOIN grids g ON g.id = a.grid_id"""


def get(store: Store, worker_id: str):
    return store.conn.execute("SELECT * FROM workers WHERE id = ? AND deleted_at IS NULL",
                              (worker_id,)).fetchone()


def by_id_number(store: Store, village_id: str, id_number: str):
    return store.conn.execute("SELECT * FROM workers WHERE village_id = ? AND id_number = ?"
                              " AND deleted_at IS NULL", (village_id, id_number)).fetchone()


def active_with_grid(store: Store, village_id: str) -> list:
    """Active workers with their current primary grid (if any), by grid code then name."""
    return store.query(f"""
        SELECT w.id, w.name, g.id AS grid_id, COALESCE(g.name, '') AS grid_name
        FROM workers w {_CURRENT_PRIMARY}
        WHERE w.village_id = ? AND w.deleted_at IS NULL AND w.status = 'active'
        ORDER BY g.code IS NULL, g.code, w.name""", (village_id,))


def roster(store: Store, village_id: VillageIds, search: str = "", status: str = "", source: str = "",
           party: int | None = None) -> list:
    """The roster rows the page shows, filtered in SQL."""
    like = f"%{search}%"
    return store.query(f"""
        SELECT w.id, w.name, w.sex, w.birth_date, w.id_number, w.phone, w.party_member, w.source,
               w.education, w.appointed_on, w.status, w.status_reason, w.notes,
               g.id AS grid_id, COALESCE(g.name, '') AS grid_name,
               EXISTS (SELECT 1 FROM reserve_cadres r WHERE r.worker_id = w.id AND r.left_on IS NULL
                       AND r.deleted_at IS NULL) AS reserve,
               (SELECT vl.name FROM villages vl WHERE vl.id = w.village_id) AS village_name
        FROM workers w {_CURRENT_PRIMARY}
        WHERE w.village_id IN (SELECT value FROM json_each(:v)) AND w.deleted_at IS NULL
          AND (:s = '' OR w.name LIKE :like OR w.phone LIKE :like OR g.name LIKE :like)
          AND (:status = '' OR w.status = :status)
          AND (:source = '' OR w.source = :source)
          AND (:party IS NULL OR w.party_member = :party)
        ORDER BY w.status != 'active', (SELECT vl.code FROM villages vl WHERE vl.id = w.village_id), g.code IS NULL,
                 g.code, w.name""",
        {"v": ids_param(village_id), "s": search, "like": like, "status": status, "source": source, "party": party})


def counts_by_village(store: Store, village_id: VillageIds) -> dict[str, dict]:
    """village id -> its active workers: total, party members, and by source (a village with none is missing)."""
    return {r["village_id"]: {k: r[k] for k in ("active", "party", "cadre", "auxiliary", "volunteer")}
            for r in store.query("""
        SELECT village_id, count(*) AS active, COALESCE(SUM(party_member), 0) AS party,
               COALESCE(SUM(source = 'cadre'), 0) AS cadre,
               COALESCE(SUM(source = 'auxiliary'), 0) AS auxiliary,
               COALESCE(SUM(source = 'volunteer'), 0) AS volunteer
        FROM workers WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND status = 'active'
        GROUP BY village_id""", (ids_param(village_id),))}
