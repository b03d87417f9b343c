"""The insurance drive (rates per grid, the not-enrolled list and its PDF), the view export, KPIs and the demo."""

import datetime as dt

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import TEST_ACTOR as ACTOR
from tests.register.helpers import family
from villagedesk.domain import clock
from villagedesk.domain.period import parse_period
from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.services import stats
from villagedesk.services.register import exports, households, insurance, listing, residents

YEAR = clock.today().year


def _village(store, grids):
    """Two households in 张家湾 and one in 李家沟, three people each."""
    ids = []
    for i, (grid, house, names) in enumerate((("张家湾", "1", ("张三", "李四", "张五")),
                                               ("张家湾", "2", ("王大", "刘二", "王小")),
                                               ("李家沟", "3", ("赵甲", "钱乙", "赵丙")))):
        hid = households.add_household(store, ACTOR, HouseholdDraft(grids[grid], grid, "1", house),
                                       family(*names, seq=10 * i))
        ids += [rid for rid, _n, _r in households.members(store, hid)]
    return ids


def test_rates_per_grid_exclude_the_exempt_and_the_list_groups_by_grid(store, grids, tmp_path):
    people = _village(store, grids)
    insurance.set_enrolment(store, ACTOR, people[:4], YEAR, "enrolled")  # 张家湾: 4 of 6
    insurance.set_enrolment(store, ACTOR, people[4], YEAR, "exempt")
    insurance.set_enrolment(store, ACTOR, people[6:8], YEAR, "enrolled")  # 李家沟: 2 of 3
    insurance.set_enrolment(store, ACTOR, people[8], YEAR, "not_enrolled")
    summary = insurance.enrolment_summary(store, YEAR)
    by_grid = {g.grid_name: (g.residents, g.enrolled, g.exempt, g.not_enrolled, g.rate) for g in summary.grids}
    assert by_grid == {"张家湾": (6, 4, 1, 1, 0.8), "李家沟": (3, 2, 0, 1, 0.6667)}
    assert (summary.total.enrolled, summary.total.rate) == (6, 0.75)
    assert stats.compute_stats(store)["insurance_enrolment_rate"] == 0.75
    assert stats.compute_stats(store, parse_period(str(YEAR - 1)))["insurance_enrolment_rate"] == 0.0
    groups = insurance.not_enrolled(store, ACTOR, YEAR)
    assert [(g.grid_name, [(p.name, p.marked) for p in g.people]) for g in groups] == [
        ("张家湾", [("王小", False)]), ("李家沟", [("赵丙", True)])]
    assert insurance.set_enrolment(store, ACTOR, people[:4], YEAR, "enrolled") == 0  # nothing changed

    pdf = insurance.write_not_enrolled_pdf(store, ACTOR, YEAR, tmp_path / "未参保.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert f"{YEAR} 年度医保未参保人员走访名单" in text
    assert "张家湾 网格" in text and "李家沟 网格" in text and "王小" in text and "赵丙" in text
    assert "张三" not in text and "第 1 页 共 1 页" in text
    xlsx = insurance.write_summary(store, YEAR, tmp_path / "参保率.xlsx")
    ws = load_workbook(xlsx).active
    assert [c.value for c in ws[3]] == ["网格", "网格员", "在册人口", "已参保", "无需参保", "未参保", "参保率"]
    assert [c.value for c in ws[6]][:7] == ["全村合计", None, 9, 6, 1, 2, 0.75]


def test_export_of_the_current_view_masks_identity_numbers(store, grids, tmp_path):
    people = _village(store, grids)
    residents.set_categories(store, ACTOR, people[0], ["subsistence"])
    view = RegisterFilter("residents", status="present", category="subsistence")
    assert listing.count_rows(store, view, actor=ACTOR) == 1
    path = exports.export_view(store, view, tmp_path / "人口.xlsx", "筛选：低保。", actor=ACTOR)
    ws = load_workbook(path).active
    assert ws["A1"].value == "人口花名册"
    header = [c.value for c in ws[3]]
    row = dict(zip(header, [c.value for c in ws[4]], strict=True))
    number = store.scalar("SELECT id_number FROM residents WHERE id = ?", (people[0],))
    assert row["姓名"] == "张三" and row["重点人群"] == "低保"
    assert row["身份证号"] == number[:6] + "********" + number[-4:]
    notes = " ".join(str(c.value) for c in ws["A"][4:] if c.value)
    assert ws["A5"].value is None and "共 1 条" in notes and "身份证号已隐去" in notes
    all_households = exports.export_view(store, RegisterFilter("households"), tmp_path / "农户.xlsx",
                                         actor=ACTOR)
    ws = load_workbook(all_households).active
    assert [ws.cell(r, 1).value for r in (4, 5, 6)] == ["张三", "王大", "赵甲"]


def test_key_populations_in_a_period(store, grids):
    people = _village(store, grids)
    residents.set_categories(store, ACTOR, people[0], ["elderly_alone"], dt.date(2026, 2, 1))
    residents.set_categories(store, ACTOR, people[0], [], dt.date(2026, 5, 1))
    residents.set_categories(store, ACTOR, people[3], ["disabled", "serious_illness"], dt.date(2026, 3, 1))
    assert stats.compute_stats(store)["key_population_residents"] == 1
    assert stats.compute_stats(store, parse_period("2026-04"))["key_population_residents"] == 2
    assert stats.compute_stats(store, parse_period("2026-01"))["key_population_residents"] == 0


def test_the_demo_register_is_realistic(demo_store):
    n = demo_store.scalar("SELECT count(*) FROM residents")
    share = {r[0]: r[1] / n for r in demo_store.query(
        "SELECT category, count(*) FROM resident_categories GROUP BY category")}
    assert set(share) == {"elderly_alone", "left_behind_child", "disabled", "subsistence", "extreme_poverty",
                          "relapse_monitoring", "serious_illness"}
    assert 0.005 < share["elderly_alone"] < 0.05 and 0.01 < share["subsistence"] < 0.08
    this_year = insurance.enrolment_summary(demo_store, 2026).total.rate
    last_year = insurance.enrolment_summary(demo_store, 2025).total.rate
    assert 0.92 <= this_year <= 0.98 and 0.80 <= last_year <= 0.90
    values = stats.compute_stats(demo_store, parse_period("2026"))
    assert values["insurance_enrolment_rate"] == this_year and 0 < values["key_population_residents"] < n
    from villagedesk.services.register import search
    assert search.search(demo_store, "zjw", actor=ACTOR)  # the search keys were built with the demo
