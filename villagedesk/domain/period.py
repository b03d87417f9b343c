"""Report periods: a month (2026-10), a quarter (2026-Q4) or a year (2026)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError

FIELD = "统计期间"


@dataclass(frozen=True)
class Period:
    """A half-open date range [start, end) with the label the user typed."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def title(self) -> str:
        if re.fullmatch(r"\d{4}", self.label):
            return f"{self.label} 年"
        if "Q" in self.label:
            year, q = self.label.split("-Q")
            return f"{year} 年第 {q} 季度"
        year, month = self.label.split("-")
        return f"{year} 年 {int(month)} 月"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end


def parse_period(value: str) -> Period:
    """Parse 2026-10, 2026-Q4 or 2026; anything else names the field."""
    text = (value or "").strip().upper()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValidationError(FIELD, f"月份“{month}”应在 1–12 之间")
        start = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
        return Period(f"{year}-{month:02d}", start, end)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        year, q = int(m[1]), int(m[2])
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1)
        return Period(f"{year}-Q{q}", start, end)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return Period(text, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    raise ValidationError(FIELD, f"“{value}”格式不对，应为 2026-10（月）、2026-Q4（季）或 2026（年）")


def current_year(today: dt.date | None = None) -> Period:
    return parse_period(str((today or clock.today()).year))
