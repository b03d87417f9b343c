"""首页's charts: the bars are the months' figures, a click opens the records behind a bar, a write redraws them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, Qt

from tests.conftest import TEST_ACTOR
from villagedesk.domain.period import parse_period
from villagedesk.services.dashboard import dashboard
from villagedesk.services.scope import resolve_scope
from villagedesk.services.stats import compute_stats
from villagedesk.ui.pages.home.dashboard import nice_axis

NOVEMBER = 10  # the bar's index: January is 0; the suite's clock stands on 30 November 2026


def _bars(card, set_index=0):
    series = card.chart_.series()[0]
    return series, series.barSets()[set_index]


def _click_bar(qtbot, card, index, set_index=0):
    """Click the middle of a bar as a clerk does, at the place the chart draws it."""
    series, bar_set = _bars(card, set_index)
    card.resize(900, 420)  # big enough for every bar to be a few pixels wide
    qtbot.waitUntil(lambda: card.chart_.plotArea().width() > 300)
    sets = len(series.barSets())
    offset = (set_index - (sets - 1) / 2) * series.barWidth() / sets  # side-by-side sets share the slot
    scene = card.chart_.mapToPosition(QPointF(index + offset, bar_set.at(index) / 2), series)
    qtbot.mouseClick(card.viewport(), Qt.MouseButton.LeftButton, pos=card.mapFromScene(scene))


def _click_horizontal_bar(qtbot, card, index):
    series, bar_set = _bars(card)
    card.resize(900, 700)
    qtbot.waitUntil(lambda: card.chart_.plotArea().height() > 400)
    scene = card.chart_.mapToPosition(QPointF(bar_set.at(index) / 2, index), series)
    qtbot.mouseClick(card.viewport(), Qt.MouseButton.LeftButton, pos=card.mapFromScene(scene))


def test_the_bars_are_this_year_s_months_as_stats_counts_them(make_window, demo_store):
    window = make_window(demo_store)
    board = window.show_page("home").dashboard
    _series, visits = _bars(board.charts["visits"])
    assert visits.count() == 11  # January to November
    november = compute_stats(demo_store, parse_period("2026-11"), resolve_scope(demo_store))
    assert visits.at(NOVEMBER) == november["visits"] > 0
    _series, awarded = _bars(board.charts["points"])
    assert awarded.at(NOVEMBER) == november["points_awarded"]
    _series, disputes = _bars(board.charts["disputes"])
    assert [disputes.at(i) for i in range(11)] == [m.disputes for m in dashboard(demo_store, board.ctx.scope).months]
    _series, enrolment = _bars(board.charts["insurance"])
    grids = board.board.enrolment
    assert enrolment.count() == len(grids) == 12  # the demo village's grids
    # drawn from the bottom up, so the first grid reads at the top
    assert [enrolment.at(i) for i in range(len(grids))][::-1] == [round((g.rate or 0) * 100, 1) for g in grids]


def test_a_click_on_november_s_visits_opens_november_s_visits(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    board = window.show_page("home").dashboard
    card = board.charts["visits"]
    _click_bar(qtbot, card, NOVEMBER)
    assert window.current_key() == "visits"
    page = window.pages["visits"]
    assert page.period.currentData() == "2026-11"
    assert page.visits_tab.count.text().startswith(f"共 {int(_bars(card)[1].at(NOVEMBER)):,} 次走访")


def test_a_redeemed_bar_opens_that_month_s_receipts_and_an_awarded_bar_the_month_s_ranking(
        make_window, demo_store, qtbot):
    window = make_window(demo_store)
    board = window.show_page("home").dashboard
    _click_bar(qtbot, board.charts["points"], NOVEMBER, set_index=1)
    store_page = window.pages["points_store"]
    assert window.current_key() == "points_store" and store_page.tabs.currentWidget() is store_page.receipts
    shown = store_page.receipts.table.rows_model.rows
    assert shown and all(r.when.startswith("2026-11") for r in shown)
    window.show_page("home")
    _click_bar(qtbot, board.charts["points"], NOVEMBER, set_index=0)
    points = window.pages["points"]
    assert window.current_key() == "points" and points.ranking.period.label() == "2026-11"


def test_a_grid_s_enrolment_bar_opens_its_not_enrolled_list(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    board = window.show_page("home").dashboard
    households = window.pages["households"] if "households" in window.pages else window.show_page("households")
    window.show_page("home")
    opened = []
    households.dialog_opener = opened.append
    _click_horizontal_bar(qtbot, board.charts["insurance"], len(board.board.enrolment) - 1 - 3)  # the 4th from the top
    (dialog,) = opened
    assert window.current_key() == "households"
    assert dialog.selected_grid_id() == board.board.enrolment[3].grid_id
    assert dialog.list_title.text().startswith(board.board.enrolment[3].name)


def test_a_visit_recorded_elsewhere_raises_its_month_s_bar_when_home_shows_again(make_window, demo_store, qtbot):
    from villagedesk.domain.field_work.visits import VisitDraft
    from villagedesk.services.field_work import visits

    window = make_window(demo_store)
    board = window.show_page("home").dashboard
    before = _bars(board.charts["visits"])[1].at(NOVEMBER)
    window.show_page("visits")
    household, worker = demo_store.conn.execute(
        "SELECT household_id, worker_id FROM visits WHERE out_of_grid_reason = '' ORDER BY visited_at DESC LIMIT 1").fetchone()
    done = visits.record_visit(demo_store, TEST_ACTOR, VisitDraft(worker, household, dt.datetime(2026, 11, 29, 10),
                                                                  "in_person", "info"))
    window.ctx.events.publish(done)
    window.show_page("home")
    assert _bars(board.charts["visits"])[1].at(NOVEMBER) == before + 1


def test_at_large_text_the_charts_stand_one_under_another_in_readable_type(make_window, demo_store, qtbot,
                                                                           tmp_path):
    window = make_window(demo_store)
    board = window.show_page("home").dashboard
    window.zoom(22 - window.font().pointSize())
    qtbot.waitUntil(lambda: board.columns == 1)
    card = board.charts["visits"]
    assert card.chart_.titleFont().pointSizeF() >= 22
    assert card.chart_.axes()[0].labelsFont().pointSizeF() >= 20
    card.grab().save(str(tmp_path / "visits-22pt.png"))


def test_axes_end_at_round_numbers_above_the_tallest_bar():
    assert nice_axis(0) == (5, 6) and nice_axis(207) == (250, 6) and nice_axis(480) == (500, 6)
    assert nice_axis(7) == (8, 5) and nice_axis(5100) == (6000, 4)
