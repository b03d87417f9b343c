"""整网格标记已送达 without a mouse: from 首页 to a notice's next grid marked reached, within the issue's budget."""

from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR
from tests.field_work.conftest import at
from tests.ui.keyboard import Keyboard, MouseWatch
from villagedesk.domain.field_work.notices import NoticeDraft
from villagedesk.services.field_work import notices


def test_a_grid_is_marked_reached_by_keyboard_alone_in_four_actions(make_window, store, village, qtbot, messages):
    nid = notices.issue_notice(store, TEST_ACTOR, NoticeDraft(
        "防汛预警：今夜有暴雨", "请低洼处农户做好转移准备。", "urgent", at(0, 8, 0), tuple(village.grids), "village"))
    for h in village.households[0]:  # the first grid is done: the tab opens on the next one to reach
        notices.mark_reached(store, TEST_ACTOR, nid, h, "in_person", at(0, 8, 30))
    window = make_window(store)
    mouse, keys = MouseWatch(), Keyboard()
    try:
        keys.ctrl(Qt.Key.Key_4)  # 走访与回访
        page = window.pages["visits"]
        keys.alt(Qt.Key.Key_X)  # its tab 政策宣传(&X)
        tab = page.notices_tab
        assert page.tabs.currentWidget() is tab and tab.coverage is not None and tab.coverage.notice_id == nid
        assert tab.grid_table.item(tab.grid_table.currentRow(), 0).text() == tab.coverage.grids[1].grid_name
        keys.alt(Qt.Key.Key_M)  # 整网格标记已送达(&M); the fixture answers its confirm box yes
        keys.actions += 1  # that answer is one more key a clerk presses
    finally:
        mouse.stop()
    assert messages == []
    c = notices.coverage(store, nid)
    assert [g.reached == g.target for g in c.grids][:2] == [True, True]
    assert tab.grid_table.item(1, 2).text() == str(c.grids[1].target)  # the table shows it reached
    assert mouse.seen == []
    assert keys.actions <= 4, keys.actions  # the issue's budget for marking a grid reached
