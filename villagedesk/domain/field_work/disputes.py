"""Disputes (矛盾纠纷): kinds, mediation results, and the ladder "mediate within one's ability, escalate beyond it".

The grid's part of a dispute ends with one outcome, on a date (closed_on):
resolved by mediation in the grid, escalated to the village, escalated to the township, or
withdrawn. A dispute escalated to the village may later climb on to the township; each rung
keeps its own date and the grid's closing date does not move.

mediation_success_rate for a period = disputes whose grid handling ended in the period with
"resolved by mediation in the grid" ÷ disputes whose grid handling ended in the period with any
outcome other than "withdrawn" (a withdrawn case was not decided by mediation either way).
disputes_escalated = disputes escalated (to the village or straight to the township) with the
first escalation dated in the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.field_work.text import (
    choice,
    optional_lines,
    optional_text,
    required_lines,
    required_text,
)
from villagedesk.domain.field_work.times import day_not_in_future, fmt_day, require_day

KINDS: dict[str, str] = {"neighbour": "邻里纠纷", "land": "土地山林边界", "family": "婚姻家庭",
                         "debt": "债务纠纷", "other": "其他"}
RESULTS: dict[str, str] = {"agreed": "达成协议", "partial": "部分达成", "failed": "未达成"}
OUTCOMES: dict[str, str] = {"resolved_in_grid": "网格内调解成功", "escalated_village": "上报村",
                            "escalated_township": "上报乡镇", "withdrawn": "当事人撤回"}
# The state a ledger shows: open, or the outcome.
STATES: dict[str, str] = {"open": "调解中", **OUTCOMES}
_DATE_COLUMN = {"resolved_in_grid": "resolved_on", "escalated_village": "escalated_village_on",
                "escalated_township": "escalated_township_on", "withdrawn": "withdrawn_on"}
# Which outcome may follow which: open disputes take any; an escalation to the village may climb on.
_NEXT: dict[str | None, tuple[str, ...]] = {
    None: tuple(OUTCOMES),
    "escalated_village": ("escalated_township",),
}


@dataclass(frozen=True)
class PartyDraft:
    """A party: a resident of the register (resident_id) or an outsider (name, phone, address)."""

    name: str
    resident_id: str | None = None
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class DisputeDraft:
    grid_id: str
    kind: str
    summary: str
    found_on: dt.date
    found_by: str
    parties: tuple[PartyDraft, ...]
    found_by_worker_id: str | None = None


@dataclass(frozen=True)
class MediationDraft:
    held_on: dt.date
    mediator: str
    result: str
    content: str = ""
    terms: str = ""
    mediator_worker_id: str | None = None


def clean_party(party: PartyDraft, n: int) -> PartyDraft:
    field = f"当事人{n}"
    return PartyDraft(name=required_text(party.name, f"{field}姓名", 30), resident_id=party.resident_id or None,
                      phone=optional_text(party.phone, f"{field}电话", 30),
                      address=optional_text(party.address, f"{field}住址", 100))


def clean_dispute(draft: DisputeDraft, today: dt.date | None = None) -> DisputeDraft:
    if not draft.grid_id:
        raise ValidationError("所属网格", "请选择网格")
    parties = tuple(clean_party(p, i) for i, p in enumerate(draft.parties, 1))
    if not parties:
        raise ValidationError("当事人", "请至少填写一方当事人")
    ids = [p.resident_id for p in parties if p.resident_id]
    if len(ids) != len(set(ids)):
        raise ValidationError("当事人", "同一个人不能重复列为当事人")
    return DisputeDraft(
        grid_id=draft.grid_id, kind=choice(draft.kind, KINDS, "纠纷类别"),
        summary=required_lines(draft.summary, "纠纷经过", 2000),
        found_on=day_not_in_future(require_day(draft.found_on, "发现日期"), "发现日期", today),
        found_by=required_text(draft.found_by, "发现人", 30), parties=parties,
        found_by_worker_id=draft.found_by_worker_id or None)


def clean_mediation(draft: MediationDraft, found_on: dt.date, today: dt.date | None = None) -> MediationDraft:
    held = day_not_in_future(require_day(draft.held_on, "调解日期"), "调解日期", today)
    if held < found_on:
        raise ValidationError("调解日期", f"不能早于纠纷发现日期（{fmt_day(found_on)}）")
    result = choice(draft.result, RESULTS, "调解结果")
    terms = optional_lines(draft.terms, "协议内容", 3000)
    if result == "agreed" and not terms:
        raise ValidationError("协议内容", "达成协议时请写明协议条款（将打印在调解协议书上）")
    return MediationDraft(held, required_text(draft.mediator, "调解人", 30), result,
                          optional_lines(draft.content, "调解经过", 2000), terms,
                          draft.mediator_worker_id or None)


def check_outcome(current: str | None, outcome: object, on: object, found_on: dt.date,
                  last_step_on: dt.date | None, has_agreement: bool,
                  today: dt.date | None = None) -> tuple[str, dt.date]:
    """The next rung of the ladder, or a refusal naming why."""
    if outcome is None or outcome == "":
        raise ValidationError("处理结果", "结案必须选择处理结果：" + "、".join(OUTCOMES.values()))
    code = choice(outcome, OUTCOMES, "处理结果")
    day = day_not_in_future(require_day(on, "结果日期"), "结果日期", today)
    allowed = _NEXT.get(current, ())
    if code not in allowed:
        now = OUTCOMES[current] if current else "调解中"
        raise ConflictError(f"该纠纷当前为“{now}”，不能再改为“{OUTCOMES[code]}”。")
    if day < found_on:
        raise ValidationError("结果日期", f"不能早于纠纷发现日期（{fmt_day(found_on)}）")
    if last_step_on is not None and day < last_step_on:
        raise ValidationError("结果日期", f"不能早于上一步的日期（{fmt_day(last_step_on)}）")
    if code == "resolved_in_grid" and not has_agreement:
        raise ValidationError("处理结果", "还没有“达成协议”的调解记录，不能登记为调解成功；请先登记调解")
    return code, day


def date_column(outcome: str) -> str:
    return _DATE_COLUMN[outcome]


def state_of(outcome: str | None) -> str:
    return outcome or "open"
