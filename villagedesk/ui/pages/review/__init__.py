"""报表审核 (township node): the villages' submitted report sets as received, approved or sent back with a reason."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.review.page import ReviewPage
    return ReviewPage(ctx)


PAGE = PageSpec("review", "报表审核", _build)
