"""`stats --json`: the KPIs of DESIGN.md §7 computed from records, in the contract's order."""

from __future__ import annotations

from collections.abc import Callable

from villagedesk.domain.kpis import KPI_NAMES, is_money
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope, VillageIds
from villagedesk.services.field_work.kpis import FIELD_WORK
from villagedesk.services.grids.kpis import GRID_WORKERS
from villagedesk.services.kpi_parts import GroupedKpis, add
from villagedesk.services.points.kpis import POINTS
from villagedesk.services.register.kpis import REGISTER
from villagedesk.services.scope import resolve_scope
from villagedesk.store.connection import Store

# A provider computes its KPIs over every village of the scope together (rates from the records, never averaged).
KpiProvider = Callable[[Store, VillageIds, "Period | None"], dict]


# Each feature adds its provider here; a KPI appears only once its records exist in the app. A grouped one
# (services/kpi_parts.py) gives every village's parts in one pass, so 辖区总览 need not run it per village.
KPI_PROVIDERS: list[KpiProvider | GroupedKpis] = [REGISTER]
KPI_PROVIDERS.append(POINTS)
KPI_PROVIDERS.append(FIELD_WORK)
KPI_PROVIDERS.append(GRID_WORKERS)


def compute_stats(store: Store, period: Period | None = None, scope: Scope | None = None) -> dict:
    """The KPIs over `scope` (default: resolve_scope's), scoped to `period` where a KPI has one."""
    village_ids = (scope or resolve_scope(store)).ids
    values: dict = {}
    for provider in KPI_PROVIDERS:
        values.update(provider.over(store, village_ids, period) if isinstance(provider, GroupedKpis)
                      else provider(store, village_ids, period))
    return _in_contract(values)


def compute_stats_by_village(store: Store, period: Period | None, scope: Scope) -> tuple[dict, list[dict]]:
    """`compute_stats` over `scope` and over each of its villages (in the scope's order), the same figures: a
    grouped provider runs once for all of them, the total from the villages' parts added up."""
    total: dict = {}
    each: list[dict] = [{} for _ in scope.villages]
    for provider in KPI_PROVIDERS:
        if isinstance(provider, GroupedKpis):
            found = provider.parts(store, scope.ids, period)
            total.update(provider.figures(add(found.values(), provider.empty)))  # what compute_stats gives
            for values, village in zip(each, scope.villages, strict=True):
                values.update(provider.figures(add([found.get(village.id, {})], provider.empty)))
        else:
            total.update(provider(store, scope.ids, period))
            for values, one in zip(each, scope.each(), strict=True):
                values.update(provider(store, one.ids, period))
    return _in_contract(total), [_in_contract(v) for v in each]


def _in_contract(values: dict) -> dict:
    unknown = set(values) - set(KPI_NAMES)
    if unknown:
        raise AssertionError(f"KPI names outside the contract: {sorted(unknown)}")
    return {name: float(values[name]) if is_money(name) else values[name]  # money a number, never 0 for 0.00
            for name in KPI_NAMES if name in values}
