"""The periods the 报表上报 page offers: last month first in the first days of a month, then recent months,
quarters and years; any other period (a half-month) can be typed."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.period import default_report_period, month_period, quarter_period


def period_choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    """(text, label) pairs, the preselected one first."""
    today = today or clock.today()
    first = default_report_period(today)
    out = [(f"{first.title}（{'上个月' if first.start.month != today.month else '本月'}）", first.label)]
    y, m = today.year, today.month
    for _ in range(12):
        p = month_period(y, m)
        if p.label != first.label:
            out.append((p.title, p.label))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    q, qy = (today.month - 1) // 3 + 1, today.year
    for _ in range(4):
        p = quarter_period(qy, q)
        out.append((p.title, p.label))
        qy, q = (qy, q - 1) if q > 1 else (qy - 1, 4)
    out += [(f"{today.year} 年", str(today.year)), (f"{today.year - 1} 年", str(today.year - 1))]
    return out
