"""Statement budgets of the write paths: a write that starts running more SQL than this fails here first.

Counted with sqlite3's trace callback (tests/statements.py); a row of an executemany counts as a statement.
Measured when the budgets were set: redeem 13 (one line) / 15 (two), void 12, stock_in 6, deduct 8,
record_visit 9, update_household 27 (20 of them keep the name search index current). Issue 11 added one
to redeem: the acting user's role is read from the store (services/access.py), never taken from the caller."""

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at, build_village
from tests.points.conftest import award, pv  # noqa: F401 (fixture)
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.register.household import HouseholdDraft
from villagedesk.services.field_work import visits
from villagedesk.services.points import ledger, redemption, stock
from villagedesk.services.register import households

BUDGETS = {"redeem": 16, "redeem_per_more_line": 2, "void": 14, "stock_in": 8, "deduct": 10, "record_visit": 12,
           "update_household": 30, "issue_notice": 16, "mark_reached": 15, "add_household": 36,
           "set_household_status": 60}


def _within(budget: int, seen, what: str) -> None:
    assert len(seen) <= budget, f"{what} ran more than {budget}: {seen.report()}"


def test_a_redemption_and_its_void_stay_within_budget(pv, count_statements):  # noqa: F811
    for n in range(6):
        award(pv, ["张大山", "李秀英"], f"第{n + 1}次清理")
    with count_statements(pv.store) as seen:
        redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    _within(BUDGETS["redeem"], seen, "redeem (one line)")
    one_line = len(seen)
    with count_statements(pv.store) as seen:
        done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1), (pv.oil.id, 1)])
    _within(BUDGETS["redeem"], seen, "redeem (two lines)")
    assert len(seen) - one_line <= BUDGETS["redeem_per_more_line"], seen.report()
    with count_statements(pv.store) as seen:
        redemption.void(pv.store, pv.admin, done.id, "拿错了")
    _within(BUDGETS["void"], seen, "void")


def test_stock_and_ledger_writes_stay_within_budget(pv, count_statements):  # noqa: F811
    with count_statements(pv.store) as seen:
        stock.stock_in(pv.store, pv.admin, pv.rice.id, "donation", 5, 275, "县慈善会")
    _within(BUDGETS["stock_in"], seen, "stock_in")
    with count_statements(pv.store) as seen:
        ledger.deduct(pv.store, pv.admin, pv.residents["赵一"], pv.deduct.id)
    _within(BUDGETS["deduct"], seen, "deduct")


def test_a_visit_stays_within_budget(store, count_statements):
    v = build_village(store)
    draft = VisitDraft(v.workers[0], v.households[0][1], at(1), "in_person", "info", findings="屋顶漏雨")
    with count_statements(store) as seen:
        visits.record_visit(store, TEST_ACTOR, draft)
    _within(BUDGETS["record_visit"], seen, "record_visit")


def test_a_household_edit_stays_within_budget(store, count_statements):
    v = build_village(store)
    warm_up = HouseholdDraft(grid_id=v.grids[0], hamlet="上湾", group_name="1组", house_number="8号")
    households.update_household(store, TEST_ACTOR, v.households[0][1], warm_up)  # the search index is built once
    draft = HouseholdDraft(grid_id=v.grids[0], hamlet="上湾", group_name="1组", house_number="9号")
    with count_statements(store) as seen:
        households.update_household(store, TEST_ACTOR, v.households[0][0], draft)
    _within(BUDGETS["update_household"], seen, "update_household")


def test_the_counter_counts_statements_not_the_triggers_they_fire(pv, count_statements):  # noqa: F811
    with count_statements(pv.store) as seen:
        award(pv, ["张大山"])
    assert seen.trigger_runs > 0  # a ledger entry fires the balance and change-log triggers
    assert seen.like("INSERT INTO point_entries") == 1


def test_notices_households_and_points_writes_stay_within_budget(store, count_statements):
    from tests.field_work.conftest import id_number
    from villagedesk.domain.field_work.notices import NoticeDraft
    from villagedesk.domain.register.resident import ResidentDraft
    from villagedesk.services.field_work import notices

    v = build_village(store)
    seen_by = {}
    with count_statements(store) as seen:
        nid = notices.issue_notice(store, TEST_ACTOR, NoticeDraft("防汛通知", "注意防汛", "urgent", at(2),
                                                                  tuple(v.grids)))
    seen_by["issue_notice"] = seen
    with count_statements(store) as seen:
        notices.mark_reached(store, TEST_ACTOR, nid, v.households[0][0], "phone", at(1))
    seen_by["mark_reached"] = seen
    draft = HouseholdDraft(grid_id=v.grids[0], hamlet="上湾", group_name="1组", house_number="30号")
    households.update_household(store, TEST_ACTOR, v.households[0][1], HouseholdDraft(
        grid_id=v.grids[0], hamlet="上湾", group_name="1组", house_number="31号"))  # the search index is built
    with count_statements(store) as seen:
        households.add_household(store, TEST_ACTOR, draft, [ResidentDraft("周新来", id_number(90), "户主")])
    seen_by["add_household"] = seen
    with count_statements(store) as seen:
        households.set_household_status(store, TEST_ACTOR, v.households[1][0], "moved_away", "迁往成都", at(1).date())
    seen_by["set_household_status"] = seen
    for name, seen in seen_by.items():
        _within(BUDGETS[name], seen, name)
