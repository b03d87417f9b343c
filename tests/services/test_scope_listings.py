"""Listings and reports over the scope: on the three-village demo each village's rows add up to the set's, and a
report for the set covers every village (no home village narrows them)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import TEST_ACTOR, adopt_test_user
from tests.field_work.conftest import at
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.period import parse_period
from villagedesk.domain.register.filters import RegisterFilter
from villagedesk.services.field_work import emergencies, follow_ups, ledger, notices, people, todo, visits
from villagedesk.services.grids import evaluation, grids, reserve, training, workers
from villagedesk.services.register import insurance, listing
from villagedesk.services.reports.building import build_report
from villagedesk.services.scope import resolve_scope
from villagedesk.store import open_store

YEAR = parse_period("2026")
LISTINGS = {
    "households": lambda s, sc: listing.count_rows(s, RegisterFilter("households", sc.ids, status=None),
                                                   actor=TEST_ACTOR),
    "residents": lambda s, sc: listing.count_rows(s, RegisterFilter("residents", sc.ids, status=None),
                                                  actor=TEST_ACTOR),
    "visits": lambda s, sc: visits.count_visits(s, period=YEAR, scope=sc, actor=TEST_ACTOR),
    "visit pages": lambda s, sc: len(visits.list_visits(s, period=YEAR, limit=100_000, scope=sc, actor=TEST_ACTOR)),
    "findings": lambda s, sc: len(visits.open_findings(s, scope=sc, actor=TEST_ACTOR)),
    "disputes": lambda s, sc: len(ledger.ledger(s, period=YEAR, scope=sc, actor=TEST_ACTOR)),
    "emergencies": lambda s, sc: len(emergencies.list_emergencies(s, YEAR, scope=sc)),
    "notices": lambda s, sc: len(notices.list_notices(s, YEAR, scope=sc)),
    "follow-ups": lambda s, sc: len(follow_ups.pending(s, scope=sc, actor=TEST_ACTOR)),
    "to-do": lambda s, sc: todo.todo_list(s, scope=sc, actor=TEST_ACTOR).total,
    "workers": lambda s, sc: len(workers.roster(s, TEST_ACTOR, scope=sc)),
    "worker choices": lambda s, sc: len(people.workers(s, scope=sc)),
    "grid choices": lambda s, sc: len(people.grids(s, scope=sc)),
    "grid table": lambda s, sc: len(grids.grid_table(s, status="", scope=sc)),
    "vacant grids": lambda s, sc: len(grids.vacancies(s, scope=sc)),
    "reserve pool": lambda s, sc: len(reserve.pool(s, scope=sc)),
    "trainings": lambda s, sc: len(training.sessions(s, scope=sc)),
    "evaluations": lambda s, sc: len(evaluation.evaluations(s, scope=sc)),
    "not enrolled": lambda s, sc: sum(len(g.people) for g in insurance.not_enrolled(s, TEST_ACTOR, 2026, scope=sc)),
}


@pytest.fixture(scope="module")
def adopted(three_villages, tmp_path_factory):
    """A copy of the three-village demo where TEST_ACTOR is a head (the listings ask the permission policy)."""
    path = tmp_path_factory.mktemp("scope_listings") / "three.db"
    shutil.copy(three_villages, path)
    shutil.copy(str(three_villages) + ".node", str(path) + ".node")
    s = open_store(path)
    adopt_test_user(s)
    s.close()
    return path


@pytest.fixture(scope="module")
def store(adopted):
    s = open_store(adopted)
    yield s
    s.close()


@pytest.mark.parametrize("name", list(LISTINGS))
def test_each_villages_rows_add_up_to_the_sets(store, name):
    scope = resolve_scope(store)
    count = LISTINGS[name]
    per = [count(store, one) for one in scope.each()]
    assert count(store, scope) == sum(per), per
    if name in ("households", "residents", "workers", "grid choices", "visits", "grid table", "trainings"):
        assert all(n > 0 for n in per), per  # every village has its own rows, not only the first


def test_a_listing_of_one_village_shows_only_its_rows(store):
    scope = resolve_scope(store)
    one = scope.each()[1]
    grid_ids = {g.id for g in people.grids(store, scope=one)}
    lines = visits.list_visits(store, period=YEAR, limit=100_000, scope=one, actor=TEST_ACTOR)
    names = {g.name for g in people.grids(store, scope=one)}
    assert lines and {line.grid_name for line in lines} <= names
    assert grid_ids.isdisjoint(g.id for g in people.grids(store, scope=scope.each()[0]))


@pytest.mark.parametrize("key", ["visits", "disputes", "roster"])
def test_a_report_for_the_set_covers_every_village(store, key):
    scope = resolve_scope(store)
    whole = build_report(store, key, "2026", scope=scope)
    parts = [build_report(store, key, "2026", scope=one) for one in scope.each()]
    assert len(whole.rows) == sum(len(p.rows) for p in parts) and all(p.rows for p in parts)
    assert all(v.name in whole.unit for v in scope.villages)
    assert scope.villages[1].name in parts[1].unit and scope.villages[0].name not in parts[1].unit


def test_a_visit_to_a_household_of_the_second_village_is_recorded_in_that_village(adopted, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(adopted, path)
    shutil.copy(str(adopted) + ".node", str(path) + ".node")
    s = open_store(path)
    try:
        second = resolve_scope(s).each()[1]
        worker = next(w for w in people.workers(s, scope=second) if w.grid_id)
        household = people.households_of_grid(s, worker.grid_id)[0]
        before = visits.count_visits(s, scope=second, actor=TEST_ACTOR)
        visits.record_visit(s, TEST_ACTOR, VisitDraft(worker.id, household.id, at(1), "in_person", "info"))
        assert visits.count_visits(s, scope=second, actor=TEST_ACTOR) == before + 1
    finally:
        s.close()


def test_a_worker_is_appointed_only_to_a_grid_of_their_own_village(adopted, tmp_path):
    from villagedesk.domain.errors import ValidationError
    from villagedesk.services.grids import rotation

    path = tmp_path / "copy.db"
    shutil.copy(adopted, path)
    shutil.copy(str(adopted) + ".node", str(path) + ".node")
    s = open_store(path)
    try:
        first, second = resolve_scope(s).each()[:2]
        worker = workers.roster(s, TEST_ACTOR, status="active", scope=first)[0]
        assert workers.get_worker(s, TEST_ACTOR, workers.roster(s, TEST_ACTOR, scope=second)[0].id) is not None  # listed, so editable
        grid = grids.grid_table(s, scope=second)[0]
        before = s.scalar("SELECT count(*) FROM grid_assignments")
        with pytest.raises(ValidationError, match="另一个村的网格"):
            rotation.appoint(s, TEST_ACTOR, worker.id, grid.id, "2026-11-01", role="deputy")
        assert s.scalar("SELECT count(*) FROM grid_assignments") == before
    finally:
        s.close()
