"""Dates as clerks type them (2026-10-03, 2026/10/3, 2026年10月3日) to dt.date, naming the field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, overload

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@overload
def parse_date(value: object, field: str, required: Literal[True] = True) -> dt.date: ...
@overload
def parse_date(value: object, field: str, required: bool) -> dt.date | None: ...


def parse_date(value: object, field: str, required: bool = True) -> dt.date | None:
    """A calendar date, or None when optional and empty; anything else names the field."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value)
    if not text:
        if required:
            raise ValidationError(field, "不能为空，请填写日期，例如 2026-10-03")
        return None
    m = _DATE.match(text)
    if not m:
        raise ValidationError(field, f"“{text}”不是日期，应写成 2026-10-03")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValidationError(field, f"“{text}”不是有效日期") from None


def parse_past_date(value: object, field: str, today: dt.date | None = None) -> dt.date:
    """The date of something that happened (a training held, a commendation, a change of status): not after today."""
    day = parse_date(value, field)
    if day > (today or clock.today()):
        raise ValidationError(field, f"“{day.isoformat()}”晚于今天：只能登记已经发生的事")
    return day


def month_label(value: object, field: str = "发放月份") -> str:
    """A month as 'YYYY-MM' (accepts 2026-10, 2026/10, 2026年10月)."""
    text = clean_text(value)
    m = re.match(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$", text)
    if not m:
        raise ValidationError(field, f"“{text}”不是月份，应写成 2026-10")
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        raise ValidationError(field, f"月份“{month}”应在 1–12 之间")
    return f"{year:04d}-{month:02d}"


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """[first day, first day of next month) of a 'YYYY-MM' label."""
    year, mon = int(month[:4]), int(month[5:7])
    start = dt.date(year, mon, 1)
    return start, dt.date(year + (mon == 12), mon % 12 + 1, 1)
