"""The left navigation, in order: every module this product has or will have."""

from __future__ import annotations

from villagedesk.ui.pages import (
    disputes,
    emergencies,
    grids,
    home,
    households,
    points,
    points_store,
    reports,
    settings,
    sync,
    visits,
)
from villagedesk.ui.pages.spec import PageSpec

PAGES: tuple[PageSpec, ...] = (
    home.PAGE, grids.PAGE, households.PAGE, visits.PAGE, disputes.PAGE, emergencies.PAGE,
    points.PAGE, points_store.PAGE, reports.PAGE, sync.PAGE, settings.PAGE,
)


def page_by_key(key: str) -> PageSpec | None:
    return next((p for p in PAGES if p.key == key), None)
