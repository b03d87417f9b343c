"""The payroll's refusals: each names the month or the field and changes nothing; four-eyes refusals are audited."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR, payroll_office
from tests.grids.helpers import make_grid, make_worker
from tests.grids.test_payroll import TODAY, october  # noqa: F401  (the fixture)
from villagedesk.domain import clock
from villagedesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from villagedesk.services import users
from villagedesk.services.grids import payroll, rotation


def digest(store) -> tuple:
    """Everything a refused payroll action must leave as it was."""
    tables = ("payrolls", "payroll_lines", "payroll_paid_days", "payroll_adjustments")
    return tuple(tuple(tuple(r) for r in store.query(f"SELECT * FROM {t} ORDER BY id")) for t in tables) + (
        store.scalar("SELECT count(*) FROM change_log"),)


def refusals(store) -> list[tuple[str, str]]:
    return [(r["user_name"], r["detail"]) for r in store.query(
        "SELECT user_name, detail FROM audit_log WHERE action = '拒绝操作' ORDER BY id")]


@pytest.fixture
def office(store, october):  # noqa: F811
    clock.pin(dt.datetime(2026, 11, 30, 10, 0))
    return payroll_office(store)


def test_a_worker_replaced_on_the_day_of_appointment_is_not_paid_for_that_grid(store, office):
    back = make_grid(store, "后山", "03", residents=90)
    make_worker(store, "陈小花", 126, grid_id=back, appointed="2026-10-20")
    liu = make_worker(store, "刘长根", 127)
    rotation.rotate(store, TEST_ACTOR, back, liu, "2026-10-20")
    lines = {ln.worker_name: ln for ln in payroll.compute_payroll(store, office.preparer, "2026-10", today=TODAY).lines}
    assert "陈小花" not in lines
    # 后山 90 people: tier 0–99 = 50.00 × 12/31 days = 19.354… → 19.35
    assert (lines["刘长根"].grid_names, lines["刘长根"].stipend_fen) == ("后山", 1935)


def test_a_grid_without_a_population_is_named_and_no_payroll_is_made(store, office):
    make_worker(store, "陈小花", 126, grid_id=make_grid(store, "后山", "03", residents=None))
    before = digest(store)
    with pytest.raises(ValidationError) as exc:
        payroll.compute_payroll(store, office.preparer, "2026-10", today=TODAY)
    assert exc.value.field == "人口" and "网格“后山”没有人口数" in exc.value.reason
    assert digest(store) == before and payroll.payroll_months(store) == []


@pytest.mark.parametrize("attempt, refusal, words", [
    pytest.param(lambda s, o: payroll.compute_payroll(s, o.preparer, "2026-12", today=TODAY), ValidationError,
                 "发放月份：2026-12 还没到，不能计算", id="compute a month not yet begun"),
    pytest.param(lambda s, o: payroll.review_payroll(s, o.reviewer, "2026-10"), NotFoundError,
                 "发放月份：2026-10 还没有发放表，请先计算", id="review a payroll never computed"),
])
def test_a_month_not_begun_or_never_computed_is_named(store, office, attempt, refusal, words):
    before = digest(store)
    with pytest.raises(refusal) as exc:
        attempt(store, office)
    assert exc.value.message == words
    assert digest(store) == before and payroll.payroll_months(store) == []


def _reviewed(store, office):
    payroll.compute_payroll(store, office.preparer, "2026-10", today=TODAY)
    payroll.review_payroll(store, office.reviewer, "2026-10")


@pytest.mark.parametrize("state, attempt, words", [
    pytest.param(_reviewed, lambda s, o: payroll.compute_payroll(s, o.preparer, "2026-10", today=TODAY),
                 "2026-10 的发放表已审核，如需重新计算请先“退回修改”", id="recompute a reviewed payroll"),
    pytest.param(lambda s, o: payroll.compute_payroll(s, o.preparer, "2026-10", today=TODAY),
                 lambda s, o: payroll.approve_payroll(s, o.approver, "2026-10"),
                 "2026-10 的发放表待审核，只有已审核的才能审批", id="approve a draft"),
    pytest.param(_reviewed, lambda s, o: payroll.lock_payroll(s, o.approver, "2026-10"),
                 "2026-10 的发放表已审核，只有已审批的才能锁定", id="lock before approval"),
    pytest.param(lambda s, o: payroll.compute_payroll(s, o.preparer, "2026-10", today=TODAY),
                 lambda s, o: payroll.return_payroll(s, o.reviewer, "2026-10"),
                 "2026-10 的发放表待审核，只有已审核、已审批的才能退回", id="return a draft"),
])
def test_an_action_out_of_turn_names_the_month_and_its_status(store, office, state, attempt, words):
    state(store, office)
    before = digest(store)
    with pytest.raises(ValidationError) as exc:
        attempt(store, office)
    assert (exc.value.field, exc.value.reason) == ("发放月份", words)
    assert digest(store) == before


def _reviewer_made_head(store, office):
    _reviewed(store, office)
    users.change_role(store, office.approver, office.reviewer.user_id, "head")
    return lambda: payroll.approve_payroll(store, office.reviewer._replace(role="head"), "2026-10")


def _names_only(store, office):
    """A payroll from before schema 8 records the preparer's name only."""
    payroll.compute_payroll(store, office.preparer, "2026-10", today=TODAY)
    store.conn.execute("UPDATE payrolls SET prepared_by_id = '' WHERE month = '2026-10'")
    return lambda: payroll.review_payroll(store, office.preparer, "2026-10")


def _own_draft(store, office):
    payroll.compute_payroll(store, office.preparer, "2026-10", today=TODAY)
    return lambda: payroll.review_payroll(store, office.preparer, "2026-10")


@pytest.mark.parametrize("arrange, who, words", [
    pytest.param(_own_draft, "测试员", "补贴发放表的审核人不能是制表人：测试员已经做了上一步", id="preparer reviews"),
    pytest.param(_names_only, "测试员", "补贴发放表的审核人不能是制表人：测试员已经做了上一步",
                 id="preparer reviews a names-only row"),
    pytest.param(_reviewer_made_head, "李会计", "补贴发放表的审批人不能是审核人：李会计已经做了上一步",
                 id="reviewer approves"),
])
def test_four_eyes_refuse_the_same_person_twice_and_audit_it(store, office, arrange, who, words):
    attempt = arrange(store, office)
    before = digest(store)
    with pytest.raises(PermissionDenied) as exc:
        attempt()
    assert words in exc.value.message and "须由另一位有权限的人办理" in exc.value.message
    assert digest(store) == before
    assert refusals(store)[-1] == (who, exc.value.message)


def test_a_month_is_locked_only_once_it_is_over_and_an_early_attempt_is_audited(store, office):
    _reviewed(store, office)
    payroll.approve_payroll(store, office.approver, "2026-10")
    clock.pin(dt.datetime(2026, 10, 31, 23, 59))
    before = digest(store)
    with pytest.raises(PermissionDenied) as exc:
        payroll.lock_payroll(store, office.approver, "2026-10")
    assert exc.value.message == "2026-10 月还没有结束，2026-11-01 起才能锁定该月发放表。"
    assert digest(store) == before and refusals(store)[-1] == ("王书记", exc.value.message)
    clock.pin(dt.datetime(2026, 11, 1, 0, 0))
    assert payroll.lock_payroll(store, office.approver, "2026-10").status_label == "已锁定"


@pytest.fixture
def november(store, office, october):  # noqa: F811
    """October locked; November computed as a draft."""
    office.lock_month(store, "2026-10", TODAY)
    payroll.compute_payroll(store, office.preparer, "2026-11", today=TODAY)
    return october


@pytest.mark.parametrize("month, corrects, category, amount, reason, field, words", [
    ("2026-11", "2026-11", "stipend", "5", "补", "更正月份", "应早于发放月份 2026-11"),
    ("2026-11", "2026-12", "stipend", "5", "补", "更正月份", "应早于发放月份 2026-11"),
    ("2026-11", "2026-10", "bonus", "5", "补", "调整类别", "应为阶梯补贴或临时补助"),
    ("2026-11", "2026-10", "stipend", "0", "补", "调整金额", "不能为 0"),
    ("2026-11", "2026-10", "subsidy", "1000.01", "补", "调整金额", "单笔调整不能超过 1,000 元，请核对"),
    ("2026-11", "2026-10", "subsidy", "-1000.01", "补", "调整金额", "单笔调整不能超过 1,000 元，请核对"),
    ("2026-11", "2026-10", "stipend", "5", "  ", "调整原因", "不能为空"),
])
def test_a_bad_adjustment_names_its_field_and_changes_nothing(store, office, november, month, corrects, category,
                                                             amount, reason, field, words):
    before = digest(store)
    with pytest.raises(ValidationError) as exc:
        payroll.add_adjustment(store, office.preparer, month, november["li"], corrects, category, amount, reason)
    assert (exc.value.field, exc.value.reason) == (field, words)
    assert digest(store) == before


def test_an_adjustment_is_refused_into_a_month_that_is_locked_or_under_review(store, office, november):
    payroll.review_payroll(store, office.reviewer, "2026-11")
    before = digest(store)
    add = lambda: payroll.add_adjustment(store, office.preparer, "2026-11", november["li"], "2026-10",  # noqa: E731
                                         "stipend", "1.94", "折算天数更正")
    with pytest.raises(ValidationError) as exc:
        add()
    assert (exc.value.field, exc.value.reason) == ("发放月份", "2026-11 的发放表已审核，录入调整前请先“退回修改”")
    payroll.approve_payroll(store, office.approver, "2026-11")
    clock.pin(dt.datetime(2026, 12, 1, 9, 0))
    payroll.lock_payroll(store, office.approver, "2026-11")
    before = digest(store)
    with pytest.raises(ValidationError) as exc:
        add()
    assert exc.value.field == "发放月份" and exc.value.reason.startswith("2026-11 的发放表已锁定，不能修改")
    assert digest(store) == before


def test_removing_an_adjustment_recomputes_the_draft_and_a_second_removal_is_refused(store, office, november):
    adj = payroll.add_adjustment(store, office.preparer, "2026-11", november["li"], "2026-10", "stipend", "1.94",
                                 "折算天数更正")
    assert payroll.get_payroll(store, "2026-11").adjustment_fen == 194
    payroll.remove_adjustment(store, office.preparer, adj)
    nov = payroll.get_payroll(store, "2026-11")
    assert (nov.adjustment_fen, nov.total_fen, payroll.adjustments(store, "2026-11")) == (0, 20000, [])
    assert "李秀英" not in [ln.worker_name for ln in nov.lines]
    before = digest(store)
    with pytest.raises(NotFoundError, match="该调整不存在或已作废"):
        payroll.remove_adjustment(store, office.preparer, adj)
    assert digest(store) == before


def test_an_adjustment_in_a_month_under_review_cannot_be_removed(store, office, november):
    adj = payroll.add_adjustment(store, office.preparer, "2026-11", november["li"], "2026-10", "stipend", "1.94",
                                 "折算天数更正")
    payroll.review_payroll(store, office.reviewer, "2026-11")
    before = digest(store)
    with pytest.raises(ValidationError) as exc:
        payroll.remove_adjustment(store, office.preparer, adj)
    assert exc.value.field == "发放月份" and "已审核" in exc.value.reason
    assert digest(store) == before and payroll.get_payroll(store, "2026-11").adjustment_fen == 194
