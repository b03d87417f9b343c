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


# A township node: 辖区总览, 村庄, 上报情况, 报表审核, 通知下发, its villages' pages that read well without writing (their
# records are read-only there), then 数据同步 and 系统设置.
TOWNSHIP_PAGE_KEYS = ("overview", "villages", "reporting", "review", "notices_out", "grids", "households", "visits", "disputes", "emergencies", "sync", "settings")
# The village pages a township reads read-only: they show every village, or the one picked in the top bar.
SCOPED_PAGE_KEYS = ("grids", "households", "visits", "disputes", "emergencies")
# A district node holds no village's records, only its townships' aggregates: 辖区总览, 上报情况, 数据同步, 系统设置.
DISTRICT_PAGE_KEYS = ("overview", "reporting", "sync", "settings")


def pages_for(node_role: str) -> tuple[PageSpec, ...]:
    """The navigation of a node of this role ('village', 'township', 'district')."""
    if node_role == "village":
        return PAGES
    from villagedesk.ui.pages import notices_out, overview, reporting, review, villages

    every = {p.key: p for p in (*PAGES, overview.PAGE, villages.PAGE, reporting.PAGE, review.PAGE, notices_out.PAGE)}
    return tuple(every[k] for k in (DISTRICT_PAGE_KEYS if node_role == "district" else TOWNSHIP_PAGE_KEYS))


def page_by_key(key: str) -> PageSpec | None:
    """A page of any node's navigation by its key (a township's 村庄 too)."""
    found = next((p for p in PAGES if p.key == key), None)
    if found is None and key in TOWNSHIP_PAGE_KEYS:
        found = next(p for p in pages_for("township") if p.key == key)
    return found
