"""Emergencies (突发事件): kinds, the initial response outcome, and the rules of times and counts.

initial_response_success_rate for a period = emergencies that started in the period whose
initial response outcome is "handled" (处置成功，未升级) ÷ emergencies that started in the period
with an initial response outcome recorded ("handled" or "escalated").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.text import choice, optional_lines, required_text
from villagedesk.domain.field_work.times import fmt_time, not_in_future, require_time

KINDS: dict[str, str] = {"flood": "洪涝", "forest_fire": "森林火灾", "geological": "地质灾害",
                         "house_fire": "房屋火灾", "other": "其他"}
RESPONSES: dict[str, str] = {"handled": "初期处置成功", "escalated": "需上级支援"}


@dataclass(frozen=True)
class EmergencyDraft:
    kind: str
    title: str
    started_at: dt.datetime
    grid_ids: tuple[str, ...]
    commander_worker_id: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class Counts:
    affected: int
    evacuated: int
    reached: int


def clean_emergency(draft: EmergencyDraft, now: dt.datetime | None = None) -> EmergencyDraft:
    grids = tuple(dict.fromkeys(g for g in draft.grid_ids if g))
    if not grids:
        raise ValidationError("涉及网格", "请至少选择一个网格")
    return EmergencyDraft(
        kind=choice(draft.kind, KINDS, "事件类别"), title=required_text(draft.title, "事件名称", 60),
        started_at=not_in_future(require_time(draft.started_at, "开始时间"), "开始时间", now),
        grid_ids=grids, commander_worker_id=draft.commander_worker_id or None,
        notes=optional_lines(draft.notes, "备注", 2000))


def clean_counts(affected: object, evacuated: object, reached: object) -> Counts:
    values = []
    for label, value in (("受影响户数", affected), ("转移户数", evacuated), ("通知到户数", reached)):
        try:
            n = int(str(value).strip() or 0)
        except ValueError:
            raise ValidationError(label, f"“{value}”不是整数") from None
        if n < 0:
            raise ValidationError(label, "不能为负数")
        values.append(n)
    counts = Counts(*values)
    if counts.evacuated > counts.affected:
        raise ValidationError("转移户数", f"不能多于受影响户数（{counts.affected}）")
    return counts


def check_end(ended_at: object, started_at: dt.datetime, now: dt.datetime | None = None) -> dt.datetime:
    end = not_in_future(require_time(ended_at, "结束时间"), "结束时间", now)
    if end < started_at:
        raise ValidationError("结束时间", f"不能早于事件开始时间（{fmt_time(started_at)}）")
    return end


def check_action_time(at: object, started_at: dt.datetime, now: dt.datetime | None = None) -> dt.datetime:
    when = not_in_future(require_time(at, "处置时间"), "处置时间", now)
    if when < started_at:
        raise ValidationError("处置时间", f"不能早于事件开始时间（{fmt_time(started_at)}）")
    return when


def action_text(value: object) -> str:
    return required_text(value, "处置情况", 300)


def response_choice(value: object) -> str:
    if value is None or value == "":
        raise ValidationError("初期处置结果", "关闭事件前请选择：" + "、".join(RESPONSES.values()))
    return choice(value, RESPONSES, "初期处置结果")


def service_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every calendar day the emergency spanned, start and end included."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
