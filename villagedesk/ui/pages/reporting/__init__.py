"""上报情况 (township and district nodes): each village's (township's) reports per period — on time, late, missing,
sent back — and reminders."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.reporting.page import ReportingPage
    return ReportingPage(ctx)


PAGE = PageSpec("reporting", "上报情况", _build)
