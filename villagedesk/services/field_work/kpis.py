"""The field-work KPIs of `stats --json` (DESIGN.md §7), period-scoped; definitions are in the domain modules.

visits — every visit made in the period, whatever the way (入户, 电话, 微信); follow_up_rate — domain.field_work.follow_ups;
notices — notices issued in the period; notice_coverage_hours_median — domain.field_work.notices;
disputes — disputes found in the period; mediation_success_rate and disputes_escalated —
domain.field_work.disputes; emergencies — emergencies started in the period;
initial_response_success_rate — domain.field_work.emergencies. A rate with nothing to divide by is null.
"""

from __future__ import annotations

import datetime as dt

from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.field_work import follow_ups, notices
from villagedesk.services.scope import village_ids
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes, emergencies
from villagedesk.store.field_work import notices as notice_repo
from villagedesk.store.field_work import visits as visit_repo


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else round(num / den, 4)


def field_work_kpis(store: Store, village_id: VillageIds, period: Period | None,
                    today: dt.date | None = None) -> dict:
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    d = disputes.kpi_counts(store, village_id, start, end)
    e = emergencies.kpi_counts(store, village_id, start, end)
    return {
        "visits": visit_repo.count_visits(store, village_id, start=start, end=end),
        "follow_up_rate": follow_ups.rate(store, period, today, village_id).value,
        "notices": notice_repo.count_issued(store, village_id, start, end),
        "notice_coverage_hours_median": notices.coverage_hours_median(store, period, village_id),
        "disputes": d["found"],
        "mediation_success_rate": _ratio(d["resolved"], d["decided"]),
        "disputes_escalated": d["escalated"],
        "emergencies": e["started"],
        "initial_response_success_rate": _ratio(e["handled"], e["decided"]),
    }


def figures(store: Store, period: Period | None, today: dt.date | None = None, scope: Scope | None = None) -> dict:
    """The same figures over the scope's villages, as the field-work pages show them."""
    return field_work_kpis(store, village_ids(store, scope), period, today)


def visits_by_way(store: Store, period: Period | None, scope: Scope | None = None) -> tuple[int, int]:
    """`visits` split as the 走访 page shows it: (入户 visits, 电话 and 微信 contacts)."""
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    ways = visit_repo.count_by_way(store, village_ids(store, scope), start, end)
    return ways.get("in_person", 0), sum(n for way, n in ways.items() if way != "in_person")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"
