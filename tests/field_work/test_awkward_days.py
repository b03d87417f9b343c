"""The days a calendar turns over: a visit made before the turn belongs to the earlier month or year,
on the page's cards as in the KPIs, whatever day the suite runs on."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at
from villagedesk.domain import clock
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.domain.period import parse_period
from villagedesk.services.field_work import kpis, visits

AWKWARD = [  # (now, the period holding "now", the period holding 3 days before)
    (dt.datetime(2027, 3, 1, 0, 30), "2027-03", "2027-02"),
    (dt.datetime(2027, 1, 1, 0, 5), "2027", "2026"),
    (dt.datetime(2028, 2, 29, 12, 0), "2028-02", "2028-02"),
    (dt.datetime(2026, 12, 31, 23, 59), "2026-12", "2026-12"),
]


@pytest.mark.parametrize(("now", "current", "earlier"), AWKWARD, ids=[a[0].isoformat() for a in AWKWARD])
def test_a_visit_three_days_ago_counts_in_its_own_period(store, village, make_window, now, current, earlier):
    clock.pin(now)
    visits.record_visit(store, TEST_ACTOR, VisitDraft(village.workers[0], village.households[0][1], at(3),
                                                      "in_person", "info"))
    same = current == earlier
    assert kpis.figures(store, parse_period(current))["visits"] == (1 if same else 0)
    assert kpis.figures(store, parse_period(earlier))["visits"] == 1

    page = make_window(store).show_page("visits")
    if len(current) == 7:  # the page opens on 本月
        assert page.cards["visits"].text == ("1 次" if same else "0 次")
    page.period.setCurrentIndex(page.period.findData(""))  # 全部
    assert page.cards["visits"].text == "1 次"
