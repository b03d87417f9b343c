"""Households: add with members, edit, move to another grid (history kept), change status; labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.ids import new_id
from villagedesk.domain.permissions import Action, sees_numbers_in_full
from villagedesk.domain.register.household import (
    HOUSEHOLD_STATUSES,
    HouseholdDraft,
    address,
    validate_status_change,
)
from villagedesk.domain.register.resident import HEAD, RESIDENCE_STATUSES, ResidentDraft, age_on
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.services.access import authorize
from villagedesk.services.field_work.notices import settle_open_notices
from villagedesk.services.progress import Job
from villagedesk.services.register import rules
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.register import households as repo
from villagedesk.store.register import search_index


@dataclass(frozen=True)
class MemberView:
    resident_id: str
    name: str
    relation: str
    sex: str
    age: int
    id_number: str
    phone: str
    residence_status: str
    residence_label: str
    party_member: bool
    is_head: bool


@dataclass(frozen=True)
class MoveView:
    moved_on: str
    from_grid: str
    to_grid: str
    reason: str


@dataclass(frozen=True)
class HouseholdView:
    id: str
    grid_id: str
    grid_name: str
    hamlet: str
    group_name: str
    house_number: str
    phone: str
    status: str
    status_reason: str
    status_date: str | None
    notes: str
    head_resident_id: str | None
    head_name: str
    members: list[MemberView]
    moves: list[MoveView]

    @property
    def address(self) -> str:
        return address(self.hamlet, self.group_name, self.house_number)

    @property
    def status_label(self) -> str:
        return HOUSEHOLD_STATUSES[self.status]

    @property
    def label(self) -> str:
        return f"{self.head_name}户 · {self.address}"


def household_label(store: Store, household_id: str) -> str:
    """'张三户 · 张家湾 1组 12号'."""
    h = _household(store, household_id)
    return f"{h['head_name']}户 · {address(h['hamlet'], h['group_name'], h['house_number'])}"


def members(store: Store, household_id: str) -> list[tuple[str, str, str]]:
    """(resident_id, name, relation) of the household's live members, head first."""
    return [(r["id"], r["name"], r["relation"]) for r in repo.members(store, household_id)]


def household_view(store: Store, actor: Actor, household_id: str, today: dt.date | None = None) -> HouseholdView:
    """One household with its members' full details, for a user the policy lets see the household's grid."""
    h = _household(store, household_id)
    who = authorize(store, actor, Action.VIEW_REGISTER, [h["grid_id"]])
    full = sees_numbers_in_full(who)  # a worker or the township reads them masked
    ident, phone = (str, str) if full else (mask_identity, mask_phone)
    today = today or clock.today()
    people = [MemberView(r["id"], r["name"], r["relation"], r["sex"], age_on(r["birth_date"], today),
                         ident(r["id_number"]), phone(r["phone"]), r["residence_status"],
                         RESIDENCE_STATUSES[r["residence_status"]], bool(r["party_member"]), bool(r["is_head"]))
              for r in repo.members(store, household_id)]
    moves = [MoveView(m["moved_on"], m["from_name"], m["to_name"], m["reason"]) for m in repo.moves(store, household_id)]
    return HouseholdView(h["id"], h["grid_id"], h["grid_name"], h["hamlet"], h["group_name"], h["house_number"],
                         phone(h["phone"]), h["status"], h["status_reason"], h["status_date"], h["notes"],
                         h["head_resident_id"], h["head_name"], people, moves)


@writes
def add_household(store: Store, actor: Actor, draft: HouseholdDraft, people: list[ResidentDraft],
                  job: Job | None = None) -> str:
    """Register a household with its members (exactly one of them the head), all or nothing."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    home = draft.validated()
    grid = rules.active_grid(store, home.grid_id)
    rows = rules.validated_members(people)
    heads = [i for i, r in enumerate(rows) if r["relation"] == HEAD]
    if not heads:
        raise ValidationError("户主", "本户还没有户主：请把一位成员的“与户主关系”设为“户主”")
    if len(heads) > 1:
        raise ValidationError("户主", "一户只能有一位户主（第 " + "、".join(str(i + 1) for i in heads)
                              + " 位成员都填了户主）")
    with store.transaction():
        rules.refuse_registered(store, grid["village_id"], [r["id_number"] for r in rows])
        rules.refuse_taken_address(store, grid["village_id"], home)
        hid = new_id()
        ids = [new_id() for _ in rows]
        store.insert("households", {"id": hid, "grid_id": home.grid_id, "head_resident_id": ids[heads[0]],
                                    "hamlet": home.hamlet, "group_name": home.group_name,
                                    "house_number": home.house_number, "phone": home.phone,
                                    "notes": home.notes, "status": "active"},
                     actor, "新增农户", f"{rows[heads[0]]['name']}户，{address(home.hamlet, home.group_name, home.house_number)}")
        for rid, row in zip(ids, rows, strict=True):
            store.insert("residents", {"id": rid, "household_id": hid, **row}, actor, "新增人口", row["name"])
        search_index.refresh(store)
    return hid


@writes
def update_household(store: Store, actor: Actor, household_id: str, draft: HouseholdDraft) -> None:
    """Change address, phone or notes; the grid changes only by a move, so its history is kept."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    h = _household(store, household_id)
    if draft.grid_id != h["grid_id"]:
        raise ValidationError("所属网格", "换网格请用“迁移网格”，以便保留迁移记录")
    home = draft.validated()
    with store.transaction():
        if (home.hamlet, home.group_name, home.house_number) != (h["hamlet"], h["group_name"], h["house_number"]):
            village_id = repo.grid(store, h["grid_id"])["village_id"]
            rules.refuse_taken_address(store, village_id, home, except_id=household_id)
        store.update("households", household_id, {"hamlet": home.hamlet, "group_name": home.group_name,
                                                  "house_number": home.house_number, "phone": home.phone,
                                                  "notes": home.notes},
                     actor, "修改农户", f"{h['head_name']}户")
        search_index.refresh(store)


@writes
def move_household(store: Store, actor: Actor, household_id: str, to_grid_id: str,
                   moved_on: dt.date | None = None, reason: str = "") -> None:
    """Move an active household to another active grid of the same village; the move is recorded."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    h = _household(store, household_id)
    if h["status"] != "active":
        raise ConflictError(f"{h['head_name']}户已{HOUSEHOLD_STATUSES[h['status']][1:]}，只有在册农户可以迁移网格")
    if not to_grid_id:
        raise ValidationError("迁入网格", "请选择要迁入的网格")
    target = rules.active_grid(store, to_grid_id, field="迁入网格")
    if to_grid_id == h["grid_id"]:
        raise ValidationError("迁入网格", f"农户已在“{target['name']}”网格中")
    if target["village_id"] != repo.grid(store, h["grid_id"])["village_id"]:
        raise ValidationError("迁入网格", "只能迁入本村的网格")
    moved_on = moved_on or clock.today()
    if moved_on > clock.today():
        raise ValidationError("迁移日期", f"“{moved_on.isoformat()}”晚于今天")
    with store.transaction():
        store.insert("household_moves", {"household_id": household_id, "from_grid_id": h["grid_id"],
                                         "to_grid_id": to_grid_id, "moved_on": moved_on.isoformat(),
                                         "reason": reason.strip()},
                     actor, "农户迁移网格", f"{h['head_name']}户：{h['grid_name']} → {target['name']}")
        store.update("households", household_id, {"grid_id": to_grid_id}, actor, "农户迁移网格",
                     f"{h['head_name']}户迁入 {target['name']}")
        settle_open_notices(store, actor, target["village_id"])  # it left the old grid's notices
        search_index.refresh(store)


@writes
def set_household_status(store: Store, actor: Actor, household_id: str, status: str, reason: str = "",
                         on: dt.date | None = None) -> None:
    """Active, moved away, merged or dissolved, with the reason and date."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    h = _household(store, household_id)
    status, reason, day = validate_status_change(status, reason, on)
    with store.transaction():
        if status == "active" and h["status"] != "active":
            village_id = repo.grid(store, h["grid_id"])["village_id"]
            rules.active_grid(store, h["grid_id"])
            rules.refuse_taken_address(store, village_id, HouseholdDraft(h["grid_id"], h["hamlet"], h["group_name"],
                                                                         h["house_number"]), except_id=household_id)
        store.update("households", household_id, {"status": status, "status_reason": reason, "status_date": day},
                     actor, "变更农户状态", f"{h['head_name']}户：{HOUSEHOLD_STATUSES[status]}（{reason}）")
        if status != "active":  # it left the register: the notices it was owed no longer wait for it
            settle_open_notices(store, actor, repo.grid(store, h["grid_id"])["village_id"])
        search_index.refresh(store)


@writes
def set_head(store: Store, actor: Actor, household_id: str, resident_id: str, old_head_relation: str = "其他") -> None:
    """Make another member the head (the old head gets `old_head_relation`)."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    h = _household(store, household_id)
    person = repo.resident(store, resident_id)
    if person is None or person["household_id"] != household_id:
        raise ValidationError("户主", "新户主必须是本户成员")
    with store.transaction():
        if h["head_resident_id"] and h["head_resident_id"] != resident_id:
            store.update("residents", h["head_resident_id"], {"relation": old_head_relation}, actor, "变更户主")
        store.update("residents", resident_id, {"relation": HEAD}, actor, "变更户主", person["name"])
        store.update("households", household_id, {"head_resident_id": resident_id}, actor, "变更户主",
                     f"{person['name']}为户主")
        search_index.refresh(store)


def _household(store: Store, household_id: str):
    h = repo.household(store, household_id)
    if h is None:
        raise NotFoundError("找不到该农户（可能已被作废）")
    return h



def grid_choices(store: Store, include_retired: bool = False) -> list[tuple[str, str]]:
    """(grid id, name) of the home village's grids, by code; retired ones only if asked."""
    from villagedesk.services.village import reading_villages

    return [(g["id"], g["name"] if g["status"] == "active" else f"{g['name']}（已撤销）")
            for g in repo.grids(store, reading_villages(store), include_retired)]
