"""首页's dashboard: a year's figures month by month and insurance enrolment by grid, from the KPIs' own code."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain import clock
from villagedesk.domain.period import Period, parse_period
from villagedesk.domain.scope import Scope
from villagedesk.services.field_work import follow_ups
from villagedesk.services.register.insurance import enrolment_summary
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes
from villagedesk.store.field_work import visits as visit_repo
from villagedesk.store.points import kpis as points_repo


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else round(num / den, 4)


class MonthFigures(NamedTuple):
    """One month as `stats --json --period YYYY-MM` counts it (the same store functions compute both)."""

    period: Period
    visits: int
    follow_up_rate: float | None
    disputes: int
    mediation_success_rate: float | None
    points_awarded: int
    points_redeemed: int


class EnrolmentBar(NamedTuple):
    """One bar of the enrolment chart: a grid (one village shown) or a village (several shown)."""

    name: str
    grid_id: str | None
    village_code: str
    enrolled: int
    due: int
    rate: float | None


class Dashboard(NamedTuple):
    year: int
    months: tuple[MonthFigures, ...]  # January up to the current month (the whole year for a past one)
    enrolment: tuple[EnrolmentBar, ...]
    by_grid: bool  # True: one bar per grid of one village; False: one bar per village of the scope


def dashboard(store: Store, scope: Scope, year: int | None = None) -> Dashboard:
    """The figures behind 首页's charts for `year` (default this year) over every village of `scope`."""
    today = clock.today()
    year = year or today.year
    last_month = today.month if year == today.year else (0 if year > today.year else 12)
    ids = scope.ids
    points = points_repo.awarded_redeemed_by_month(store, ids, year)
    months = []
    for month in range(1, last_month + 1):
        period = parse_period(f"{year:04d}-{month:02d}")
        start, end = period.start.isoformat(), period.end.isoformat()
        d = disputes.kpi_counts(store, ids, start, end)
        awarded, redeemed = points.get(month, (0, 0))
        months.append(MonthFigures(period, visit_repo.count_visits(store, ids, start=start, end=end),
                                   follow_ups.rate(store, period, today, ids).value, d["found"],
                                   _ratio(d["resolved"], d["decided"]), awarded, redeemed))
    return Dashboard(year, tuple(months), _enrolment(store, scope, year), scope.single)


def _enrolment(store: Store, scope: Scope, year: int) -> tuple[EnrolmentBar, ...]:
    if scope.single:
        village = scope.villages[0]
        return tuple(EnrolmentBar(g.grid_name, g.grid_id, village.code, g.enrolled, g.residents - g.exempt, g.rate)
                     for g in enrolment_summary(store, year, scope.ids).grids)
    bars = []
    for one in scope.each():
        total = enrolment_summary(store, year, one.ids).total
        village = one.villages[0]
        bars.append(EnrolmentBar(village.name, None, village.code, total.enrolled, total.residents - total.exempt,
                                 total.rate))
    return tuple(bars)
