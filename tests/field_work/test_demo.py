"""The demo village's year of field work: the article's rates, work left for 首页, and a clean check."""

import datetime as dt

from tests.conftest import TEST_ACTOR
from villagedesk.services import stats
from villagedesk.services.field_work import todo
from villagedesk.services.integrity import check


def test_the_demo_year_has_realistic_rates(demo_store):
    values = stats.compute_stats(demo_store, None)
    assert values["visits"] > 1500 and values["notices"] == 24 and values["emergencies"] >= 15
    assert values["disputes"] >= 10
    assert 0.95 <= values["follow_up_rate"] <= 1.0  # article: 100%
    assert 0.90 <= values["mediation_success_rate"] <= 1.0  # article: ≥ 95%
    assert 0.85 <= values["initial_response_success_rate"] <= 0.97  # article: 93%
    assert 1.0 <= values["notice_coverage_hours_median"] <= 2.0  # article: 3 h → 1.5 h
    assert values["disputes_escalated"] >= 1


def test_the_demo_leaves_work_on_the_todo_list_and_passes_check(demo_store):
    items = todo.todo_list(demo_store, today=dt.date(2026, 11, 30), actor=TEST_ACTOR)  # the demo fixture's today
    assert all(items.count(kind) >= 1 for kind in todo.GROUPS), {k: items.count(k) for k in todo.GROUPS}
    assert check(demo_store) == []
    assert demo_store.scalar("SELECT count(*) FROM emergency_service_days WHERE source = 'emergency'") > 0
