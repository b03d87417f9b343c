"""辖区总览 (township node): every KPI for the township and each village side by side, for a period."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.overview.page import OverviewPage
    return OverviewPage(ctx)


PAGE = PageSpec("overview", "辖区总览", _build)
