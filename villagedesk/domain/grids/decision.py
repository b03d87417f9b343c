"""An evaluation's decision (表彰 / 保留 / 调整), as the village or the township enters it: checked, naming the field."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.grids.rubric import OUTCOME_LABELS, REPLACE_REASONS
from villagedesk.domain.period import Period
from villagedesk.domain.text import clean_text


class Decision(NamedTuple):
    outcome: str
    replace_reason: str | None  # only for 调整
    reason: str
    evaluated_on: dt.date


def checked_decision(outcome: str, replace_reason: str | None, reason: object, evaluated_on: object,
                     period: Period, worker_name: str, worker_status: str) -> Decision:
    """A replacement names its reason and the facts, a commendation the deeds; the day is within the period's
    reach and not after today; a worker already off the post is not replaced again."""
    if outcome not in OUTCOME_LABELS:
        raise ValidationError("考评结果", "应为表彰、保留或调整")
    why = clean_text(reason)
    if outcome == "replace":
        if replace_reason not in REPLACE_REASONS:
            raise ValidationError("调整原因", "请选择“不胜任”或“不尽职”")
        if not why:
            raise ValidationError("情况说明", "调整网格员必须写明情况")
    else:
        replace_reason = None
    if outcome == "commend" and not why:
        raise ValidationError("情况说明", "表彰须写明事迹")
    on = parse_past_date(evaluated_on or clock.today(), "考评日期")
    if on < period.start:
        raise ValidationError("考评日期", f"{on.isoformat()} 早于考评期间 {period.title} 的开始")
    if worker_status in ("replaced", "left") and outcome == "replace":
        raise ValidationError("网格员", f"{worker_name}已不在岗，不能再调整")
    return Decision(outcome, replace_reason, why, on)
