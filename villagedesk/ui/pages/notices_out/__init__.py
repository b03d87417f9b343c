"""通知下发 (township node): notices issued to chosen villages and each village's coverage coming back up."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.notices_out.page import NoticesOutPage
    return NoticesOutPage(ctx)


PAGE = PageSpec("notices_out", "通知下发", _build)
