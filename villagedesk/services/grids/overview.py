"""The figures at the top of 网格与网格员: grids, workers, party share, mean area, vacancies, this year's outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.period import current_year
from villagedesk.domain.scope import Scope
from villagedesk.services.grids.grids import StandIn, Vacancy, area_summary, stand_ins_needed, vacancies
from villagedesk.services.grids.kpis import grid_worker_kpis
from villagedesk.services.scope import resolve_scope
from villagedesk.store.connection import Store


@dataclass(frozen=True)
class Figures:
    grids: int
    mean_area_km2: float | None
    workers_active: int
    party_share: float | None
    by_source: dict[str, int]
    commended_this_year: int
    replaced_this_year: int
    reserve_cadres: int
    trainings_this_year: int
    vacancies: list[Vacancy]
    stand_ins: list[StandIn]  # grids whose worker is resting (暂停)


def figures(store: Store, today: dt.date | None = None, scope: Scope | None = None) -> Figures:
    """The page's cards over the scope's villages."""
    year = current_year(today)
    scope = scope or resolve_scope(store)
    k = grid_worker_kpis(store, scope.ids, year)
    now = grid_worker_kpis(store, scope.ids, None)
    area = area_summary(store, scope=scope)
    return Figures(area.grids, area.mean_km2, k["workers_active"], k["worker_party_share"], k["workers_by_source"],
                   k["workers_commended"], k["workers_replaced"], now["reserve_cadres"], k["trainings"],
                   vacancies(store, scope=scope), stand_ins_needed(store, scope=scope))
