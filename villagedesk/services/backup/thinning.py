"""Which old backups to delete, as Anki thins its own: all of today's and yesterday's, then one a day, a week, a month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """How many older backups to keep: the newest of each of this many days, weeks and months."""

    daily: int = 12
    weekly: int = 10
    monthly: int = 9

    @classmethod
    def parse(cls, text: str | None) -> Limits:
        try:
            daily, weekly, monthly = (max(0, int(x)) for x in (text or "").split(","))
            return cls(daily, weekly, monthly)
        except ValueError:
            return cls()

    def text(self) -> str:
        return f"{self.daily},{self.weekly},{self.monthly}"


def obsolete(backups: Iterable[tuple[dt.datetime, T]], today: dt.date, limits: Limits = Limits()) -> list[T]:
    """The backups to remove. Newest first: every backup of today and yesterday stays; then the newest
    of each older day until `daily` days are kept, then of each ISO week, then of each month."""
    yesterday = today - dt.timedelta(days=1)
    daily, weekly, monthly = limits.daily, limits.weekly, limits.monthly
    kept_day = kept_week = kept_month = None
    out: list[T] = []
    for when, item in sorted(backups, key=lambda b: b[0], reverse=True):
        day = when.date()
        week, month = day.isocalendar()[:2], (day.year, day.month)
        if day >= yesterday:
            keep = True
        elif daily > 0:
            keep = day != kept_day
            daily -= keep
        elif weekly > 0:
            keep = week != kept_week
            weekly -= keep
        elif monthly > 0:
            keep = month != kept_month
            monthly -= keep
        else:
            keep = False
        if keep:
            kept_day, kept_week, kept_month = day, week, month
        else:
            out.append(item)
    return out
