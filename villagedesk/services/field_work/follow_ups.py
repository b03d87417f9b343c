"""Follow-ups (二次回访): the configurable deadline, what is owed and overdue, and follow_up_rate.

See villagedesk.domain.field_work.follow_ups for who is owed a follow-up and how the rate is counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.field_work import follow_ups as rules
from villagedesk.domain.field_work.times import parse_day, parse_minute, to_minute
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.access import listing_grids
from villagedesk.services.scope import village_ids
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.field_work import follow_ups as repo
from villagedesk.store.field_work import people
from villagedesk.store.field_work import settings as settings_repo


@dataclass(frozen=True)
class FollowUpLine:
    id: str
    household_id: str
    household_label: str
    grid_name: str
    worker_name: str
    visited_at: str
    findings: str
    due_on: dt.date
    days_overdue: int  # 0 when not yet due


@dataclass(frozen=True)
class Rate:
    on_time: int
    settled: int

    @property
    def value(self) -> float | None:
        return None if self.settled == 0 else round(self.on_time / self.settled, 4)


def follow_up_days(store: Store) -> int:
    value = settings_repo.get(store, rules.SETTING_KEY)
    return int(value) if value else rules.DEFAULT_FOLLOW_UP_DAYS


@writes
def set_follow_up_days(store: Store, actor: Actor, days: object) -> int:
    value = rules.validate_days(days)
    with store.transaction():
        settings_repo.put(store, rules.SETTING_KEY, str(value))
        store.audit(actor, "设置回访期限", "settings", None, f"{value} 天")
    return value


def owe_if_due(store: Store, actor: Actor, visit_id: str, village_id: str, household_id: str, grid_id: str,
               worker_id: str, visited_at: dt.datetime) -> str | None:
    """Inside the caller's transaction: open a follow-up if the household has a key population that day."""
    if not people.has_key_population_on(store, household_id, visited_at.date().isoformat()):
        return None
    due = rules.due_on(visited_at, follow_up_days(store))
    return store.insert("follow_ups", {"village_id": village_id, "visit_id": visit_id, "household_id": household_id,
                                       "grid_id": grid_id, "worker_id": worker_id, "due_on": due.isoformat()},
                        actor, "登记应回访", f"应于 {due.isoformat()} 前回访")


@writes
def settle(store: Store, actor: Actor, follow_up, visit_id: str, visited_at: dt.datetime) -> None:
    """Inside the caller's transaction: mark a follow-up done by this visit (checked to come after)."""
    rules.check_after_visit(visited_at, parse_minute(follow_up["visited_at"]))
    store.update("follow_ups", follow_up["id"], {"done_visit_id": visit_id, "done_at": to_minute(visited_at)},
                 actor, "完成二次回访", f"应回访日 {follow_up['due_on']}")


def pending(store: Store, worker_id: str | None = None, grid_id: str | None = None, overdue_only: bool = False,
            today: dt.date | None = None, limit: int = 500, scope: Scope | None = None, *,
            actor: Actor) -> list[FollowUpLine]:
    """Follow-ups still owed, most overdue first (the worker's list; with overdue_only, 首页's); a worker user
    sees their own grids' only."""
    grids = listing_grids(store, actor, grid_id)
    today = today or clock.today()
    rows = repo.pending(store, village_ids(store, scope), today.isoformat() if overdue_only else None,
                        worker_id, grid_id, limit, grids, today.isoformat())
    return [_line(r, today) for r in rows]


def _line(r, today: dt.date) -> FollowUpLine:
    due = parse_day(r["due_on"])
    return FollowUpLine(r["id"], r["household_id"], r["household_label"], r["grid_name"], r["worker_name"],
                        r["visited_at"], r["findings"], due, max(0, (today - due).days))


def rate(store: Store, period: Period | None, today: dt.date | None = None,
         village_id: VillageIds | None = None,
         worker_id: str | None = None) -> Rate:
    today = today or clock.today()
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    on_time, settled = repo.rate_counts(store, village_id or home_village_id(store), start, end,
                                        today.isoformat(), worker_id)
    return Rate(on_time, settled)
