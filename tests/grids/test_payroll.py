"""Stipend tiers, subsidy rates and the monthly payroll, checked against sums written out by hand."""

import datetime as dt
import sqlite3

import pytest

from tests.conftest import TEST_ACTOR, payroll_office
from tests.grids.helpers import make_grid, make_worker
from villagedesk.domain.errors import ValidationError
from villagedesk.services.grids import payroll, rotation, stipends
from villagedesk.services.integrity import check

TODAY = dt.date(2026, 11, 30)
TIERS = [(0, 99, 50), (100, 199, 80), (200, "", 120)]


@pytest.fixture
def october(store):
    """上湾 150 people held all October by 张; 下沟 250 people passed from 李 to 王 on 16 October."""
    stipends.save_tier_table(store, TEST_ACTOR, "2026-01", TIERS)
    stipends.set_subsidy_rate(store, TEST_ACTOR, "flood", 80, "2026-01-01")
    stipends.set_subsidy_rate(store, TEST_ACTOR, "forest_fire", 60, "2026-01-01")
    up, down = make_grid(store, "上湾", "01", residents=150), make_grid(store, "下沟", "02", residents=250)
    zhang = make_worker(store, "张大山", 123, grid_id=up)
    li = make_worker(store, "李秀英", 124, grid_id=down)
    wang = make_worker(store, "王建国", 125)
    rotation.rotate(store, TEST_ACTOR, down, wang, "2026-10-16")
    for worker, day, kind in ((zhang, "2026-10-03", "flood"), (zhang, "2026-10-04", "flood"),
                              (wang, "2026-10-20", "forest_fire")):
        stipends.add_service_day(store, TEST_ACTOR, worker, day, kind, today=TODAY)
    return {"zhang": zhang, "li": li, "wang": wang, "up": up, "down": down}


def test_october_payroll_equals_the_hand_calculation(store, october):
    payroll_office(store)
    p = payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    lines = {ln.worker_name: ln for ln in p.lines}
    # 张: tier 100–199 = 80.00 for the whole month; 2 flood days × 80 = 160.00
    assert (lines["张大山"].stipend_fen, lines["张大山"].subsidy_days, lines["张大山"].subsidy_fen) == (8000, 2, 16000)
    # 李: tier 200+ = 120.00 × 15/31 days = 58.064… → 58.06
    assert lines["李秀英"].stipend_fen == 5806
    # 王: 120.00 × 16/31 = 61.935… → 61.94; one forest-fire day × 60 = 60.00
    assert (lines["王建国"].stipend_fen, lines["王建国"].subsidy_fen) == (6194, 6000)
    # totals: stipends 80 + 58.06 + 61.94 = 200.00; subsidies 160 + 60 = 220.00; all 420.00
    assert (p.stipend_fen, p.subsidy_fen, p.adjustment_fen, p.total_fen) == (20000, 22000, 0, 42000)
    assert [ln.worker_name for ln in p.lines] == ["张大山", "李秀英", "王建国"]
    assert lines["王建国"].stipend_detail == "下沟 250 人，120.00 元/月×16/31 天"


def test_review_approve_lock_and_a_locked_month_never_changes(store, october):
    office = payroll_office(store)
    payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    payroll.review_payroll(store, office.reviewer, "2026-10")
    payroll.approve_payroll(store, office.approver, "2026-10")
    locked = payroll.lock_payroll(store, office.approver, "2026-10")
    assert (locked.status_label, locked.prepared_by, locked.reviewed_by, locked.approved_by) == (
        "已锁定", "测试员", "李会计", "王书记")
    snapshot = store.query("SELECT * FROM payroll_lines WHERE deleted_at IS NULL ORDER BY line_no")
    for attempt in (lambda: payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY),
                    lambda: payroll.return_payroll(store, TEST_ACTOR, "2026-10"),
                    lambda: payroll.review_payroll(store, TEST_ACTOR, "2026-10"),
                    lambda: payroll.add_adjustment(store, TEST_ACTOR, "2026-10", october["li"], "2026-09",
                                                   "stipend", 5, "补")):
        with pytest.raises(ValidationError) as err:
            attempt()
        assert err.value.field in ("发放月份", "更正月份") and ("已锁定" in err.value.message or "未锁定" in err.value.message)
    with pytest.raises(sqlite3.DatabaseError, match="已锁定"):
        store.conn.execute("UPDATE payroll_lines SET total_fen = 1 WHERE line_no = 1")
    # a rename of the grid later does not touch the locked lines
    store.conn.execute("UPDATE grids SET name = '上湾院' WHERE id = ?", (october["up"],))
    assert store.query("SELECT * FROM payroll_lines WHERE deleted_at IS NULL ORDER BY line_no") == snapshot
    assert check(store) == []


def test_a_correction_is_an_adjustment_in_a_later_month_and_late_days_are_paid_there(store, october):
    payroll_office(store).lock_month(store, "2026-10", TODAY)
    stipends.add_service_day(store, TEST_ACTOR, october["zhang"], "2026-10-05", "flood", today=TODAY)
    assert [d.paid_in for d in stipends.service_days(store, "2026-10")] == ["2026-10", "2026-10", None, "2026-10"]
    payroll.compute_payroll(store, TEST_ACTOR, "2026-11", today=TODAY)
    payroll.add_adjustment(store, TEST_ACTOR, "2026-11", october["li"], "2026-10", "stipend", "1.94", "折算天数更正")
    nov = payroll.get_payroll(store, "2026-11")
    lines = {ln.worker_name: ln for ln in nov.lines}
    # November: 张 80 + late flood day 80; 李 has no grid any more, only the +1.94 correction; 王 120
    assert (lines["张大山"].stipend_fen, lines["张大山"].adjustment_fen, lines["张大山"].total_fen) == (8000, 8000, 16000)
    assert "补发 2026-10-05 防汛抢险 80.00" in lines["张大山"].adjustment_detail
    assert (lines["李秀英"].stipend_fen, lines["李秀英"].adjustment_fen) == (0, 194)
    assert (nov.stipend_fen, nov.subsidy_fen, nov.adjustment_fen, nov.total_fen) == (20000, 0, 8194, 28194)
    assert payroll.get_payroll(store, "2026-10").total_fen == 42000


@pytest.mark.parametrize("rows, field, words", [
    ([(0, 99, 50), (100, "", 160)], "第 2 档补贴金额", "50–150"),
    ([(0, 99, 45), (100, "", 80)], "第 1 档补贴金额", "50–150"),
    ([(0, 120, 50), (100, "", 80)], "补贴分档", "重叠"),
    ([(0, 99, 50), (120, "", 80)], "补贴分档", "空档"),
    ([(0, 99, 50), (100, 200, 80)], "补贴分档", "留空"),
])
def test_bad_tiers_are_refused_and_the_table_is_unchanged(store, rows, field, words):
    stipends.save_tier_table(store, TEST_ACTOR, "2026-01", TIERS)
    with pytest.raises(ValidationError) as err:
        stipends.save_tier_table(store, TEST_ACTOR, "2026-06", rows)
    assert err.value.field == field and words in err.value.message
    assert [t.month for t in stipends.tier_tables(store)] == ["2026-01"]


def test_rates_outside_50_to_80_are_refused(store):
    for amount in ("49.99", "85", "abc"):
        with pytest.raises(ValidationError) as err:
            stipends.set_subsidy_rate(store, TEST_ACTOR, "flood", amount, "2026-01-01")
        assert err.value.field == "临时补助标准（防汛抢险）"
    assert stipends.rates(store) == []


def test_standards_cannot_change_under_a_locked_month(store, october):
    office = payroll_office(store)
    office.lock_month(store, "2026-10", TODAY)
    with pytest.raises(ValidationError) as err:
        stipends.save_tier_table(store, office.approver, "2026-10", [(0, "", 100)])
    assert err.value.field == "生效月份"
    with pytest.raises(ValidationError) as err:
        stipends.set_subsidy_rate(store, office.approver, "flood", 70, "2026-10-01")
    assert err.value.field == "生效日期"
    stipends.save_tier_table(store, office.approver, "2026-11", [(0, "", 100)])
    with pytest.raises(ValidationError) as err:
        stipends.remove_service_day(store, TEST_ACTOR, stipends.service_days(store, "2026-10")[0].id)
    assert err.value.field == "发放月份"


def test_missing_rate_or_tier_names_what_to_set(store):
    head = payroll_office(store).approver  # the standards are the head's to set
    grid = make_grid(store)
    wid = make_worker(store, grid_id=grid)
    with pytest.raises(ValidationError) as err:
        payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    assert err.value.field == "阶梯补贴标准"
    stipends.save_tier_table(store, head, "2026-01", TIERS)
    stipends.add_service_day(store, TEST_ACTOR, wid, "2026-10-03", "geological", today=TODAY)
    with pytest.raises(ValidationError) as err:
        payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    assert err.value.field == "临时补助标准" and "地质灾害" in err.value.message
    assert payroll.payroll_months(store) == []
    with pytest.raises(ValidationError) as err:
        stipends.add_service_day(store, TEST_ACTOR, wid, "2026-10-03", "flood", today=TODAY)
    assert err.value.field == "服务日期" and "同一天只计一次" in err.value.message


def test_the_stipend_tier_counts_the_grids_residents_at_home_not_those_working_away(store):
    """常住人口, as the register's import reads 常住: living at home; a worker away does not make the grid bigger."""
    from tests.field_work.conftest import id_number
    from villagedesk.domain.ids import new_id

    stipends.save_tier_table(store, TEST_ACTOR, "2026-01", [(0, 2, 50), (3, "", 80)])
    up = make_grid(store, "上湾", "01", residents=None)
    make_worker(store, "张大山", 123, grid_id=up)
    hid = new_id()
    with store.transaction():
        store.insert("households", {"id": hid, "grid_id": up, "hamlet": "上湾", "group_name": "1组",
                                    "house_number": "1号"}, TEST_ACTOR)
        for n, status in enumerate(("living", "living", "working_away")):
            store.insert("residents", {"household_id": hid, "name": f"张{'一二三'[n]}", "id_number": id_number(n + 1),
                                       "sex": "男", "birth_date": "1960-01-01", "relation": "户主" if n == 0 else "子",
                                       "residence_status": status}, TEST_ACTOR)
    payroll_office(store)
    [line] = payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY).lines
    assert (line.residents, line.stipend_fen) == (2, 5000)
    assert line.stipend_detail == "上湾 2 人，50.00 元/月"
    assert any("常住人口" in n and "不含外出务工" in n for n in payroll.get_payroll(store, "2026-10").notes)


def test_a_resting_worker_is_not_paid_the_stipend_from_the_day_the_rest_began(store, october):
    """暂停 from 21 October: 张 is paid 20 of October's 31 days; his flood days before it are paid as worked."""
    from villagedesk.services.grids import workers

    workers.set_status(store, TEST_ACTOR, october["zhang"], "resting", "2026-10-21", "病假")
    payroll_office(store)
    p = payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    zhang = next(ln for ln in p.lines if ln.worker_name == "张大山")
    assert (zhang.stipend_fen, zhang.subsidy_fen) == (5161, 16000)  # 80.00 × 20/31 = 51.61
    assert zhang.stipend_detail == "上湾 150 人，80.00 元/月×20/31 天（2026-10-21 起暂停）"
    assert any("暂停" in n for n in payroll.get_payroll(store, "2026-10").notes)


def test_the_printed_payroll_names_its_preparer_reviewer_and_approver_as_signed_in(store, october, tmp_path):
    """制表/审核/审批 on the paper are the users who did each step (read from the store), not a caller's label."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from villagedesk.services.grids import exports

    office = payroll_office(store)
    payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=TODAY)
    payroll.review_payroll(store, office.reviewer._replace(name="李会计", role="head"), "2026-10")
    payroll.approve_payroll(store, office.approver, "2026-10")
    names = "制表：测试员审核：李会计审批：王书记"
    pdf = exports.export_payroll(store, None, office.reviewer, "2026-10", tmp_path / "补贴.pdf", "pdf")
    assert names in "".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    xlsx = exports.export_payroll(store, None, office.reviewer, "2026-10", tmp_path / "补贴.xlsx")
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(names in "".join(c.split()) for c in cells)
