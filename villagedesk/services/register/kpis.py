"""The register's KPIs: grids, households, residents, key_population_residents, insurance_enrolment_rate."""

from __future__ import annotations

from villagedesk.domain import clock
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.register.insurance import enrolment_summary
from villagedesk.store import villages as village_repo
from villagedesk.store.connection import Store
from villagedesk.store.register import kpis as repo


def register_kpis(store: Store, village_id: VillageIds, period: Period | None) -> dict:
    """Counts are of the register now; with a period, key populations are those current at any time in it
    and the enrolment rate is of the period's (starting) year, else of the current year."""
    values: dict[str, int | float | None] = dict(village_repo.record_counts(store, village_id))  # the one definition of grids/households/residents
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    values["key_population_residents"] = repo.key_population_residents(store, village_id, start, end)
    year = period.start.year if period else clock.today().year
    values["insurance_enrolment_rate"] = enrolment_summary(store, year, village_id).total.rate
    return values


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
