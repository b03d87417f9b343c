"""Emergencies: commander by default, refusals, the initial response rate by hand, worker days in the payroll."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR, payroll_office
from tests.field_work.conftest import at
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.field_work.emergencies import EmergencyDraft
from villagedesk.domain.period import parse_period
from villagedesk.services import stats
from villagedesk.services.field_work import emergencies


def _open(store, v, grids=None, start=None, kind="flood"):
    return emergencies.open_emergency(store, TEST_ACTOR, EmergencyDraft(
        kind, "上湾山洪", start or at(3, 22), tuple(grids or [v.grids[0]])))


def test_the_commander_defaults_to_the_grids_worker_and_the_timeline_is_kept(store, village):
    eid = _open(store, village, grids=[village.grids[1], village.grids[0]])
    emergencies.add_action(store, TEST_ACTOR, eid, at(3, 22, 10), "敲门通知低洼处 12 户转移")
    emergencies.add_action(store, TEST_ACTOR, eid, at(3, 23), "转移完毕，清点人数无遗漏")
    emergencies.set_counts(store, TEST_ACTOR, eid, 12, 12, 40)
    d = emergencies.detail(store, eid)
    assert d.commander_name == "孙网格" and [name for _, name in d.grids] == ["上湾", "下沟"]
    assert [a.text for a in d.actions] == ["敲门通知低洼处 12 户转移", "转移完毕，清点人数无遗漏"]
    assert (d.affected, d.evacuated, d.reached) == (12, 12, 40)


def test_an_emergency_that_ends_before_it_starts_is_refused(store, village):
    eid = _open(store, village)
    before = store.query("SELECT * FROM emergencies")
    with pytest.raises(ValidationError) as err:
        emergencies.close_emergency(store, TEST_ACTOR, eid, at(3, 21), "handled")
    assert err.value.field == "结束时间" and "不能早于事件开始时间" in err.value.message
    with pytest.raises(ValidationError) as err:
        emergencies.close_emergency(store, TEST_ACTOR, eid, at(2, 6))
    assert err.value.field == "初期处置结果"
    with pytest.raises(ValidationError, match="不能早于事件开始时间"):
        emergencies.add_action(store, TEST_ACTOR, eid, at(4), "提前")
    with pytest.raises(ValidationError, match="转移户数"):
        emergencies.set_counts(store, TEST_ACTOR, eid, 3, 5, 0)
    assert store.query("SELECT * FROM emergencies") == before
    assert store.scalar("SELECT count(*) FROM emergency_service_days") == 0


def test_closing_credits_each_workers_days_as_emergency_service_days(store, village):
    eid = _open(store, village, grids=village.grids, start=at(3, 22))
    credited = emergencies.close_emergency(store, TEST_ACTOR, eid, at(1, 10), "handled")
    # start day, the day between and the end day, for the commander (赵) and 下沟's worker (孙)
    days = [at(n).date() for n in (3, 2, 1)]
    assert sorted((d.worker_name, d.day) for d in credited) == sorted(
        [("赵网格", d) for d in days] + [("孙网格", d) for d in days])
    rows = store.query("SELECT worker_id, day, kind, source, emergency_id FROM emergency_service_days ORDER BY day")
    assert len(rows) == 6 and {(r["kind"], r["source"], r["emergency_id"]) for r in rows} == {("flood", "emergency", eid)}
    with pytest.raises(ConflictError, match="已关闭"):
        emergencies.add_action(store, TEST_ACTOR, eid, at(1, 11), "补记")


def test_a_day_already_counted_is_not_counted_twice(store, village):
    first = _open(store, village, start=at(5, 8))
    emergencies.set_service_days(store, TEST_ACTOR, first, village.workers[0], [at(5).date(), at(4).date()])
    second = _open(store, village, start=at(4, 20), kind="house_fire")
    with pytest.raises(ConflictError) as err:
        emergencies.set_service_days(store, TEST_ACTOR, second, village.workers[0], [at(4).date()])
    assert "赵网格" in err.value.message and "上湾山洪" in err.value.message
    with pytest.raises(ValidationError, match="不在事件期间"):
        emergencies.set_service_days(store, TEST_ACTOR, second, village.workers[0], [at(6).date()])
    credited = emergencies.close_emergency(store, TEST_ACTOR, second, at(3, 9), "escalated")
    assert [d.day for d in credited] == [at(3).date()]  # at(4) was already 赵's day for the first
    emergencies.set_service_days(store, TEST_ACTOR, first, village.workers[0], [at(5).date()])
    assert store.scalar("SELECT count(*) FROM emergency_service_days WHERE deleted_at IS NULL") == 2


def test_initial_response_success_rate_matches_the_hand_count(store, village):
    """Started in the period: 3 handled, 1 escalated, 1 with no outcome yet → 3 / 4 = 0.75."""
    for outcome in ("handled", "handled", "handled", "escalated"):
        eid = _open(store, village, start=at(2, 8))
        emergencies.set_response(store, TEST_ACTOR, eid, outcome)
    _open(store, village, start=at(2, 9))
    values = stats.compute_stats(store, parse_period(at(2).strftime("%Y-%m")))
    assert (values["emergencies"], values["initial_response_success_rate"]) == (5, 0.75)


def test_an_emergencys_worker_days_appear_in_that_months_payroll(store, village):
    from villagedesk.services.grids import payroll, stipends

    start = dt.datetime(2026, 10, 3, 21, 0)
    stipends.save_tier_table(store, TEST_ACTOR, "2026-01", [(0, 99, 50), (100, "", 80)])
    stipends.set_subsidy_rate(store, TEST_ACTOR, "flood", 70, "2026-01-01")
    eid = emergencies.open_emergency(store, TEST_ACTOR, EmergencyDraft("flood", "十月山洪", start, (village.grids[0],)))
    emergencies.close_emergency(store, TEST_ACTOR, eid, dt.datetime(2026, 10, 5, 7, 0), "handled")
    payroll_office(store)  # a 文书/会计 computes payrolls
    p = payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=dt.date(2026, 11, 30))
    line = {ln.worker_name: ln for ln in p.lines}["赵网格"]
    # 3 days (3, 4 and 5 October) × 70.00 yuan
    assert (line.subsidy_days, line.subsidy_fen) == (3, 21000)
    assert {ln.worker_name: ln.subsidy_days for ln in p.lines}["孙网格"] == 0
