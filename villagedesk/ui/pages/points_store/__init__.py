"""积分超市: the counter, goods and stock, and redemption receipts."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.points_store.page import StorePage
    return StorePage(ctx)


PAGE = PageSpec("points_store", "积分超市", _build)
