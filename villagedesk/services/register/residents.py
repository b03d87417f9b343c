"""Residents: add to a household, edit, transfer to another household, key-population categories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.permissions import Action, sees_numbers_in_full
from villagedesk.domain.register.categories import CATEGORIES
from villagedesk.domain.register.resident import HEAD, RESIDENCE_STATUSES, ResidentDraft, age_on
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.services.access import authorize
from villagedesk.services.field_work.notices import settle_open_notices
from villagedesk.services.register import rules
from villagedesk.services.writes import writes
from villagedesk.store import users as user_repo
from villagedesk.store.connection import Store
from villagedesk.store.register import households as household_repo
from villagedesk.store.register import residents as repo
from villagedesk.store.register import search_index


@dataclass(frozen=True)
class ResidentView:
    id: str
    household_id: str
    name: str
    id_number: str
    sex: str
    birth_date: str
    age: int
    relation: str
    phone: str
    residence_status: str
    party_member: bool
    notes: str
    is_head: bool
    categories: tuple[str, ...]
    enrolments: dict[int, str]

    @property
    def residence_label(self) -> str:
        return RESIDENCE_STATUSES[self.residence_status]

    def draft(self) -> ResidentDraft:
        return ResidentDraft(self.name, self.id_number, self.relation, self.phone, self.residence_status,
                             self.party_member, self.notes)


def resident_view(store: Store, actor: Actor, resident_id: str, today: dt.date | None = None) -> ResidentView:
    """One resident's full record, for a user the policy lets see the resident's household's grid."""
    r = _resident(store, resident_id)
    who = authorize(store, actor, Action.VIEW_REGISTER, user_repo.household_grids(store, [r["household_id"]]))
    full = sees_numbers_in_full(who)  # a worker or the township reads them masked
    head = repo.head_of(store, r["household_id"])
    return ResidentView(r["id"], r["household_id"], r["name"], r["id_number"] if full else mask_identity(r["id_number"]),
                        r["sex"], r["birth_date"], age_on(r["birth_date"], today or clock.today()), r["relation"],
                        r["phone"] if full else mask_phone(r["phone"]),
                        r["residence_status"], bool(r["party_member"]), r["notes"],
                        head is not None and head["id"] == r["id"],
                        tuple(k for k in CATEGORIES if k in repo.current_categories(store, resident_id)),
                        {year: status for year, (_id, status) in repo.enrolments(store, resident_id).items()})


@writes
def add_resident(store: Store, actor: Actor, household_id: str, draft: ResidentDraft) -> str:
    """A new member of an existing household (born, married in, moved in)."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    h = household_repo.household(store, household_id)
    if h is None:
        raise NotFoundError("找不到该农户（可能已被作废）")
    if h["status"] != "active":
        raise ConflictError(f"{h['head_name']}户不在册，不能再添加成员")
    row = draft.validated()
    if row["relation"] == HEAD:
        raise ValidationError("与户主关系", f"本户已有户主（{h['head_name']}）；如需更换户主，请先添加成员再“设为户主”")
    with store.transaction():
        rules.refuse_registered(store, h["village_id"], [row["id_number"]])
        rid = store.insert("residents", {"household_id": household_id, **row}, actor, "新增人口",
                           f"{row['name']}（{h['head_name']}户）")
        search_index.refresh(store)
    return rid


@writes
def update_resident(store: Store, actor: Actor, resident_id: str, draft: ResidentDraft) -> None:
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    r = _resident(store, resident_id)
    row = draft.validated()
    head = repo.head_of(store, r["household_id"])
    is_head = head is not None and head["id"] == resident_id
    if is_head and row["relation"] != HEAD:
        raise ValidationError("与户主关系", "此人是户主；如需更换户主，请在另一位成员上“设为户主”")
    if not is_head and row["relation"] == HEAD:
        raise ValidationError("与户主关系", f"本户户主是 {head['name'] if head else '（空）'}；更换户主请用“设为户主”")
    with store.transaction():
        if row["id_number"] != r["id_number"]:
            home = household_repo.household(store, r["household_id"])
            rules.refuse_registered(store, home["village_id"], [row["id_number"]])
        changes = {k: v for k, v in row.items() if r[k] != v}
        if changes:
            store.update("residents", resident_id, changes, actor, "修改人口", f"{row['name']}：{'、'.join(changes)}")
            search_index.refresh(store)


@writes
def transfer_resident(store: Store, actor: Actor, resident_id: str, to_household_id: str, relation: str) -> None:
    """Move a person into another household (marriage, joining relatives); one household at a time."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    r = _resident(store, resident_id)
    target = household_repo.household(store, to_household_id)
    if target is None or target["status"] != "active":
        raise ValidationError("迁入农户", "请选择一户在册农户")
    if to_household_id == r["household_id"]:
        raise ValidationError("迁入农户", "此人已在该户")
    relation = ResidentDraft(r["name"], r["id_number"], relation).validated()["relation"]
    if relation == HEAD:
        raise ValidationError("与户主关系", "迁入后不能直接作户主；迁入后可“设为户主”")
    head = repo.head_of(store, r["household_id"])
    if head is not None and head["id"] == resident_id and repo.other_members(store, r["household_id"], resident_id):
        raise ConflictError(f"{r['name']}是原户的户主，原户还有其他成员：请先为原户另设户主")
    with store.transaction():
        store.update("residents", resident_id, {"household_id": to_household_id, "relation": relation}, actor,
                     "人口转户", f"{r['name']} 转入 {target['head_name']}户")
        if head is not None and head["id"] == resident_id:
            store.update("households", r["household_id"], {"status": "merged", "status_reason": f"户主{r['name']}转户",
                                                          "status_date": clock.today().isoformat()},
                         actor, "变更农户状态", f"{r['name']}户并入 {target['head_name']}户")
            settle_open_notices(store, actor, target["village_id"])
        search_index.refresh(store)


@writes
def set_categories(store: Store, actor: Actor, resident_id: str, categories, on: dt.date | None = None) -> None:
    """Make the resident's current key-population categories exactly `categories` (ended ones keep their history)."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    r = _resident(store, resident_id)
    wanted = set(categories)
    unknown = wanted - set(CATEGORIES)
    if unknown:
        raise ValidationError("重点人群", f"无法识别：{'、'.join(sorted(unknown))}")
    day = parse_past_date(on or clock.today(), "认定日期").isoformat()
    current = repo.current_categories(store, resident_id)
    with store.transaction():
        for key in sorted(set(current) - wanted):
            store.update("resident_categories", current[key], {"until": day}, actor, "移出重点人群",
                         f"{r['name']}：{CATEGORIES[key]}")
        for key in sorted(wanted - set(current)):
            store.insert("resident_categories", {"resident_id": resident_id, "category": key, "since": day},
                         actor, "列入重点人群", f"{r['name']}：{CATEGORIES[key]}")


def _resident(store: Store, resident_id: str):
    r = household_repo.resident(store, resident_id)
    if r is None:
        raise NotFoundError("找不到该居民（可能已被作废）")
    return r


@writes
def save_resident(store: Store, actor: Actor, household_id: str, resident_id: str | None, draft: ResidentDraft,
                  categories, year: int | None = None, insurance: str | None = None) -> str:
    """The resident form in one transaction: the person, their categories and (if given) the year's enrolment."""
    actor = authorize(store, actor, Action.EDIT_REGISTER)
    from villagedesk.services.register.insurance import set_enrolment

    with store.transaction():
        if resident_id is None:
            resident_id = add_resident(store, actor, household_id, draft)
        else:
            update_resident(store, actor, resident_id, draft)
        set_categories(store, actor, resident_id, categories)
        if year is not None and insurance is not None:
            set_enrolment(store, actor, resident_id, year, insurance)
    return resident_id
