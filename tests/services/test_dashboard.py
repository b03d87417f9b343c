"""首页's dashboard figures: each month is what `stats --period YYYY-MM` says; a set of villages adds up."""

from __future__ import annotations

import pytest

from villagedesk.domain import clock
from villagedesk.services.dashboard import dashboard
from villagedesk.services.register.insurance import enrolment_summary
from villagedesk.services.scope import resolve_scope
from villagedesk.services.stats import compute_stats
from villagedesk.store import open_store

SAME_AS_STATS = ("visits", "follow_up_rate", "disputes", "mediation_success_rate", "points_awarded",
                 "points_redeemed")


@pytest.fixture
def store(three_villages):
    s = open_store(three_villages)
    yield s
    s.close()


def test_every_month_of_the_year_is_what_stats_says_for_that_month(demo_store):
    scope = resolve_scope(demo_store)
    board = dashboard(demo_store, scope)
    assert [m.period.label for m in board.months] == [f"2026-{m:02d}" for m in range(1, 12)]  # up to November
    for month in board.months:
        stats = compute_stats(demo_store, month.period, scope)
        assert {k: getattr(month, k) for k in SAME_AS_STATS} == {k: stats[k] for k in SAME_AS_STATS}, month.period
    assert sum(m.visits for m in board.months) > 0 and sum(m.points_awarded for m in board.months) > 0


def test_a_past_year_has_twelve_months_and_a_future_one_none(demo_store):
    scope = resolve_scope(demo_store)
    assert len(dashboard(demo_store, scope, 2025).months) == 12
    assert dashboard(demo_store, scope, 2027).months == ()


def test_enrolment_bars_are_the_grids_of_the_insurance_summary(demo_store):
    scope = resolve_scope(demo_store)
    board = dashboard(demo_store, scope)
    summary = enrolment_summary(demo_store, clock.today().year, scope.ids)
    assert board.by_grid
    assert [(b.name, b.enrolled, b.rate) for b in board.enrolment] == [
        (g.grid_name, g.enrolled, g.rate) for g in summary.grids]


def test_three_villages_add_up_and_enrolment_is_shown_per_village(store):
    scope = resolve_scope(store)
    assert len(scope.villages) == 3
    whole = dashboard(store, scope)
    parts = [dashboard(store, one) for one in scope.each()]
    for i, month in enumerate(whole.months):
        for key in ("visits", "disputes", "points_awarded", "points_redeemed"):
            assert getattr(month, key) == sum(getattr(p.months[i], key) for p in parts), (month.period, key)
        assert month.follow_up_rate == compute_stats(store, month.period, scope)["follow_up_rate"]
    assert not whole.by_grid
    assert [b.village_code for b in whole.enrolment] == list(scope.codes)
    assert sum(b.enrolled for b in whole.enrolment) == sum(sum(b.enrolled for b in p.enrolment) for p in parts)
