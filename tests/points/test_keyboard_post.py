"""积分入账 without a mouse: an approved activity's points posted from 首页 within the issue's budget."""

import datetime as dt

from PySide6.QtCore import Qt

from tests.points.conftest import TODAY, award
from tests.ui.keyboard import Keyboard, MouseWatch
from villagedesk.services.points import activities, ledger


def test_an_approved_activity_is_posted_by_keyboard_alone_in_six_actions(make_window, pv, qtbot, messages):
    award(pv, ["赵一"], "上月河道清理", TODAY - dt.timedelta(days=20))  # an earlier one, posted already
    aid = activities.create_activity(pv.store, pv.clerk, "张家湾环境卫生整治", pv.earn.id, TODAY, [pv.grids[0]])
    activities.add_participants(pv.store, pv.admin, aid, [pv.residents[n] for n in ("张大山", "王小明")])
    activities.publish_notice(pv.store, pv.admin, aid, TODAY)
    activities.approve(pv.store, pv.admin, aid)  # approved by the head, not its creator: ready to post
    window = make_window(pv.store, pv.admin)
    mouse, keys = MouseWatch(), Keyboard()
    try:
        keys.ctrl(Qt.Key.Key_7)  # 志愿积分, on its activities
        tab = window.pages["points"].activities
        assert tab.detail.id == aid and tab.buttons["post"].isEnabled()
        keys.alt(Qt.Key.Key_J)  # 积分入账(&J); the fixture answers its confirm box yes
        keys.actions += 1  # that answer is one more key a clerk presses
    finally:
        mouse.stop()
    assert messages == []
    assert tab.heading.text() == "张家湾环境卫生整治（已入账）"
    balances = {h: ledger.balance(pv.store, h) for h in pv.households[:2]}
    assert balances == {pv.households[0]: 10, pv.households[1]: 10}
    assert mouse.seen == []
    assert keys.actions <= 6, keys.actions  # the budget for posting an approved activity
