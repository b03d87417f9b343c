"""The worker roster: add, edit, status; and the contract other features use (WorkerRef, active_workers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.grids.worker import SOURCE_LABELS, STATUS_LABELS, make_worker
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.domain.scope import Scope
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.grids.rotation import appoint, end_all_of_worker
from villagedesk.services.scope import village_ids
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import assignments as assignment_repo
from villagedesk.store.grids import reserve as reserve_repo
from villagedesk.store.grids import workers as repo

__all__ = ["WorkerRef", "WorkerRow", "active_workers", "primary_worker_of", "appoint", "add_worker",
           "edit_worker", "set_status", "roster", "get_worker", "stored_worker"]


@dataclass(frozen=True)
class WorkerRef:
    """A worker as other features refer to one: who, and the grid they hold now as primary (if any)."""

    id: str
    name: str
    grid_id: str | None
    grid_name: str


@dataclass(frozen=True)
class WorkerRow:
    """One roster line as the page shows it."""

    id: str
    name: str
    sex: str
    birth_date: str
    id_number_masked: str
    phone: str
    party_member: bool
    source: str
    education: str
    appointed_on: str
    status: str
    status_reason: str
    grid_id: str | None
    grid_name: str
    reserve: bool
    notes: str
    village_name: str = ""  # shown at a township, whose roster covers several villages

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def active_workers(store: Store) -> list[WorkerRef]:
    """Active workers of the home village, with their current primary grid if any."""
    return [WorkerRef(r["id"], r["name"], r["grid_id"], r["grid_name"])
            for r in repo.active_with_grid(store, home_village_id(store))]


def primary_worker_of(store: Store, grid_id: str, on: dt.date | None = None) -> WorkerRef | None:
    """The primary worker holding `grid_id` on a date (default today), or None if it was vacant."""
    day = (on or clock.today()).isoformat()
    row = assignment_repo.holder_on(store, grid_id, day)
    return None if row is None else WorkerRef(row["id"], row["name"], row["grid_id"], row["grid_name"])


def roster(store: Store, actor: Actor, search: str = "", status: str = "", source: str = "",
           party: bool | None = None, scope: Scope | None = None) -> list[WorkerRow]:
    """The roster as the page lists it: identity numbers and phones masked (the edit form shows them in full)."""
    authorize(store, actor, Action.VIEW_REGISTER)
    rows = repo.roster(store, village_ids(store, scope), clean_text(search), status, source,
                       None if party is None else int(party))
    # unpacked by position (the repository's column order): looking 16 columns up by name was
    # a third of the time the roster takes to open
    return [WorkerRow(wid, name, sex, birth, mask_identity(id_number), mask_phone(phone), bool(party_member), source_,
                      education, appointed_on, status_, status_reason, grid_id, grid_name, bool(reserve), notes,
                      village_name)
            for (wid, name, sex, birth, id_number, phone, party_member, source_, education, appointed_on, status_,
                 status_reason, notes, grid_id, grid_name, reserve, village_name) in rows]


def get_worker(store: Store, actor: Actor, worker_id: str):
    """One worker's stored row with their identity number and phone in full, for the edit form: only for who keeps
    the roster (管理网格和网格员); the reading user is the store's."""
    authorize(store, actor, Action.MANAGE_GRIDS)
    return stored_worker(store, worker_id)


def stored_worker(store: Store, worker_id: str):
    """The stored row of one worker of the scope's villages, for services that have checked their own action."""
    row = repo.get(store, worker_id)
    if row is None or row["village_id"] not in village_ids(store):
        raise NotFoundError("网格员：找不到该网格员，可能已被作废")
    return row


@writes
def add_worker(store: Store, actor: Actor, name: object, id_number: object, phone: object = "",
               party_member: bool = False, source: str = "cadre", education: object = "",
               appointed_on: object = None, notes: object = "", grid_id: str | None = None,
               today: dt.date | None = None) -> str:
    """Add a worker to the roster (and, if a grid is given, appoint them to it), all or nothing."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    w = make_worker(name, id_number, phone, party_member, source, education,
                    appointed_on or (today or clock.today()), notes, today)
    village_id = home_village_id(store)
    if repo.by_id_number(store, village_id, w.id_number) is not None:
        raise ValidationError("身份证号", f"{mask_identity(w.id_number)} 已在花名册中，不能重复登记")
    with store.transaction():
        worker_id = store.insert("workers", {
            "village_id": village_id, "name": w.name, "id_number": w.id_number, "sex": w.sex,
            "birth_date": w.birth_date.isoformat(), "phone": w.phone, "party_member": int(w.party_member),
            "source": w.source, "education": w.education, "appointed_on": w.appointed_on.isoformat(),
            "status": "active", "notes": w.notes}, actor, "新增网格员", f"{w.name}（{SOURCE_LABELS[w.source]}）")
        if grid_id:
            appoint(store, actor, worker_id, grid_id, w.appointed_on)
    return worker_id


@writes
def edit_worker(store: Store, actor: Actor, worker_id: str, name: object, id_number: object, phone: object,
                party_member: bool, source: str, education: object, appointed_on: object,
                notes: object = "", today: dt.date | None = None) -> None:
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    old = stored_worker(store, worker_id)
    w = make_worker(name, id_number, phone, party_member, source, education, appointed_on, notes, today)
    other = repo.by_id_number(store, old["village_id"], w.id_number)
    if other is not None and other["id"] != worker_id:
        raise ValidationError("身份证号", f"{mask_identity(w.id_number)} 已登记为{other['name']}")
    first = assignment_repo.first_start(store, worker_id)
    if first and w.appointed_on.isoformat() > first:
        raise ValidationError("任职日期", f"不能晚于该网格员最早的网格任职日期 {first}")
    with store.transaction():
        store.update("workers", worker_id, {
            "name": w.name, "id_number": w.id_number, "sex": w.sex, "birth_date": w.birth_date.isoformat(),
            "phone": w.phone, "party_member": int(w.party_member), "source": w.source,
            "education": w.education, "appointed_on": w.appointed_on.isoformat(), "notes": w.notes},
            actor, "修改网格员", w.name)


@writes
def set_status(store: Store, actor: Actor, worker_id: str, status: str, day: object, reason: object) -> None:
    """Rest, reactivate or mark a worker as left; leaving ends their grid assignments that day."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    old = stored_worker(store, worker_id)
    if status not in STATUS_LABELS or status == "replaced":
        raise ValidationError("状态", "只能设为在岗、暂停或已离任（调整请通过考评）")
    when = parse_past_date(day, "变更日期")
    why = clean_text(reason)
    if status != "active" and not why:
        raise ValidationError("变更原因", "不能为空")
    if old["status"] in ("left", "replaced") and status == "active":
        raise ValidationError("状态", f"{old['name']}已{STATUS_LABELS[old['status']]}，重新任用请新增网格员记录")
    with store.transaction():
        store.update("workers", worker_id, {"status": status, "status_reason": why,
                                            "status_date": when.isoformat()},
                     actor, "变更网格员状态", f"{old['name']}：{STATUS_LABELS[status]} {why}")
        if status == "left":
            end_all_of_worker(store, actor, worker_id, when, f"离任：{why}")
            pool = reserve_repo.open_of_worker(store, worker_id)  # leaving the post leaves the reserve pool
            if pool is not None:
                store.update("reserve_cadres", pool["id"], {"left_on": max(when.isoformat(), pool["admitted_on"]),
                                                         "left_reason": f"离任：{why}"},
                             actor, "移出后备力量", old["name"])
