"""走访与回访: visits, follow-ups, notice campaigns and what visits found."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.visits.page import VisitsPage
    return VisitsPage(ctx)


PAGE = PageSpec("visits", "走访与回访", _build)
