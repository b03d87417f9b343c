"""The points KPIs of DESIGN.md §7 for `stats --json` and the pages' figures."""

from __future__ import annotations

from villagedesk.domain.period import Period
from villagedesk.domain.scope import VillageIds
from villagedesk.services.kpi_parts import GroupedKpis, PartsByVillage, add
from villagedesk.store.connection import Store
from villagedesk.store.points import kpis as repo

_EMPTY = {"activities": 0, "points_awarded": 0, "points_redeemed": 0, "points_outstanding": 0, "redemptions": 0,
          "goods_value_fen": 0}
_REDEMPTIONS_EMPTY = {"redemptions": 0, "goods_value_fen": 0}


def _dates(period: Period | None) -> tuple[str | None, str | None]:
    return (period.start.isoformat(), period.end.isoformat()) if period else (None, None)


def _parts(store: Store, village_id: VillageIds, period: Period | None) -> PartsByVillage:
    return repo.figures_by_village(store, village_id, *_dates(period))


def _redemption_figures(p: dict) -> dict:
    return {"redemptions": p["redemptions"], "goods_value_issued_yuan": round(p["goods_value_fen"] / 100, 2)}


def _figures(p: dict) -> dict:
    return {"activities": p["activities"], "points_awarded": p["points_awarded"],
            "points_redeemed": p["points_redeemed"], "points_outstanding": p["points_outstanding"],
            **_redemption_figures(p)}


POINTS = GroupedKpis(_parts, _EMPTY, _figures)


def points_kpis(store: Store, village_id: VillageIds, period: Period | None) -> dict:
    """activities, points_awarded, points_redeemed, points_outstanding, redemptions, goods_value_issued_yuan."""
    return POINTS.over(store, village_id, period)


def redemption_figures(store: Store, period: Period | None = None) -> dict:
    """redemptions and goods_value_issued_yuan only: what the points store's page shows after each redemption."""
    from villagedesk.services.points.common import village_id

    found = repo.redemptions_by_village(store, village_id(store), *_dates(period))
    return _redemption_figures(add(found.values(), _REDEMPTIONS_EMPTY))


def figures(store: Store, period: Period | None = None) -> dict:
    from villagedesk.services.points.common import village_id

    return points_kpis(store, village_id(store), period)
