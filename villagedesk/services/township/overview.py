"""辖区总览: every KPI of DESIGN.md §7 for the township and for each village side by side, for a period.

The total is `compute_stats` over every village together (counts and money add up, rates and medians are
recomputed from the records), each village's column the same figures over that village alone, computed in one
grouped pass (services/stats.py): they equal `stats --json` at the township, with and without `--village CODE`."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.kpis import KPI_LABELS, WORKER_SOURCES
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope
from villagedesk.services.scope import resolve_scope
from villagedesk.services.stats import compute_stats_by_village
from villagedesk.services.township.node import home_township
from villagedesk.services.township.villages import registered_villages
from villagedesk.store.connection import Store

SOURCE_LABELS = {"cadre": "村干部", "auxiliary": "辅助人员", "volunteer": "志愿者"}
RATES = frozenset({"worker_party_share", "insurance_enrolment_rate", "follow_up_rate", "mediation_success_rate",
                   "initial_response_success_rate"})


class Column(NamedTuple):
    code: str
    name: str
    figures: dict  # the column's `stats --json`


class Overview(NamedTuple):  # not a dataclass: see domain/actor.py
    period: Period | None
    total: Column  # the township: every village of the scope together
    villages: tuple[Column, ...]
    waiting: tuple[str, ...] = ()  # villages registered here whose first package has not come yet
    unit: str = "村"  # what the columns after the total are: 村, or 乡镇 at a district node

    @property
    def columns(self) -> tuple[Column, ...]:
        return (self.total, *self.villages)


class Line(NamedTuple):
    """One row of the overview's table: a KPI (workers_by_source as one line per source) and its values."""

    key: str  # the KPI's name; "workers_by_source.cadre" for a source
    label: str
    values: tuple  # total first, then each village


def overview(store: Store, period: Period | None = None, scope: Scope | None = None) -> Overview:
    """The KPIs over `scope` (default: every village held here) and over each of its villages; at a district
    node, its townships' figures as their district packages carried them (services/district/overview.py)."""
    from villagedesk.services.township.node import node_role

    if node_role(store) == "district":
        from villagedesk.services.district import overview as district_overview

        return district_overview.overview(store, period)
    scope, township = scope or resolve_scope(store), home_township(store)
    total, each = compute_stats_by_village(store, period, scope)
    held = set(scope.codes)
    return Overview(period, Column(township.code if township else "", f"{township.name if township else '全部'}合计", total),
                    tuple(Column(v.code, v.name, figures) for v, figures in zip(scope.villages, each, strict=True)),
                    tuple(r.name for r in registered_villages(store) if r.code not in held))


def lines(view: Overview) -> list[Line]:
    """The table's rows in the contract's order, each value as `stats --json` gives it."""
    out = []
    for key in view.total.figures:
        if key == "workers_by_source":
            out += [Line(f"{key}.{s}", f"{KPI_LABELS[key]}：{SOURCE_LABELS[s]}",
                         tuple(c.figures[key][s] for c in view.columns)) for s in WORKER_SOURCES]
        else:
            out.append(Line(key, KPI_LABELS[key], tuple(c.figures[key] for c in view.columns)))
    return out


def shown(key: str, value) -> str:
    """A value as the overview shows it: rates in per cent, money with its fen, nothing computed as —."""
    if value is None:
        return "—"
    if key in RATES:
        return f"{value * 100:.1f}%"
    if key.endswith("_yuan"):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    return f"{value:,}"
