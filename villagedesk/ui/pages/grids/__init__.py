"""网格与网格员: grids, workers, rotation, evaluation, reserve cadres, training and stipends."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.grids.page import GridsPage
    return GridsPage(ctx)


PAGE = PageSpec("grids", "网格与网格员", _build)
