"""The scope over a three-village database: `stats` per village adds up to the total; `--village` narrows."""

from __future__ import annotations

import json
import statistics

import pytest

from villagedesk import cli
from villagedesk.domain.period import parse_period
from villagedesk.services.scope import resolve_scope
from villagedesk.services.stats import compute_stats
from villagedesk.store import open_store

COUNTS = ("grids", "households", "residents", "workers_active", "workers_commended", "workers_replaced",
          "reserve_cadres", "trainings", "key_population_residents", "visits", "notices", "disputes",
          "disputes_escalated", "emergencies", "activities", "points_awarded", "points_redeemed",
          "points_outstanding", "redemptions")
MONEY = ("goods_value_issued_yuan", "stipends_paid_yuan", "emergency_subsidies_paid_yuan")


@pytest.fixture
def store(three_villages):
    s = open_store(three_villages)
    yield s
    s.close()


@pytest.mark.parametrize("period", [None, "2026", "2026-11"])
def test_each_villages_counts_and_money_add_up_to_the_total(store, period):
    p = parse_period(period) if period else None
    scope = resolve_scope(store)
    assert len(scope.villages) == 3
    total = compute_stats(store, p, scope)
    per = [compute_stats(store, p, one) for one in scope.each()]
    assert all(v["households"] > 0 and v["grids"] > 0 for v in per)
    for name in COUNTS:
        assert total[name] == sum(v[name] for v in per), name
    for name in MONEY:
        assert total[name] == pytest.approx(sum(v[name] for v in per), abs=0.005), name
    for source, n in total["workers_by_source"].items():
        assert n == sum(v["workers_by_source"][source] for v in per), source
    assert list(total) == list(per[0])  # the same keys, in the contract's order


def _ratio(num, den):
    return None if den == 0 else round(num / den, 4)


def test_the_totals_rates_are_recomputed_from_the_records_of_all_three(store):
    total = compute_stats(store, None, resolve_scope(store))
    q = store.conn.execute
    active, party = q("SELECT count(*), sum(party_member) FROM workers"
                      " WHERE deleted_at IS NULL AND status = 'active'").fetchone()
    assert total["worker_party_share"] == round(party / active, 4)
    resolved, decided = q("""SELECT sum(outcome = 'resolved_in_grid'), sum(outcome != 'withdrawn')
        FROM disputes WHERE deleted_at IS NULL AND outcome IS NOT NULL""").fetchone()
    assert total["mediation_success_rate"] == _ratio(resolved or 0, decided or 0)
    handled, decided = q("""SELECT sum(response_outcome = 'handled'), sum(response_outcome IS NOT NULL)
        FROM emergencies WHERE deleted_at IS NULL""").fetchone()
    assert total["initial_response_success_rate"] == _ratio(handled or 0, decided or 0)
    hours = [r[0] for r in q("""SELECT (julianday(covered_at) - julianday(issued_at)) * 24 FROM notices
        WHERE deleted_at IS NULL AND covered_at IS NOT NULL""")]
    median = total["notice_coverage_hours_median"]
    assert median is None if not hours else median == pytest.approx(statistics.median(hours), abs=0.05)


def test_the_party_share_of_three_villages_is_not_the_mean_of_their_shares(store):
    scope = resolve_scope(store)
    per = [compute_stats(store, None, one) for one in scope.each()]
    total = compute_stats(store, None, scope)
    weighted = sum(v["worker_party_share"] * v["workers_active"] for v in per) / total["workers_active"]
    assert total["worker_party_share"] == pytest.approx(weighted, abs=1e-3)


def test_stats_json_reports_all_three_villages_and_village_narrows_to_one(three_villages, capsys):
    assert cli.main(["stats", "--json", "--db", str(three_villages)]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert everything["households"] == 300 and everything["grids"] > 4
    codes = ("510903104201", "510903104202", "510903104203")
    parts = []
    for code in codes:
        assert cli.main(["stats", "--json", "--db", str(three_villages), "--village", code]) == 0
        parts.append(json.loads(capsys.readouterr().out))
    assert [p["households"] for p in parts] == [100, 100, 100]
    assert sum(p["grids"] for p in parts) == everything["grids"]


def test_an_unknown_village_code_is_named_and_refused(three_villages, capsys):
    assert cli.main(["stats", "--json", "--db", str(three_villages), "--village", "510903104299"]) != 0
    err = capsys.readouterr().err
    assert "510903104299" in err and "没有" in err


def test_a_single_village_installation_reports_its_own_village(store_one_village):
    scope = resolve_scope(store_one_village)
    assert scope.codes == ("510903104201",)


@pytest.fixture
def store_one_village(demo_store):
    return demo_store
