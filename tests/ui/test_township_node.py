"""The GUI of a township node: the first-run form's 乡镇 choice, the township's navigation, its 村庄 page, and
buttons that say the villages' records are read-only there."""

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, demo_village, pair, send, township_node
from villagedesk.services import village
from villagedesk.services.township import node
from villagedesk.store import open_store
from villagedesk.ui.first_run import FirstRunDialog
from villagedesk.ui.jobs import JobRunner

from .helpers import type_text

TOWNSHIP_NAV = ["辖区总览", "村庄", "上报情况", "报表审核", "通知下发", "网格与网格员", "农户与人口", "走访与回访", "矛盾纠纷", "突发事件", "数据同步", "系统设置"]


def test_the_first_run_form_makes_a_township_node_and_names_a_bad_code(qtbot, tmp_path):
    store = open_store(tmp_path / "new.db", create=True)
    dialog = FirstRunDialog(store, JobRunner(store, inline=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind_buttons["township"].click()
    assert not dialog.inputs["name"].isVisible() and not dialog.inputs["code"].isVisible()
    assert dialog.inputs["township_code"].isVisible() and not dialog.demo_button.isVisible()
    assert dialog.create_button.text() == "创建乡镇节点"
    type_text(dialog.inputs["township"], "河东镇")
    type_text(dialog.inputs["township_code"], "510903104201")  # a village's code, not the township's
    type_text(dialog.inputs["user"], "周镇干")
    dialog.create_button.click()
    assert "乡镇区划代码" in dialog.error.text() and "510903104000" in dialog.error.text()
    assert dialog.inputs["township_code"].hasSelectedText() and dialog.inputs["user"].text() == "周镇干"
    assert not village.is_set_up(store)
    type_text(dialog.inputs["township_code"], "510903104000")
    dialog.create_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.actor.name, dialog.actor.role) == ("周镇干", "township_admin")
    assert node.home_township(store) == ("510903104000", "河东镇") and village.home_village(store) is None
    store.close()


@pytest.fixture
def township_with_a_village(tmp_path):
    township = township_node(tmp_path / "township.db")
    guihua = demo_village(tmp_path / "guihua.db", households=12)
    pair(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
    send(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
    yield township
    guihua.close()
    township.close()


def test_the_township_s_navigation_and_its_registered_villages(make_window, township_with_a_village):
    window = make_window(township_with_a_village, ADMIN)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == TOWNSHIP_NAV
    assert window.current_key() == "overview"
    page = window.show_page("villages")
    assert [page.table.item(0, c).text() for c in (0, 1, 5, 7)] == ["桂花村", "510903104201", "1", "12"]
    assert page.table.item(0, 4).text() != "尚未收到"
    assert "河东镇（乡镇）· 桂花村" in window.place_label.text()
    grids = window.show_page("grids")
    assert "补贴发放" not in [grids.tabs.tabText(i) for i in range(grids.tabs.count())]
    new_grid = grids.tab["网格"].buttons["new"]
    assert not new_grid.isEnabled() and "乡镇节点对各村的记录只读" in new_grid.toolTip()


def test_at_the_township_the_register_s_edit_buttons_say_the_villages_records_are_read_only(
        make_window, township_with_a_village):
    window = make_window(township_with_a_village, ADMIN)
    page = window.show_page("households")
    assert not page.add_button.isEnabled()
    assert "乡镇节点对各村的记录只读" in page.add_button.toolTip()


@pytest.fixture
def township_with_two_villages(tmp_path):
    """桂花村 (12 households) has sent its package; 石桥村 (5) is registered and sends its later."""
    township = township_node(tmp_path / "township.db")
    guihua = demo_village(tmp_path / "guihua.db", households=12)
    shiqiao = demo_village(tmp_path / "shiqiao.db", "510903104202", "石桥村", households=5, seed=3)
    for v in (guihua, shiqiao):
        pair(v, TEST_ACTOR, township, ADMIN, tmp_path)
    send(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
    yield township, shiqiao, tmp_path
    guihua.close()
    shiqiao.close()
    township.close()


def _households(window) -> int:
    page = window.show_page("households")
    return page.model.total


def test_a_village_s_package_imported_while_the_window_is_open_shows_without_a_restart(
        make_window, township_with_two_villages):
    from villagedesk.domain import changes

    township, shiqiao, folder = township_with_two_villages
    window = make_window(township, ADMIN)
    assert _households(window) == 12 and not window.viewing_box.isVisible()  # one village: nothing to pick
    send(shiqiao, TEST_ACTOR, township, ADMIN, folder)
    window.ctx.events.publish(changes.EVERYTHING)  # as the sync page does after an import
    assert _households(window) == 17  # the scope is read again, not kept from the start
    assert "河东镇（乡镇）· 桂花村、石桥村" in window.place_label.text() and window.viewing_box.isVisible()
    combo = window.viewing_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部村（2 个）", "桂花村（510903104201）", "石桥村（510903104202）"]
    overview = window.show_page("overview")
    header = [overview.table.horizontalHeaderItem(c).text() for c in range(overview.table.columnCount())]
    assert header[2:] == ["桂花村", "石桥村"]


def test_the_township_picks_one_village_for_the_village_pages_and_its_own_pages_keep_every_village(
        make_window, township_with_two_villages, qtbot):
    township, shiqiao, folder = township_with_two_villages
    send(shiqiao, TEST_ACTOR, township, ADMIN, folder)
    window = make_window(township, ADMIN)
    assert _households(window) == 17 and window.viewing_box.isVisible()
    model = window.pages["households"].model  # every village's households: each row says whose
    assert model.headerData(0, Qt.Orientation.Horizontal) == "村" and model.headerData(1, Qt.Orientation.Horizontal) == "户主"
    named = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert sorted(set(named)) == ["桂花村", "石桥村"] and named.count("石桥村") == 5
    lists = {"grids": lambda p: p.tab["网格"].model, "grids ": lambda p: p.tab["网格员"].model,
             "grids  ": lambda p: p.tab["考评"].model, "visits": lambda p: p.visits_tab.model,
             "disputes": lambda p: p.model, "emergencies": lambda p: p.model}
    for key, model_of in lists.items():  # the other lists over both villages say whose each row is too
        m = model_of(window.show_page(key.strip()))
        assert m.headerData(0, Qt.Orientation.Horizontal) == "村", key
        assert {m.data(m.index(r, 0)) for r in range(m.rowCount())} <= {"桂花村", "石桥村"}, key
    grid_model = lists["grids"](window.pages["grids"])
    grid_villages = [grid_model.data(grid_model.index(r, 0)) for r in range(grid_model.rowCount())]
    assert grid_villages == sorted(grid_villages, key=["桂花村", "石桥村"].index)  # by village code, then grid code
    window.show_page("households")
    combo = window.viewing_combo
    combo.setCurrentIndex(combo.findData("510903104202"))
    combo.activated.emit(combo.currentIndex())  # as a click on the item does
    page = window.stack.currentWidget()
    assert page is window.pages["households"] and page.model.total == 5  # built again for 石桥村, shown at once
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "户主"  # one village: no 村 column
    assert window.statusBar().currentMessage() == "各村页面现显示：石桥村"
    grids = window.show_page("grids")
    assert grids.tab["网格"].model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    assert grids.tab["网格"].model.rowCount() == shiqiao.scalar("SELECT count(*) FROM grids WHERE status = 'active'")
    overview = window.show_page("overview")
    overview.show_button.click()  # read again while one village is picked
    header = [overview.table.horizontalHeaderItem(c).text() for c in range(overview.table.columnCount())]
    assert header[2:] == ["桂花村", "石桥村"]  # the township's pages read every village
    window.view_village(None)
    assert _households(window) == 17 and combo.currentIndex() == 0


def test_the_township_s_register_export_names_each_row_s_village(township_with_two_villages, tmp_path):
    import openpyxl

    from villagedesk.domain.register.filters import RegisterFilter
    from villagedesk.services.register import exports

    township, shiqiao, folder = township_with_two_villages
    send(shiqiao, TEST_ACTOR, township, ADMIN, folder)
    written = exports.export_view(township, RegisterFilter("residents", status=None), tmp_path / "人口.xlsx",
                                  actor=ADMIN)
    sheet = openpyxl.load_workbook(written).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[:2] == ["村", "姓名"])
    named = [r[0] for r in rows[head + 1:] if r[0] in ("桂花村", "石桥村")]
    assert len(named) == township.scalar("SELECT count(*) FROM residents WHERE deleted_at IS NULL")
    assert named.count("石桥村") == shiqiao.scalar("SELECT count(*) FROM residents WHERE deleted_at IS NULL")
