"""首页 to-do list: overdue follow-ups, open disputes by age, notices not fully covered, open emergencies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.field_work import disputes as dispute_rules
from villagedesk.domain.field_work import emergencies as emergency_rules
from villagedesk.domain.field_work.times import fmt_time, parse_day, parse_minute
from villagedesk.domain.scope import Scope
from villagedesk.services.access import listing_grids
from villagedesk.services.scope import village_ids
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes, emergencies, follow_ups, notices

# Where each kind of item opens: the page key of the main window.
PAGE_OF = {"follow_up": "visits", "notice": "visits", "dispute": "disputes", "emergency": "emergencies"}
GROUPS = {"follow_up": "逾期未回访", "dispute": "未结矛盾纠纷", "notice": "宣传未全覆盖", "emergency": "处置中的突发事件"}


@dataclass(frozen=True)
class TodoItem:
    kind: str  # follow_up | dispute | notice | emergency
    record_id: str
    title: str
    detail: str
    age_days: int  # how long it has waited: days overdue, open, or since issue/start

    @property
    def page(self) -> str:
        return PAGE_OF[self.kind]


@dataclass
class TodoList:
    items: dict[str, list[TodoItem]] = field(default_factory=lambda: {k: [] for k in GROUPS})

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.items.values())

    def count(self, kind: str) -> int:
        return len(self.items[kind])


def todo_list(store: Store, today: dt.date | None = None, limit: int = 200, scope: Scope | None = None, *,
              actor: Actor) -> TodoList:
    """Each group oldest first (what has waited longest on top), at most `limit` items a group; a worker user's
    follow-ups and disputes are their own grids' (notices and emergencies are the village's, and name no one)."""
    grids = listing_grids(store, actor)
    today = today or clock.today()
    village_id = village_ids(store, scope)
    out = TodoList()
    for r in follow_ups.pending(store, village_id, today.isoformat(), limit=limit, grid_ids=grids,
                                today=today.isoformat()):
        late = (today - parse_day(r["due_on"])).days
        out.items["follow_up"].append(TodoItem(
            "follow_up", r["id"], f"{r['household_label']}（{r['grid_name']}）",
            f"应于 {r['due_on']} 前回访，已逾期 {late} 天；负责人 {r['worker_name']}", late))
    for r in disputes.open_by_age(store, village_id, limit, grids):
        age = (today - parse_day(r["found_on"])).days
        out.items["dispute"].append(TodoItem(
            "dispute", r["id"], f"{r['party_names'] or '（未填当事人）'}：{dispute_rules.KINDS[r['kind']]}",
            f"{r['grid_name']}，{r['found_on']} 发现，已 {age} 天未结", age))
    rows = notices.list_notices(store, village_id, uncovered_only=True, limit=limit)
    for r in sorted(rows, key=lambda r: r["issued_at"]):
        age = (today - parse_minute(r["issued_at"]).date()).days
        rate = 1.0 if not r["target"] else r["reached"] / r["target"]
        out.items["notice"].append(TodoItem(
            "notice", r["id"], r["title"],
            f"{fmt_time(r['issued_at'])} 下发，已送达 {r['reached']}/{r['target']} 户（{rate:.0%}）", age))
    rows = emergencies.list_emergencies(store, village_id, open_only=True, limit=limit)
    for r in sorted(rows, key=lambda r: r["started_at"]):
        age = (today - parse_minute(r["started_at"]).date()).days
        out.items["emergency"].append(TodoItem(
            "emergency", r["id"], f"{emergency_rules.KINDS[r['kind']]}：{r['title']}",
            f"{fmt_time(r['started_at'])} 开始，{r['grid_names'] or ''}；现场指挥 {r['commander_name'] or '未定'}",
            age))
    return out
