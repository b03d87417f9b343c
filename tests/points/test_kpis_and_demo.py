"""The points KPIs in `stats --json` and the demo's year of points, stock and redemptions."""

import datetime as dt

from tests.points.conftest import TODAY, award
from villagedesk.domain.period import parse_period
from villagedesk.services import integrity, stats
from villagedesk.services.points import goods, ledger, redemption


def test_kpis_count_activities_points_and_goods_issued(pv):
    award(pv, ["张大山", "李秀英", "王小明"])
    award(pv, ["张大山", "李秀英"], "敬老院打扫")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    names = ("activities", "points_awarded", "points_redeemed", "points_outstanding", "redemptions",
             "goods_value_issued_yuan")
    values = stats.compute_stats(pv.store)
    assert [values[k] for k in names] == [2, 50, 30, 20, 1, 55.0]
    redemption.void(pv.store, pv.admin, done.id, "拿错")
    values = stats.compute_stats(pv.store)
    assert [values[k] for k in names] == [2, 50, 0, 50, 0, 0]
    last_year = stats.compute_stats(pv.store, parse_period(str(TODAY.year - 1)))
    assert [last_year[k] for k in names] == [0, 0, 0, 0, 0, 0]


def test_the_demo_fills_a_plausible_year_that_passes_check(demo_store):
    assert integrity.check(demo_store) == []
    values = stats.compute_stats(demo_store)
    assert 150 <= values["activities"] <= 300
    assert values["points_awarded"] > values["points_redeemed"] > 0
    assert values["points_outstanding"] == values["points_awarded"] - values["points_redeemed"] + sum(
        r[0] for r in demo_store.query("SELECT delta FROM point_entries WHERE kind = 'deduct'"))
    assert 3000 <= values["goods_value_issued_yuan"] <= 40000
    assert values["redemptions"] >= 100
    today = dt.date(2026, 11, 30)
    this_year = stats.compute_stats(demo_store, parse_period(str(today.year)))
    assert 0 < this_year["redemptions"] < values["redemptions"]
    assert any(g.low for g in goods.goods_list(demo_store))
    top = ledger.ranking(demo_store, parse_period("2026"))
    assert top and top[0].rank == 1 and top[0].earned >= top[-1].earned
    kinds = {r[0] for r in demo_store.query("SELECT DISTINCT status FROM activities")}
    assert {"posted", "noticed"} <= kinds
