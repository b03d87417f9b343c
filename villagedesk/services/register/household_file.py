"""一户一档: one household's file — members, key-population history, insurance, visits and follow-ups, disputes, points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.field_work import disputes as dispute_rules
from villagedesk.domain.field_work import visits as visit_rules
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.register.categories import CATEGORIES, INSURANCE_STATUSES
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.reports.household_file import facts, sections, write_household_file
from villagedesk.services.field_work.people import primary_worker
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.points import ledger as points_ledger
from villagedesk.services.register import search
from villagedesk.services.register.households import household_view
from villagedesk.services.village import unit_name
from villagedesk.store import users as user_repo
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store
from villagedesk.store.field_work import visits as visit_repo
from villagedesk.store.register import household_file as repo
from villagedesk.store.register import households as household_repo

__all__ = ["HouseholdFile", "facts", "find_household", "household_file", "sections", "write_pdf"]
TITLE = "一户一档"
VISITS_SHOWN = 30  # the latest visits a file lists (the count says how many there are in all)
ENTRIES_SHOWN = 10  # the latest points entries a file lists
MAX_MATCHES = 10  # households listed when a name given on the command line matches several


@dataclass(frozen=True)
class FileMember:
    name: str
    relation: str
    sex: str
    age: int
    id_masked: str
    residence: str
    categories: str  # current key-population categories, '、'-joined; '' for none
    insurance: str  # the year's status: 已参保 / 未参保 / 无需参保 / 未登记


@dataclass(frozen=True)
class CategorySpell:
    name: str
    category: str
    since: str  # '' when not known
    until: str  # '' while current

    @property
    def state(self) -> str:
        return f"{self.until} 移出" if self.until else "现属"


@dataclass(frozen=True)
class FileVisit:
    when: str  # '2026-11-25 09:00'
    way: str
    purpose: str
    worker_name: str
    findings: str
    finding_kinds: str


@dataclass(frozen=True)
class FileFollowUp:
    visited_on: str
    due_on: str
    state: str  # 已回访（日期） / 待回访 / 逾期 N 天


@dataclass(frozen=True)
class FileDispute:
    found_on: str
    kind: str
    summary: str
    parties: str
    state: str
    closed_on: str


@dataclass(frozen=True)
class HouseholdFile:
    household_id: str
    unit: str  # 填报单位
    label: str  # 张三户 · 张家湾 1组 12号
    head_name: str
    address: str
    grid_name: str
    worker_name: str  # the grid's primary worker today; '（网格空缺）' when vacant
    phone_masked: str
    status: str
    notes: str
    year: int  # the insurance year shown
    printed_on: dt.date
    members: list[FileMember]
    categories: list[CategorySpell]  # current first, then ended, each oldest first
    visits: list[FileVisit]  # latest first, at most VISITS_SHOWN
    visit_count: int
    follow_ups: list[FileFollowUp]  # latest due first
    disputes: list[FileDispute]  # latest found first
    balance: int
    entries: list[points_ledger.Entry]  # latest first, at most ENTRIES_SHOWN
    entry_count: int


def household_file(store: Store, actor: Actor, household_id: str, today: dt.date | None = None) -> HouseholdFile:
    """One household's file, for a user the policy lets see its grid (a worker outside their grids is refused,
    and the refusal audited)."""
    today = today or clock.today()
    view = household_view(store, actor, household_id, today)  # authorizes VIEW_REGISTER on its grid
    names = {m.resident_id: m.name for m in view.members}
    history = [r for r in repo.category_history(store, household_id) if r["resident_id"] in names]
    spells = [CategorySpell(names[r["resident_id"]], CATEGORIES[r["category"]], r["since"] or "", r["until"] or "")
              for r in history]
    current: dict[str, list[str]] = {}  # resident id → labels of the categories they belong to now
    for r in history:
        if not r["until"]:
            current.setdefault(r["resident_id"], []).append(CATEGORIES[r["category"]])
    insured = repo.enrolments_of_year(store, household_id, today.year)
    members = [FileMember(m.name, m.relation, m.sex, m.age, mask_identity(m.id_number) if m.id_number else "",
                          m.residence_label, "、".join(current.get(m.resident_id, [])),
                          INSURANCE_STATUSES.get(insured.get(m.resident_id, ""), "未登记"))
               for m in view.members]
    worker = primary_worker(store, view.grid_id, today)
    village_id = household_repo.household(store, household_id)["village_id"]
    visits = [FileVisit(_minute(r["visited_at"]), visit_rules.WAYS[r["way"]], visit_rules.PURPOSES[r["purpose"]],
                        r["worker_name"], r["findings"],
                        "、".join(visit_rules.FINDING_KINDS[k] for k in (r["finding_kinds"] or "").split(",") if k))
              for r in visit_repo.list_visits(store, village_id, household_id=household_id, limit=VISITS_SHOWN)]
    statement = points_ledger.statement(store, household_id)
    return HouseholdFile(
        household_id, _unit(store, village_id), view.label, view.head_name, view.address, view.grid_name,
        worker.name if worker else "（网格空缺）", mask_phone(view.phone), _status(view), view.notes, today.year,
        today, members, sorted(spells, key=lambda s: bool(s.until)), visits,
        visit_repo.count_visits(store, village_id, household_id=household_id),
        [_follow_up(r, today) for r in repo.follow_ups(store, household_id)],
        [FileDispute(r["found_on"], dispute_rules.KINDS[r["kind"]], r["summary"], r["party_names"] or "",
                     dispute_rules.STATES[dispute_rules.state_of(r["outcome"])], r["closed_on"] or "")
         for r in repo.disputes_of(store, household_id)],
        statement.balance, list(reversed(statement.entries))[:ENTRIES_SHOWN], len(statement.entries))


def find_household(store: Store, actor: Actor, named: str) -> str:
    """The one household `named` names: its id, or a search for its head, a member, its address (门牌) or phone
    that finds exactly one household the actor may see; none or several are refused, the several listed."""
    text = named.strip()
    if text and household_repo.household(store, text) is not None:
        return text
    hits = search.search(store, text, actor=actor, limit=MAX_MATCHES + 1)
    found: dict[str, str] = {}
    for hit in hits:
        found.setdefault(hit.household_id, hit.label)
    if not found:
        raise NotFoundError(f"找不到农户“{text}”：请用户主或成员姓名、门牌地址、电话，或农户编号。")
    if len(found) > 1:
        lines = "\n".join(f"  {hid}　{label}" for hid, label in list(found.items())[:MAX_MATCHES])
        many = f"{len(found)} 户" if len(found) <= MAX_MATCHES else f"{MAX_MATCHES} 户以上"
        raise ValidationError("农户", f"“{text}”对应 {many}，请说得更具体（如加上门牌号），或用农户编号：\n{lines}")
    return next(iter(found))


def write_pdf(store: Store, actor: Actor, household_id: str, path: str | Path, today: dt.date | None = None) -> Path:
    """The file as an A4 PDF, for a user who may see the household's grid; audited as a print of personal data."""
    the_file = household_file(store, actor, household_id, today)
    who = may_write(store, actor, TITLE, user_repo.household_grids(store, [household_id]))
    return audited(store, who, TITLE, write_household_file(the_file, path), the_file.label)


def _unit(store: Store, village_id: str) -> str:
    """填报单位: the household's own village ("河东镇 桂花村"), also when a township node prints it."""
    row = villages_repo.village_row(store, village_id)
    return f"{row['township_name']} {row['name']}" if row is not None else unit_name(store)


def _status(view) -> str:
    if view.status == "active":
        return view.status_label
    return view.status_label + "（" + "，".join(p for p in (view.status_reason, view.status_date or "") if p) + "）"


def _follow_up(r, today: dt.date) -> FileFollowUp:
    if r["done_at"]:
        state = f"已回访（{_minute(r['done_at'])[:10]}）"
    elif r["due_on"] < today.isoformat():
        state = f"逾期 {(today - dt.date.fromisoformat(r['due_on'])).days} 天"
    else:
        state = "待回访"
    return FileFollowUp(_minute(r["visited_at"])[:10], r["due_on"], state)


def _minute(stamp: str) -> str:
    return stamp.replace("T", " ")[:16]
