"""辖区总览's grouped pass over three villages: each column is that village's own `stats`, the total the scope's, for
every KPI with and without a period; and the figures it groups equal plain SQL over each village's records."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from villagedesk.domain import clock
from villagedesk.domain.period import parse_period
from villagedesk.services.scope import resolve_scope
from villagedesk.services.stats import compute_stats, compute_stats_by_village
from villagedesk.services.township.overview import overview
from villagedesk.store import open_store

PERIODS = [None, "2026", "2026-Q4", "2026-11"]


@pytest.fixture
def store(three_villages):
    clock.pin(dt.datetime(2026, 11, 30, 12))  # the day the demo was built: follow-ups and the enrolment year
    s = open_store(three_villages)
    yield s
    s.close()


def _as_printed(figures: dict) -> str:
    """What `stats --json` prints: keys, their order, values and their types (money a float)."""
    return json.dumps(figures, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("period", PERIODS)
def test_each_column_is_the_villages_own_stats_and_the_total_the_scopes(store, period):
    p = parse_period(period) if period else None
    scope = resolve_scope(store)
    total, each = compute_stats_by_village(store, p, scope)
    assert _as_printed(total) == _as_printed(compute_stats(store, p, scope))
    for one, figures in zip(scope.each(), each, strict=True):
        assert _as_printed(figures) == _as_printed(compute_stats(store, p, one)), one.codes
    view = overview(store, p)
    assert view.total.figures == total and [c.figures for c in view.villages] == each
    # the equality means something: the villages' figures differ, and the total is not any one village's
    differ = {k for k in total if len({json.dumps(v[k]) for v in each}) > 1}
    assert len(differ) >= 10, sorted(differ)
    assert all(total != v for v in each)


def test_the_demo_has_records_behind_almost_every_kpi(store):
    """The KPIs have records behind them in the demo, so a grouped pass that loses them cannot pass unseen (this
    small demo commends nobody and escalates no dispute: tests/grids and tests/field_work cover those two)."""
    total, each = compute_stats_by_village(store, None, resolve_scope(store))
    empty = [k for k, v in total.items() if v in (0, None) or v == {"cadre": 0, "auxiliary": 0, "volunteer": 0}]
    assert empty == ["workers_commended", "disputes_escalated"]
    assert all(v["residents"] > 0 and v["visits"] > 0 and v["points_awarded"] > 0 for v in each)


# Each village's heavy figures as plain SQL, one village at a time: not the store's queries, so a grouped pass that
# gives one village's rows to another (or keeps only the last grid of each) shows here.
PLAIN = {
    "grids": "SELECT count(*) FROM grids WHERE village_id = :v AND deleted_at IS NULL AND status = 'active'",
    "households": """SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id
        WHERE g.village_id = :v AND h.deleted_at IS NULL AND h.status = 'active'""",
    "residents": """SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id
        JOIN grids g ON g.id = h.grid_id WHERE g.village_id = :v AND r.deleted_at IS NULL AND h.deleted_at IS NULL
        AND h.status = 'active' AND r.residence_status IN ('living', 'working_away')""",
    "key_population_residents": """SELECT count(DISTINCT r.id) FROM resident_categories c
        JOIN residents r ON r.id = c.resident_id JOIN households h ON h.id = r.household_id
        JOIN grids g ON g.id = h.grid_id WHERE g.village_id = :v AND c.deleted_at IS NULL
        AND (c.since IS NULL OR c.since < :e) AND (c.until IS NULL OR c.until >= :s) AND r.deleted_at IS NULL
        AND r.residence_status IN ('living', 'working_away') AND h.deleted_at IS NULL AND h.status = 'active'""",
    "visits": """SELECT count(*) FROM visits WHERE village_id = :v AND deleted_at IS NULL
        AND visited_at >= :s AND visited_at < :e""",
    "points_outstanding": "SELECT COALESCE(sum(delta), 0) FROM point_entries WHERE village_id = :v AND at < :e",
    "workers_active": "SELECT count(*) FROM workers WHERE village_id = :v AND deleted_at IS NULL AND status = 'active'",
    "redemptions": """SELECT count(*) FROM redemptions WHERE village_id = :v AND voided_at IS NULL
        AND at >= :s AND at < :e""",
    "goods_value_issued_yuan": """SELECT round(COALESCE(sum(total_value_yuan), 0), 2) FROM redemptions
        WHERE village_id = :v AND voided_at IS NULL AND at >= :s AND at < :e""",
}
ENROLMENT = """SELECT count(*) - sum(e.status IS 'exempt'), sum(e.status IS 'enrolled')
    FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
    LEFT JOIN insurance_enrolments e ON e.resident_id = r.id AND e.year = 2026 AND e.deleted_at IS NULL
    WHERE g.village_id = :v AND g.deleted_at IS NULL AND r.deleted_at IS NULL AND h.deleted_at IS NULL
    AND h.status = 'active' AND r.residence_status IN ('living', 'working_away')"""


def test_the_grouped_figures_equal_plain_sql_over_each_village(store):
    scope = resolve_scope(store)
    total, each = compute_stats_by_village(store, parse_period("2026"), scope)
    params = {"s": "2026-01-01", "e": "2027-01-01"}
    for village, figures in zip(scope.villages, each, strict=True):
        q = {**params, "v": village.id}
        plain = {k: store.conn.execute(sql, q).fetchone()[0] for k, sql in PLAIN.items()}
        assert {k: figures[k] for k in PLAIN} == plain, village.code
        due, enrolled = store.conn.execute(ENROLMENT, q).fetchone()
        assert figures["insurance_enrolment_rate"] == round(enrolled / due, 4), village.code
    due, enrolled = (sum(x) for x in zip(*(store.conn.execute(ENROLMENT, {"v": v.id}).fetchone()
                                           for v in scope.villages), strict=True))
    assert total["insurance_enrolment_rate"] == round(enrolled / due, 4)  # from the villages' parts, not averaged
