"""Stipend settings: the tier table versions, emergency subsidy rates, and emergency days entered by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import month_bounds, month_label, parse_date
from villagedesk.domain.grids.stipend import EMERGENCY_KINDS, Tier, validate_rate, validate_tiers, yuan
from villagedesk.domain.permissions import Action
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize, refuse
from villagedesk.services.grids.workers import stored_worker
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import payroll as payroll_repo
from villagedesk.store.grids import stipends as repo


@dataclass(frozen=True)
class TierTable:
    id: str
    effective_from: str  # the first day of the month it applies from
    tiers: list[Tier]
    notes: str
    source: str = "village"  # or "township": set there, sent down in its package, not changed here

    @property
    def month(self) -> str:
        return self.effective_from[:7]

    @property
    def source_label(self) -> str:
        return "乡镇下发" if self.source == "township" else "本村设置"


@dataclass(frozen=True)
class Rate:
    id: str
    kind: str
    effective_from: str
    rate_fen: int

    @property
    def kind_label(self) -> str:
        return EMERGENCY_KINDS[self.kind]


@dataclass(frozen=True)
class ServiceDay:
    id: str
    worker_id: str
    worker_name: str
    day: str
    kind: str
    source: str
    notes: str
    paid_in: str | None  # the locked month that paid it

    @property
    def kind_label(self) -> str:
        return EMERGENCY_KINDS[self.kind]

    @property
    def source_label(self) -> str:
        return "突发事件记录" if self.source == "emergency" else "手工录入"


def _table(store: Store, row) -> TierTable:
    tiers = [Tier(t["min_residents"], t["max_residents"], t["amount_fen"]) for t in repo.tiers(store, row["id"])]
    return TierTable(row["id"], row["effective_from"], tiers, row["notes"], row["source"])


def tier_tables(store: Store) -> list[TierTable]:
    """Every version, newest first."""
    return [_table(store, r) for r in repo.tier_tables(store, home_village_id(store))]


def tier_table_on(store: Store, day: dt.date, village_id: str | None = None) -> TierTable | None:
    """The version in force on `day` in the home village (or `village_id`): the township's from its month on."""
    row = repo.tier_table_on(store, village_id or home_village_id(store), day.isoformat())
    return None if row is None else _table(store, row)


def township_from(store: Store) -> str | None:
    """The month from which the township's tier table is in force here (None: the village sets its own)."""
    first = repo.first_township_month(store, home_village_id(store))
    return None if first is None else first[:7]


def _refuse_before_locked(store: Store, village_id: str, month: str, field: str) -> None:
    locked = payroll_repo.last_locked_month(store, village_id)
    if locked and month <= locked:
        raise ValidationError(field, f"{month} 不晚于已锁定的 {locked} 发放表，已发放的月份不能改标准；"
                                     f"请从 {_next_month(locked)} 起生效")


def _next_month(month: str) -> str:
    return month_bounds(month)[1].isoformat()[:7]


@writes
def save_tier_table(store: Store, actor: Actor, effective_month: object,
                    rows: list[tuple[object, object, object]], notes: object = "") -> str:
    """Save a tier table effective from a month: a new version, or a correction of a version not yet used."""
    actor = authorize(store, actor, Action.SET_STIPENDS)
    month = month_label(effective_month, "生效月份")
    tiers = validate_tiers(rows)
    village_id = home_village_id(store)
    township = township_from(store)
    if township is not None and month >= township:
        raise refuse(store, actor, f"阶梯补贴标准自 {township} 起由乡镇下发（随同步包），本村不能修改或另设"
                                   f"{month} 起的标准；如有异议请与乡镇联系。", Action.SET_STIPENDS)
    _refuse_before_locked(store, village_id, month, "生效月份")
    start = f"{month}-01"
    same = repo.tier_table_from(store, village_id, start)
    text = clean_text(notes)
    summary = "；".join(t.label for t in tiers)
    with store.transaction():
        if same is None:
            table_id = store.insert("stipend_tier_tables", {"village_id": village_id, "effective_from": start,
                                                            "notes": text}, actor, "设置阶梯补贴标准",
                                    f"{month} 起：{summary}")
        else:
            table_id = same["id"]
            store.update("stipend_tier_tables", table_id, {"notes": text}, actor, "修改阶梯补贴标准",
                         f"{month} 起：{summary}")
            for old in repo.tiers(store, table_id):
                store.tombstone("stipend_tiers", old["id"], actor, "修改阶梯补贴标准")
        for t in tiers:
            store.insert("stipend_tiers", {"table_id": table_id, "min_residents": t.min_residents,
                                           "max_residents": t.max_residents, "amount_fen": t.amount_fen},
                         actor, "设置阶梯补贴标准", t.label)
    return table_id


def rates(store: Store) -> list[Rate]:
    return [Rate(r["id"], r["kind"], r["effective_from"], r["rate_fen"])
            for r in repo.rates(store, home_village_id(store))]


def current_rates(store: Store, on: dt.date | None = None) -> dict[str, Rate]:
    """The rate of each kind in effect on a day (default today)."""
    day = (on or clock.today()).isoformat()
    out: dict[str, Rate] = {}
    for r in rates(store):  # newest first within a kind
        if r.effective_from <= day and r.kind not in out:
            out[r.kind] = r
    return out


@writes
def set_subsidy_rate(store: Store, actor: Actor, kind: str, amount: object, effective_from: object) -> str:
    """Set the yuan-per-day rate of a kind of emergency work from a date (50–80 yuan)."""
    actor = authorize(store, actor, Action.SET_STIPENDS)
    fen = validate_rate(kind, amount)
    start = parse_date(effective_from, "生效日期")
    village_id = home_village_id(store)
    used = repo.rate_used_in_locked(store, village_id, kind, start.isoformat())
    if used:
        raise ValidationError("生效日期", f"{start.isoformat()} 之后的{EMERGENCY_KINDS[kind]}补助已在锁定的 {used} "
                                        "发放表中按原标准发放，请把生效日期定在其后")
    same = repo.rate_from(store, village_id, kind, start.isoformat())
    label = f"{EMERGENCY_KINDS[kind]} {yuan(fen)} 元/天，{start.isoformat()} 起"
    with store.transaction():
        if same is not None:
            store.update("subsidy_rates", same["id"], {"rate_fen": fen}, actor, "修改临时补助标准", label)
            return same["id"]
        return store.insert("subsidy_rates", {"village_id": village_id, "kind": kind,
                                              "effective_from": start.isoformat(), "rate_fen": fen},
                            actor, "设置临时补助标准", label)


def service_days(store: Store, month: str) -> list[ServiceDay]:
    start, end = month_bounds(month_label(month))
    return [ServiceDay(r["id"], r["worker_id"], r["worker_name"], r["day"], r["kind"], r["source"], r["notes"],
                       r["paid_in"])
            for r in repo.service_days(store, home_village_id(store), start.isoformat(), end.isoformat())]


@writes
def add_service_day(store: Store, actor: Actor, worker_id: str, day: object, kind: str, notes: object = "",
                    today: dt.date | None = None) -> str:
    """A day of urgent work entered by hand (until the emergencies page records them)."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    worker = stored_worker(store, worker_id)
    when = parse_date(day, "服务日期")
    if when > (today or clock.today()):
        raise ValidationError("服务日期", f"{when.isoformat()} 晚于今天")
    if kind not in EMERGENCY_KINDS:
        raise ValidationError("紧急工作类别", "请选择：" + "、".join(EMERGENCY_KINDS.values()))
    if repo.service_day_of(store, worker_id, when.isoformat()) is not None:
        raise ValidationError("服务日期", f"{worker['name']} {when.isoformat()} 已登记过临时补助，同一天只计一次")
    with store.transaction():
        return store.insert("emergency_service_days", {"worker_id": worker_id, "day": when.isoformat(),
                                                       "kind": kind, "source": "manual",
                                                       "notes": clean_text(notes)},
                            actor, "登记临时补助天数", f"{worker['name']} {when.isoformat()} {EMERGENCY_KINDS[kind]}")


@writes
def remove_service_day(store: Store, actor: Actor, day_id: str) -> None:
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    row = repo.service_day(store, day_id)
    if row is None:
        raise NotFoundError("该天的记录不存在或已作废")
    if row["source"] != "manual":
        raise ValidationError("服务日期", "这一天来自突发事件记录，请在“突发事件”页修改")
    paid = repo.locked_paid_month(store, day_id)
    if paid:
        raise ValidationError("发放月份", f"这一天已在锁定的 {paid} 发放表中发放，不能删除；如有错误请在以后月份录入调整")
    with store.transaction():
        store.tombstone("emergency_service_days", day_id, actor, "删除临时补助天数", row["day"])
