"""上报情况's rules: which reports a period asks for, their due dates, and 按时报 / 迟报 / 未报 / 已退回."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain.period import Period, month_period, quarter_period
from villagedesk.domain.report_forms import FormSpec

STATUS_LABELS = {"on_time": "按时报", "late": "迟报", "missing": "未报", "returned": "已退回",
                 "not_due": "未到期"}
# The report kinds a period of each kind asks for: a month's set carries its half-month ledger too (the
# village's 报表上报 page sends one set per month); quarterly and yearly reports are due for their own periods.
KINDS_FOR = {"month": ("month", "half_month"), "quarter": ("quarter",), "year": ("year",)}


def due_date(spec: FormSpec, period: Period) -> dt.date:
    """The day `spec`'s report for `period` is due: its due day of the month after the period ends."""
    return spec.due_date(period.end)


def periods_within(period: Period) -> list[Period]:
    """The reporting periods a chosen period covers, each month, then each quarter, then the year, wholly inside it
    (a range of days covers the months it holds whole)."""
    out = [month_period(int(m[:4]), int(m[5:])) for m in period.months()]
    for y in range(period.start.year, period.last_day.year + 1):
        for q in range(1, 5):
            p = quarter_period(y, q)
            if period.start <= p.start and p.end <= period.end:
                out.append(p)
        whole = Period(str(y), dt.date(y, 1, 1), dt.date(y + 1, 1, 1))
        if period.start <= whole.start and whole.end <= period.end:
            out.append(whole)
    return out


def is_due_for(spec: FormSpec, period: Period) -> bool:
    return spec.period_kind in KINDS_FOR.get(period.kind, ())


def status(due: dt.date, first_submitted: str | None, last_state: str | None, today: dt.date) -> str:
    """A report's standing for one village and period: 已退回 while the township's last answer returns it;
    按时报 / 迟报 by the day it was first sent up against the due day; unsent, 未报 once the due day has passed."""
    if last_state == "returned":
        return "returned"
    if first_submitted:
        return "on_time" if dt.date.fromisoformat(first_submitted[:10]) <= due else "late"
    return "missing" if today > due else "not_due"


def on_time_rate(counts: dict[str, int]) -> float | None:
    """按时报 of the reports already due (未到期 left out): None when none is due yet."""
    due = sum(n for s, n in counts.items() if s != "not_due")
    return round(counts.get("on_time", 0) / due, 4) if due else None
