"""Grids: create, edit and retire; the searchable table with counts, holders and vacancies; area figures."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.grids.grid import make_grid
from villagedesk.domain.permissions import Action
from villagedesk.domain.scope import Scope
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.scope import village_ids
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import grids as repo


@dataclass(frozen=True)
class GridRow:
    """One line of the grid table."""

    id: str
    code: str
    name: str
    natural_unit: str
    area_km2: float | None
    bounds: str
    notes: str
    status: str
    households: int | None
    residents: int | None
    from_register: bool
    worker_id: str | None
    worker_name: str
    worker_since: str | None
    retired_on: str | None
    manual_households: int | None
    manual_residents: int | None
    village_name: str = ""  # shown at a township, whose table covers several villages

    @property
    def vacant(self) -> bool:
        return self.status == "active" and self.worker_id is None


@dataclass(frozen=True)
class AreaSummary:
    grids: int
    total_km2: float
    mean_km2: float | None  # over grids whose area is known


@dataclass(frozen=True)
class Vacancy:
    grid_id: str
    grid_name: str
    last_worker: str
    since: str
    reason: str


def _row(r, counts: dict[str, tuple[int, int]]) -> GridRow:
    # Counts come from the register once a grid has households; until then, the figures typed by hand.
    registered = r["id"] in counts
    households, residents = counts[r["id"]] if registered else (r["manual_households"], r["manual_residents"])
    return GridRow(r["id"], r["code"], r["name"], r["natural_unit"], r["area_km2"], r["bounds"], r["notes"],
                   r["status"], households, residents, registered, r["worker_id"],
                   r["worker_name"], r["worker_since"], r["retired_on"], r["manual_households"],
                   r["manual_residents"], r["village_name"])


def grid_table(store: Store, search: str = "", unit: str = "", status: str = "active",
               vacant_only: bool = False, scope: Scope | None = None) -> list[GridRow]:
    village_id = village_ids(store, scope)
    counts = repo.register_counts(store, village_id)
    return [_row(r, counts) for r in repo.table(store, village_id, clean_text(search), unit, status, vacant_only)]


def get_grid(store: Store, grid_id: str, scope: Scope | None = None) -> GridRow:
    r = repo.get(store, grid_id)
    if r is None:
        raise NotFoundError("网格：找不到该网格，可能已被作废")
    return _row(r, repo.register_counts(store, village_ids(store, scope)))


def area_summary(store: Store, scope: Scope | None = None) -> AreaSummary:
    s = repo.area_summary(store, village_ids(store, scope))
    mean = round(s["total"] / s["with_area"], 3) if s["with_area"] else None
    return AreaSummary(s["n"], round(s["total"], 3), mean)


def vacancies(store: Store, scope: Scope | None = None) -> list[Vacancy]:
    """Active grids without a primary worker: flagged on the page until someone is appointed."""
    out = []
    for r in repo.vacant(store, village_ids(store, scope)):
        name, since, reason = (r["last"].split("|", 2) if r["last"] else ("", "", "从未任命"))
        out.append(Vacancy(r["id"], r["name"], name, since, reason))
    return out


@dataclass(frozen=True)
class StandIn:
    """A grid whose worker is resting (暂停): someone must stand in until the worker is back in post."""
    grid_id: str
    grid_name: str
    worker_name: str
    since: str
    reason: str


def stand_ins_needed(store: Store, scope: Scope | None = None) -> list[StandIn]:
    return [StandIn(r["id"], r["name"], r["worker_name"], r["status_date"] or "", r["status_reason"] or "")
            for r in repo.resting_holders(store, village_ids(store, scope))]


def next_code(store: Store) -> str:
    return repo.next_code(store, home_village_id(store))


def _check_unique(store: Store, village_id: str, code: str, name: str, grid_id: str | None) -> None:
    same_code = repo.by_code(store, village_id, code)
    if same_code is not None and same_code["id"] != grid_id:
        raise ValidationError("网格编号", f"“{code}”已被“{same_code['name']}”使用")
    same_name = repo.by_name(store, village_id, name)
    if same_name is not None and same_name["id"] != grid_id:
        raise ValidationError("网格名称", f"“{name}”已有同名网格（编号 {same_name['code']}）")


@writes
def create_grid(store: Store, actor: Actor, code: object, name: object, natural_unit: str = "湾",
                area_km2: object = None, bounds: object = "", notes: object = "",
                manual_households: object = None, manual_residents: object = None) -> str:
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    g = make_grid(code, name, natural_unit, area_km2, bounds, notes, manual_households, manual_residents)
    village_id = home_village_id(store)
    _check_unique(store, village_id, g.code, g.name, None)
    with store.transaction():
        return store.insert("grids", {
            "village_id": village_id, "code": g.code, "name": g.name, "natural_unit": g.natural_unit,
            "area_km2": g.area_km2, "bounds": g.bounds, "notes": g.notes, "status": "active",
            "manual_households": g.manual_households, "manual_residents": g.manual_residents},
            actor, "新建网格", f"{g.code} {g.name}")


@writes
def edit_grid(store: Store, actor: Actor, grid_id: str, code: object, name: object, natural_unit: str,
              area_km2: object, bounds: object = "", notes: object = "", manual_households: object = None,
              manual_residents: object = None) -> None:
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    old = get_grid(store, grid_id)
    g = make_grid(code, name, natural_unit, area_km2, bounds, notes, manual_households, manual_residents)
    _check_unique(store, home_village_id(store), g.code, g.name, grid_id)
    with store.transaction():
        store.update("grids", grid_id, {
            "code": g.code, "name": g.name, "natural_unit": g.natural_unit, "area_km2": g.area_km2,
            "bounds": g.bounds, "notes": g.notes, "manual_households": g.manual_households,
            "manual_residents": g.manual_residents}, actor, "修改网格", f"{old.name} → {g.name}")


@writes
def retire_grid(store: Store, actor: Actor, grid_id: str, day: object, reason: object) -> None:
    """Retire a grid (merged, redrawn); refused while households or a worker still belong to it."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    g = get_grid(store, grid_id)
    if g.status != "active":
        raise ValidationError("网格", f"“{g.name}”已经撤销")
    when = parse_past_date(day, "撤销日期")
    why = clean_text(reason)
    if not why:
        raise ValidationError("撤销原因", "不能为空，例如：并入下湾")
    if g.from_register and g.households:
        raise ValidationError("网格", f"“{g.name}”还有 {g.households} 户，请先把农户划到其他网格")
    if g.worker_id is not None:
        raise ValidationError("网格", f"“{g.name}”还有在岗网格员{g.worker_name}，请先轮换或卸任")
    if g.worker_since and when.isoformat() < g.worker_since:
        raise ValidationError("撤销日期", "不能早于最后一任网格员的任职日期")
    with store.transaction():
        store.update("grids", grid_id, {"status": "retired", "retired_on": when.isoformat(),
                                        "retired_reason": why}, actor, "撤销网格", f"{g.name}：{why}")
