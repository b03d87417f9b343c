"""突发事件: incidents, the on-site commander, the timeline, the initial response and worker days."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.emergencies.page import EmergenciesPage
    return EmergenciesPage(ctx)


PAGE = PageSpec("emergencies", "突发事件", _build)
