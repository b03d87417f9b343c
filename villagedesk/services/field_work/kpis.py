"""The field-work KPIs of `stats --json` (DESIGN.md §7), period-scoped; definitions are in the domain modules.

visits — every visit made in the period, whatever the way (入户, 电话, 微信); follow_up_rate — domain.field_work.follow_ups;
notices — notices issued in the period; notice_coverage_hours_median — domain.field_work.notices;
disputes — disputes found in the period; mediation_success_rate and disputes_escalated —
domain.field_work.disputes; emergencies — emergencies started in the period;
initial_response_success_rate — domain.field_work.emergencies. A rate with nothing to divide by is null.
"""

from __future__ import annotations

import datetime as dt
import statistics

from villagedesk.domain import clock
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.kpi_parts import GroupedKpis, PartsByVillage, add, ratio
from villagedesk.services.scope import village_ids
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes, emergencies
from villagedesk.store.field_work import follow_ups as follow_up_repo
from villagedesk.store.field_work import notices as notice_repo
from villagedesk.store.field_work import visits as visit_repo

_EMPTY = {"visits": 0, "on_time": 0, "settled": 0, "notices": 0, "coverage_hours": [], "found": 0, "resolved": 0,
          "decided": 0, "escalated": 0, "started": 0, "handled": 0, "emergencies_decided": 0}


def _parts(store: Store, village_id: VillageIds, period: Period | None, today: dt.date | None = None) -> PartsByVillage:
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    found: PartsByVillage = {}

    def merge(by_village: dict, key: str | None = None) -> None:
        for village, value in by_village.items():
            found.setdefault(village, {}).update({key: value} if key else value)

    merge(visit_repo.count_by_village(store, village_id, start, end), "visits")
    today_ = (today or clock.today()).isoformat()
    merge({v: {"on_time": on_time, "settled": settled} for v, (on_time, settled)
           in follow_up_repo.rate_counts_by_village(store, village_id, start, end, today_).items()})
    merge(notice_repo.count_issued_by_village(store, village_id, start, end), "notices")
    merge(notice_repo.covered_hours_by_village(store, village_id, start, end), "coverage_hours")
    merge(disputes.kpi_counts_by_village(store, village_id, start, end))
    merge({v: {"started": e["started"], "handled": e["handled"], "emergencies_decided": e["decided"]}
           for v, e in emergencies.kpi_counts_by_village(store, village_id, start, end).items()})
    return found


def _figures(p: dict) -> dict:
    hours = p["coverage_hours"]
    return {
        "visits": p["visits"],
        "follow_up_rate": ratio(p["on_time"], p["settled"]),
        "notices": p["notices"],
        "notice_coverage_hours_median": round(statistics.median(hours), 2) if hours else None,
        "disputes": p["found"],
        "mediation_success_rate": ratio(p["resolved"], p["decided"]),
        "disputes_escalated": p["escalated"],
        "emergencies": p["started"],
        "initial_response_success_rate": ratio(p["handled"], p["emergencies_decided"]),
    }


FIELD_WORK = GroupedKpis(_parts, _EMPTY, _figures)


def field_work_kpis(store: Store, village_id: VillageIds, period: Period | None,
                    today: dt.date | None = None) -> dict:
    return _figures(add(_parts(store, village_id, period, today).values(), _EMPTY))


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
