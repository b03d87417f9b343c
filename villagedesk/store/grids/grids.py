"""Repository of grids with their household and resident counts (from the register, else as entered)."""

from __future__ import annotations

import weakref

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

_SELECT = """
    SELECT g.id, g.village_id, g.code, g.name, g.natural_unit, g.area_km2, g.bounds, g.notes, g.status, g.retired_on,
           g.retired_reason, g.manual_households, g.manual_residents,
           a.worker_id, COALESCE(w.name, '') AS worker_name, a.start_date AS worker_since,
           v.name AS village_name
    FROM grids g
    JOIN villages v ON v.id = g.village_id
    LEFT JOIN grid_assignments a ON a.grid_id = g.id AND a.role = 'primary' AND a.end_date IS NULL
         AND a.deleted_at IS NULL
    LEFT JOIN workers w ON w.id = a.worker_id"""
_REGISTER_COUNTS = """
    SELECT hh.grid_id, hh.n AS households, COALESCE(rr.n, 0) AS residents
    FROM (SELECT h.grid_id, count(*) AS n FROM households h JOIN grids g ON g.id = h.grid_id
          WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND h.deleted_at IS NULL AND h.status = 'active'
          GROUP BY h.grid_id) hh
    LEFT JOIN (SELECT h.grid_id, count(*) AS n FROM households h JOIN grids g ON g.id = h.grid_id
               JOIN residents r ON r.household_id = h.id
               WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND h.deleted_at IS NULL
                 AND h.status = 'active' AND r.deleted_at IS NULL
                 AND r.residence_status IN ('living', 'working_away') GROUP BY h.grid_id) rr ON rr.grid_id = hh.grid_id"""
# Counting half a million residents takes a second at district scale, so the counts are kept until the
# database changes: this connection's total_changes and SQLite's data_version (other connections) tell.
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def register_counts(store: Store, village_id: VillageIds) -> dict[str, tuple[int, int]]:
    """grid id -> (active households, residents at home or away) from the register, for grids that have any."""
    villages = ids_param(village_id)
    key = (villages, store.conn.total_changes, store.scalar("PRAGMA data_version"))
    hit = _cache.get(store)
    if hit is not None and hit[0] == key:
        return hit[1]
    counts = {r["grid_id"]: (r["households"], r["residents"]) for r in store.query(_REGISTER_COUNTS, {"v": villages})}
    if not store.conn.in_transaction:  # what a transaction has read may yet be rolled back
        _cache[store] = (key, counts)
    return counts


def get(store: Store, grid_id: str):
    return store.conn.execute(f"{_SELECT} WHERE g.id = ? AND g.deleted_at IS NULL", (grid_id,)).fetchone()


def by_code(store: Store, village_id: str, code: str):
    return store.conn.execute("SELECT * FROM grids WHERE village_id = ? AND code = ? AND deleted_at IS NULL",
                              (village_id, code)).fetchone()


def by_name(store: Store, village_id: str, name: str):
    return store.conn.execute("SELECT * FROM grids WHERE village_id = ? AND name = ? AND deleted_at IS NULL"
                              " AND status = 'active'", (village_id, name)).fetchone()


def table(store: Store, village_id: VillageIds, search: str = "", unit: str = "", status: str = "active",
          vacant_only: bool = False) -> list:
    """The grid table rows, filtered in SQL, by code."""
    like = f"%{search}%"
    return store.query(f"""{_SELECT}
        WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND g.deleted_at IS NULL
          AND (:s = '' OR g.name LIKE :like OR g.code LIKE :like OR g.bounds LIKE :like
               OR w.name LIKE :like)
          AND (:unit = '' OR g.natural_unit = :unit)
          AND (:status = '' OR g.status = :status)
          AND (:vacant = 0 OR (g.status = 'active' AND a.id IS NULL))
        ORDER BY g.status != 'active', v.code, g.code""",
        {"v": ids_param(village_id), "s": search, "like": like, "unit": unit, "status": status,
         "vacant": int(vacant_only)})


def residents_by_grid(store: Store, village_id: str) -> dict[str, int | None]:
    """Each grid's 常住人口 as the stipend tier counts it: the register's residents living at home in its active
    households (not those working away, moved out or deceased), else the count typed by hand for the grid."""
    at_home = {r["grid_id"]: r["n"] for r in store.query("""
        SELECT h.grid_id, count(r.id) AS n FROM households h JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL AND r.residence_status = 'living'
        WHERE g.village_id = ? AND h.deleted_at IS NULL AND h.status = 'active' GROUP BY h.grid_id""",
        (village_id,))}
    rows = store.query("SELECT id, manual_residents FROM grids WHERE village_id = ? AND deleted_at IS NULL",
                       (village_id,))
    return {r["id"]: at_home[r["id"]] if r["id"] in at_home else r["manual_residents"] for r in rows}


def area_summary(store: Store, village_id: VillageIds) -> dict:
    row = store.conn.execute("""
        SELECT count(*) AS n, COALESCE(SUM(area_km2), 0) AS total, count(area_km2) AS with_area
        FROM grids WHERE village_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND status = 'active'""",
        (ids_param(village_id),)).fetchone()
    return dict(row)


def vacant(store: Store, village_id: VillageIds) -> list:
    """Active grids with no primary worker now, with who left last and why."""
    return store.query("""
        SELECT g.id, g.code, g.name,
               (SELECT w.name || '|' || a.end_date || '|' || a.reason FROM grid_assignments a
                  JOIN workers w ON w.id = a.worker_id
                 WHERE a.grid_id = g.id AND a.role = 'primary' AND a.deleted_at IS NULL
                 ORDER BY a.end_date DESC LIMIT 1) AS last
        FROM grids g
        WHERE g.village_id IN (SELECT value FROM json_each(?)) AND g.deleted_at IS NULL AND g.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM grid_assignments a WHERE a.grid_id = g.id AND a.role = 'primary'
                          AND a.end_date IS NULL AND a.deleted_at IS NULL)
        ORDER BY g.code""", (ids_param(village_id),))


def resting_holders(store: Store, village_id: VillageIds) -> list:
    """Active grids whose primary worker now is 暂停 (resting): the grid needs a stand-in."""
    return store.query("""
        SELECT g.id, g.name, w.name AS worker_name, w.status_date, w.status_reason
        FROM grids g JOIN grid_assignments a ON a.grid_id = g.id AND a.role = 'primary' AND a.end_date IS NULL
             AND a.deleted_at IS NULL
        JOIN workers w ON w.id = a.worker_id AND w.status = 'resting'
        WHERE g.village_id IN (SELECT value FROM json_each(?)) AND g.deleted_at IS NULL AND g.status = 'active'
        ORDER BY g.code""", (ids_param(village_id),))


def next_code(store: Store, village_id: str) -> str:
    codes = [r[0] for r in store.query("SELECT code FROM grids WHERE village_id = ? AND deleted_at IS NULL",
                                       (village_id,))]
    numbers = [int(c) for c in codes if c.isdigit()]
    width = max((len(c) for c in codes if c.isdigit()), default=2)
    return f"{(max(numbers) + 1) if numbers else 1:0{width}d}"
