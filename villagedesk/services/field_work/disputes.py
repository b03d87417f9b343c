"""Disputes (矛盾纠纷): register a case, its parties and mediation attempts, and climb the outcome ladder.

mediation_success_rate and disputes_escalated are defined in villagedesk.domain.field_work.disputes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.field_work import disputes as rules
from villagedesk.domain.field_work.text import optional_lines
from villagedesk.domain.field_work.times import parse_day
from villagedesk.domain.identity import mask_identity
from villagedesk.domain.permissions import Action
from villagedesk.domain.register.sensitive import mask_phone
from villagedesk.services.access import authorize
from villagedesk.services.field_work.people import require_grid, require_worker, village_of_grid
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes as repo
from villagedesk.store.field_work import people
from villagedesk.store.field_work import visits as visit_repo


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    resident_id: str | None
    sex: str
    id_number: str
    phone: str
    address: str


@dataclass(frozen=True)
class Mediation:
    id: str
    held_on: dt.date
    mediator: str
    result: str
    content: str
    terms: str

    @property
    def result_label(self) -> str:
        return rules.RESULTS[self.result]


@dataclass(frozen=True)
class Step:
    """One rung of the ladder, as the detail view lists it."""

    label: str
    on: dt.date


@dataclass(frozen=True)
class DisputeDetail:
    id: str
    grid_id: str
    grid_name: str
    kind: str
    summary: str
    found_on: dt.date
    found_by: str
    visit_id: str | None
    outcome: str | None
    closed_on: dt.date | None
    outcome_note: str
    parties: list[Party]
    mediations: list[Mediation]
    steps: list[Step]

    @property
    def state_label(self) -> str:
        return rules.STATES[rules.state_of(self.outcome)]

    @property
    def kind_label(self) -> str:
        return rules.KINDS[self.kind]

    @property
    def is_open(self) -> bool:
        return self.outcome is None

    @property
    def agreement(self) -> Mediation | None:
        agreed = [m for m in self.mediations if m.result == "agreed"]
        return agreed[-1] if agreed else None


@writes
def open_dispute(store: Store, actor: Actor, draft: rules.DisputeDraft, visit_id: str | None = None,
                 today: dt.date | None = None) -> str:
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    draft = rules.clean_dispute(draft, today)
    with store.transaction():  # the grid, finder and parties checked inside the write lock
        village_id = village_of_grid(store, draft.grid_id, "所属网格")  # the dispute's grid's village
        require_grid(store, draft.grid_id, village_id, "所属网格")
        if draft.found_by_worker_id:
            require_worker(store, draft.found_by_worker_id, village_id, "发现人")
        for p in draft.parties:
            if p.resident_id and people.resident(store, p.resident_id) is None:
                raise NotFoundError(f"当事人“{p.name}”在人口登记中不存在，请重新选择。")
        return insert_clean(store, actor, village_id, draft, visit_id)


@writes
def insert_clean(store: Store, actor: Actor, village_id: str, draft: rules.DisputeDraft, visit_id: str | None) -> str:
    """Inside the caller's transaction; the draft is already clean."""
    names = "、".join(p.name for p in draft.parties)
    dispute_id = store.insert("disputes", {
        "village_id": village_id, "grid_id": draft.grid_id, "kind": draft.kind, "summary": draft.summary,
        "found_on": draft.found_on.isoformat(), "found_by": draft.found_by,
        "found_by_worker_id": draft.found_by_worker_id, "visit_id": visit_id}, actor, "登记矛盾纠纷",
        f"{rules.KINDS[draft.kind]}：{names}")
    for seq, party in enumerate(draft.parties, 1):
        _insert_party(store, actor, dispute_id, seq, party)
    return dispute_id


def _insert_party(store: Store, actor: Actor, dispute_id: str, seq: int, party: rules.PartyDraft) -> str:
    return store.insert("dispute_parties", {"dispute_id": dispute_id, "seq": seq, "resident_id": party.resident_id,
                                            "name": party.name, "phone": party.phone, "address": party.address},
                        actor, "添加纠纷当事人", party.name)


@writes
def add_party(store: Store, actor: Actor, dispute_id: str, party: rules.PartyDraft) -> str:
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    with store.transaction():  # checked inside the write lock
        row = _require(store, dispute_id)
        party = rules.clean_party(party, len(repo.parties(store, dispute_id)) + 1)
        if party.resident_id:
            if people.resident(store, party.resident_id) is None:
                raise NotFoundError(f"当事人“{party.name}”在人口登记中不存在，请重新选择。")
            if any(p["resident_id"] == party.resident_id for p in repo.parties(store, dispute_id)):
                raise ValidationError("当事人", f"“{party.name}”已经是本纠纷的当事人")
        return _insert_party(store, actor, row["id"], repo.next_party_seq(store, dispute_id), party)


@writes
def record_mediation(store: Store, actor: Actor, dispute_id: str, draft: rules.MediationDraft,
                     today: dt.date | None = None) -> str:
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    with store.transaction():  # the dispute's state read inside the write lock: one closed meanwhile is refused
        row = _require(store, dispute_id)
        if row["outcome"] is not None:
            raise ConflictError(f"该纠纷已是“{rules.OUTCOMES[row['outcome']]}”，网格内调解已结束，不能再登记调解。")
        draft = rules.clean_mediation(draft, parse_day(row["found_on"]), today)
        if draft.mediator_worker_id:
            require_worker(store, draft.mediator_worker_id, row["village_id"], "调解人")
        return store.insert("mediations", {
            "dispute_id": dispute_id, "held_on": draft.held_on.isoformat(), "mediator": draft.mediator,
            "mediator_worker_id": draft.mediator_worker_id, "result": draft.result, "content": draft.content,
            "terms": draft.terms}, actor, "登记调解", f"{draft.held_on.isoformat()} {rules.RESULTS[draft.result]}")


@writes
def set_outcome(store: Store, actor: Actor, dispute_id: str, outcome: object, on: object, note: str = "",
                today: dt.date | None = None) -> str:
    """Climb the ladder one rung: close the grid's part, or take an escalation to the township."""
    actor = authorize(store, actor, Action.RECORD_FIELD_WORK)
    note = optional_lines(note, "情况说明", 1000)
    with store.transaction():  # the ladder's current rung read inside the write lock
        row = _require(store, dispute_id)
        attempts = repo.mediations(store, dispute_id)
        last = max([parse_day(m["held_on"]) for m in attempts]
                   + [parse_day(row[c]) for c in ("escalated_village_on",) if row[c]], default=None)
        code, day = rules.check_outcome(row["outcome"], outcome, on, parse_day(row["found_on"]), last,
                                        any(m["result"] == "agreed" for m in attempts), today)
        changes = {"outcome": code, rules.date_column(code): day.isoformat()}
        if row["outcome"] is None:
            changes["closed_on"] = day.isoformat()
        if note:
            changes["outcome_note"] = (row["outcome_note"] + "\n" + note).strip()
        store.update("disputes", dispute_id, changes, actor, "纠纷处理结果", f"{rules.OUTCOMES[code]} {day.isoformat()}")
        _close_findings(store, actor, dispute_id, day)
    return code


def _close_findings(store: Store, actor: Actor, dispute_id: str, day: dt.date) -> None:
    for finding_id in visit_repo.open_finding_ids_of_dispute(store, dispute_id):
        store.update("visit_findings", finding_id, {"status": "closed", "closed_on": day.isoformat()}, actor,
                     "走访发现事项办结", "纠纷已有处理结果")


def detail(store: Store, actor: Actor, dispute_id: str) -> DisputeDetail:
    """One dispute as its panel shows it, for a user the policy lets see its grid; the parties' identity numbers and
    phones masked (the agreement prints them masked too)."""
    row = _require(store, dispute_id)
    authorize(store, actor, Action.VIEW_REGISTER, [row["grid_id"]])
    return stored_detail(store, dispute_id, masked=True)


def stored_detail(store: Store, dispute_id: str, masked: bool = False) -> DisputeDetail:
    """One dispute for a service that has checked its own action (the agreement's print masks the numbers)."""
    row = _require(store, dispute_id)
    ident, phone = (mask_identity, mask_phone) if masked else (str, str)
    parties = [Party(p["id"], p["name"], p["resident_id"], p["sex"] or "", ident(p["id_number"] or ""),
                     phone(p["phone"] or p["resident_phone"] or ""),
                     p["address"] or (f"{p['hamlet']} {p['house_number']}" if p["hamlet"] else ""))
               for p in repo.parties(store, dispute_id)]
    mediations = [Mediation(m["id"], parse_day(m["held_on"]), m["mediator"], m["result"], m["content"], m["terms"])
                  for m in repo.mediations(store, dispute_id)]
    steps = [Step("发现登记", parse_day(row["found_on"]))]
    steps += [Step(f"第 {i} 次调解：{m.result_label}", m.held_on) for i, m in enumerate(mediations, 1)]
    for code in rules.OUTCOMES:
        if row[rules.date_column(code)]:
            steps.append(Step(rules.OUTCOMES[code], parse_day(row[rules.date_column(code)])))
    return DisputeDetail(row["id"], row["grid_id"], row["grid_name"], row["kind"], row["summary"],
                         parse_day(row["found_on"]), row["found_by"], row["visit_id"], row["outcome"],
                         parse_day(row["closed_on"]) if row["closed_on"] else None, row["outcome_note"],
                         parties, mediations, steps)


def _require(store: Store, dispute_id: str):
    row = repo.dispute(store, dispute_id)
    if row is None:
        raise NotFoundError("该纠纷记录不存在或已作废。")
    return row
