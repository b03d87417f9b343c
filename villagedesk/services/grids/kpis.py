"""The grids-and-workers KPIs of `stats --json` (DESIGN.md §7); `grids` itself comes from the register counts."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.period import Period
from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.grids import evaluations as evaluation_repo
from villagedesk.store.grids import payroll as payroll_repo
from villagedesk.store.grids import reserve as reserve_repo
from villagedesk.store.grids import training as training_repo
from villagedesk.store.grids import workers as worker_repo


def grid_worker_kpis(store: Store, village_id: VillageIds, period: Period | None) -> dict:
    """Worker counts are as of now; evaluations, trainings and payments fall in the period (all time if none)."""
    start = period.start.isoformat() if period else ""
    end = period.end.isoformat() if period else ""
    w = worker_repo.counts(store, village_id)
    pool_day = end if period else (clock.today() + dt.timedelta(days=1)).isoformat()
    paid = payroll_repo.paid_totals(store, village_id, start[:7], end[:7])
    return {
        "workers_active": w["active"],
        "worker_party_share": round(w["party"] / w["active"], 4) if w["active"] else None,
        "workers_by_source": {"cadre": w["cadre"], "auxiliary": w["auxiliary"], "volunteer": w["volunteer"]},
        "workers_commended": evaluation_repo.outcome_workers(store, village_id, "commend", start, end),
        "workers_replaced": evaluation_repo.outcome_workers(store, village_id, "replace", start, end),
        "reserve_cadres": reserve_repo.in_pool_on(store, village_id, pool_day),
        "trainings": training_repo.count(store, village_id, start, end),
        "stipends_paid_yuan": round(paid["stipend_fen"] / 100, 2),
        "emergency_subsidies_paid_yuan": round(paid["subsidy_fen"] / 100, 2),
    }
