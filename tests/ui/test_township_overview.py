"""The township's 辖区总览 and 上报情况 pages: the KPIs side by side with the township's total, a chart across
the villages, and each village's reports on time, late, missing or sent back, with the reminders."""

import datetime as dt

import pytest

from tests.sync.township import ADMIN, reporting_township
from villagedesk.domain import clock
from villagedesk.domain.period import parse_period
from villagedesk.services import stats
from villagedesk.services.scope import resolve_scope
from villagedesk.ui.widgets.period_box import choose

from .helpers import type_text


@pytest.fixture(scope="module")
def township_db(tmp_path_factory):
    node = reporting_township(tmp_path_factory.mktemp("pages"))
    path = node.path
    node.close()
    return path


@pytest.fixture
def window(make_window, township_db):
    from villagedesk.store import open_store

    clock.pin(dt.datetime(2026, 11, 8, 10, 0))  # October is last month; its reports were due by the 3rd and 5th
    store = open_store(township_db)
    yield make_window(store, ADMIN)
    store.close()


def _row(table, label: str) -> list[str]:
    r = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == label)
    return [table.item(r, c).text() for c in range(1, table.columnCount())]


def test_the_overview_shows_the_township_s_total_beside_each_village_for_the_period(window):
    page = window.show_page("overview")
    assert window.current_key() == "overview"
    header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert header == ["指标", "河东镇合计", "桂花村", "石桥村", "白马村"]
    assert page.status.text().startswith("2026 年 10 月：3 个村")
    scope = resolve_scope(window.ctx.store)
    october = [stats.compute_stats(window.ctx.store, parse_period("2026-10"), s) for s in (scope, *scope.each())]
    assert _row(page.table, "户数") == [str(f["households"]) for f in october] == ["12", "4", "4", "4"]
    assert _row(page.table, "入户走访") == [f"{f['visits']:,}" for f in october]
    assert _row(page.table, "医保参保率") == [f"{f['insurance_enrolment_rate'] * 100:.1f}%" for f in october]
    assert all(v.count(".") == 1 and len(v.split(".")[1]) == 2 for v in _row(page.table, "发放物资价值（元）"))
    assert page.chart.chart_.title() == "各村入户走访"
    visits = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "户数")
    page.table.setCurrentCell(visits, 1)
    assert page.chart.chart_.title() == "各村户数"
    page.tabs.setCurrentIndex(1)
    page.select_village(0)  # the bottom bar: the last village
    assert page.tabs.currentIndex() == 0 and page.table.selectedItems()[0].column() == 4


def test_the_overview_s_period_can_be_every_record_or_typed_and_a_wrong_one_is_named(window):
    page = window.show_page("overview")
    choose(page.period, "")
    page.refresh()
    assert page.status.text().startswith("全部记录：3 个村")
    page.period.setEditText("")
    type_text(page.period.lineEdit(), "2026-13")
    page.refresh()
    assert "统计期间" in page.status.text()


def test_reporting_counts_each_village_s_reports_and_lists_what_to_chase(window):
    page = window.show_page("reporting")
    status = page.status.text()
    assert status.startswith("2026 年 10 月：3 个村，应报 30 张") and "按时报率 33.3%" in status
    rows = [[page.summary.item(r, c).text() for c in range(page.summary.columnCount())]
            for r in range(page.summary.rowCount())]
    assert rows == [["桂花村", "510903104201", "10", "10", "0", "0", "0", "0", "100.0%"],
                    ["石桥村", "510903104202", "10", "0", "9", "0", "1", "0", "0.0%"],
                    ["白马村", "510903104203", "10", "0", "0", "10", "0", "0", "0.0%"]]
    assert page.tabs.tabText(2) == "催报名单（11）"
    returned = [r for r in range(page.reminders.rowCount()) if page.reminders.item(r, 5).text() == "已退回"]
    assert [page.reminders.item(r, 6).text() for r in returned] == ["花名册缺联系电话"]
    page.open_village(1)
    assert page.tabs.currentIndex() == 1 and page.detail.rowCount() == 10
    assert {page.detail.item(r, 0).text() for r in range(page.detail.rowCount())} == {"石桥村"}


def test_villages_registered_without_a_package_are_named_and_owe_every_report(make_window, tmp_path):
    from tests.conftest import TEST_ACTOR
    from tests.sync.township import demo_village, pair, township_node

    clock.pin(dt.datetime(2026, 11, 8, 10, 0))
    township = township_node(tmp_path / "township.db")
    village = demo_village(tmp_path / "v.db", households=3)
    pair(village, TEST_ACTOR, township, ADMIN, tmp_path)
    window = make_window(township, ADMIN)
    page = window.show_page("overview")
    assert page.status.text().startswith("尚未收到任何村的同步包") and "（桂花村）" in page.status.text()
    assert page.table.columnCount() == 2  # 指标 and the township's total (zeros)
    page = window.show_page("reporting")
    assert page.summary.item(0, 0).text() == "桂花村（尚未收到同步包）" and page.summary.item(0, 5).text() == "10"
    village.close()
    township.close()
