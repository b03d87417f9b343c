"""Follow-ups (二次回访): who is owed one, by when, and what counts as done on time.

A household is owed a follow-up when a visit to it found something (a hardship, a hazard or a
dispute) and, at that visit, one of its residents belongs to a key population (resident_categories
current on that day). It is due within `follow_up_days` days of that visit (a village setting,
default 7; the due date is fixed when the visit is recorded). It is done by a later visit to the
same household, recorded as its follow-up; done on time if on or before the due date.

follow_up_rate for a period = follow-ups due in the period that were done on time
÷ follow-ups due in the period that are settled, where settled means done, or its due date has
passed (due before today). A follow-up whose due date is today or later and that is not yet done
still has time and is left out of both.
"""

from __future__ import annotations

import datetime as dt

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.times import fmt_time

SETTING_KEY = "follow_up_days"
DEFAULT_FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UP_DAYS = 90


def validate_days(value: object) -> int:
    try:
        days = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError("回访期限", f"“{value}”不是整数天数") from None
    if not 1 <= days <= MAX_FOLLOW_UP_DAYS:
        raise ValidationError("回访期限", f"应在 1 到 {MAX_FOLLOW_UP_DAYS} 天之间")
    return days


def due_on(visited_at: dt.datetime, days: int) -> dt.date:
    return visited_at.date() + dt.timedelta(days=days)


def check_after_visit(follow_up_at: dt.datetime, first_visit_at: dt.datetime) -> None:
    if follow_up_at <= first_visit_at:
        raise ValidationError("回访时间", f"不能早于所回访的那次走访（{fmt_time(first_visit_at)}）")


def on_time(done_at: dt.datetime, due: dt.date) -> bool:
    return done_at.date() <= due
