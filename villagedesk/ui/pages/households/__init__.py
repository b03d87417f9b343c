"""农户与人口: the household and resident register (planned)."""

from villagedesk.ui.pages.spec import PageSpec


def _build(ctx):
    from villagedesk.ui.pages.planned import PlannedPage
    return PlannedPage("农户与人口", "全村农户与人口的登记台账。", [
        "农户：户主、地址（湾/组/门牌号）、所属网格、联系电话、状态",
        "人口：身份证号校验，出生日期、性别、年龄自动得出；与户主关系；居住状态",
        "重点人群：独居老人、留守儿童、残疾人、低保、特困、防返贫监测、大病",
        "一个搜索框：姓名、拼音首字母、全拼、身份证后几位、电话、地址",
        "Excel 花名册导入（逐行逐列提示问题，全部正确才导入）与导出",
        "医保参保：按网格统计参保率，打印未参保名单",
    ])


PAGE = PageSpec("households", "农户与人口", _build)
