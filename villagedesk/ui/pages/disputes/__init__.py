"""矛盾纠纷: the dispute ledger and mediation (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("矛盾纠纷", "矛盾纠纷的登记、调解和上报。", [
        "纠纷登记：当事人、所属网格、类别、经过、发现人",
        "调解记录：每次调解的时间、调解人、结果",
        "能力范围内前置调解，能力范围外逐级上报（村、乡镇）",
        "调解协议书打印（PDF，含当事人签字栏）与纠纷台账",
    ])


PAGE = PageSpec("disputes", "矛盾纠纷", _build)
