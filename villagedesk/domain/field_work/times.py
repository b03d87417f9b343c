"""Times of field work: local minutes 'YYYY-MM-DDTHH:MM' and dates, checked against now."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError

MINUTE_FORMAT = "%Y-%m-%dT%H:%M"
# A clerk's PC clock and a worker's watch differ a little; a few minutes ahead is not "the future".
CLOCK_SLACK = dt.timedelta(minutes=5)


def to_minute(value: dt.datetime) -> str:
    return value.strftime(MINUTE_FORMAT)


def parse_minute(text: str) -> dt.datetime:
    return dt.datetime.strptime(text[:16], MINUTE_FORMAT)


def parse_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def local_now() -> dt.datetime:
    return clock.now().replace(second=0, microsecond=0)


def require_time(value: object, field: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise ValidationError(field, "请填写日期和时间")
    return value.replace(second=0, microsecond=0, tzinfo=None)


def require_day(value: object, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise ValidationError(field, "请填写日期")
    return value


def not_in_future(value: dt.datetime, field: str, now: dt.datetime | None = None) -> dt.datetime:
    now = now or local_now()
    if value > now + CLOCK_SLACK:
        raise ValidationError(field, f"{fmt_time(value)} 还没有到，不能登记将来的时间")
    return value


def day_not_in_future(value: dt.date, field: str, today: dt.date | None = None) -> dt.date:
    today = today or clock.today()
    if value > today:
        raise ValidationError(field, f"{fmt_day(value)} 还没有到，不能登记将来的日期")
    return value


def fmt_time(value: dt.datetime | str | None) -> str:
    """What a clerk reads: 2026-11-30 09:05."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value[:16].replace("T", " ")
    return value.strftime("%Y-%m-%d %H:%M")


def fmt_day(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    return value[:10] if isinstance(value, str) else value.isoformat()


def hours_between(start: str, end: str) -> float:
    return (parse_minute(end) - parse_minute(start)).total_seconds() / 3600
