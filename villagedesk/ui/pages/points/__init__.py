"""志愿积分: volunteer activities and the points ledger (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("志愿积分", "村民志愿服务积分的发放与台账。", [
        "积分规则：加分项、扣分项，按生效日期管理版本",
        "志愿服务活动：发起、登记参与人、公示、审核、入账",
        "积分台账：按户记账，只增不改，更正用冲正记录；户积分明细打印",
        "积分排行榜（网格、全村）打印",
    ])


PAGE = PageSpec("points", "志愿积分", _build)
