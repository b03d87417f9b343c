"""农户与人口: the household and resident register."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.households.page import HouseholdsPage
    return HouseholdsPage(ctx)


PAGE = PageSpec("households", "农户与人口", _build)
