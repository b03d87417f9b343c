"""乡镇党委统筹考核: the township's quarterly and yearly evaluation of a village's grid worker (表彰 / 保留 / 调整),
a township record sent down in its next package to that village, where it shows on 考评 marked 乡镇 and counts in
the village's figures; the village carries the replacement out on its own roster."""

from __future__ import annotations

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.grids.decision import checked_decision
from villagedesk.domain.grids.rubric import OUTCOME_LABELS
from villagedesk.domain.period import parse_period
from villagedesk.domain.permissions import Action
from villagedesk.domain.text import short_text
from villagedesk.services.access import authorize
from villagedesk.services.grids.workers import stored_worker
from villagedesk.services.township.node import node_role
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import evaluations as repo
from villagedesk.store.grids import workers as worker_repo

KINDS = ("quarter", "year")  # the township evaluates by quarter and by year (a village may by month too)


@writes(township=True)  # the township's own record, not a change of the village's
def evaluate_worker(store: Store, actor: Actor, worker_id: str, period: str, score: object, outcome: str,
                    reason: object = "", replace_reason: str | None = None, evaluated_on: object = None,
                    evaluator: object = "镇党委") -> str:
    """Record the township's evaluation of one village's worker for a quarter or a year."""
    actor = authorize(store, actor, Action.EVALUATE_WORKERS)
    if node_role(store) != "township":
        raise ConflictError("乡镇考评在乡镇节点录入，随乡镇的同步包下发；本村的考评请在“网格与网格员 › 考评”录入。")
    worker = stored_worker(store, worker_id)
    p = parse_period(period)
    if p.kind not in KINDS:
        raise ValidationError("考评期间", f"乡镇按季度或年度考评（如 2026-Q3、2026），“{period}”不是")
    try:
        total = float(str(score).strip())
    except ValueError:
        raise ValidationError("考评得分", f"“{score}”不是数字") from None
    if not 0 <= total <= 100:
        raise ValidationError("考评得分", "应在 0 到 100 分之间")
    d = checked_decision(outcome, replace_reason, reason, evaluated_on, p, worker["name"], worker["status"])
    replace_reason, why, on = d.replace_reason, d.reason, d.evaluated_on
    if repo.existing(store, worker_id, p.label) is not None:
        raise ValidationError("考评期间", f"{worker['name']} {p.title} 已有考评，不能重复录入")
    rubric = repo.latest_rubric(store, worker["village_id"])
    if rubric is None:
        raise NotFoundError("考评细则：该村还没有考评细则（随村的同步包而来），请村里先保存一版")
    who = short_text(evaluator, "考评人", 30) or "镇党委"
    grid_id = next((r["grid_id"] for r in worker_repo.active_with_grid(store, worker["village_id"])
                    if r["id"] == worker_id), None)
    with store.transaction():
        return store.insert("evaluations", {
            "worker_id": worker_id, "grid_id": grid_id, "rubric_id": rubric["id"], "period": p.label,
            "period_start": p.start.isoformat(), "period_end": p.end.isoformat(), "evaluated_on": on.isoformat(),
            "total_score": total, "outcome": outcome, "replace_reason": replace_reason, "reason": why,
            "entered_by": "township", "evaluator": who},
            actor, "乡镇考评", f"{worker['name']} {p.title} {total:g} 分，{OUTCOME_LABELS[outcome]}")


def workers_to_evaluate(store: Store) -> list[tuple[str, str]]:
    """(worker id, 村 · 姓名（网格）) of every active worker of the villages this township holds."""
    from villagedesk.services.scope import resolve_scope

    out = []
    for v in resolve_scope(store).villages:
        out += [(r["id"], f"{v.name} · {r['name']}" + (f"（{r['grid_name']}）" if r["grid_name"] else ""))
                for r in worker_repo.active_with_grid(store, v.id)]
    return out
