"""Notice campaigns (政策宣传): urgency, where a notice came from, and the rules of marking a household reached.

Coverage of a notice = households reached ÷ active households of its target grids. It is fully
covered at the moment the last of them is marked (`covered_at`); coverage hours = covered_at −
issued_at. notice_coverage_hours_median for a period = the median of coverage hours over notices
issued in the period that are fully covered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.text import choice, optional_lines, required_text
from villagedesk.domain.field_work.times import fmt_time, not_in_future, require_time

URGENCIES: dict[str, str] = {"routine": "常规", "urgent": "紧急"}
SOURCES: dict[str, str] = {"village": "本村", "township": "乡镇下发"}


@dataclass(frozen=True)
class NoticeDraft:
    title: str
    body: str
    urgency: str
    issued_at: dt.datetime
    grid_ids: tuple[str, ...]
    source: str = "village"


def clean_notice(draft: NoticeDraft, now: dt.datetime | None = None) -> NoticeDraft:
    grids = tuple(dict.fromkeys(g for g in draft.grid_ids if g))
    if not grids:
        raise ValidationError("宣传网格", "请至少选择一个网格")
    return NoticeDraft(
        title=required_text(draft.title, "通知标题", 60),
        body=optional_lines(draft.body, "通知内容", 4000),
        urgency=choice(draft.urgency, URGENCIES, "紧急程度"),
        issued_at=not_in_future(require_time(draft.issued_at, "下发时间"), "下发时间", now),
        grid_ids=grids, source=choice(draft.source, SOURCES, "来源"))


def check_reach_time(reached_at: dt.datetime, issued_at: dt.datetime, now: dt.datetime | None = None) -> dt.datetime:
    reached_at = not_in_future(require_time(reached_at, "送达时间"), "送达时间", now)
    if reached_at < issued_at:
        raise ValidationError("送达时间", f"不能早于通知下发时间（{fmt_time(issued_at)}）")
    return reached_at
