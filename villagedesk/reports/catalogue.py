"""The report set in its catalogue order: each report's key and its table builder."""

from __future__ import annotations

from collections.abc import Callable

from villagedesk.reports.forms import field_work, people, summary, workers
from villagedesk.reports.forms.common import Source
from villagedesk.reports.table import ReportTable

BUILDERS: dict[str, Callable[[Source], ReportTable]] = {
    "summary": summary.build,
    "roster": workers.roster,
    "evaluation": workers.evaluation,
    "payroll": workers.payroll,
    "visits": field_work.visits,
    "disputes": field_work.disputes,
    "emergencies": field_work.emergencies,
    "notices": field_work.notices,
    "points": people.points,
    "stock": people.stock,
    "insurance": people.insurance,
    "key_population": people.key_population,
    "reserve": workers.reserve,
}
REPORT_KEYS: tuple[str, ...] = tuple(BUILDERS)
