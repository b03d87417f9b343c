"""数据同步: packages carried to the township on a USB stick (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("数据同步", "用 U 盘在村与乡镇之间交换加密数据包。", [
        "导出数据包：对方尚未确认的全部变更，加密并签名",
        "导入数据包：校验、解密，一次性写入，出错则不改任何数据",
        "密钥交换与指纹核对；冲突记录供人工复核",
    ])


PAGE = PageSpec("sync", "数据同步", _build)
