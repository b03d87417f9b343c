"""`stats --json`: the KPIs of DESIGN.md §7 computed from records, in the contract's order."""

from __future__ import annotations

from collections.abc import Callable

from villagedesk.domain.kpis import KPI_NAMES
from villagedesk.domain.period import Period
from villagedesk.services.field_work.kpis import field_work_kpis
from villagedesk.services.grids.kpis import grid_worker_kpis
from villagedesk.services.points.kpis import points_kpis
from villagedesk.services.register.kpis import register_kpis
from villagedesk.services.village import home_village_id
from villagedesk.store.connection import Store

KpiProvider = Callable[[Store, str, "Period | None"], dict]


# Each feature adds its provider here; a KPI appears only once its records exist in the app.
KPI_PROVIDERS: list[KpiProvider] = [register_kpis]
KPI_PROVIDERS.append(points_kpis)
KPI_PROVIDERS.append(field_work_kpis)
KPI_PROVIDERS.append(grid_worker_kpis)


def compute_stats(store: Store, period: Period | None = None) -> dict:
    """The KPIs for the home village, scoped to `period` where a KPI has one."""
    village_id = home_village_id(store)
    values: dict = {}
    for provider in KPI_PROVIDERS:
        values.update(provider(store, village_id, period))
    unknown = set(values) - set(KPI_NAMES)
    if unknown:
        raise AssertionError(f"KPI names outside the contract: {sorted(unknown)}")
    return {name: values[name] for name in KPI_NAMES if name in values}
