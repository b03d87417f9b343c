"""Evaluation with a versioned rubric and indicator pre-fill; outcomes; reserve cadres; training attendance."""

import pytest

from tests.conftest import TEST_ACTOR
from tests.grids.helpers import make_grid, make_worker
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.grids.rubric import RubricItem
from villagedesk.services.grids import evaluation, grids, indicators, reserve, training, workers


@pytest.fixture
def rubric(store):
    return evaluation.save_rubric(store, TEST_ACTOR, "考评细则", evaluation.default_items())


def test_rubric_versions_and_weights_must_add_up_to_100(store, rubric):
    assert rubric.version == 1 and [i.weight for i in rubric.items] == [30, 20, 20, 15, 15]
    with pytest.raises(ValidationError) as err:
        evaluation.save_rubric(store, TEST_ACTOR, "细则", [RubricItem("走访", 60, 10), RubricItem("纠纷", 30, 10)])
    assert err.value.field == "考评细则权重" and "90" in err.value.message
    assert evaluation.current_rubric(store).version == 1
    second = evaluation.save_rubric(store, TEST_ACTOR, "细则", [RubricItem("走访", 60, 10), RubricItem("纠纷", 40, 10)])
    assert second.version == 2 and len(evaluation.rubric_versions(store)) == 2


def test_indicators_prefill_scores_pro_rata_to_the_target(store, rubric, monkeypatch):
    wid = make_worker(store)
    monkeypatch.setattr(indicators, "INDICATOR_PROVIDERS", [lambda s, w, p: {"visits": 30, "disputes_handled": 5}])
    items = {p.item.name: p for p in evaluation.prefill(store, wid, "2026-Q3")}
    # 入户走访: 30 visits against 20 a month × 3 months = 60 → 30 × 30/60 = 15.0
    assert (items["入户走访"].indicator_value, items["入户走访"].score) == (30, 15.0)
    # 矛盾纠纷化解: 5 against 1 × 3 → capped at the maximum 20
    assert items["矛盾纠纷化解"].score == 20
    assert items["二次回访及时"].score is None and items["村两委日常评价"].score is None


def test_commend_then_replace_leaves_a_flagged_vacancy(store, rubric):
    grid = make_grid(store)
    wid = make_worker(store, grid_id=grid)
    evaluation.evaluate(store, TEST_ACTOR, wid, "2026-Q2", [30, 20, 20, 15, 15], "commend", reason="防汛表现突出",
                        evaluated_on="2026-07-05")
    eid = evaluation.evaluate(store, TEST_ACTOR, wid, "2026-Q3", [10, 5, 5, 5, 5], "replace", "not_diligent",
                              "多次未按时走访", "township", "2026-10-08", "镇党委")
    rows = evaluation.evaluations(store)
    assert [(r.period, r.total_score, r.outcome_label, r.entered_by_label) for r in rows] == [
        ("2026-Q3", 30.0, "调整（不尽职）", "乡镇下发"), ("2026-Q2", 100.0, "表彰", "村两委录入")]
    assert evaluation.evaluation_scores(store, eid)[0] == ("入户走访", 10, 30)
    assert workers.roster(store, TEST_ACTOR)[0].status == "replaced"
    vacancy = grids.vacancies(store)[0]
    assert (vacancy.grid_name, vacancy.last_worker, vacancy.since) == ("上湾", "张大山", "2026-10-08")
    assert "不尽职" in vacancy.reason
    assert grids.grid_table(store)[0].vacant


@pytest.mark.parametrize("args, field", [
    (("2026-Q3", [31, 20, 20, 15, 15], "keep"), "评分（入户走访）"),
    (("2026-Q3", [10, 5, 5, 5, 5], "replace"), "调整原因"),
    (("2026-13", [10, 5, 5, 5, 5], "keep"), "统计期间"),
    (("2026-Q2", [10, 5, 5, 5, 5], "keep"), "考评期间"),
])
def test_bad_evaluations_name_the_field_and_change_nothing(store, rubric, args, field):
    wid = make_worker(store, grid_id=make_grid(store))
    evaluation.evaluate(store, TEST_ACTOR, wid, "2026-Q2", [20, 15, 15, 10, 10], "keep", evaluated_on="2026-07-01")
    before = store.scalar("SELECT count(*) FROM evaluations"), store.scalar("SELECT count(*) FROM evaluation_scores")
    with pytest.raises(ValidationError) as err:
        evaluation.evaluate(store, TEST_ACTOR, wid, *args, evaluated_on="2026-10-01")
    assert err.value.field == field
    assert (store.scalar("SELECT count(*) FROM evaluations"), store.scalar("SELECT count(*) FROM evaluation_scores")) == before
    assert workers.roster(store, TEST_ACTOR)[0].status == "active"


def test_reserve_pool_admit_twice_refused_and_history_kept(store):
    wid = make_worker(store)
    entry = reserve.admit(store, TEST_ACTOR, wid, "2026-06-01", "考评优秀，群众认可")
    with pytest.raises(ValidationError) as err:
        reserve.admit(store, TEST_ACTOR, wid, "2026-07-01", "再次")
    assert "已在后备力量中" in err.value.message
    reserve.remove(store, TEST_ACTOR, entry, "2026-10-01", "已当选村委委员")
    reserve.admit(store, TEST_ACTOR, wid, "2026-11-01", "重新纳入")
    history = [(e.admitted_on, e.left_on) for e in reserve.pool(store)]
    assert history == [("2026-11-01", None), ("2026-06-01", "2026-10-01")]
    assert [e.worker_name for e in reserve.pool(store, current_only=True)] == ["张大山"]


def test_training_sessions_attendance_and_history(store):
    a, b = make_worker(store, "张大山", 123), make_worker(store, "李秀英", 124)
    first = training.add_session(store, TEST_ACTOR, "2026-05-10", "防汛应急处置", "2", "镇应急办", worker_ids=[a, b])
    training.add_session(store, TEST_ACTOR, "2026-09-02", "矛盾纠纷调解", 1.5, "司法所", worker_ids=[a])
    assert [(t.topic, t.attendees) for t in training.sessions(store)] == [("矛盾纠纷调解", 1), ("防汛应急处置", 2)]
    assert [h.topic for h in training.history(store, a)] == ["矛盾纠纷调解", "防汛应急处置"]
    training.set_attendance(store, TEST_ACTOR, first, [a])
    assert [name for _, name in training.attendees(store, first)] == ["张大山"]
    assert training.history(store, b) == []
    with pytest.raises(ValidationError) as err:
        training.add_session(store, TEST_ACTOR, "2026-09-02", "", 1)
    assert err.value.field == "培训主题"
    with pytest.raises(ValidationError) as err:
        training.add_session(store, TEST_ACTOR, "2026-09-02", "安全", "0")
    assert err.value.field == "学时"
    assert len(training.sessions(store, "2026-Q3")) == 1


@pytest.mark.parametrize("record, field", [
    (lambda s, w: training.add_session(s, TEST_ACTOR, "2026-12-18", "防汛应急处置", 2, worker_ids=[w]), "培训日期"),
    (lambda s, w: evaluation.evaluate(s, TEST_ACTOR, w, "2026-Q3", [30, 20, 20, 15, 15], "commend",
                                      reason="防汛表现突出", evaluated_on="2027-01-05"), "考评日期"),
    (lambda s, w: reserve.admit(s, TEST_ACTOR, w, "2026-12-01", "考评优秀"), "纳入日期"),
    (lambda s, w: workers.set_status(s, TEST_ACTOR, w, "resting", "2026-12-10", "病假"), "变更日期"),
])
def test_a_record_of_something_that_happened_refuses_a_future_date(store, rubric, record, field):
    """Suite day 2026-11-30: a training 18 days ahead or a commendation next year has not happened yet."""
    wid = make_worker(store, grid_id=make_grid(store))
    tables = ("trainings", "evaluations", "reserve_cadres", "audit_log")
    before = [store.scalar(f"SELECT count(*) FROM {t}") for t in tables]
    with pytest.raises(ValidationError) as err:
        record(store, wid)
    assert err.value.field == field and "晚于今天" in err.value.message
    assert [store.scalar(f"SELECT count(*) FROM {t}") for t in tables] == before
    assert workers.roster(store, TEST_ACTOR)[0].status == "active"


def test_a_reserve_cadre_who_leaves_the_post_leaves_the_pool(store):
    wid = make_worker(store, grid_id=make_grid(store))
    reserve.admit(store, TEST_ACTOR, wid, "2026-06-01", "考评优秀，群众认可")
    workers.set_status(store, TEST_ACTOR, wid, "left", "2026-11-20", "外出务工")
    assert reserve.pool(store, current_only=True) == []
    [entry] = reserve.pool(store)
    assert (entry.admitted_on, entry.left_on) == ("2026-06-01", "2026-11-20")


def test_a_resting_workers_grid_is_flagged_for_a_stand_in_and_not_counted_in_post(store):
    from villagedesk.services import stats
    from villagedesk.services.grids import overview

    up = make_grid(store)
    wid = make_worker(store, grid_id=up)
    assert overview.figures(store).stand_ins == [] and stats.compute_stats(store)["workers_active"] == 1
    workers.set_status(store, TEST_ACTOR, wid, "resting", "2026-11-20", "病假")
    [flag] = overview.figures(store).stand_ins
    assert (flag.grid_name, flag.worker_name, flag.since, flag.reason) == ("上湾", "张大山", "2026-11-20", "病假")
    assert stats.compute_stats(store)["workers_active"] == 0
    workers.set_status(store, TEST_ACTOR, wid, "active", "2026-11-28", "病愈返岗")
    assert overview.figures(store).stand_ins == []
