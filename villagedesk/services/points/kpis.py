"""The points KPIs of DESIGN.md §7 for `stats --json` and the pages' figures."""

from __future__ import annotations

from villagedesk.domain.period import Period
from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.points import kpis as repo


def points_kpis(store: Store, village_id: VillageIds, period: Period | None) -> dict:
    """activities, points_awarded, points_redeemed, points_outstanding, redemptions, goods_value_issued_yuan."""
    start = period.start.isoformat() if period else None
    end = period.end.isoformat() if period else None
    return repo.figures(store, village_id, start, end)


def redemption_figures(store: Store, period: Period | None = None) -> dict:
    """redemptions and goods_value_issued_yuan only: what the points store's page shows after each redemption."""
    from villagedesk.services.points.common import village_id

    start = period.start.isoformat() if period else None
    end = period.end.isoformat() if period else None
    return repo.redemption_figures(store, village_id(store), start, end)


def figures(store: Store, period: Period | None = None) -> dict:
    from villagedesk.services.points.common import village_id

    return points_kpis(store, village_id(store), period)
