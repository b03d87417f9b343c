"""网格与网格员: grids, workers, rotation, evaluation, reserve cadres, training and stipends (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("网格与网格员", "微网格划分与网格员队伍的日常管理。", [
        "微网格：新建、修改、撤销；自然单元（湾、沟、院、组），面积，四至范围",
        "网格员花名册：来源、党员、学历、任职时间、状态",
        "轮换：每个网格由谁、从何时到何时负责，完整保留历史",
        "考评：按月、季、年打分，表彰或调整（不胜任、不尽职）",
        "村干部后备力量与培训记录",
        "阶梯补贴（每月 50–150 元）与临时补助（每天 50–80 元），月度发放表导出 Excel 和 PDF",
    ])


PAGE = PageSpec("grids", "网格与网格员", _build)
