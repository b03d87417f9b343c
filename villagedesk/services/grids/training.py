"""Training (培训): sessions (date, topic, hours, trainer) with attendance; each worker's training history."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.period import parse_period
from villagedesk.domain.permissions import Action
from villagedesk.domain.scope import Scope
from villagedesk.domain.text import clean_text, short_text
from villagedesk.services.access import authorize
from villagedesk.services.grids.workers import stored_worker
from villagedesk.services.scope import village_ids
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import training as repo


@dataclass(frozen=True)
class Training:
    id: str
    held_on: str
    topic: str
    hours: float
    trainer: str
    place: str
    notes: str
    attendees: int


@dataclass(frozen=True)
class Attendance:
    training_id: str
    held_on: str
    topic: str
    hours: float
    trainer: str


def _hours(value: object) -> float:
    try:
        hours = float(clean_text(value) if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError("学时", f"“{clean_text(value)}”不是数字，例如 2 或 1.5") from None
    if not 0 < hours <= 40:
        raise ValidationError("学时", "应大于 0 且不超过 40")
    return round(hours, 1)


def sessions(store: Store, period: str = "", search: str = "", scope: Scope | None = None) -> list[Training]:
    p = parse_period(period) if clean_text(period) else None
    rows = repo.listing(store, village_ids(store, scope), p.start.isoformat() if p else "",
                        p.end.isoformat() if p else "", clean_text(search))
    return [Training(r["id"], r["held_on"], r["topic"], r["hours"], r["trainer"], r["place"], r["notes"],
                     r["attendees"]) for r in rows]


@writes
def add_session(store: Store, actor: Actor, held_on: object, topic: object, hours: object, trainer: object = "",
                place: object = "", notes: object = "", worker_ids: list[str] | tuple[str, ...] = ()) -> str:
    """A session and its attendance, in one transaction."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    when = parse_past_date(held_on, "培训日期")
    title = short_text(topic, "培训主题", 60, required=True)
    h = _hours(hours)
    who, where, note = short_text(trainer, "授课人", 30), clean_text(place), clean_text(notes)
    for worker_id in dict.fromkeys(worker_ids):
        stored_worker(store, worker_id)
    with store.transaction():
        tid = store.insert("trainings", {"village_id": home_village_id(store), "held_on": when.isoformat(),
                                         "topic": title, "hours": h, "trainer": who, "place": where,
                                         "notes": note}, actor, "新增培训", f"{when.isoformat()} {title}")
        for worker_id in dict.fromkeys(worker_ids):
            store.insert("training_attendance", {"training_id": tid, "worker_id": worker_id}, actor,
                         "登记参训", title)
    return tid


@writes
def set_attendance(store: Store, actor: Actor, training_id: str, worker_ids: list[str]) -> None:
    """Make the attendance list exactly `worker_ids` (removed names are tombstoned, never deleted)."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    t = repo.get(store, training_id)
    if t is None:
        raise NotFoundError("培训：该场次不存在或已作废")
    for w in worker_ids:
        stored_worker(store, w)
    current = {r["worker_id"]: r["id"] for r in repo.attendees(store, training_id)}
    wanted = set(worker_ids)
    with store.transaction():
        for worker_id in sorted(wanted - set(current)):
            store.insert("training_attendance", {"training_id": training_id, "worker_id": worker_id}, actor,
                         "登记参训", t["topic"])
        for worker_id in sorted(set(current) - wanted):
            store.tombstone("training_attendance", current[worker_id], actor, "取消参训", t["topic"])


def attendees(store: Store, training_id: str) -> list[tuple[str, str]]:
    """(worker id, name) of a session's attendees."""
    return [(r["worker_id"], r["name"]) for r in repo.attendees(store, training_id)]


def history(store: Store, worker_id: str) -> list[Attendance]:
    stored_worker(store, worker_id)
    return [Attendance(r["id"], r["held_on"], r["topic"], r["hours"], r["trainer"])
            for r in repo.history_of_worker(store, worker_id)]
