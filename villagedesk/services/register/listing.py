"""The register's list as the page and the export show it: columns, counted and fetched page by page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.categories import CATEGORIES, INSURANCE_STATUSES
from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.domain.register.household import HOUSEHOLD_STATUSES, address
from villagedesk.domain.register.resident import RESIDENCE_STATUSES, age_on
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.services import access
from villagedesk.services.scope import village_ids
from villagedesk.store.connection import Store
from villagedesk.store.register import listing as repo


@dataclass(frozen=True)
class ListColumn:
    title: str
    kind: str = "text"  # text | int
    width: int = 10


HOUSEHOLD_COLUMNS = (ListColumn("户主", width=8), ListColumn("地址", width=16), ListColumn("网格", width=8),
                     ListColumn("在册人数", "int", 6), ListColumn("联系电话", width=12), ListColumn("状态", width=6),
                     ListColumn("重点人群", width=14))
RESIDENT_COLUMNS = (ListColumn("姓名", width=7), ListColumn("性别", width=4), ListColumn("年龄", "int", 4),
                    ListColumn("身份证号", width=18), ListColumn("与户主关系", width=6), ListColumn("户主", width=7),
                    ListColumn("地址", width=16), ListColumn("网格", width=8), ListColumn("联系电话", width=12),
                    ListColumn("居住状态", width=8), ListColumn("党员", width=4), ListColumn("重点人群", width=12),
                    ListColumn("医保", width=7))


VILLAGE_COLUMN = ListColumn("村", width=7)  # first, when the list covers several villages (a township)


@dataclass(frozen=True)
class ListRow:
    id: str  # household id (households view) or resident id
    household_id: str
    cells: tuple


def columns(view: str, many_villages: bool = False) -> tuple[ListColumn, ...]:
    base = HOUSEHOLD_COLUMNS if view == "households" else RESIDENT_COLUMNS
    return (VILLAGE_COLUMN, *base) if many_villages else base


def shown_columns(store: Store, f: RegisterFilter) -> tuple[ListColumn, ...]:
    """The list's columns for this filter: 村 first when it covers several villages."""
    return columns(f.view, _many(scoped(store, f)))


def _many(f: RegisterFilter) -> bool:
    return isinstance(f.village_id, tuple) and len(f.village_id) > 1


def scoped(store: Store, f: RegisterFilter) -> RegisterFilter:
    """The filter over the scope's villages when the page left them out (a page sets its context's scope's ids)."""
    if f.village_id:
        return f
    return replace(f, village_id=village_ids(store))


def visible(store: Store, f: RegisterFilter, actor: Actor, mask: bool = True) -> RegisterFilter:
    """The filter as the actor may see it: checked against the policy, a worker's own grids only."""
    grids = access.visible_grids(store, actor)
    if not mask:
        access.authorize(store, actor, Action.EXPORT_UNMASKED)
    f = scoped(store, f)
    return f if grids is None else replace(f, grid_ids=tuple(grids))


def count_rows(store: Store, f: RegisterFilter, *, actor: Actor) -> int:
    return repo.count(store, visible(store, f, actor))


def fetch_rows(store: Store, f: RegisterFilter, offset: int, limit: int, today: dt.date | None = None,
               mask: bool = True, *, actor: Actor) -> list[ListRow]:
    """Rows of the list the actor may see; identity numbers and phones masked unless `mask` is False
    (only for a user the policy lets export unmasked lists)."""
    today = today or clock.today()
    f = visible(store, f, actor, mask)
    rows = repo.page(store, f, offset, limit, today.year)
    phone = mask_phone if mask else str
    lead = (lambda r: (r["village_name"],)) if _many(f) else (lambda r: ())
    if f.view == "households":
        return [ListRow(r["id"], r["id"], (*lead(r),
            r["head_name"], address(r["hamlet"], r["group_name"], r["house_number"]), r["grid_name"], r["members"],
            phone(r["phone"]), HOUSEHOLD_STATUSES[r["status"]], _categories(r["categories"]))) for r in rows]
    return [ListRow(r["id"], r["household_id"], (*lead(r),
        r["name"], r["sex"], age_on(r["birth_date"], today),
        mask_identity(r["id_number"]) if mask else r["id_number"], r["relation"], r["head_name"],
        address(r["hamlet"], r["group_name"], r["house_number"]), r["grid_name"], phone(r["phone"]),
        RESIDENCE_STATUSES[r["residence_status"]], "是" if r["party_member"] else "",
        _categories(r["categories"]), INSURANCE_STATUSES.get(r["insurance"], "未登记"))) for r in rows]


def _categories(keys: str | None) -> str:
    return "、".join(CATEGORIES[k] for k in CATEGORIES if k in (keys or "").split(","))
