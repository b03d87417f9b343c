"""The aggregates a district package carries for a set of villages: the §7 KPIs, and what a level up needs
to add them again — money in fen, each rate's numerator and denominator, the notices' coverage hours.

Nothing here names a person or a household: counts, sums and anonymous durations only."""

from __future__ import annotations

import statistics

from villagedesk.domain import clock
from villagedesk.domain.kpis import KPI_NAMES, WORKER_SOURCES
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope
from villagedesk.services.field_work import follow_ups
from villagedesk.services.grids.kpis import GRID_WORKERS
from villagedesk.services.kpi_parts import add
from villagedesk.services.register.insurance import enrolment_summary
from villagedesk.services.stats import compute_stats
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes, emergencies
from villagedesk.store.field_work import notices as notice_repo
from villagedesk.store.grids import workers as worker_repo

MONEY = ("goods_value_issued_yuan", "stipends_paid_yuan", "emergency_subsidies_paid_yuan")
MEDIAN = "notice_coverage_hours_median"


def aggregates(store: Store, period: Period | None, scope: Scope) -> dict:
    """`stats` (as `stats --json` gives them over `scope`), `fen`, `parts` ({rate: [numerator, denominator]})
    and `coverage_hours` (one number per notice covered in full)."""
    ids = scope.ids
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    stats = compute_stats(store, period, scope)
    w = add(worker_repo.counts_by_village(store, ids).values(), GRID_WORKERS.empty)
    insured = enrolment_summary(store, period.start.year if period else clock.today().year, ids).total
    follow = follow_ups.rate(store, period, None, ids)
    d = disputes.kpi_counts(store, ids, start, end)
    e = emergencies.kpi_counts(store, ids, start, end)
    parts = {"worker_party_share": [w["party"], w["active"]],
             "insurance_enrolment_rate": [insured.enrolled, insured.residents - insured.exempt],
             "follow_up_rate": [follow.on_time, follow.settled],
             "mediation_success_rate": [d["resolved"], d["decided"]],
             "initial_response_success_rate": [e["handled"], e["decided"]]}
    hours = sorted(notice_repo.covered_hours(store, ids, start, end)) if ids else []
    return {"stats": stats, "fen": {k: round(stats[k] * 100) for k in MONEY if k in stats},
            "parts": parts, "coverage_hours": hours}


def add_up(parts: list[dict]) -> dict:
    """The `stats` of several sets of aggregates together: counts and fen summed, rates recomputed from the
    summed numerators and denominators, the median from every notice's hours (never an average of rates)."""
    if not parts:
        return {}
    keys = in_contract_order(parts[0]["stats"])
    out: dict = {}
    hours = sorted(h for p in parts for h in p["coverage_hours"])
    for key in keys:
        if key == "workers_by_source":
            out[key] = {s: sum(p["stats"][key][s] for p in parts) for s in WORKER_SOURCES}
        elif key in MONEY:
            out[key] = round(sum(p["fen"][key] for p in parts) / 100, 2)
        elif key in parts[0]["parts"]:
            num = sum(p["parts"][key][0] for p in parts)
            den = sum(p["parts"][key][1] for p in parts)
            out[key] = round(num / den, 4) if den else None
        elif key == MEDIAN:
            out[key] = round(statistics.median(hours), 2) if hours else None
        else:
            out[key] = sum(p["stats"][key] for p in parts)
    return out


def in_contract_order(stats: dict) -> dict:
    """A package's KPIs (its JSON keeps them sorted by name) back in the contract's order, as `stats --json`."""
    return {k: stats[k] for k in KPI_NAMES if k in stats}
