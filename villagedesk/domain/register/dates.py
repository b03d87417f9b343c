"""Dates as rosters hold them: real date cells, Excel serial numbers, or text in several formats."""

from __future__ import annotations

import datetime as dt
import re

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text

_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: object, field: str, row: int | None = None) -> dt.date | None:
    """None for an empty cell; a date for 1958-03-02, 1958/3/2, 1958.3.2, 1958年3月2日, 19580302."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 80_000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))  # an Excel date serial
    text = clean_text(value)
    if not text:
        return None
    for pattern in _PATTERNS:
        if m := pattern.match(text):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise ValidationError(field, f"“{text}”不是有效日期（可写作 1958-03-02、1958/3/2、1958年3月2日）", row)
