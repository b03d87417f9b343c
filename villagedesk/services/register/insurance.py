"""The insurance drive (医保参保): enrolment per resident and year, rates per grid, the not-enrolled list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.categories import INSURANCE_STATUSES, validate_year
from villagedesk.domain.register.household import address
from villagedesk.domain.register.resident import RESIDENCE_STATUSES, age_on
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services import village
from villagedesk.services.access import authorize, visible_grids
from villagedesk.services.personal_files import audited
from villagedesk.services.scope import village_ids
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.register import households as household_repo
from villagedesk.store.register import insurance as repo


@dataclass(frozen=True)
class GridEnrolment:
    grid_id: str | None
    grid_name: str
    worker: str
    residents: int
    enrolled: int
    exempt: int

    @property
    def not_enrolled(self) -> int:
        return self.residents - self.enrolled - self.exempt

    @property
    def rate(self) -> float | None:
        """Enrolled among those who should enrol (the exempt are not counted); None when nobody should."""
        due = self.residents - self.exempt
        return round(self.enrolled / due, 4) if due else None


@dataclass(frozen=True)
class EnrolmentSummary:
    year: int
    grids: list[GridEnrolment]
    total: GridEnrolment


@dataclass(frozen=True)
class NotEnrolledPerson:
    resident_id: str
    name: str
    sex: str
    age: int
    id_masked: str
    phone: str
    address: str
    head_name: str
    residence: str
    marked: bool  # True: recorded as not enrolled; False: nothing recorded for the year yet


@dataclass(frozen=True)
class NotEnrolledGrid:
    grid_id: str
    grid_name: str
    worker: str
    people: list[NotEnrolledPerson]


def enrolment_summary(store: Store, year: int, village_id: VillageIds | None = None) -> EnrolmentSummary:
    village_id = village_id or village_ids(store)
    grids = [GridEnrolment(r["id"], r["name"], r["worker"] or "", r["residents"], r["enrolled"] or 0, r["exempt"] or 0)
             for r in repo.per_grid(store, village_id, year)]
    total = GridEnrolment(None, "全村合计", "", sum(g.residents for g in grids), sum(g.enrolled for g in grids),
                          sum(g.exempt for g in grids))
    return EnrolmentSummary(year, grids, total)


def not_enrolled(store: Store, actor: Actor, year: int, grid_id: str | None = None, today: dt.date | None = None,
                 scope: Scope | None = None) -> list[NotEnrolledGrid]:
    """Residents not yet enrolled for `year`, grouped by grid in address order; a worker sees their own grids."""
    visible = visible_grids(store, actor)
    if grid_id is not None:
        authorize(store, actor, Action.VIEW_REGISTER, [grid_id])
    today = today or clock.today()
    groups: dict[str, NotEnrolledGrid] = {}
    for r in repo.not_enrolled(store, village_ids(store, scope), year, grid_id):
        if visible is not None and r["grid_id"] not in visible:
            continue
        group = groups.setdefault(r["grid_id"], NotEnrolledGrid(r["grid_id"], r["grid_name"], r["worker"] or "", []))
        group.people.append(NotEnrolledPerson(
            r["id"], r["name"], r["sex"], age_on(r["birth_date"], today), mask_identity(r["id_number"]),
            mask_phone(r["phone"] or r["household_phone"]), address(r["hamlet"], r["group_name"], r["house_number"]),
            r["head_name"], RESIDENCE_STATUSES[r["residence_status"]], r["status"] == "not_enrolled"))
    return list(groups.values())


@writes
def set_enrolment(store: Store, actor: Actor, resident_ids: list[str] | str, year: int | str, status: str,
                  on: dt.date | None = None) -> int:
    """Record enrolled / not enrolled / exempt for one or many residents for a year; returns how many changed."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    ids = [resident_ids] if isinstance(resident_ids, str) else list(resident_ids)
    year = validate_year(year)
    if status not in INSURANCE_STATUSES:
        raise ValidationError("参保情况", f"“{status}”不是有效的参保情况")
    if not ids:
        raise ValidationError("居民", "请至少选择一位居民")
    names = {}
    for rid in ids:
        r = household_repo.resident(store, rid)
        if r is None:
            raise NotFoundError("找不到该居民（可能已被作废）")
        names[rid] = r["name"]
    day = parse_past_date(on or clock.today(), "登记日期").isoformat()
    changed = 0
    with store.transaction():
        existing = repo.existing(store, ids, year)
        for rid in ids:
            if rid in existing:
                row_id, old = existing[rid]
                if old == status:
                    continue
                store.update("insurance_enrolments", row_id, {"status": status, "recorded_on": day}, actor,
                             "登记医保参保", f"{names[rid]} {year} 年：{INSURANCE_STATUSES[status]}")
            else:
                store.insert("insurance_enrolments", {"resident_id": rid, "year": year, "status": status,
                                                      "recorded_on": day}, actor, "登记医保参保",
                             f"{names[rid]} {year} 年：{INSURANCE_STATUSES[status]}")
            changed += 1
    return changed


def write_not_enrolled_pdf(store: Store, actor: Actor, year: int, path: str | Path, grid_id: str | None = None,
                           job=None) -> Path:
    """The list a worker carries from door to door: residents not yet enrolled, one section per grid.

    It prints names, ages, masked numbers and addresses, so the print is in the audit trail."""
    who = authorize(store, actor, Action.VIEW_REGISTER)
    unit = village.unit_name(store)
    groups = not_enrolled(store, who, year, grid_id)
    summary = enrolment_summary(store, year)
    from villagedesk.reports import register_insurance as report  # not at the top: stats imports this module

    written = report.write_not_enrolled_pdf(path, unit, year, groups, summary)
    return audited(store, who, "未参保名单", written, f"{year} 年 {sum(len(g.people) for g in groups)} 人")


def write_summary(store: Store, year: int, path: str | Path, fmt: str = "xlsx", job=None) -> Path:
    unit = village.unit_name(store)
    from villagedesk.reports import register_insurance as report

    table = report.summary_table(unit, enrolment_summary(store, year))
    return report.render(table, path, fmt)
