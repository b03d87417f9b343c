"""The register's KPIs: grids, households, residents, key_population_residents, insurance_enrolment_rate."""

from __future__ import annotations

from villagedesk.domain import clock
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.kpi_parts import GroupedKpis, PartsByVillage, ratio
from villagedesk.store import villages as village_repo
from villagedesk.store.connection import Store
from villagedesk.store.register import kpis as repo


def _parts(store: Store, village_id: VillageIds, period: Period | None) -> PartsByVillage:
    """Counts are of the register now; with a period, key populations are those current at any time in it
    and the enrolment rate is of the period's (starting) year, else of the current year."""
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    year = period.start.year if period else clock.today().year
    # the one definition of grids/households/residents, and the insurance drive's residents from the same pass
    found: PartsByVillage = village_repo.record_counts_by_village(store, village_id, enrolment_year=year)
    for village, n in repo.key_population_residents_by_village(store, village_id, start, end).items():
        found.setdefault(village, dict(_EMPTY))["key_population_residents"] = n
    return found


_EMPTY = {"grids": 0, "households": 0, "residents": 0, "key_population_residents": 0,
          "insured_base": 0, "enrolled": 0, "exempt": 0}


def _figures(p: dict) -> dict:
    # as the drive's summary (services/register/insurance.py): enrolled among those due, the exempt not due
    return {"grids": p["grids"], "households": p["households"], "residents": p["residents"],
            "key_population_residents": p["key_population_residents"],
            "insurance_enrolment_rate": ratio(p["enrolled"], p["insured_base"] - p["exempt"])}


REGISTER = GroupedKpis(_parts, _EMPTY, _figures)


def register_kpis(store: Store, village_id: VillageIds, period: Period | None) -> dict:
    """grids, households, residents, key_population_residents, insurance_enrolment_rate."""
    return REGISTER.over(store, village_id, period)


def overview(store: Store, year: int | None = None, scope: Scope | None = None) -> dict:
    """The page's figures over the scope's villages: the register KPIs of `year` (default this year)."""
    from villagedesk.domain.period import parse_period
    from villagedesk.services.scope import village_ids

    village_id = village_ids(store, scope)
    values = register_kpis(store, village_id, None)
    if year is not None:
        values["insurance_enrolment_rate"] = register_kpis(store, village_id, parse_period(str(year)))[
            "insurance_enrolment_rate"]
    return values
