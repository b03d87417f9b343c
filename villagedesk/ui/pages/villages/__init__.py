"""村庄 (township node): the registered villages, each with its last package received and its records held."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.villages.page import VillagesPage
    return VillagesPage(ctx)


PAGE = PageSpec("villages", "村庄", _build)
