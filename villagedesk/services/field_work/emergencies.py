"""Emergencies (突发事件): open with grids and an on-site commander, a timeline, counts, the initial
response outcome, close — and each worker's emergency days written to emergency_service_days
(source 'emergency'), which the stipend payroll reads for the emergency subsidy.

initial_response_success_rate is defined in villagedesk.domain.field_work.emergencies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.field_work import emergencies as rules
from villagedesk.domain.field_work.text import optional_lines
from villagedesk.domain.field_work.times import fmt_day, local_now, parse_day, parse_minute, to_minute
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action as Permission
from villagedesk.domain.scope import Scope
from villagedesk.services.access import authorize
from villagedesk.services.field_work.people import require_grid, require_worker, village_of_grid
from villagedesk.services.scope import village_ids
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.field_work import emergencies as repo
from villagedesk.store.field_work import people


@dataclass(frozen=True)
class Action:
    at: str
    text: str
    worker_name: str


@dataclass(frozen=True)
class ServiceDay:
    worker_id: str
    worker_name: str
    day: dt.date


@dataclass(frozen=True)
class EmergencyDetail:
    id: str
    kind: str
    title: str
    started_at: str
    ended_at: str | None
    closed_at: str | None
    commander_worker_id: str | None
    commander_name: str
    grids: list[tuple[str, str]]  # (id, name)
    affected: int
    evacuated: int
    reached: int
    response_outcome: str | None
    response_note: str
    notes: str
    actions: list[Action]
    days: list[ServiceDay]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def kind_label(self) -> str:
        return rules.KINDS[self.kind]


@dataclass(frozen=True)
class EmergencyLine:
    id: str
    kind: str
    title: str
    started_at: str
    ended_at: str | None
    closed_at: str | None
    commander_name: str
    response_outcome: str | None
    grid_names: str
    affected: int
    evacuated: int
    reached: int
    village_name: str = ""  # shown at a township, whose list covers several villages

    @property
    def kind_label(self) -> str:
        return rules.KINDS[self.kind]

    @property
    def state_label(self) -> str:
        return "处置中" if self.closed_at is None else "已关闭"


@writes
def open_emergency(store: Store, actor: Actor, draft: rules.EmergencyDraft, now: dt.datetime | None = None) -> str:
    """The commander defaults to the primary worker of the first grid on the start day."""
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    draft = rules.clean_emergency(draft, now)
    with store.transaction():  # grids and commander checked inside the write lock
        village_id = village_of_grid(store, next(iter(draft.grid_ids), None), "涉及网格")  # every grid of one village
        grids = [require_grid(store, g, village_id, "涉及网格") for g in draft.grid_ids]
        if draft.commander_worker_id:
            commander = require_worker(store, draft.commander_worker_id, village_id, "现场指挥")
        else:
            commander = next((w for g in grids if (w := people.primary_worker_on(
                store, g["id"], draft.started_at.date().isoformat())) is not None), None)
        eid = store.insert("emergencies", {
            "village_id": village_id, "kind": draft.kind, "title": draft.title,
            "started_at": to_minute(draft.started_at), "notes": draft.notes,
            "commander_worker_id": commander["id"] if commander else None,
            "commander_name": commander["name"] if commander else ""}, actor, "登记突发事件",
            f"{rules.KINDS[draft.kind]}：{draft.title}")
        for g in grids:
            store.insert("emergency_grids", {"emergency_id": eid, "grid_id": g["id"]}, actor, "突发事件涉及网格",
                         g["name"])
    return eid


@writes
def set_commander(store: Store, actor: Actor, emergency_id: str, worker_id: str) -> None:
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    with store.transaction():  # checked inside the write lock
        row = _require_open(store, emergency_id)
        worker = require_worker(store, worker_id, row["village_id"], "现场指挥")
        store.update("emergencies", emergency_id, {"commander_worker_id": worker["id"],
                                                   "commander_name": worker["name"]}, actor, "更换现场指挥",
                     worker["name"])


@writes
def add_action(store: Store, actor: Actor, emergency_id: str, at: dt.datetime, text: str,
               worker_id: str | None = None, now: dt.datetime | None = None) -> str:
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    text = rules.action_text(text)
    with store.transaction():  # the event's state read inside the write lock: one closed meanwhile is refused
        row = _require_open(store, emergency_id)
        when = rules.check_action_time(at, parse_minute(row["started_at"]), now)
        if worker_id:
            require_worker(store, worker_id, row["village_id"], "处置人")
        return store.insert("emergency_actions", {"emergency_id": emergency_id, "at": to_minute(when),
                                                  "action": text, "worker_id": worker_id or None},
                            actor, "突发事件处置记录", text)


@writes
def set_counts(store: Store, actor: Actor, emergency_id: str, affected: object, evacuated: object,
               reached: object) -> rules.Counts:
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    counts = rules.clean_counts(affected, evacuated, reached)
    with store.transaction():  # checked inside the write lock
        _require(store, emergency_id)
        store.update("emergencies", emergency_id, {"households_affected": counts.affected,
                                                   "households_evacuated": counts.evacuated,
                                                   "households_reached": counts.reached}, actor,
                     "突发事件户数", f"受影响 {counts.affected}，转移 {counts.evacuated}，通知到 {counts.reached}")
    return counts


@writes
def set_response(store: Store, actor: Actor, emergency_id: str, outcome: object, note: str = "") -> str:
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    code = rules.response_choice(outcome)
    note = optional_lines(note, "处置结果说明", 1000)
    with store.transaction():  # checked inside the write lock
        _require(store, emergency_id)
        store.update("emergencies", emergency_id, {"response_outcome": code, "response_note": note}, actor,
                     "初期处置结果", rules.RESPONSES[code])
    return code


@writes
def set_service_days(store: Store, actor: Actor, emergency_id: str, worker_id: str, days: list[dt.date],
                     today: dt.date | None = None) -> None:
    """Replace one worker's emergency days for this emergency; a day already counted elsewhere is refused."""
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    wanted = sorted(set(days))
    with store.transaction():  # a day taken by another writer meanwhile is seen: checked inside the write lock
        row = _require(store, emergency_id)
        worker = require_worker(store, worker_id, row["village_id"])
        first = parse_minute(row["started_at"]).date()
        last = parse_minute(row["ended_at"]).date() if row["ended_at"] else (today or clock.today())
        for day in wanted:
            if not first <= day <= last:
                raise ValidationError("应急出勤日期", f"{fmt_day(day)} 不在事件期间（{fmt_day(first)} 至 {fmt_day(last)}）")
            _check_free(store, emergency_id, worker, day)
        _replace_days(store, actor, emergency_id, worker, wanted, row["kind"])


def _check_free(store: Store, emergency_id: str, worker, day: dt.date) -> None:
    taken = repo.day_taken(store, worker["id"], day.isoformat())
    if taken is not None and taken["emergency_id"] != emergency_id:
        where = f"突发事件“{taken['title']}”" if taken["emergency_id"] else "补贴页手工登记"
        raise ConflictError(f"{worker['name']} {fmt_day(day)} 的应急出勤已由{where}计过，同一天不能重复计补助。")


def _replace_days(store: Store, actor: Actor, emergency_id: str, worker, days: list[dt.date], kind: str) -> None:
    have = {r["day"]: r["id"] for r in repo.service_days(store, emergency_id) if r["worker_id"] == worker["id"]}
    keep = {d.isoformat() for d in days}
    for day, row_id in have.items():
        if day not in keep:
            store.tombstone("emergency_service_days", row_id, actor, "撤销应急出勤", f"{worker['name']} {day}")
    for day in sorted(keep - set(have)):
        store.insert("emergency_service_days", {"worker_id": worker["id"], "day": day, "kind": kind,
                                                "emergency_id": emergency_id, "source": "emergency"},
                     actor, "登记应急出勤", f"{worker['name']} {day}")


def default_workers(store: Store, emergency_id: str) -> list:
    """Who served by default: the commander and the primary worker of each grid on the start day."""
    row = _require(store, emergency_id)
    day = row["started_at"][:10]
    found = {}
    if row["commander_worker_id"]:
        found[row["commander_worker_id"]] = people.worker(store, row["commander_worker_id"])
    for g in repo.grids_of(store, emergency_id):
        w = people.primary_worker_on(store, g["id"], day)
        if w is not None and w["id"] not in found:
            found[w["id"]] = people.worker(store, w["id"])
    return [w for w in found.values() if w is not None]


@writes
def close_emergency(store: Store, actor: Actor, emergency_id: str, ended_at: dt.datetime,
                    outcome: object | None = None, note: str = "", now: dt.datetime | None = None) -> list[ServiceDay]:
    """Close with an end time and the initial response outcome; when no worker days are recorded yet,
    the commander and each grid's primary worker are credited every day from start to end (days
    already counted elsewhere are skipped). Returns the days credited by this close."""
    actor = authorize(store, actor, Permission.RECORD_FIELD_WORK)
    note = optional_lines(note, "处置结果说明", 1000)
    with store.transaction():  # open or not, and the days already taken, read inside the write lock
        row = _require_open(store, emergency_id)
        end = rules.check_end(ended_at, parse_minute(row["started_at"]), now)
        code = rules.response_choice(outcome if outcome not in (None, "") else row["response_outcome"])
        credited: list[ServiceDay] = []
        if not repo.service_days(store, emergency_id):
            for w in default_workers(store, emergency_id):
                for day in rules.service_days(parse_minute(row["started_at"]).date(), end.date()):
                    if repo.day_taken(store, w["id"], day.isoformat()) is None:
                        credited.append(ServiceDay(w["id"], w["name"], day))
        changes = {"ended_at": to_minute(end), "closed_at": to_minute(local_now()), "response_outcome": code}
        if note:
            changes["response_note"] = note
        store.update("emergencies", emergency_id, changes, actor, "关闭突发事件",
                     f"{row['title']}：{rules.RESPONSES[code]}")
        for d in credited:
            store.insert("emergency_service_days", {"worker_id": d.worker_id, "day": d.day.isoformat(),
                                                    "kind": row["kind"], "emergency_id": emergency_id,
                                                    "source": "emergency"}, actor, "登记应急出勤",
                         f"{d.worker_name} {d.day.isoformat()}")
    return credited


def detail(store: Store, emergency_id: str) -> EmergencyDetail:
    r = _require(store, emergency_id)
    return EmergencyDetail(
        r["id"], r["kind"], r["title"], r["started_at"], r["ended_at"], r["closed_at"], r["commander_worker_id"],
        r["commander_name"], [(g["id"], g["name"]) for g in repo.grids_of(store, emergency_id)],
        r["households_affected"], r["households_evacuated"], r["households_reached"], r["response_outcome"],
        r["response_note"], r["notes"],
        [Action(a["at"], a["action"], a["worker_name"] or "") for a in repo.actions(store, emergency_id)],
        [ServiceDay(d["worker_id"], d["worker_name"], parse_day(d["day"])) for d in repo.service_days(store, emergency_id)])


def list_emergencies(store: Store, period: Period | None = None, open_only: bool = False,
                     limit: int = 500, scope: Scope | None = None) -> list[EmergencyLine]:
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    return [EmergencyLine(r["id"], r["kind"], r["title"], r["started_at"], r["ended_at"], r["closed_at"],
                          r["commander_name"], r["response_outcome"], r["grid_names"] or "",
                          r["households_affected"], r["households_evacuated"], r["households_reached"],
                          r["village_name"])
            for r in repo.list_emergencies(store, village_ids(store, scope), start, end, open_only, limit)]


def _require(store: Store, emergency_id: str):
    row = repo.emergency(store, emergency_id)
    if row is None:
        raise NotFoundError("该突发事件记录不存在或已作废。")
    return row


def _require_open(store: Store, emergency_id: str):
    row = _require(store, emergency_id)
    if row["closed_at"] is not None:
        raise ConflictError(f"突发事件“{row['title']}”已关闭，不能再修改。")
    return row

