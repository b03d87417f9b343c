"""Visits and follow-ups through the services: what is saved, what is refused, and follow_up_rate by hand."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at
from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.visits import FindingDraft, VisitDraft
from villagedesk.domain.period import parse_period
from villagedesk.services.field_work import follow_ups, visits


def _visit(v, g=0, h=0, when=None, **kw):
    return VisitDraft(kw.pop("worker", v.workers[g]), v.households[g][h], when or at(1), kw.pop("way", "in_person"),
                      kw.pop("purpose", "info"), **kw)


def _count(store, table):
    return store.scalar(f"SELECT count(*) FROM {table}")


def test_a_visit_is_saved_and_listed_with_its_labels(store, village):
    r = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 1, at(2, 10, 30), way="phone",
                                                      findings="屋顶漏雨"))
    [line] = visits.list_visits(store, actor=TEST_ACTOR)
    assert line.id == r.visit_id and line.way_label == "电话" and line.purpose_label == "信息采集"
    assert line.worker_name == "赵网格" and "李秀英" in line.household_label and line.grid_name == "上湾"
    assert line.visited_at == at(2, 10, 30).strftime("%Y-%m-%dT%H:%M")
    assert visits.count_visits(store, grid_id=village.grids[1], actor=TEST_ACTOR) == 0


def test_a_visit_in_the_future_is_refused_and_nothing_is_saved(store, village):
    before = _count(store, "visits")
    with pytest.raises(ValidationError) as err:
        visits.record_visit(store, TEST_ACTOR, _visit(village, when=clock.now() + dt.timedelta(hours=3)))
    assert err.value.field == "走访时间" and "将来" in err.value.message
    assert _count(store, "visits") == before


def test_outside_the_workers_grid_needs_a_reason(store, village):
    outside = _visit(village, g=1, h=0, worker=village.workers[0])
    with pytest.raises(ValidationError) as err:
        visits.record_visit(store, TEST_ACTOR, outside)
    assert err.value.field == "跨网格走访原因" and "下沟" in err.value.message and "赵网格" in err.value.message
    assert _count(store, "visits") == 0
    visits.record_visit(store, TEST_ACTOR, _visit(village, g=1, h=0, worker=village.workers[0],
                                                  out_of_grid_reason="孙网格请假代走访"))
    assert [x.out_of_grid_reason for x in visits.list_visits(store, actor=TEST_ACTOR)] == ["孙网格请假代走访"]


def test_a_finding_at_a_key_population_household_owes_a_follow_up_within_the_configured_days(store, village):
    follow_ups.set_follow_up_days(store, TEST_ACTOR, 5)
    hardship = FindingDraft("hardship", "独居老人冬季取暖困难", "care")
    r = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(2), finding=hardship))
    assert r.finding_id and r.follow_up_owed_id
    [owed] = follow_ups.pending(store, actor=TEST_ACTOR)
    assert owed.due_on == at(2).date() + dt.timedelta(days=5) and "王德福" in owed.household_label
    # the same finding at a household without a key population owes nothing
    r2 = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 1, at(2), finding=hardship))
    assert r2.finding_id and r2.follow_up_owed_id is None
    # and a visit that found nothing owes nothing either
    assert visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(1))).follow_up_owed_id is None
    assert len(follow_ups.pending(store, actor=TEST_ACTOR)) == 1


def test_follow_up_days_must_be_a_sensible_number(store):
    for bad in ("0", "abc", 400):
        with pytest.raises(ValidationError) as err:
            follow_ups.set_follow_up_days(store, TEST_ACTOR, bad)
        assert err.value.field == "回访期限"
    assert follow_ups.follow_up_days(store) == 7


def test_a_follow_up_before_the_visit_it_follows_is_refused(store, village):
    hazard = FindingDraft("hazard", "电线老化")
    r = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(3, 15), finding=hazard))
    with pytest.raises(ValidationError) as err:
        visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(3, 9), purpose="follow_up"),
                            follow_up_id=r.follow_up_owed_id)
    assert err.value.field == "回访时间" and "不能早于" in err.value.message
    assert _count(store, "visits") == 1 and len(follow_ups.pending(store, actor=TEST_ACTOR)) == 1


def test_follow_up_rate_is_done_on_time_over_settled(store, village):
    """Three owed follow-ups (7 days): one done on day 2, one done late, one overdue, one not yet due.

    Due in November: A (done on time), B (done late), C (overdue, not done) → rate 1/3.
    D is due after today and not done → not counted yet.
    """
    key = village.key_household
    found = FindingDraft("hardship", "看病难", "illness")
    made = []
    for days_ago in (25, 20, 12, 1):  # A, B, C, D
        made.append(visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(days_ago), finding=found)))
    # A done 2 days after, B done 9 days after (2 days late)
    visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(23), purpose="follow_up"),
                        follow_up_id=made[0].follow_up_owed_id)
    visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(11), purpose="follow_up"),
                        follow_up_id=made[1].follow_up_owed_id)
    rate = follow_ups.rate(store, None)
    assert (rate.on_time, rate.settled, rate.value) == (1, 3, round(1 / 3, 4))
    overdue = follow_ups.pending(store, overdue_only=True, actor=TEST_ACTOR)
    assert [o.id for o in overdue] == [made[2].follow_up_owed_id] and overdue[0].days_overdue == 5
    assert key == overdue[0].household_id
    assert len(follow_ups.pending(store, actor=TEST_ACTOR)) == 2  # C overdue and D not yet due
    # a period that holds none of the due dates has no rate
    assert follow_ups.rate(store, parse_period("2020")).value is None


def test_a_follow_up_visit_settles_the_oldest_owed_follow_up_by_itself(store, village):
    r = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(4), finding=FindingDraft("hazard", "危房")))
    done = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(2), purpose="follow_up"))
    assert done.follow_up_settled_id == r.follow_up_owed_id and follow_ups.pending(store, actor=TEST_ACTOR) == []


def test_a_days_visits_are_checked_line_by_line_and_saved_together(store, village):
    day = clock.today() - dt.timedelta(days=1)
    entries = [visits.DayEntry(village.households[0][0], dt.time(9, 0)),
               visits.DayEntry(village.households[0][1], dt.time(9, 40), way="wechat"),
               visits.DayEntry(village.households[1][0], dt.time(10, 30))]  # not 赵's grid, no reason
    with pytest.raises(ValidationError) as err:
        visits.record_day(store, TEST_ACTOR, village.workers[0], day, entries)
    assert err.value.row == 3 and err.value.field == "跨网格走访原因" and err.value.message.startswith("第 3 行")
    assert _count(store, "visits") == 0
    entries[2] = visits.DayEntry(village.households[0][2], dt.time(10, 30),
                                 finding=FindingDraft("hazard", "煤气罐放在灶旁"))
    results = visits.record_day(store, TEST_ACTOR, village.workers[0], day, entries)
    assert len(results) == 3 and visits.count_visits(store, worker_id=village.workers[0], actor=TEST_ACTOR) == 3
    dup = [visits.DayEntry(village.households[0][0], dt.time(9)), visits.DayEntry(village.households[0][0], dt.time(11))]
    with pytest.raises(ValidationError) as err:
        visits.record_day(store, TEST_ACTOR, village.workers[0], day, dup)
    assert err.value.row == 2 and "第 1 行" in err.value.message


def test_a_hardship_needs_its_kind_and_is_closed_with_a_note(store, village):
    with pytest.raises(ValidationError) as err:
        visits.record_visit(store, TEST_ACTOR, _visit(village, finding=FindingDraft("hardship", "缺劳力")))
    assert err.value.field == "困难类别"
    r = visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 2, finding=FindingDraft("hardship", "缺劳力", "income")))
    visits.close_finding(store, TEST_ACTOR, r.finding_id, clock.today(), "已申请公益岗位")
    with pytest.raises(ValidationError):
        visits.close_finding(store, TEST_ACTOR, r.finding_id, clock.today(), "再办一次")


def test_an_owed_follow_up_follows_the_grid_to_its_worker_after_rotation(store, village):
    from tests.field_work.conftest import id_number
    from villagedesk.services.field_work import todo
    from villagedesk.services.grids import rotation
    hardship = FindingDraft("hardship", "独居老人冬季取暖困难", "care")
    visits.record_visit(store, TEST_ACTOR, _visit(village, 0, 0, at(20), finding=hardship))  # by 赵网格, overdue now
    with store.transaction():
        newcomer = store.insert("workers", {"village_id": village.village_id, "name": "钱接任",
                                            "id_number": id_number(600, "19850101"), "sex": "女",
                                            "birth_date": "1985-01-01", "source": "auxiliary",
                                            "appointed_on": "2025-06-01"}, TEST_ACTOR)
    rotation.rotate(store, TEST_ACTOR, village.grids[0], newcomer, at(3).date(), "轮岗")
    [owed] = follow_ups.pending(store, actor=TEST_ACTOR)
    assert owed.worker_name == "钱接任"  # the grid's worker now, not 赵网格 who made the visit
    assert [f.id for f in follow_ups.pending(store, newcomer, actor=TEST_ACTOR)] == [owed.id]
    assert follow_ups.pending(store, village.workers[0], actor=TEST_ACTOR) == []
    [item] = todo.todo_list(store, actor=TEST_ACTOR).items["follow_up"]
    assert item.detail.endswith("负责人 钱接任")
