"""辖区总览 one level up: at a district node, every township's figures for a period side by side (as its
district package carried them) and the district's total — counts and money summed, rates recomputed from the
townships' numerators and denominators, the median from every notice's hours."""

from __future__ import annotations

from villagedesk.domain.period import Period
from villagedesk.services.district.figures import add_up, in_contract_order
from villagedesk.services.district.node import this_district
from villagedesk.store import district as repo
from villagedesk.store.connection import Store


def held(store: Store, period: Period | None) -> list[dict]:
    """The townships' packages held for `period` (none for 全部记录: a package is of one period)."""
    return [] if period is None else [p["content"] for p in repo.packages_of(store, period.label)]


def district_stats(store: Store, period: Period | None) -> dict:
    """`stats --json` at a district: its townships' figures for the period, added up."""
    from villagedesk.services.scope import resolve_scope
    from villagedesk.services.stats import compute_stats

    found = held(store, period)
    return add_up([c["total"] for c in found]) if found else compute_stats(store, period, resolve_scope(store))


def overview(store: Store, period: Period | None):
    """The township overview's shape, its columns the district's total and then each township."""
    from villagedesk.services.township.overview import Column, Overview

    district = this_district(store)
    found = held(store, period)
    got = {c["township"]["code"] for c in found}
    townships = tuple(Column(c["township"]["code"], c["township"]["name"], in_contract_order(c["total"]["stats"])) for c in found)
    total = Column(district.code, f"{district.name}合计", district_stats(store, period))
    waiting = tuple(r["name"] for r in repo.township_peers(store) if r["code"] not in got)
    return Overview(period, total, townships, waiting, unit="乡镇")
