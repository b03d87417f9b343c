"""Notice campaigns: coverage per grid and village, the moment of full coverage, refusals, the unreached list."""

import datetime as dt

import pytest
from pypdf import PdfReader

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at
from villagedesk.domain import clock
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.field_work.notices import NoticeDraft
from villagedesk.domain.period import parse_period
from villagedesk.services import stats
from villagedesk.services.field_work import notices


def _issue(store, v, grids=None, when=None, urgency="urgent", source="village"):
    return notices.issue_notice(store, TEST_ACTOR, NoticeDraft(
        "防汛预警：今夜有暴雨", "请低洼处农户做好转移准备。", urgency, when or at(1, 8, 0),
        tuple(grids if grids is not None else v.grids), source))


def test_a_notice_to_two_grids_is_fully_covered_when_the_last_household_is_marked(store, village):
    nid = _issue(store, village)  # issued yesterday 08:00
    households = village.households[0] + village.households[1]
    for n, h in enumerate(households[:-1]):
        cov = notices.mark_reached(store, TEST_ACTOR, nid, h, "in_person", at(1, 8, 10 + 10 * n))
        assert cov.covered_at is None
    assert (cov.reached, cov.target) == (5, 6) and [g.reached for g in cov.grids] == [3, 2]
    assert notices.list_notices(store, uncovered_only=True)[0].id == nid
    cov = notices.mark_reached(store, TEST_ACTOR, nid, households[-1], "phone", at(1, 9, 30))
    assert cov.rate == 1.0 and cov.covered_at == at(1, 9, 30).strftime("%Y-%m-%dT%H:%M")
    assert cov.hours == 1.5  # 08:00 → 09:30
    assert notices.list_notices(store, uncovered_only=True) == []
    period = parse_period(str(at(1).year))
    assert stats.compute_stats(store, period)["notice_coverage_hours_median"] == 1.5


def test_the_median_of_coverage_hours_over_the_period(store, village):
    for hours, day in ((1.5, 3), (3.0, 2), (2.0, 1)):
        nid = _issue(store, village, grids=[village.grids[1]], when=at(day, 8))
        end = at(day, 8) + dt.timedelta(hours=hours)
        notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[1], "in_person", end)
    _issue(store, village, grids=[village.grids[0]])  # not covered: not in the median
    values = stats.compute_stats(store, parse_period(str(at(3).year)) if at(3).year == at(1).year else None)
    assert values["notices"] == 4 and values["notice_coverage_hours_median"] == 2.0


def test_reaching_a_household_twice_is_refused_and_nothing_changes(store, village):
    nid = _issue(store, village)
    h = village.households[0][0]
    notices.mark_reached(store, TEST_ACTOR, nid, h, "wechat", at(1, 9))
    before = store.query("SELECT * FROM notice_reaches")
    with pytest.raises(ConflictError) as err:
        notices.mark_reached(store, TEST_ACTOR, nid, h, "in_person", at(1, 10))
    assert "王德福" in err.value.message and "已于" in err.value.message and "微信" in err.value.message
    assert store.query("SELECT * FROM notice_reaches") == before


def test_reach_times_and_targets_are_checked(store, village):
    nid = _issue(store, village, grids=[village.grids[0]])
    with pytest.raises(ValidationError) as err:
        notices.mark_reached(store, TEST_ACTOR, nid, village.households[0][0], "in_person", at(1, 7, 59))
    assert err.value.field == "送达时间" and "不能早于通知下发时间" in err.value.message
    with pytest.raises(ValidationError, match="不在本通知的宣传范围内"):
        notices.mark_reached(store, TEST_ACTOR, nid, village.households[1][0], "in_person", at(1, 9))
    with pytest.raises(ValidationError, match="宣传网格"):
        _issue(store, village, grids=[])
    with pytest.raises(ValidationError, match="将来"):
        _issue(store, village, when=clock.now() + dt.timedelta(days=1))
    assert store.scalar("SELECT count(*) FROM notice_reaches") == 0 and store.scalar("SELECT count(*) FROM notices") == 1


def test_a_whole_grid_at_once_marks_only_the_households_not_yet_reached(store, village):
    nid = _issue(store, village)
    notices.mark_reached(store, TEST_ACTOR, nid, village.households[0][1], "phone", at(1, 8, 30))
    n, cov = notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[0], "in_person", at(1, 9))
    assert n == 2 and [g.reached for g in cov.grids] == [3, 0] and cov.covered_at is None
    with pytest.raises(ConflictError, match="已全部送达"):
        notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[0], "in_person", at(1, 9))
    n, cov = notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[1], "in_person", at(1, 11))
    assert n == 3 and cov.hours == 3.0
    # marks by a grid's own worker are credited to that worker
    assert store.scalar("SELECT count(*) FROM notice_reaches WHERE worker_id = ?", (village.workers[1],)) == 3


def test_the_unreached_households_print_for_the_worker(store, village, tmp_path):
    nid = _issue(store, village)
    notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[0], "in_person", at(1, 9))
    notices.mark_reached(store, TEST_ACTOR, nid, village.households[1][0], "phone", at(1, 9))
    path = notices.export_unreached(store, TEST_ACTOR, nid, tmp_path / "未送达.pdf")
    text = PdfReader(path).pages[0].extract_text()
    assert "政策宣传未送达农户名单" in text and "刘桂兰" in text and "杨志明" in text
    assert "陈长林" not in text and "王德福" not in text and "4/6 户" in text


def test_a_township_notice_keeps_its_source(store, village):
    nid = _issue(store, village, source="township")
    assert notices.coverage(store, nid).source == "township"
    assert notices.list_notices(store)[0].source == "township"


@pytest.mark.parametrize("leaves", ["moved_away", "dissolved", "merged", "moved_grid"])
def test_a_notice_is_covered_once_its_last_unreached_household_leaves(store, village, leaves):
    from villagedesk.services.register import households as register
    nid = _issue(store, village, grids=[village.grids[0]])
    first, second, last = village.households[0]
    notices.mark_reached(store, TEST_ACTOR, nid, first, "in_person", at(1, 9))
    notices.mark_reached(store, TEST_ACTOR, nid, second, "phone", at(1, 10))
    assert notices.coverage(store, nid).covered_at is None
    if leaves == "moved_grid":
        register.move_household(store, TEST_ACTOR, last, village.grids[1], reason="分户")
    else:
        register.set_household_status(store, TEST_ACTOR, last, leaves, "户主去世", clock.today())
    cov = notices.coverage(store, nid)
    assert (cov.reached, cov.target) == (2, 2)
    assert cov.covered_at == at(1, 10).strftime("%Y-%m-%dT%H:%M")  # covered by the last household reached
    assert notices.list_notices(store, uncovered_only=True) == []


def test_a_whole_grid_marking_is_undone_the_same_day_and_not_the_next(store, village):
    nid = _issue(store, village)
    by_hand = village.households[1][0]
    notices.mark_reached(store, TEST_ACTOR, nid, by_hand, "phone", at(1, 8, 30))
    notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[0], "in_person", at(1, 9))
    n, cov = notices.mark_grid_reached(store, TEST_ACTOR, nid, village.grids[1], "in_person", at(1, 10))
    assert n == 2 and cov.covered_at is not None
    n, cov = notices.undo_grid_marking(store, TEST_ACTOR, nid, village.grids[1])
    assert n == 2 and [g.reached for g in cov.grids] == [3, 1] and cov.covered_at is None  # 陈长林 by hand stays
    assert notices.households(store, TEST_ACTOR, nid, village.grids[1], unreached_only=True)[0].head_name == "刘桂兰"
    with pytest.raises(ConflictError, match="没有可撤销"):
        notices.undo_grid_marking(store, TEST_ACTOR, nid, village.grids[1])  # only a whole-grid marking undoes
    clock.pin(dt.datetime.combine(clock.today() + dt.timedelta(days=1), dt.time(9)))
    with pytest.raises(ConflictError, match="当天"):
        notices.undo_grid_marking(store, TEST_ACTOR, nid, village.grids[0])
    assert notices.coverage(store, nid).reached == 4
