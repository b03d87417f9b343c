"""走访与回访: visits, follow-ups and notice campaigns (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("走访与回访", "网格员入户走访、二次回访和政策宣传。", [
        "入户走访：走访人、农户、时间、方式、目的、发现的问题",
        "二次回访：重点人群到期、逾期提醒，回访率统计",
        "政策宣传：通知下发到网格，逐户标记已送达，统计全覆盖用时",
        "未送达农户名单打印",
    ])


PAGE = PageSpec("visits", "走访与回访", _build)
