"""报表上报: Excel and PDF reports for the township (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("报表上报", "向乡镇报送的 Excel 与 PDF 报表。", [
        "按月、季、年生成各类统计报表",
        "Excel：标题、单位与期间、表头冻结、A4 打印设置、制表人/审核人",
        "PDF：内嵌字体，页眉写明村名与期间，“第 x 页 共 y 页”",
    ])


PAGE = PageSpec("reports", "报表上报", _build)
