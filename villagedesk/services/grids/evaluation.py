"""Evaluation (考评): a versioned rubric, indicator pre-fill, total score, and the outcome — commend, keep, replace."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.decision import checked_decision
from villagedesk.domain.grids.rubric import (
    DEFAULT_ITEMS,
    ENTERED_BY_LABELS,
    OUTCOME_LABELS,
    REPLACE_REASONS,
    RubricItem,
    prefill_score,
    total_score,
    validate_items,
)
from villagedesk.domain.period import Period, parse_period
from villagedesk.domain.permissions import Action
from villagedesk.domain.scope import Scope
from villagedesk.domain.text import clean_text, short_text
from villagedesk.services.access import authorize, refuse
from villagedesk.services.grids.indicators import indicators_for
from villagedesk.services.grids.rotation import end_all_of_worker
from villagedesk.services.grids.workers import stored_worker
from villagedesk.services.scope import village_ids
from villagedesk.services.village import home_village, home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import evaluations as repo
from villagedesk.store.grids import reserve as reserve_repo
from villagedesk.store.grids import workers as worker_repo


@dataclass(frozen=True)
class Rubric:
    id: str
    version: int
    name: str
    items: list[RubricItem]
    used: int = 0


@dataclass(frozen=True)
class Prefill:
    """One rubric item for the evaluation form: the indicator value found and the score it suggests."""

    item: RubricItem
    indicator_value: float | None
    score: float | None


@dataclass(frozen=True)
class EvaluationRow:
    id: str
    worker_id: str
    worker_name: str
    grid_name: str
    period: str
    evaluated_on: str
    total_score: float
    outcome: str
    replace_reason: str | None
    reason: str
    entered_by: str
    evaluator: str
    rubric_version: int
    sent_down: bool = False  # written at the township and sent down in its package: the village cannot change it
    village_name: str = ""  # shown at a township, whose list covers several villages

    @property
    def outcome_label(self) -> str:
        label = OUTCOME_LABELS[self.outcome]
        return f"{label}（{REPLACE_REASONS[self.replace_reason]}）" if self.replace_reason else label

    @property
    def entered_by_label(self) -> str:
        return "乡镇（随同步包下发）" if self.sent_down else ENTERED_BY_LABELS[self.entered_by]


def _items(store: Store, rubric_id: str) -> list[RubricItem]:
    return [RubricItem(r["name"], r["weight"], r["max_score"], r["indicator"], r["target_per_month"], r["id"])
            for r in repo.items(store, rubric_id)]


def current_rubric(store: Store) -> Rubric | None:
    """The home village's rubric in force (None at a township node: it enters no evaluation there yet)."""
    if home_village(store) is None:
        return None
    row = repo.latest_rubric(store, home_village_id(store))
    return None if row is None else Rubric(row["id"], row["version"], row["name"], _items(store, row["id"]))


def rubric_versions(store: Store) -> list[Rubric]:
    return [Rubric(r["id"], r["version"], r["name"], _items(store, r["id"]), r["used"])
            for r in repo.rubric_versions(store, home_village_id(store))]


def default_items() -> list[RubricItem]:
    return list(DEFAULT_ITEMS)


@writes
def save_rubric(store: Store, actor: Actor, name: object, items: list[RubricItem]) -> Rubric:
    """Save the rubric as a new version; evaluations already made keep the version they used."""
    actor = authorize(store, actor, Action.EVALUATE_WORKERS)
    title = clean_text(name) or "微网格员考评细则"
    if len(title) > 30:
        raise ValidationError("细则名称", "不能超过 30 个字")
    clean = validate_items(items)
    village_id = home_village_id(store)
    latest = repo.latest_rubric(store, village_id)
    version = (latest["version"] + 1) if latest else 1
    with store.transaction():
        rid = store.insert("eval_rubrics", {"village_id": village_id, "version": version, "name": title},
                           actor, "保存考评细则", f"{title} 第 {version} 版，{len(clean)} 项")
        for pos, item in enumerate(clean, 1):
            store.insert("eval_rubric_items", {
                "rubric_id": rid, "position": pos, "name": item.name, "weight": item.weight,
                "max_score": item.max_score, "indicator": item.indicator,
                "target_per_month": item.target_per_month}, actor, "保存考评细则", item.name)
    saved = current_rubric(store)
    assert saved is not None  # the version just written
    return saved


def _months(period: Period) -> int:
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month


def prefill(store: Store, worker_id: str, period: str) -> list[Prefill]:
    """The current rubric's items with scores suggested from records (visits, disputes, ...) where they exist."""
    rubric = current_rubric(store)
    if rubric is None:
        raise NotFoundError("考评细则：还没有设置，请先点“考评细则”保存一版")
    p = parse_period(period)
    values = indicators_for(store, worker_id, p)
    out = []
    for item in rubric.items:
        value = values.get(item.indicator) if item.indicator else None
        out.append(Prefill(item, value, prefill_score(item, value, _months(p))))
    return out


def default_entered_by(store: Store) -> str:
    """A township installation sends evaluations; a village enters its own."""
    return "township" if repo.node_role(store) == "township" else "village"


@writes
def evaluate(store: Store, actor: Actor, worker_id: str, period: str, scores: list[object], outcome: str,
             replace_reason: str | None = None, reason: object = "", entered_by: str = "village",
             evaluated_on: object = None, evaluator: object = "", rubric_id: str | None = None) -> str:
    """Record one evaluation; a replacement also takes the worker off their grids (leaving them vacant)."""
    actor = authorize(store, actor, Action.EVALUATE_WORKERS)
    worker = stored_worker(store, worker_id)
    p = parse_period(period)
    done = repo.existing(store, worker_id, p.label)
    if done is not None and repo.made_by_township(store, done):
        raise refuse(store, actor, f"{worker['name']} {p.title} 已有乡镇的考评（{done['evaluator'] or '乡镇'}，"
                                   f"{OUTCOME_LABELS[done['outcome']]}），随乡镇的同步包下发，村里不能修改或另录；"
                                   "如有异议请与乡镇联系。", Action.EVALUATE_WORKERS)
    rubric = current_rubric(store) if rubric_id is None else next(
        (r for r in rubric_versions(store) if r.id == rubric_id), None)
    if rubric is None:
        raise NotFoundError("考评细则：还没有设置，请先保存一版考评细则")
    clean_scores, total = total_score(rubric.items, scores)
    decided = checked_decision(outcome, replace_reason, reason, evaluated_on, p, worker["name"], worker["status"])
    if entered_by not in ENTERED_BY_LABELS:
        raise ValidationError("考评来源", "应为村两委录入或乡镇下发")
    replace_reason, why, on = decided.replace_reason, decided.reason, decided.evaluated_on
    if done is not None:
        raise ValidationError("考评期间", f"{worker['name']} {p.title} 已有考评，不能重复录入")
    who = short_text(evaluator, "考评人", 30)
    values = indicators_for(store, worker_id, p)
    grid_id = next((r["grid_id"] for r in worker_repo.active_with_grid(store, home_village_id(store))
                    if r["id"] == worker_id), None)
    with store.transaction():
        eid = store.insert("evaluations", {
            "worker_id": worker_id, "grid_id": grid_id, "rubric_id": rubric.id, "period": p.label,
            "period_start": p.start.isoformat(), "period_end": p.end.isoformat(),
            "evaluated_on": on.isoformat(), "total_score": total, "outcome": outcome,
            "replace_reason": replace_reason, "reason": why, "entered_by": entered_by, "evaluator": who},
            actor, "录入考评", f"{worker['name']} {p.title} {total:g} 分，{OUTCOME_LABELS[outcome]}")
        for item, score in zip(rubric.items, clean_scores, strict=True):
            store.insert("evaluation_scores", {"evaluation_id": eid, "item_id": item.id, "score": score,
                                               "indicator_value": values.get(item.indicator or "")},
                         actor, "录入考评", f"{item.name} {score:g}")
        if outcome == "replace":
            assert replace_reason is not None  # checked above
            label = REPLACE_REASONS[replace_reason]
            store.update("workers", worker_id, {"status": "replaced", "status_reason": f"{label}：{why}",
                                                "status_date": on.isoformat()},
                         actor, "调整网格员", f"{worker['name']}（{label}）")
            end_all_of_worker(store, actor, worker_id, on, f"考评调整（{label}）")
            pool = reserve_repo.open_of_worker(store, worker_id)
            if pool is not None:
                store.update("reserve_cadres", pool["id"], {"left_on": on.isoformat(),
                                                         "left_reason": f"考评调整（{label}）"},
                             actor, "移出后备力量", worker["name"])
    return eid


def evaluations(store: Store, period: str = "", outcome: str = "", search: str = "", scope: Scope | None = None) -> list[EvaluationRow]:
    p = parse_period(period) if clean_text(period) else None
    rows = repo.listing(store, village_ids(store, scope), p.start.isoformat() if p else "",
                        p.end.isoformat() if p else "", outcome, clean_text(search))
    return [EvaluationRow(r["id"], r["worker_id"], r["worker_name"], r["grid_name"], r["period"],
                          r["evaluated_on"], r["total_score"], r["outcome"], r["replace_reason"], r["reason"],
                          r["entered_by"], r["evaluator"], r["rubric_version"], bool(r["sent_down"]), r["village_name"])
            for r in rows]


def evaluation_scores(store: Store, evaluation_id: str) -> list[tuple[str, float, float]]:
    """(item, score, max) of one evaluation, in rubric order."""
    return [(r["name"], r["score"], r["max_score"]) for r in repo.scores(store, evaluation_id)]
