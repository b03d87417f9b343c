"""The grids-and-workers KPIs of `stats --json` (DESIGN.md §7); `grids` itself comes from the register counts."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.period import Period
from villagedesk.domain.scope import VillageIds
from villagedesk.services.kpi_parts import GroupedKpis, PartsByVillage, ratio
from villagedesk.store.connection import Store
from villagedesk.store.grids import evaluations as evaluation_repo
from villagedesk.store.grids import payroll as payroll_repo
from villagedesk.store.grids import reserve as reserve_repo
from villagedesk.store.grids import training as training_repo
from villagedesk.store.grids import workers as worker_repo

_EMPTY = {"active": 0, "party": 0, "cadre": 0, "auxiliary": 0, "volunteer": 0, "commend": 0, "replace": 0,
          "reserve_cadres": 0, "trainings": 0, "stipend_fen": 0, "subsidy_fen": 0}


def _parts(store: Store, village_id: VillageIds, period: Period | None) -> PartsByVillage:
    """Worker counts are as of now; evaluations, trainings and payments fall in the period (all time if none)."""
    start = period.start.isoformat() if period else ""
    end = period.end.isoformat() if period else ""
    pool_day = end if period else (clock.today() + dt.timedelta(days=1)).isoformat()
    found: PartsByVillage = {}

    def merge(by_village: dict, key: str | None = None) -> None:
        for village, value in by_village.items():
            found.setdefault(village, {}).update({key: value} if key else value)

    merge(worker_repo.counts_by_village(store, village_id))
    merge(evaluation_repo.outcome_workers_by_village(store, village_id, start, end))
    merge(reserve_repo.in_pool_on_by_village(store, village_id, pool_day), "reserve_cadres")
    merge(training_repo.count_by_village(store, village_id, start, end), "trainings")
    merge(payroll_repo.paid_totals_by_village(store, village_id, start[:7], end[:7]))
    return found


def _figures(p: dict) -> dict:
    return {
        "workers_active": p["active"],
        "worker_party_share": ratio(p["party"], p["active"]),
        "workers_by_source": {"cadre": p["cadre"], "auxiliary": p["auxiliary"], "volunteer": p["volunteer"]},
        "workers_commended": p["commend"],
        "workers_replaced": p["replace"],
        "reserve_cadres": p["reserve_cadres"],
        "trainings": p["trainings"],
        "stipends_paid_yuan": round(p["stipend_fen"] / 100, 2),
        "emergency_subsidies_paid_yuan": round(p["subsidy_fen"] / 100, 2),
    }


GRID_WORKERS = GroupedKpis(_parts, _EMPTY, _figures)


def grid_worker_kpis(store: Store, village_id: VillageIds, period: Period | None) -> dict:
    return GRID_WORKERS.over(store, village_id, period)
