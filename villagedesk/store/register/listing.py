"""The register's list, page by page: households or residents, filtered by grid, category and status."""

from __future__ import annotations

from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.domain.register.resident import PRESENT_STATUSES
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param

_PRESENT = ", ".join(f"'{s}'" for s in PRESENT_STATUSES)
_CATEGORY_NOW = "c.deleted_at IS NULL AND c.until IS NULL"
_VILLAGE = "(SELECT v.name FROM villages v WHERE v.id = g.village_id) AS village_name"
_HOUSEHOLD_COLUMNS = f"""
    h.id, {_VILLAGE}, h.hamlet, h.group_name, h.house_number, h.phone, h.status, g.name AS grid_name,
    COALESCE(hr.name, '') AS head_name,
    (SELECT count(*) FROM residents m WHERE m.household_id = h.id AND m.deleted_at IS NULL
        AND m.residence_status IN ({_PRESENT})) AS members,
    (SELECT group_concat(DISTINCT c.category) FROM resident_categories c JOIN residents m ON m.id = c.resident_id
      WHERE m.household_id = h.id AND m.deleted_at IS NULL AND {_CATEGORY_NOW}) AS categories"""
_RESIDENT_COLUMNS = f"""
    r.id, {_VILLAGE}, r.household_id, r.name, r.sex, r.birth_date, r.id_number, r.relation, r.phone, r.residence_status,
    r.party_member, h.hamlet, h.group_name, h.house_number, g.name AS grid_name,
    COALESCE(hr.name, '') AS head_name,
    (SELECT group_concat(c.category) FROM resident_categories c WHERE c.resident_id = r.id AND {_CATEGORY_NOW})
        AS categories,
    (SELECT e.status FROM insurance_enrolments e WHERE e.resident_id = r.id AND e.year = :year
        AND e.deleted_at IS NULL) AS insurance"""


def _where(f: RegisterFilter) -> tuple[str, dict]:
    clauses = ["g.village_id IN (SELECT value FROM json_each(:village))", "g.deleted_at IS NULL", "h.deleted_at IS NULL"]
    params: dict = {"village": ids_param(f.village_id)}
    if f.grid_id:
        clauses.append("h.grid_id = :grid")
        params["grid"] = f.grid_id
    if f.grid_ids is not None:
        marks = ", ".join(f":own{i}" for i in range(len(f.grid_ids)))
        clauses.append(f"h.grid_id IN ({marks or 'NULL'})")
        params.update({f"own{i}": v for i, v in enumerate(f.grid_ids)})
    if f.view == "households":
        if f.status:
            clauses.append("h.status = :status")
            params["status"] = f.status
        if f.category:  # uncorrelated, built once; "+" keeps it out of index lookups
            clauses.append(f"""+h.id IN (SELECT m.household_id FROM resident_categories c JOIN residents m ON m.id = c.resident_id
                WHERE m.deleted_at IS NULL AND {_CATEGORY_NOW}
                {'' if f.category == 'any' else 'AND c.category = :category'})""")
    else:
        clauses.append("r.deleted_at IS NULL")
        if f.status == "present":
            clauses.append(f"r.residence_status IN ({_PRESENT}) AND h.status = 'active'")
        elif f.status:
            clauses.append("r.residence_status = :status")
            params["status"] = f.status
        if f.category:
            clauses.append(f"""+r.id IN (SELECT c.resident_id FROM resident_categories c WHERE {_CATEGORY_NOW}
                {'' if f.category == 'any' else 'AND c.category = :category'})""")
    if f.category and f.category != "any":
        params["category"] = f.category
    if f.ids is not None:
        marks = ", ".join(f":id{i}" for i in range(len(f.ids)))
        clauses.append(f"{'h' if f.view == 'households' else 'r'}.id IN ({marks or 'NULL'})")
        params.update({f"id{i}": v for i, v in enumerate(f.ids)})
    return " AND ".join(clauses), params


def _from(f: RegisterFilter, head: bool = True) -> str:
    """The tables of the view; `head` joins the head of household (not needed to count)."""
    # Search hits (ids) drive the query by primary key: CROSS JOIN keeps SQLite from walking the district instead.
    join = "CROSS JOIN" if f.ids is not None else "JOIN"
    tables = f"households h {join} grids g ON g.id = h.grid_id" if f.view == "households" else \
        f"residents r {join} households h ON h.id = r.household_id {join} grids g ON g.id = h.grid_id"
    return tables + (" LEFT JOIN residents hr ON hr.id = h.head_resident_id" if head else "")


def count(store: Store, f: RegisterFilter) -> int:
    where, params = _where(f)
    return store.scalar(f"SELECT count(*) FROM {_from(f, head=False)} WHERE {where}", params)


def page(store: Store, f: RegisterFilter, offset: int, limit: int, year: int) -> list:
    """One page of rows in address order (or in the order of `f.ids`).

    The page's ids are chosen first, sorting only the sort keys; the columns (with their subqueries)
    are then computed for that page alone, which keeps the first page fast at district scale.
    """
    where, params = _where(f)
    key = "h.id" if f.view == "households" else "r.id"
    sort = ["g.code", "h.hamlet", "CAST(h.group_name AS INTEGER)", "h.group_name", "CAST(h.house_number AS INTEGER)",
            "h.house_number"]
    if f.view == "residents":
        sort += ["(r.id <> h.head_resident_id)", "r.birth_date"]
    if f.ids is not None:
        sort = ["CASE " + " ".join(f"WHEN {key} = :id{i} THEN {i}" for i in range(len(f.ids))) + " END"
                if f.ids else "1"]
    keys = ", ".join(f"{expr} AS k{i}" for i, expr in enumerate(sort))
    order = ", ".join(f"p.k{i}" for i in range(len(sort)))
    columns = _HOUSEHOLD_COLUMNS if f.view == "households" else _RESIDENT_COLUMNS
    params.update(year=year, limit=limit, offset=offset)
    return store.query(f"""
        WITH p AS (SELECT {key} AS pid, {keys} FROM {_from(f, head=False)} WHERE {where} ORDER BY {order.replace('p.', '')}
                   LIMIT :limit OFFSET :offset)
        SELECT {columns} FROM p, {_from(f)} WHERE {key} = p.pid ORDER BY {order}""", params)
