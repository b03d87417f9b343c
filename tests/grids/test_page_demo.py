"""The page on the demo village: filters narrow the tables, refusals keep typed text, training and reserve entries."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import TEST_ACTOR
from tests.grids.helpers import id_number
from tests.ui.helpers import type_text
from villagedesk.domain.grids.stipend import yuan
from villagedesk.services.grids import payroll, workers


def _click(qtbot, widget, name):
    qtbot.mouseClick(widget.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def _column(model, title):
    c = [col.title for col in model.columns].index(title)
    return [model.text(r, c) for r in range(model.rowCount())]


def test_filters_narrow_the_grid_table_and_the_roster(make_window, demo_store, qtbot):
    page = make_window(demo_store).show_page("grids")
    grid_tab, worker_tab = page.tab["网格"], page.tab["网格员"]
    assert grid_tab.model.rowCount() == 12 and page.cards["grids"].text == "12 个"
    type_text(grid_tab.search, "沟")
    assert _column(grid_tab.model, "网格名称") == ["李家沟", "陈家沟", "石板沟", "大堰沟"]
    grid_tab.search.clear()
    grid_tab.unit.setCurrentIndex(grid_tab.unit.findData("院"))
    assert {n[-1] for n in _column(grid_tab.model, "网格名称")} == {"院"}
    grid_tab.unit.setCurrentIndex(0)
    grid_tab.vacant_only.setChecked(True)
    assert _column(grid_tab.model, "网格员") == ["⚠ 空缺"] and page.cards["vacant"].text == "1 个"

    page.tabs.setCurrentWidget(worker_tab)
    active = workers.roster(demo_store, TEST_ACTOR, status="active")
    assert worker_tab.model.rowCount() == len(active)
    worker_tab.party.setCurrentIndex(worker_tab.party.findText("党员"))
    assert set(_column(worker_tab.model, "党员")) == {"是"}
    assert worker_tab.model.rowCount() == sum(w.party_member for w in active)
    assert f"{worker_tab.model.rowCount() / len(active) * 100:.1f}%" == page.cards["party"].text


def test_a_wrong_check_digit_is_refused_in_the_form_and_the_text_is_kept(make_window, demo_store, qtbot):
    page = make_window(demo_store).show_page("grids")
    tab = page.tab["网格员"]
    page.tabs.setCurrentWidget(tab)
    before = tab.model.rowCount()
    _click(qtbot, tab, "worker-new")
    d = tab.dialog
    good = id_number("19850315", 135)
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    type_text(d.name, "赵小兰")
    type_text(d.id_number, bad)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.isVisible() and d.error.text().startswith("身份证号：") and "校验位" in d.error.text()
    assert (d.name.text(), d.id_number.text()) == ("赵小兰", bad)
    d.id_number.clear()
    type_text(d.id_number, good)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible() and tab.model.rowCount() == before + 1


def test_training_and_reserve_through_the_page(make_window, demo_store, qtbot):
    page = make_window(demo_store).show_page("grids")
    tab = page.tab["培训"]
    page.tabs.setCurrentWidget(tab)
    sessions = tab.model.rowCount()
    _click(qtbot, tab, "training-new")
    d = tab.dialog
    type_text(d.topic, "网格员消防安全培训")
    for i in range(3):
        d.workers.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible(), d.error.text()
    assert tab.model.rowCount() == sessions + 1 and _column(tab.model, "培训主题")[0] == "网格员消防安全培训"
    assert _column(tab.model, "参训人数")[0] == "3"
    tab.view.selectRow(0)
    assert tab.attendees.count() == 3

    tab = page.tab["后备力量"]
    page.tabs.setCurrentWidget(tab)
    in_pool = sum(e.in_pool for e in tab.model.rows)
    _click(qtbot, tab, "reserve-admit")
    d = tab.dialog
    d.worker.setCurrentIndex(d.worker.count() - 1)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.isVisible() and d.error.text().startswith("纳入理由：")
    type_text(d.reason, "考评优秀，群众认可")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible(), d.error.text()
    assert sum(e.in_pool for e in tab.model.rows) == in_pool + 1
    assert f"村干部后备力量 {in_pool + 1} 人" in page.detail.text()


def test_a_locked_demo_month_shows_its_lines_and_totals(make_window, demo_store, qtbot):
    page = make_window(demo_store).show_page("grids")
    tab = page.tab["补贴发放"]
    page.tabs.setCurrentWidget(tab)
    tab.month.setCurrentText("2026-10")
    p = payroll.get_payroll(demo_store, "2026-10")
    assert tab.status.text().startswith("已锁定") and tab.model.rowCount() == len(p.lines)
    shown = sum(int(v.replace(",", "").replace(".", "")) for v in _column(tab.model, "实发合计（元）"))
    assert shown == p.total_fen and f"实发 {yuan(p.total_fen)} 元" in tab.totals.text()
    assert not tab.actions["compute"].isEnabled() and tab.actions["xlsx"].isEnabled()
