"""`stats --json`: the KPIs of DESIGN.md §7 computed from records, in the contract's order."""

from __future__ import annotations

from collections.abc import Callable

from villagedesk.domain.kpis import KPI_NAMES, is_money
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.field_work.kpis import field_work_kpis
from villagedesk.services.grids.kpis import grid_worker_kpis
from villagedesk.services.points.kpis import points_kpis
from villagedesk.services.register.kpis import register_kpis
from villagedesk.services.scope import resolve_scope
from villagedesk.store.connection import Store

# A provider computes its KPIs over every village of the scope together (rates from the records, never averaged).
KpiProvider = Callable[[Store, VillageIds, "Period | None"], dict]


# Each feature adds its provider here; a KPI appears only once its records exist in the app.
KPI_PROVIDERS: list[KpiProvider] = [register_kpis]
KPI_PROVIDERS.append(points_kpis)
KPI_PROVIDERS.append(field_work_kpis)
KPI_PROVIDERS.append(grid_worker_kpis)


def compute_stats(store: Store, period: Period | None = None, scope: Scope | None = None) -> dict:
    """The KPIs over `scope` (default: resolve_scope's), scoped to `period` where a KPI has one."""
    village_ids = (scope or resolve_scope(store)).ids
    values: dict = {}
    for provider in KPI_PROVIDERS:
        values.update(provider(store, village_ids, period))
    unknown = set(values) - set(KPI_NAMES)
    if unknown:
        raise AssertionError(f"KPI names outside the contract: {sorted(unknown)}")
    return {name: float(values[name]) if is_money(name) else values[name]  # money a number, never 0 for 0.00
            for name in KPI_NAMES if name in values}
