"""Appointment and rotation: who holds which grid from when; one active primary per grid; history never overwritten."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_date, parse_past_date
from villagedesk.domain.grids.worker import ROLE_LABELS, STATUS_LABELS
from villagedesk.domain.permissions import Action
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.scope import village_ids
from villagedesk.services.village import reading_villages
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import assignments as repo
from villagedesk.store.grids import grids as grid_repo
from villagedesk.store.grids import workers as worker_repo


def _worker(store: Store, worker_id: str, field: str = "网格员"):
    row = worker_repo.get(store, worker_id)
    if row is None or row["village_id"] not in village_ids(store):
        raise NotFoundError(f"{field}：找不到该网格员，可能已被作废")
    return row


def _grid(store: Store, grid_id: str):
    row = grid_repo.get(store, grid_id)
    if row is None:
        raise NotFoundError("网格：找不到该网格，可能已被作废")
    if row["status"] != "active":
        raise ValidationError("网格", f"“{row['name']}”已撤销，不能再任命网格员")
    return row


@writes
def appoint(store: Store, actor: Actor, worker_id: str, grid_id: str, start_date: object,
            role: str = "primary", reason: str = "") -> str:
    """Put a worker on a grid from `start_date`; a second active primary is refused (use rotate)."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    if role not in ROLE_LABELS:
        raise ValidationError("职责", "应为网格员或副网格员")
    worker, grid = _worker(store, worker_id), _grid(store, grid_id)
    if grid["village_id"] != worker["village_id"]:  # a township file holds several villages' rosters
        raise ValidationError("网格", f"“{grid['name']}”是另一个村的网格，{worker['name']}只能任命到本村的网格")
    start = parse_date(start_date, "任职日期")
    if worker["status"] != "active":
        raise ValidationError("网格员", f"{worker['name']}当前状态为“{STATUS_LABELS[worker['status']]}”，不能任命")
    if start.isoformat() < worker["appointed_on"]:
        raise ValidationError("任职日期", f"不能早于{worker['name']}的聘任日期 {worker['appointed_on']}")
    holder = repo.current(store, grid_id, "primary")
    if role == "primary" and holder is not None:
        raise ValidationError("网格", f"“{grid['name']}”已有在岗网格员{holder['worker_name']}"
                                      f"（{holder['start_date']} 起），一个网格只能有一名在岗网格员；换人请用“轮换”")
    for a in repo.open_of_worker(store, worker_id):
        if a["grid_id"] == grid_id:
            raise ValidationError("网格员", f"{worker['name']}已在“{grid['name']}”任{ROLE_LABELS[a['role']]}")
        if role == "primary" and a["role"] == "primary":
            raise ValidationError("网格员", f"{worker['name']}已是“{a['grid_name']}”的网格员，"
                                            "一人只负责一个网格；调换网格请用“轮换”")
    with store.transaction():
        return store.insert("grid_assignments", {
            "grid_id": grid_id, "worker_id": worker_id, "role": role, "start_date": start.isoformat(),
            "reason": clean_text(reason) or "任命"}, actor, "任命网格员",
            f"{worker['name']} 任“{grid['name']}”{ROLE_LABELS[role]}，{start.isoformat()} 起")


@writes
def rotate(store: Store, actor: Actor, grid_id: str, new_worker_id: str, start_date: object,
           reason: str = "") -> str:
    """The grid passes from its current primary worker to another on `start_date`; both stay in the history.

    If the incoming worker holds another grid, that holding ends the same day (that grid becomes vacant).
    """
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    grid, worker = _grid(store, grid_id), _worker(store, new_worker_id)
    start = parse_date(start_date, "轮换日期")
    holder = repo.current(store, grid_id, "primary")
    if holder is None:
        raise ValidationError("网格", f"“{grid['name']}”目前没有在岗网格员，请直接“任命”")
    if holder["worker_id"] == new_worker_id:
        raise ValidationError("接任网格员", f"{worker['name']}已是“{grid['name']}”的网格员")
    if start.isoformat() < holder["start_date"]:
        raise ValidationError("轮换日期", f"{start.isoformat()} 早于现任网格员{holder['worker_name']}"
                                        f"的任职日期 {holder['start_date']}")
    if worker["status"] != "active":
        raise ValidationError("接任网格员", f"{worker['name']}当前状态为“{STATUS_LABELS[worker['status']]}”，不能接任")
    if start.isoformat() < worker["appointed_on"]:
        raise ValidationError("轮换日期", f"不能早于{worker['name']}的聘任日期 {worker['appointed_on']}")
    own = [a for a in repo.open_of_worker(store, new_worker_id)]
    for a in own:
        if start.isoformat() < a["start_date"]:
            raise ValidationError("轮换日期", f"早于{worker['name']}在“{a['grid_name']}”的任职日期 {a['start_date']}")
    why = clean_text(reason) or "轮换"
    with store.transaction():
        store.update("grid_assignments", holder["id"], {"end_date": start.isoformat(), "reason": why},
                     actor, "轮换网格员", f"“{grid['name']}”{holder['worker_name']} 卸任，{start.isoformat()}")
        for a in own:  # leaving another grid (or a deputy post here) to take this one
            store.update("grid_assignments", a["id"], {"end_date": start.isoformat(),
                                                        "reason": f"轮换至“{grid['name']}”"}, actor,
                         "轮换网格员", f"{worker['name']} 离开“{a['grid_name']}”")
        return store.insert("grid_assignments", {
            "grid_id": grid_id, "worker_id": new_worker_id, "role": "primary",
            "start_date": start.isoformat(), "reason": why}, actor, "轮换网格员",
            f"“{grid['name']}”由{holder['worker_name']}轮换为{worker['name']}，{start.isoformat()} 起")


@writes
def end_assignment(store: Store, actor: Actor, assignment_id: str, end_date: object, reason: str) -> None:
    """Close one open assignment (a deputy leaves, or a grid is left vacant on purpose)."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    row = repo.get(store, assignment_id)
    if row is None or row["end_date"] is not None:
        raise NotFoundError("任职记录不存在或已结束")
    end = parse_past_date(end_date, "卸任日期")
    if end.isoformat() < row["start_date"]:
        raise ValidationError("卸任日期", f"不能早于任职日期 {row['start_date']}")
    why = clean_text(reason)
    if not why:
        raise ValidationError("卸任原因", "不能为空")
    with store.transaction():
        store.update("grid_assignments", assignment_id, {"end_date": end.isoformat(), "reason": why},
                     actor, "网格员卸任", f"{end.isoformat()}：{why}")


@writes
def end_all_of_worker(store: Store, actor: Actor, worker_id: str, day: dt.date, reason: str) -> list[str]:
    """Close every open assignment of a worker on `day` (replacement, leaving); returns the grids left."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    left = []
    for a in repo.open_of_worker(store, worker_id):
        end = max(day.isoformat(), a["start_date"])
        store.update("grid_assignments", a["id"], {"end_date": end, "reason": reason}, actor,
                     "网格员卸任", f"离开“{a['grid_name']}”：{reason}")
        left.append(a["grid_name"])
    return left


@dataclass(frozen=True)
class AssignmentRow:
    """One line of the rotation history."""

    id: str
    grid_id: str
    grid_name: str
    worker_id: str
    worker_name: str
    role: str
    start_date: str
    end_date: str | None
    reason: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def current(self) -> bool:
        return self.end_date is None


def history(store: Store, grid_id: str = "", worker_id: str = "") -> list[AssignmentRow]:
    """Who held which grid from when to when, newest first; nothing is ever overwritten."""
    return [AssignmentRow(r["id"], r["grid_id"], r["grid_name"], r["worker_id"], r["worker_name"], r["role"],
                          r["start_date"], r["end_date"], r["reason"])
            for r in repo.history(store, reading_villages(store), grid_id or "", worker_id or "")]
