"""志愿服务活动: create, add participants, public notice (公示), approve, post points to household accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.ids import new_id
from villagedesk.domain.permissions import Action
from villagedesk.domain.points.rules import parse_date
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize, refuse
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.points import rules
from villagedesk.services.points.common import today as _today
from villagedesk.services.points.common import village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.points import activities as repo
from villagedesk.store.points import ledger as ledger_repo

STATUS_LABELS = {"draft": "草稿", "noticed": "公示中", "approved": "已审核", "posted": "已入账",
                 "cancelled": "已取消"}
OFFICE = "村委会"


@dataclass(frozen=True)
class Participant:
    resident_id: str
    household_id: str
    name: str
    head_name: str
    address: str
    grid_name: str


@dataclass(frozen=True)
class ActivitySummary:
    id: str
    title: str
    date: str
    status: str
    rule_name: str
    points: int
    participants: int
    grids: str
    organiser: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ActivityDetail:
    id: str
    title: str
    date: str
    status: str
    rule_id: str
    rule_name: str
    points: int
    organiser: str
    notice_deadline: str | None
    noticed_at: str | None
    approved_by: str | None
    posted_at: str | None
    notes: str
    grids: list[tuple[str, str]] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def approval_wait(self, today: dt.date | None = None) -> str | None:
        """Why a noticed activity cannot be approved yet (its objection period runs), or None once it can."""
        if self.status != "noticed" or self.notice_deadline is None:
            return None
        if _today(today).isoformat() < self.notice_deadline:
            return f"公示期到 {self.notice_deadline} 截止，截止日起才能审核通过。"
        return None

    @property
    def total_points(self) -> int:
        return self.points * len(self.participants)

    @property
    def editable(self) -> bool:
        return self.status in ("draft", "noticed")


@dataclass(frozen=True)
class AddResult:
    added: int
    already: int


@writes
def create_activity(store: Store, actor: Actor, title: str, rule_id: str, activity_date, grid_ids: list[str],
                    organiser_worker_id: str | None = None, notes: str = "") -> str:
    """A new activity (草稿) of an earning item; its points per participant come from the catalogue."""
    actor = authorize(store, actor, Action.CREATE_ACTIVITY, list(dict.fromkeys(grid_ids)))
    text = clean_text(title)
    if not text:
        raise ValidationError("活动名称", "不能为空")
    if len(text) > 40:
        raise ValidationError("活动名称", "不能超过 40 个字")
    day = parse_date(activity_date, "活动日期")
    if day > clock.today() + dt.timedelta(days=366):
        raise ValidationError("活动日期", "不能晚于一年以后")
    rule = rules.rule_in_force(store, rule_id, day, "earn", "积分项目")
    vid = village_id(store)
    grid_ids = list(dict.fromkeys(grid_ids))
    if not grid_ids:
        raise ValidationError("涉及网格", "至少选择一个网格")
    unknown = set(grid_ids) - repo.live_grid_ids(store, vid)
    if unknown:
        raise ValidationError("涉及网格", "所选网格不存在或已撤销")
    organiser = OFFICE
    if organiser_worker_id:
        named = repo.worker_name(store, organiser_worker_id)
        if named is None:
            raise ValidationError("发起人", "所选网格员不存在")
        organiser = named
    with store.transaction():
        aid = store.insert("activities", {"village_id": vid, "title": text, "rule_id": rule.id,
                                          "points": rule.points, "activity_date": day.isoformat(),
                                          "organiser_worker_id": organiser_worker_id or None,
                                          "organiser_name": organiser, "notes": clean_text(notes),
                                          "created_by_id": actor.user_id},
                           actor, "发起志愿服务活动", f"{text}（{day.isoformat()}，{rule.name} {rule.points} 分/人）")
        store.insert_many("activity_grids", [{"id": new_id(), "activity_id": aid, "grid_id": g} for g in grid_ids], actor)
    return aid


def _editable(store: Store, activity_id: str):
    row = repo.by_id(store, activity_id)
    if row is None:
        raise NotFoundError("活动不存在或已删除。")
    if row["status"] not in ("draft", "noticed"):
        raise ConflictError(f"活动“{row['title']}”{STATUS_LABELS[row['status']]}，参与人名单不能再修改。")
    return row


def _back_to_draft(store: Store, actor: Actor, row) -> None:
    """A list changed after its notice was printed must be noticed again."""
    if row["status"] == "noticed":
        store.update("activities", row["id"], {"status": "draft", "notice_deadline": None, "noticed_at": None},
                     actor, "撤回公示", f"{row['title']}：名单有变动，需重新公示")


@writes
def add_participants(store: Store, actor: Actor, activity_id: str, resident_ids: list[str]) -> AddResult:
    """Add residents; ones already on the list are counted, not added twice."""
    if not resident_ids:
        raise ValidationError("参与人", "请至少选择一位村民")
    row = _editable(store, activity_id)
    people = []
    for rid in dict.fromkeys(resident_ids):
        r = ledger_repo.resident_row(store, rid)
        if r is None or r["deleted_at"] is not None or r["village_id"] != row["village_id"]:
            raise ValidationError("参与人", "所选村民不在本村花名册中")
        if r["residence_status"] in ("moved_out", "deceased"):
            raise ValidationError("参与人", f"{r['name']}已迁出或已去世，不能登记为参与人")
        people.append(r)
    with store.transaction():
        present = repo.participant_ids(store, activity_id)
        new = [p for p in people if p["id"] not in present]
        store.insert_many("activity_participants", [{"id": new_id(), "activity_id": activity_id, "resident_id": p["id"],
                                                     "household_id": p["household_id"]} for p in new], actor)
        if new:
            store.audit(actor, "登记活动参与人", "activities", activity_id,
                        f"{row['title']}：{'、'.join(p['name'] for p in new)}")
            _back_to_draft(store, actor, row)
    return AddResult(len(new), len(people) - len(new))


@writes
def add_household(store: Store, actor: Actor, activity_id: str, household_id: str) -> AddResult:
    """Add every member of a household who lives at home."""
    hh = ledger_repo.household_row(store, household_id)
    if hh is None or hh["deleted_at"] is not None or hh["status"] != "active":
        raise ValidationError("农户", "所选农户不存在或已迁出")
    members = ledger_repo.household_members(store, household_id)
    if not members:
        raise ValidationError("农户", f"{hh['label']}没有在家居住的成员")
    return add_participants(store, actor, activity_id, [m["id"] for m in members])


@writes
def remove_participant(store: Store, actor: Actor, activity_id: str, resident_id: str) -> None:
    row = _editable(store, activity_id)
    p = repo.participant_row(store, activity_id, resident_id)
    if p is None:
        raise NotFoundError("该村民不在参与人名单中。")
    with store.transaction():
        store.tombstone("activity_participants", p["id"], actor, "移出活动参与人", row["title"])
        _back_to_draft(store, actor, row)


@writes
def publish_notice(store: Store, actor: Actor, activity_id: str, deadline, today: dt.date | None = None) -> None:
    """Put the list up for public notice (公示) until the objection deadline."""
    row = _editable(store, activity_id)
    day = _today(today)
    end = parse_date(deadline, "异议截止日期")
    if end < day:
        raise ValidationError("异议截止日期", f"不能早于今天（{day.isoformat()}）")
    if end > day + dt.timedelta(days=30):
        raise ValidationError("异议截止日期", "公示期不宜超过 30 天")
    if row["activity_date"] > day.isoformat():
        raise ConflictError(f"活动日期是 {row['activity_date']}，活动举行后才能公示。")
    if not repo.participant_ids(store, activity_id):
        raise ConflictError("参与人名单是空的，不能公示。")
    with store.transaction():
        store.update("activities", activity_id, {"status": "noticed", "notice_deadline": end.isoformat(),
                                                 "noticed_at": now_iso()},
                     actor, "活动积分公示", f"{row['title']}：公示至 {end.isoformat()}")


@writes
def approve(store: Store, actor: Actor, activity_id: str, today: dt.date | None = None) -> None:
    """After the notice period, the office approves the list as noticed; never the activity's own creator."""
    actor = authorize(store, actor, Action.APPROVE_POINTS)
    row = repo.by_id(store, activity_id)
    if row is None:
        raise NotFoundError("活动不存在或已删除。")
    if row["created_by_id"] and row["created_by_id"] == actor.user_id:
        raise refuse(store, actor, f"活动的审核人不能是发起登记人：“{row['title']}”是{actor.name}登记的，"
                                   "须由另一位书记/主任审核。", Action.APPROVE_POINTS)
    if row["status"] != "noticed":
        raise ConflictError(f"活动“{row['title']}”{STATUS_LABELS[row['status']]}，只有公示中的活动才能审核。")
    if _today(today).isoformat() < row["notice_deadline"]:
        raise ConflictError(f"公示期到 {row['notice_deadline']} 截止，截止日起才能审核通过。")
    with store.transaction():
        store.update("activities", activity_id, {"status": "approved", "approved_at": now_iso(),
                                                 "approved_by": actor.name}, actor, "审核通过活动积分", row["title"])


@writes
def post(store: Store, actor: Actor, activity_id: str, at: str | None = None) -> int:
    """Credit each participant's household account, naming the participant; refused a second time."""
    actor = authorize(store, actor, Action.APPROVE_POINTS)
    row = repo.by_id(store, activity_id)
    if row is None:
        raise NotFoundError("活动不存在或已删除。")
    if row["status"] == "posted":
        raise ConflictError(f"活动“{row['title']}”的积分已入账，不能重复入账。")
    if row["status"] != "approved":
        raise ConflictError(f"活动“{row['title']}”{STATUS_LABELS[row['status']]}，审核通过后才能入账。")
    with store.transaction():
        if repo.posted_entries(store, activity_id):
            raise ConflictError(f"活动“{row['title']}”的积分已入账，不能重复入账。")
        people = repo.participants(store, activity_id)
        drafts = [ledger_repo.EntryDraft(row["village_id"], p["household_id"], p["resident_id"], row["points"],
                                         "award", f"{row['title']}（{row['rule_name']}）", "activity", activity_id)
                  for p in people]
        ledger_repo.append_entries(store, actor, drafts, at=at)
        store.update("activities", activity_id, {"status": "posted", "posted_at": at or now_iso(),
                                                 "posted_by": actor.name},
                     actor, "活动积分入账", f"{row['title']}：{len(people)} 人，每人 {row['points']} 分")
    return len(drafts)


@writes
def cancel(store: Store, actor: Actor, activity_id: str, reason: str) -> None:
    row = repo.by_id(store, activity_id)
    if row is None:
        raise NotFoundError("活动不存在或已删除。")
    if row["status"] in ("posted", "cancelled"):
        raise ConflictError(f"活动“{row['title']}”{STATUS_LABELS[row['status']]}，不能取消；已入账的积分请冲正。")
    text = clean_text(reason)
    if not text:
        raise ValidationError("取消原因", "不能为空")
    with store.transaction():
        store.update("activities", activity_id, {"status": "cancelled", "cancel_reason": text},
                     actor, "取消活动", f"{row['title']}：{text}")


def activities(store: Store, status: str | None = None) -> list[ActivitySummary]:
    return [ActivitySummary(r["id"], r["title"], r["activity_date"], r["status"], r["rule_name"], r["points"],
                            r["participants"], r["grids"] or "", r["organiser_name"])
            for r in repo.listing(store, village_id(store), status)]


def activity(store: Store, activity_id: str) -> ActivityDetail:
    row = repo.by_id(store, activity_id)
    if row is None:
        raise NotFoundError("活动不存在或已删除。")
    people = [Participant(p["resident_id"], p["household_id"], p["name"], p["head_name"], p["address"],
                          p["grid_name"]) for p in repo.participants(store, activity_id)]
    return ActivityDetail(row["id"], row["title"], row["activity_date"], row["status"], row["rule_id"],
                          row["rule_name"], row["points"], row["organiser_name"], row["notice_deadline"],
                          row["noticed_at"], row["approved_by"], row["posted_at"], row["notes"],
                          [(g["id"], g["name"]) for g in repo.grids(store, activity_id)], people)


def grid_choices(store: Store) -> list[tuple[str, str]]:
    return [(r["id"], f"{r['code']} {r['name']}") for r in repo.grid_choices(store, village_id(store))]


def organiser_choices(store: Store) -> list[tuple[str | None, str]]:
    """The office first, then the active workers."""
    return [(None, OFFICE)] + [(r["id"], r["name"]) for r in repo.worker_choices(store, village_id(store))]


def write_notice_pdf(store: Store, actor: Actor, activity_id: str, path: str | Path) -> Path:
    """The A4 public notice (公示) of the points to be awarded, with the objection deadline; audited."""
    from villagedesk.reports.points_notice import write_notice
    from villagedesk.services.village import home_village

    detail = activity(store, activity_id)
    if detail.status not in ("noticed", "approved", "posted"):
        raise ConflictError("请先点“公示”并定好异议截止日期，再打印公示。")
    who = may_write(store, actor, "积分公示", [grid_id for grid_id, _name in detail.grids])
    return audited(store, who, "积分公示", write_notice(home_village(store), detail, path), detail.title)
