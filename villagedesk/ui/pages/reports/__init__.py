"""报表上报: the monthly report set for the township — catalogue with states, preview, export, 报出."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.reports.page import ReportsPage
    return ReportsPage(ctx)


PAGE = PageSpec("reports", "报表上报", _build)
