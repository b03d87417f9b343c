"""矛盾纠纷: the dispute ledger, mediation attempts, the outcome ladder and the mediation agreement."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.disputes.page import DisputesPage
    return DisputesPage(ctx)


PAGE = PageSpec("disputes", "矛盾纠纷", _build)
