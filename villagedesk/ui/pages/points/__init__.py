"""志愿积分: volunteer activities, the points ledger, the ranking and the rule catalogue."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.points.page import PointsPage
    return PointsPage(ctx)


PAGE = PageSpec("points", "志愿积分", _build)
