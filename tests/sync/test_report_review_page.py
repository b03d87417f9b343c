"""The 报表审核 page at the township (send a village's roster back with a reason) and what the village's 报表上报
page shows once the township's package has come down."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.sent_down import township_with_two_villages
from tests.sync.township import ADMIN, send
from villagedesk.domain import clock
from villagedesk.ui.widgets.gate import gates_of
from villagedesk.ui.widgets.period_box import choose


@pytest.fixture
def nodes(tmp_path):
    node, villages = township_with_two_villages(tmp_path)
    yield node, villages
    for s in (node, *villages):
        s.close()


def _cells(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_township_sends_a_roster_back_and_the_village_s_reports_page_shows_it(make_window, nodes, messages,
                                                                                  tmp_path):
    node, (_guihua, shiqiao) = nodes
    window = make_window(node, ADMIN)
    page = window.show_page("review")
    choose(page.period, "2026-10")
    page.refresh()
    shown = [_cells(page.table, r) for r in range(page.table.rowCount())]
    row = next(i for i, c in enumerate(shown) if c[0] == "石桥村" and c[2] == "村网02表")
    assert shown[row][4] == "待审核" and shown[row][6] == "第 1 次报送"
    assert "510903104202_2026-10_报表全套.xlsx" in shown[row][10]
    gate = next(g for g in gates_of(window) if g.button is page.buttons["return"])
    assert gate.action.name == "RETURN_REPORT" and page.buttons["return"].isEnabled()
    page.table.selectRow(row)
    page.buttons["return"].click()
    assert messages[-1] == ("报表审核", "退回原因：退回报表必须写明原因，村里据此修改后重报")
    page.reason.setText("花名册缺联系电话")
    page.buttons["return"].click()
    row = next(i for i in range(page.table.rowCount())
               if _cells(page.table, i)[0] == "石桥村" and _cells(page.table, i)[2] == "村网02表")
    assert [_cells(page.table, row)[i] for i in (4, 5, 9)] == ["已退回", "花名册缺联系电话", "周镇干"]
    window.grab().save(str(tmp_path / "review.png"))

    clock.pin(dt.datetime(2026, 11, 5, 9, 0))
    send(node, ADMIN, shiqiao, TEST_ACTOR, tmp_path)
    village_window = make_window(shiqiao, TEST_ACTOR)
    reports = village_window.show_page("reports")
    reports.period.setEditText("2026-10")
    reports.refresh()
    roster = next(s for s in reports.view_data.states if s.key == "roster")
    col = {c.title: i for i, c in enumerate(reports.model.columns)}
    r = reports.view_data.states.index(roster)
    model = reports.model
    assert model.data(model.index(r, col["状态"])) == "已退回（第 1 次报送）"
    assert model.data(model.index(r, col["乡镇意见"])) == "乡镇 周镇干：花名册缺联系电话"
    assert "乡镇退回：村网02表（花名册缺联系电话）" in reports.status.text()
    village_window.grab().save(str(tmp_path / "village-reports.png"))
