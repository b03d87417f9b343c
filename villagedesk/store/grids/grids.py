"""Repository of grids with their household and resident counts (from the register, else as entered)."""

from __future__ import annotations

from villagedesk.store.connection import Store

# Counts come from the register once a grid has households; until then, the figures typed by hand.
_COUNTS = """
    LEFT JOIN (SELECT h.grid_id, count(*) AS n FROM households h
               WHERE h.deleted_at IS NULL AND h.status = 'active' GROUP BY h.grid_id) hh ON hh.grid_id = g.id
    LEFT JOIN (SELECT h.grid_id, count(*) AS n FROM residents r JOIN households h ON h.id = r.household_id
               WHERE r.deleted_at IS NULL AND h.deleted_at IS NULL AND h.status = 'active'
                 AND r.residence_status IN ('living', 'working_away') GROUP BY h.grid_id) rr ON rr.grid_id = g.id"""
# Per shown grid (correlated, so a filtered table counts only the grids it shows).
_HOUSEHOLDS = """(SELECT count(*) FROM households h WHERE h.grid_id = g.id AND h.deleted_at IS NULL
                   AND h.status = 'active')"""
_RESIDENTS = """(SELECT count(*) FROM households h JOIN residents r ON r.household_id = h.id
                  WHERE h.grid_id = g.id AND h.deleted_at IS NULL AND h.status = 'active'
                    AND r.deleted_at IS NULL AND r.residence_status IN ('living', 'working_away'))"""
_SELECT = f"""
    SELECT g.id, g.code, g.name, g.natural_unit, g.area_km2, g.bounds, g.notes, g.status, g.retired_on,
           g.retired_reason, g.manual_households, g.manual_residents,
           {_HOUSEHOLDS} AS register_households, {_RESIDENTS} AS register_residents,
           a.worker_id, COALESCE(w.name, '') AS worker_name, a.start_date AS worker_since
    FROM grids g
    LEFT JOIN grid_assignments a ON a.grid_id = g.id AND a.role = 'primary' AND a.end_date IS NULL
         AND a.deleted_at IS NULL
    LEFT JOIN workers w ON w.id = a.worker_id"""


def get(store: Store, grid_id: str):
    return store.conn.execute(f"{_SELECT} WHERE g.id = ? AND g.deleted_at IS NULL", (grid_id,)).fetchone()


def by_code(store: Store, village_id: str, code: str):
    return store.conn.execute("SELECT * FROM grids WHERE village_id = ? AND code = ? AND deleted_at IS NULL",
                              (village_id, code)).fetchone()


def by_name(store: Store, village_id: str, name: str):
    return store.conn.execute("SELECT * FROM grids WHERE village_id = ? AND name = ? AND deleted_at IS NULL"
                              " AND status = 'active'", (village_id, name)).fetchone()


def table(store: Store, village_id: str, search: str = "", unit: str = "", status: str = "active",
          vacant_only: bool = False) -> list:
    """The grid table rows, filtered in SQL, by code."""
    like = f"%{search}%"
    return store.query(f"""{_SELECT}
        WHERE g.village_id = :v AND g.deleted_at IS NULL
          AND (:s = '' OR g.name LIKE :like OR g.code LIKE :like OR g.bounds LIKE :like
               OR w.name LIKE :like)
          AND (:unit = '' OR g.natural_unit = :unit)
          AND (:status = '' OR g.status = :status)
          AND (:vacant = 0 OR (g.status = 'active' AND a.id IS NULL))
        ORDER BY g.status != 'active', g.code""",
        {"v": village_id, "s": search, "like": like, "unit": unit, "status": status,
         "vacant": int(vacant_only)})


def residents_by_grid(store: Store, village_id: str) -> dict[str, int | None]:
    """Each grid's resident count as the payroll uses it (register, else typed by hand)."""
    rows = store.query(f"""
        SELECT g.id, CASE WHEN hh.n IS NOT NULL THEN COALESCE(rr.n, 0) ELSE g.manual_residents END AS residents
        FROM grids g {_COUNTS} WHERE g.village_id = ? AND g.deleted_at IS NULL""", (village_id,))
    return {r["id"]: r["residents"] for r in rows}


def area_summary(store: Store, village_id: str) -> dict:
    row = store.conn.execute("""
        SELECT count(*) AS n, COALESCE(SUM(area_km2), 0) AS total, count(area_km2) AS with_area
        FROM grids WHERE village_id = ? AND deleted_at IS NULL AND status = 'active'""",
        (village_id,)).fetchone()
    return dict(row)


def vacant(store: Store, village_id: str) -> list:
    """Active grids with no primary worker now, with who left last and why."""
    return store.query("""
        SELECT g.id, g.code, g.name,
               (SELECT w.name || '|' || a.end_date || '|' || a.reason FROM grid_assignments a
                  JOIN workers w ON w.id = a.worker_id
                 WHERE a.grid_id = g.id AND a.role = 'primary' AND a.deleted_at IS NULL
                 ORDER BY a.end_date DESC LIMIT 1) AS last
        FROM grids g
        WHERE g.village_id = ? AND g.deleted_at IS NULL AND g.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM grid_assignments a WHERE a.grid_id = g.id AND a.role = 'primary'
                          AND a.end_date IS NULL AND a.deleted_at IS NULL)
        ORDER BY g.code""", (village_id,))


def next_code(store: Store, village_id: str) -> str:
    codes = [r[0] for r in store.query("SELECT code FROM grids WHERE village_id = ? AND deleted_at IS NULL",
                                       (village_id,))]
    numbers = [int(c) for c in codes if c.isdigit()]
    width = max((len(c) for c in codes if c.isdigit()), default=2)
    return f"{(max(numbers) + 1) if numbers else 1:0{width}d}"
