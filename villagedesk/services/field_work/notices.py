"""Notice campaigns (政策宣传): issue to grids, mark households reached one by one or a grid at once, coverage.

Coverage and notice_coverage_hours_median are defined in villagedesk.domain.field_work.notices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.field_work import notices as rules
from villagedesk.domain.field_work.text import choice
from villagedesk.domain.field_work.times import (
    fmt_time,
    hours_between,
    parse_minute,
    to_minute,
)
from villagedesk.domain.field_work.visits import WAYS
from villagedesk.domain.ids import new_id
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.domain.scope import Scope
from villagedesk.reports import unreached
from villagedesk.services.access import authorize
from villagedesk.services.field_work.people import (
    require_grid,
    require_household,
    require_worker,
    village_of_grid,
)
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.scope import village_ids
from villagedesk.services.village import unit_name
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.field_work import notices as repo
from villagedesk.store.field_work import people


def reach_rate(reached: int, target: int) -> float:
    """Share of target households reached; a notice with no target household counts as fully covered."""
    return 1.0 if target == 0 else reached / target


@dataclass(frozen=True)
class GridCoverage:
    grid_id: str
    grid_name: str
    target: int
    reached: int

    @property
    def rate(self) -> float:
        return reach_rate(self.reached, self.target)


@dataclass(frozen=True)
class Coverage:
    notice_id: str
    title: str
    urgency: str
    source: str
    issued_at: str
    covered_at: str | None
    grids: list[GridCoverage]

    @property
    def target(self) -> int:
        return sum(g.target for g in self.grids)

    @property
    def reached(self) -> int:
        return sum(g.reached for g in self.grids)

    @property
    def rate(self) -> float:
        return reach_rate(self.reached, self.target)

    @property
    def hours(self) -> float | None:
        return None if self.covered_at is None else round(hours_between(self.issued_at, self.covered_at), 2)

    @property
    def text(self) -> str:
        return f"{self.reached}/{self.target} 户（{self.rate:.1%}）"


@dataclass(frozen=True)
class NoticeLine:
    id: str
    title: str
    urgency: str
    source: str
    issued_at: str
    covered_at: str | None
    target: int
    reached: int
    grid_names: str

    @property
    def rate(self) -> float:
        return reach_rate(self.reached, self.target)

    @property
    def hours(self) -> float | None:
        return None if self.covered_at is None else round(hours_between(self.issued_at, self.covered_at), 2)


@dataclass(frozen=True)
class HouseholdReach:
    household_id: str
    label: str
    head_name: str
    phone: str
    way: str | None
    reached_at: str | None


@writes
def issue_notice(store: Store, actor: Actor, draft: rules.NoticeDraft, now: dt.datetime | None = None) -> str:
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    draft = rules.clean_notice(draft, now)
    with store.transaction():  # the grids checked inside the write lock
        village_id = village_of_grid(store, next(iter(draft.grid_ids), None), "宣传网格")  # every grid of one village
        for g in draft.grid_ids:
            require_grid(store, g, village_id, "宣传网格")
        notice_id = store.insert("notices", {
            "village_id": village_id, "title": draft.title, "body": draft.body, "urgency": draft.urgency,
            "issued_at": to_minute(draft.issued_at), "source": draft.source}, actor, "下发宣传通知",
            f"{draft.title}（{len(draft.grid_ids)} 个网格）")
        for g in draft.grid_ids:
            store.insert("notice_grids", {"notice_id": notice_id, "grid_id": g}, actor, "宣传网格")
    return notice_id


@writes
def mark_reached(store: Store, actor: Actor, notice_id: str, household_id: str, way: str,
                 reached_at: dt.datetime, worker_id: str | None = None,
                 now: dt.datetime | None = None) -> Coverage:
    """One household reached; refused if it was already reached for this notice."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    way = choice(way, WAYS, "送达方式")
    with store.transaction():  # "already reached" read inside the write lock: two desks cannot both mark it
        notice = _require(store, notice_id)
        at = rules.check_reach_time(reached_at, parse_minute(notice["issued_at"]), now)
        household = require_household(store, household_id, notice["village_id"])
        if not repo.is_target_grid(store, notice_id, household["grid_id"]):
            raise ValidationError("农户", f"“{household['label']}”所在的“{household['grid_name']}”网格不在本通知的宣传范围内")
        earlier = repo.reach(store, notice_id, household_id)
        if earlier is not None:
            raise ConflictError(f"“{household['label']}”已于 {fmt_time(earlier['reached_at'])}"
                                f"（{WAYS[earlier['way']]}）送达过本通知，不能重复标记。")
        worker_id = _worker_for(store, notice["village_id"], household["grid_id"], worker_id, at)
        store.insert("notice_reaches", {"notice_id": notice_id, "household_id": household_id,
                                        "grid_id": household["grid_id"], "way": way, "reached_at": to_minute(at),
                                        "worker_id": worker_id}, actor, "标记宣传送达", household["label"])
        return _settle_coverage(store, actor, notice_id)


@writes
def mark_grid_reached(store: Store, actor: Actor, notice_id: str, grid_id: str, way: str,
                      reached_at: dt.datetime, worker_id: str | None = None,
                      now: dt.datetime | None = None) -> tuple[int, Coverage]:
    """Every household of the grid not yet reached, at once; returns how many were marked."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    way = choice(way, WAYS, "送达方式")
    with store.transaction():  # the households not yet reached read inside the write lock
        notice = _require(store, notice_id)
        at = rules.check_reach_time(reached_at, parse_minute(notice["issued_at"]), now)
        grid = require_grid(store, grid_id, notice["village_id"])
        if not repo.is_target_grid(store, notice_id, grid_id):
            raise ValidationError("网格", f"“{grid['name']}”不在本通知的宣传范围内")
        todo = repo.households(store, notice_id, grid_id, unreached_only=True)
        if not todo:
            raise ConflictError(f"“{grid['name']}”的农户已全部送达，无需再标记。")
        worker_id = _worker_for(store, notice["village_id"], grid_id, worker_id, at)
        rows = [{"id": new_id(), "notice_id": notice_id, "household_id": h["id"], "grid_id": grid_id, "way": way,
                 "reached_at": to_minute(at), "worker_id": worker_id} for h in todo]
        store.insert_many("notice_reaches", rows, actor)
        # the audit names the first row written, so the marking can be found and undone the same day
        store.audit(actor, "整网格标记宣传送达", "notice_reaches", rows[0]["id"],
                    f"{notice['title']}：{grid['name']} {len(rows)} 户")
        return len(rows), _settle_coverage(store, actor, notice_id)


@writes
def undo_grid_marking(store: Store, actor: Actor, notice_id: str, grid_id: str) -> tuple[int, Coverage]:
    """Take back the grid's last whole-grid marking, on the day it was entered; returns how many reaches it removes.

    Households marked one by one stay reached; a notice it had covered is not covered any more."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    with store.transaction():
        notice = _require(store, notice_id)
        grid = require_grid(store, grid_id, notice["village_id"])
        last = repo.last_grid_marking(store, notice_id, grid_id)
        if last is None:
            raise ConflictError(f"“{grid['name']}”没有可撤销的整网格标记。")
        if last["created_at"][:10] != clock.today().isoformat():
            raise ConflictError(f"“{grid['name']}”的整网格标记是 {last['created_at'][:10]} 登记的，只能在登记当天撤销；"
                                "如有误，请逐户核实后处理。")
        ids = repo.marking_rows(store, notice_id, grid_id, last["created_at"], last["origin"])
        for reach_id in ids:
            store.tombstone("notice_reaches", reach_id, actor, "撤销宣传送达")
        if notice["covered_at"] is not None:
            store.update("notices", notice_id, {"covered_at": None}, actor, "撤销宣传全覆盖", notice["title"])
        store.audit(actor, "撤销整网格标记", "notices", notice_id, f"{grid['name']} {len(ids)} 户")
        return len(ids), coverage(store, notice_id)


def _worker_for(store: Store, village_id: str, grid_id: str, worker_id: str | None, at: dt.datetime) -> str | None:
    if worker_id:
        return require_worker(store, worker_id, village_id, "送达人")["id"]
    row = people.primary_worker_on(store, grid_id, at.date().isoformat())
    return row["id"] if row else None


def _settle_coverage(store: Store, actor: Actor, notice_id: str) -> Coverage:
    """Inside the caller's transaction: once every household is reached, covered_at is the last reach time."""
    cov = coverage(store, notice_id)
    if cov.covered_at is None and cov.target > 0 and cov.reached >= cov.target:
        last = repo.latest_reach(store, notice_id)
        store.update("notices", notice_id, {"covered_at": last}, actor, "宣传全覆盖", f"{cov.title} {fmt_time(last)}")
        cov = coverage(store, notice_id)
    return cov


def settle_open_notices(store: Store, actor: Actor, village_id: str) -> None:
    """Inside the caller's transaction: a target household left the register or its grid, so an open notice
    whose households still counted are all reached is covered now (at its last reach)."""
    for notice_id in repo.open_notices(store, village_id):
        _settle_coverage(store, actor, notice_id)


def coverage(store: Store, notice_id: str) -> Coverage:
    n = _require(store, notice_id)
    grids = [GridCoverage(g["grid_id"], g["grid_name"], g["target"], g["reached"])
             for g in repo.grid_coverage(store, notice_id)]
    return Coverage(n["id"], n["title"], n["urgency"], n["source"], n["issued_at"], n["covered_at"], grids)


def list_notices(store: Store, period: Period | None = None, uncovered_only: bool = False,
                 limit: int = 500, scope: Scope | None = None) -> list[NoticeLine]:
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    return [NoticeLine(r["id"], r["title"], r["urgency"], r["source"], r["issued_at"], r["covered_at"], r["target"],
                       r["reached"], r["grid_names"] or "")
            for r in repo.list_notices(store, village_ids(store, scope), start, end, uncovered_only, limit)]


def households(store: Store, actor: Actor, notice_id: str, grid_id: str,
               unreached_only: bool = False) -> list[HouseholdReach]:
    """One grid's households and whether the notice reached them (phones masked), for a user who may see that grid."""
    _require(store, notice_id)
    authorize(store, actor, Action.VIEW_REGISTER, [grid_id])
    return [HouseholdReach(h["id"], h["label"], h["head_name"], mask_phone(h["phone"]), h["way"], h["reached_at"])
            for h in repo.households(store, notice_id, grid_id, unreached_only)]


def export_unreached(store: Store, actor: Actor, notice_id: str, path: str | Path, fmt: str = "pdf",
                     grid_id: str | None = None) -> Path:
    """The households still to reach, for the worker to take along (written and audited for the acting user)."""
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError("导出格式", "应为 xlsx 或 pdf")
    who = may_write(store, actor, "未送达名单", None if grid_id is None else [grid_id])
    cov = coverage(store, notice_id)
    lines = []
    for g in cov.grids:
        if grid_id and g.grid_id != grid_id:
            continue
        for h in repo.households(store, notice_id, g.grid_id, unreached_only=True):
            house = h["label"].rsplit(" ", 1)[0] if h["head_name"] else h["label"]
            lines.append(unreached.UnreachedLine(g.grid_name, house, h["head_name"], mask_phone(h["phone"])))
    unit = unit_name(store)
    table = unreached.build_table(cov.title, fmt_time(cov.issued_at), lines, unit, cov.text)
    # Imported here: openpyxl with reportlab cost 0.1 s to every CLI start that imports this module (households do).
    from villagedesk.reports.excel import write_xlsx
    from villagedesk.reports.pdf import write_pdf

    out = write_xlsx(table, path) if fmt == "xlsx" else write_pdf(table, path)
    return audited(store, who, "未送达名单", out, f"{cov.title} {len(lines)} 户")


def _require(store: Store, notice_id: str):
    row = repo.notice(store, notice_id)
    if row is None:
        raise NotFoundError("该宣传通知不存在或已作废。")
    return row
