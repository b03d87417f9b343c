"""The contracts other features use: WorkerRef, active_workers, primary_worker_of, appoint, indicators."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.grids.helpers import make_grid, make_worker
from villagedesk.domain.errors import ValidationError
from villagedesk.services.grids import indicators, rotation, workers


def test_active_workers_and_the_holder_on_a_date(store):
    up, down = make_grid(store, "上湾", "01"), make_grid(store, "下沟", "02")
    a = make_worker(store, "张大山", 123, grid_id=up)
    b = make_worker(store, "李秀英", 124)
    assert [(w.name, w.grid_name) for w in workers.active_workers(store)] == [("张大山", "上湾"), ("李秀英", "")]
    rotation.rotate(store, TEST_ACTOR, up, b, "2026-06-15")
    assert workers.primary_worker_of(store, up, dt.date(2026, 6, 14)).id == a
    assert workers.primary_worker_of(store, up, dt.date(2026, 6, 15)).id == b
    assert workers.primary_worker_of(store, up, dt.date(2025, 12, 31)) is None
    assert workers.primary_worker_of(store, down) is None
    ref = workers.primary_worker_of(store, up, dt.date(2026, 7, 1))
    assert ref == workers.WorkerRef(b, "李秀英", up, "上湾")


def test_appoint_refuses_a_second_active_primary_and_changes_nothing(store):
    grid = make_grid(store)
    make_worker(store, "张大山", 123, grid_id=grid)
    other = make_worker(store, "李秀英", 124)
    before = store.scalar("SELECT count(*) FROM grid_assignments")
    with pytest.raises(ValidationError) as err:
        workers.appoint(store, TEST_ACTOR, other, grid, "2026-03-01")
    assert err.value.field == "网格" and "已有在岗网格员张大山" in err.value.message
    assert store.scalar("SELECT count(*) FROM grid_assignments") == before
    workers.appoint(store, TEST_ACTOR, other, grid, "2026-03-01", role="deputy")
    assert store.scalar("SELECT count(*) FROM grid_assignments WHERE role = 'deputy'") == 1


def test_indicator_providers_are_merged(store, monkeypatch):
    from villagedesk.domain.period import parse_period

    monkeypatch.setattr(indicators, "INDICATOR_PROVIDERS", [lambda s, w, p: {"visits": 12},
                                                            lambda s, w, p: {"disputes_handled": 2}])
    assert indicators.indicators_for(store, "x", parse_period("2026-10")) == {"visits": 12.0, "disputes_handled": 2.0}
