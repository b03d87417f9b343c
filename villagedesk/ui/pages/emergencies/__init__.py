"""突发事件: emergencies and initial response (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("突发事件", "突发事件的现场指挥与初期处置记录。", [
        "事件：类别（洪涝、森林火灾、地质灾害、房屋火灾等）、涉及网格、开始时间、现场指挥",
        "处置时间线、受影响、转移和通知到的户数",
        "初期处置结果与关闭；网格员应急天数计入临时补助",
    ])


PAGE = PageSpec("emergencies", "突发事件", _build)
