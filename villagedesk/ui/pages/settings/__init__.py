"""系统设置: text size, the database and its node, and the audit trail of who did what."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.settings.page import SettingsPage
    return SettingsPage(ctx)


PAGE = PageSpec("settings", "系统设置", _build)
