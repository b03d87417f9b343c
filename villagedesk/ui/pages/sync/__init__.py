"""数据同步: pairing, packages to and from peers on a USB stick, their history, and conflicts to review."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.sync.page import SyncPage
    return SyncPage(ctx)


PAGE = PageSpec("sync", "数据同步", _build)
