"""Visits (入户走访): record one visit or a day's visits for a grid, with what they found, all or nothing.

A visit that finds something opens an item (a dispute, a hardship or a safety hazard) and, for a
key-population household, a follow-up due within the configured number of days. A visit whose
purpose is 二次回访 settles the oldest follow-up the household is still owed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work import disputes as dispute_rules
from villagedesk.domain.field_work import visits as rules
from villagedesk.domain.field_work.follow_ups import check_after_visit
from villagedesk.domain.field_work.text import required_text
from villagedesk.domain.field_work.times import day_not_in_future, parse_minute, require_day, to_minute
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.domain.scope import Scope
from villagedesk.services.access import authorize, listing_grids
from villagedesk.services.field_work import disputes, follow_ups
from villagedesk.services.field_work.people import (
    require_household,
    require_worker,
    village_of_household,
    village_of_worker,
)
from villagedesk.services.progress import Job, step
from villagedesk.services.scope import village_ids
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.field_work import follow_ups as follow_up_repo
from villagedesk.store.field_work import people
from villagedesk.store.field_work import visits as repo
from villagedesk.store.users import household_grids


@dataclass(frozen=True)
class VisitResult:
    visit_id: str
    finding_id: str | None = None
    dispute_id: str | None = None
    follow_up_owed_id: str | None = None  # a follow-up this visit opened
    follow_up_settled_id: str | None = None  # a follow-up this visit completed


@dataclass(frozen=True)
class VisitLine:
    id: str
    visited_at: str
    worker_name: str
    household_label: str
    grid_name: str
    way: str
    purpose: str
    findings: str
    out_of_grid_reason: str
    finding_kinds: tuple[str, ...]
    village_name: str = ""  # shown at a township, whose list covers several villages

    @property
    def way_label(self) -> str:
        return rules.WAYS[self.way]

    @property
    def purpose_label(self) -> str:
        return rules.PURPOSES[self.purpose]

    @property
    def finding_labels(self) -> str:
        return "、".join(rules.FINDING_KINDS[k] for k in self.finding_kinds)


@dataclass
class _Checked:
    draft: rules.VisitDraft
    household: Any  # store rows (services do not import sqlite3)
    worker: Any
    dispute: dispute_rules.DisputeDraft | None
    follow_up: Any


@writes
def record_visit(store: Store, actor: Actor, draft: rules.VisitDraft,
                 dispute: dispute_rules.DisputeDraft | None = None, follow_up_id: str | None = None,
                 now: dt.datetime | None = None, dispute_kind: str = "other",
                 other_parties: tuple[dispute_rules.PartyDraft, ...] = ()) -> VisitResult:
    """One visit. A finding of kind 'dispute' registers the dispute: `dispute` in full, or one built from
    the visit (its grid, day and worker; the household's head and `other_parties` as parties)."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK, household_grids(store, [draft.household_id]))
    with store.transaction():  # checked inside the write lock: a second writer cannot slip in between
        village_id = village_of_household(store, draft.household_id)  # the household's village
        checked = _check(store, village_id, draft, dispute, follow_up_id, now, dispute_kind=dispute_kind,
                         other_parties=other_parties)
        return _write(store, actor, village_id, checked)


@dataclass(frozen=True)
class DayEntry:
    """One line of a day's quick entry: the household, the time of day, and what happened."""

    household_id: str
    time: dt.time
    way: str = "in_person"
    purpose: str = "info"
    findings: str = ""
    notes: str = ""
    finding: rules.FindingDraft | None = None
    out_of_grid_reason: str = ""


@writes
def record_day(store: Store, actor: Actor, worker_id: str, day: dt.date, entries: list[DayEntry],
               now: dt.datetime | None = None, job: Job | None = None) -> list[VisitResult]:
    """A worker's visits of one day, checked line by line first (errors name the line), then saved together."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK, household_grids(store, [e.household_id for e in entries]))
    if not entries:
        raise ValidationError("走访记录", "请至少录入一户")
    seen: dict[str, int] = {}
    for n, e in enumerate(entries, 1):
        if e.household_id in seen:
            raise ValidationError("农户", f"与第 {seen[e.household_id]} 行是同一户，请合并为一条", n)
        seen[e.household_id] = n
    results = []
    with store.transaction():  # every line checked inside the write lock, then all saved
        village_id = village_of_worker(store, worker_id, "走访人")  # the worker's village: its households
        checked = []
        for n, e in enumerate(entries, 1):
            draft = rules.VisitDraft(worker_id, e.household_id, dt.datetime.combine(day, e.time), e.way, e.purpose,
                                     e.findings, e.notes, e.out_of_grid_reason, e.finding)
            checked.append(_check(store, village_id, draft, None, None, now, row=n))
            step(job, 0.5 * n / len(entries), f"正在检查第 {n} 行")
        for n, c in enumerate(checked, 1):
            results.append(_write(store, actor, village_id, c))
            step(job, 0.5 + 0.5 * n / len(checked), f"正在保存第 {n} 户")
    return results


def _check(store: Store, village_id: str, draft: rules.VisitDraft, dispute: dispute_rules.DisputeDraft | None,
           follow_up_id: str | None, now: dt.datetime | None, row: int | None = None, dispute_kind: str = "other",
           other_parties: tuple[dispute_rules.PartyDraft, ...] = ()) -> _Checked:
    draft = rules.clean_visit(draft, now, row)
    try:
        worker = require_worker(store, draft.worker_id, village_id, "走访人")
        household = require_household(store, draft.household_id, village_id)
        day = draft.visited_at.date().isoformat()
        if household["grid_id"] not in people.worker_grid_ids_on(store, worker["id"], day) \
                and not draft.out_of_grid_reason:
            raise rules.out_of_grid_refusal(household["grid_name"], worker["name"])
        follow_up = _follow_up_to_settle(store, draft, follow_up_id)
        if draft.finding is not None and draft.finding.kind == "dispute":
            dispute = dispute_rules.clean_dispute(
                dispute or _dispute_from_visit(draft, household, worker, dispute_kind, other_parties),
                draft.visited_at.date())
    except ValidationError as exc:
        if row is None:
            raise
        raise ValidationError(exc.field, exc.reason, row) from None
    return _Checked(draft, household, worker, dispute, follow_up)


def _follow_up_to_settle(store: Store, draft: rules.VisitDraft, follow_up_id: str | None):
    if follow_up_id:
        row = follow_up_repo.follow_up(store, follow_up_id)
        if row is None or row["household_id"] != draft.household_id:
            raise ValidationError("回访对象", "所选的应回访记录不属于这一户")
        if row["done_visit_id"]:
            raise ValidationError("回访对象", "这次回访已经登记过了")
    elif draft.purpose == "follow_up":
        row = follow_up_repo.oldest_open_for_household(store, draft.household_id, to_minute(draft.visited_at))
    else:
        return None
    if row is not None:
        check_after_visit(draft.visited_at, parse_minute(row["visited_at"]))
    return row


def _dispute_from_visit(draft: rules.VisitDraft, household, worker, kind: str,
                        others: tuple[dispute_rules.PartyDraft, ...]) -> dispute_rules.DisputeDraft:
    party = dispute_rules.PartyDraft(household["head_name"] or household["label"], household["head_resident_id"])
    others = tuple(p for p in others if p.name.strip() or p.resident_id)
    description = draft.finding.description if draft.finding is not None else ""
    return dispute_rules.DisputeDraft(household["grid_id"], kind or "other", description,
                                      draft.visited_at.date(), worker["name"], (party, *others), worker["id"])


def _write(store: Store, actor: Actor, village_id: str, c: _Checked) -> VisitResult:
    d, household = c.draft, c.household
    visit_id = store.insert("visits", {
        "village_id": village_id, "worker_id": d.worker_id, "household_id": d.household_id,
        "grid_id": household["grid_id"], "visited_at": to_minute(d.visited_at), "way": d.way,
        "purpose": d.purpose, "findings": d.findings, "notes": d.notes,
        "out_of_grid_reason": d.out_of_grid_reason}, actor, "登记走访",
        f"{c.worker['name']} {rules.WAYS[d.way]} {household['label']}")
    result = VisitResult(visit_id)
    if c.follow_up is not None:
        follow_ups.settle(store, actor, c.follow_up, visit_id, d.visited_at)
        result = replace(result, follow_up_settled_id=c.follow_up["id"])
    if d.finding is not None:
        dispute_id = None
        if c.dispute is not None:
            dispute_id = disputes.insert_clean(store, actor, village_id, c.dispute, visit_id)
        finding_id = store.insert("visit_findings", {
            "visit_id": visit_id, "household_id": d.household_id, "grid_id": household["grid_id"],
            "kind": d.finding.kind, "hardship_kind": d.finding.hardship_kind, "description": d.finding.description,
            "dispute_id": dispute_id}, actor, "走访发现事项", rules.FINDING_KINDS[d.finding.kind])
        owed = follow_ups.owe_if_due(store, actor, visit_id, village_id, d.household_id, household["grid_id"],
                                     d.worker_id, d.visited_at)
        result = replace(result, finding_id=finding_id, dispute_id=dispute_id, follow_up_owed_id=owed)
    return result


@writes
def close_finding(store: Store, actor: Actor, finding_id: str, on: dt.date, note: str) -> None:
    """A hardship or hazard handled: closed with a date and what was done."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    day = day_not_in_future(require_day(on, "办结日期"), "办结日期")
    note = required_text(note, "办理情况", 300)
    with store.transaction():  # the finding's state read inside the write lock
        row = repo.finding(store, finding_id)
        if row is None:
            raise ValidationError("发现事项", "该事项不存在或已作废")
        if row["kind"] == "dispute":
            raise ValidationError("发现事项", "矛盾纠纷请在“矛盾纠纷”页登记处理结果")
        if row["status"] == "closed":
            raise ValidationError("发现事项", "该事项已经办结")
        store.update("visit_findings", finding_id, {"status": "closed", "closed_on": day.isoformat(),
                                                    "closed_note": note}, actor, "走访发现事项办结", note)


@dataclass(frozen=True)
class FindingLine:
    id: str
    kind: str
    hardship_kind: str | None
    description: str
    visited_at: str
    grid_name: str
    household_label: str

    @property
    def kind_label(self) -> str:
        label = rules.FINDING_KINDS[self.kind]
        return f"{label}（{rules.HARDSHIP_KINDS[self.hardship_kind]}）" if self.hardship_kind else label


def open_findings(store: Store, kind: str | None = None, scope: Scope | None = None, *,
                  actor: Actor) -> list[FindingLine]:
    """Hardships and hazards a visit found that are not yet handled, oldest first (a worker: their grids')."""
    grids = listing_grids(store, actor)
    return [FindingLine(r["id"], r["kind"], r["hardship_kind"], r["description"], r["visited_at"], r["grid_name"],
                        r["household_label"])
            for r in repo.open_findings(store, village_ids(store, scope), kind, grids)]


def list_visits(store: Store, grid_id: str | None = None, worker_id: str | None = None,
                period: Period | None = None, household_id: str | None = None, limit: int = 200,
                offset: int = 0, scope: Scope | None = None, *, actor: Actor) -> list[VisitLine]:
    """Visits newest first, as the actor may see them (a worker: their grids')."""
    grids = listing_grids(store, actor, grid_id)
    start, end = _bounds(period)
    rows = repo.list_visits(store, village_ids(store, scope), grid_id, worker_id, start, end, household_id,
                            limit, offset, grids)
    return [VisitLine(r["id"], r["visited_at"], r["worker_name"], r["household_label"], r["grid_name"], r["way"],
                      r["purpose"], r["findings"], r["out_of_grid_reason"],
                      tuple((r["finding_kinds"] or "").split(",")) if r["finding_kinds"] else (), r["village_name"])
            for r in rows]


def count_visits(store: Store, grid_id: str | None = None, worker_id: str | None = None,
                 period: Period | None = None, household_id: str | None = None, scope: Scope | None = None, *,
                 actor: Actor) -> int:
    grids = listing_grids(store, actor, grid_id)
    start, end = _bounds(period)
    return repo.count_visits(store, village_ids(store, scope), grid_id, worker_id, start, end, household_id, grids)


def _bounds(period: Period | None) -> tuple[str | None, str | None]:
    return (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
