"""首页: the village, its township, and headline counts read from the store."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.home.page import HomePage
    return HomePage(ctx)


PAGE = PageSpec("home", "首页", _build)
