"""首页's to-do list, the figures of `stats --json`, the evaluation indicators and the integrity check."""

import datetime as dt

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at
from villagedesk.domain import clock
from villagedesk.domain.field_work.disputes import DisputeDraft, PartyDraft
from villagedesk.domain.field_work.emergencies import EmergencyDraft
from villagedesk.domain.field_work.notices import NoticeDraft
from villagedesk.domain.field_work.visits import FindingDraft, VisitDraft
from villagedesk.domain.period import parse_period
from villagedesk.services import stats
from villagedesk.services.field_work import disputes, emergencies, notices, todo, visits
from villagedesk.services.grids.indicators import indicators_for
from villagedesk.services.integrity import check


def _fill(store, v):
    # an overdue follow-up (visit 10 days ago, due 3 days ago) and one not yet due
    visits.record_visit(store, TEST_ACTOR, VisitDraft(v.workers[0], v.key_household, at(10), "in_person", "info",
                                                      finding=FindingDraft("hazard", "灶台旁堆柴")))
    visits.record_visit(store, TEST_ACTOR, VisitDraft(v.workers[0], v.key_household, at(1), "in_person", "info",
                                                      finding=FindingDraft("hazard", "电线老化")))
    h = v.households[1][0]
    old = disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(v.grids[1], "land", "地界争议",
                                                                clock.today() - dt.timedelta(days=30), "孙网格",
                                                                (PartyDraft(v.head_names[h], v.heads[h]),)))
    new = disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(v.grids[0], "family", "婆媳矛盾",
                                                                clock.today() - dt.timedelta(days=2), "赵网格",
                                                                (PartyDraft("周某"),)))
    nid = notices.issue_notice(store, TEST_ACTOR, NoticeDraft("医保缴费提醒", "", "routine", at(4), (v.grids[0],)))
    notices.mark_reached(store, TEST_ACTOR, nid, v.households[0][0], "phone", at(3))
    eid = emergencies.open_emergency(store, TEST_ACTOR, EmergencyDraft("house_fire", "陈家厨房起火", at(1, 6),
                                                                       (v.grids[1],)))
    return {"old": old, "new": new, "notice": nid, "emergency": eid}


def test_the_todo_list_holds_each_group_oldest_first(store, village):
    ids = _fill(store, village)
    t = todo.todo_list(store, actor=TEST_ACTOR)
    [fu] = t.items["follow_up"]
    assert "王德福" in fu.title and fu.age_days == 3 and "已逾期 3 天" in fu.detail and fu.page == "visits"
    assert [i.record_id for i in t.items["dispute"]] == [ids["old"], ids["new"]]
    assert t.items["dispute"][0].age_days == 30 and "已 30 天未结" in t.items["dispute"][0].detail
    [n] = t.items["notice"]
    assert n.record_id == ids["notice"] and "1/3 户" in n.detail
    [e] = t.items["emergency"]
    assert e.record_id == ids["emergency"] and "房屋火灾" in e.title and "孙网格" in e.detail
    assert t.total == 5
    # closing the emergency takes it off the list
    emergencies.close_emergency(store, TEST_ACTOR, ids["emergency"], at(1, 7), "handled")
    assert todo.todo_list(store, actor=TEST_ACTOR).count("emergency") == 0


def test_stats_carry_every_field_work_kpi_and_check_is_clean(store, village):
    _fill(store, village)
    values = stats.compute_stats(store, None)
    assert values["visits"] == 2 and values["notices"] == 1 and values["disputes"] == 2
    assert values["emergencies"] == 1 and values["follow_up_rate"] == 0.0  # one settled, not on time
    assert values["mediation_success_rate"] is None and values["initial_response_success_rate"] is None
    keys = ["visits", "follow_up_rate", "notices", "notice_coverage_hours_median", "disputes",
            "mediation_success_rate", "disputes_escalated", "emergencies", "initial_response_success_rate"]
    assert all(k in values for k in keys)
    assert check(store) == []


def test_a_workers_evaluation_indicators_come_from_the_field_records(store, village):
    _fill(store, village)
    period = parse_period(at(1).strftime("%Y")) if at(10).year == at(1).year else None
    if period is None:
        return
    values = indicators_for(store, village.workers[0], period)
    assert values == {"visits": 2.0, "follow_ups_on_time": 0.0, "disputes_handled": 0.0, "notices_delivered": 1.0}
    assert indicators_for(store, village.workers[1], period)["notices_delivered"] == 0.0
