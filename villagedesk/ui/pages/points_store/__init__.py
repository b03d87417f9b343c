"""积分超市: goods, stock and redemption with receipts (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("积分超市", "积分兑换米面油等物资。", [
        "物资目录、入库（捐赠或采购）、盘点调整、低库存提醒",
        "柜台兑换：按拼音找户，选物资，确认后扣积分、出库、打印兑换凭证",
        "兑换凭证：58 mm、80 mm 热敏纸和 A4，补打、作废",
    ])


PAGE = PageSpec("points_store", "积分超市", _build)
