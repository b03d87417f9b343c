"""The GUI of a township node: the first-run form's 乡镇 choice, the township's navigation, its 村庄 page, and
buttons that say the villages' records are read-only there."""

import pytest

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
