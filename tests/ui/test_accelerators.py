"""Alt accelerators: the main button of each list page has one, and no two buttons showing together share one."""

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar, QTabWidget

from tests.ui.keyboard import Keyboard
from villagedesk.ui.pages.registry import PAGES

NEW_BUTTONS = {"grids": "新建网格", "households": "新增农户", "visits": "登记走访", "disputes": "登记纠纷",
               "emergencies": "登记突发事件", "points": "发起活动"}


def _keys_showing(window) -> list[str]:
    menus = [a.text() for a in window.menuBar().actions()]
    buttons = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible()]
    tabs = [bar.tabText(i) for bar in window.findChildren(QTabBar) if bar.isVisible() for i in range(bar.count())]
    return [QKeySequence.mnemonic(t).toString() for t in menus + buttons + tabs if QKeySequence.mnemonic(t).toString()]


def test_no_two_accelerators_showing_together_are_the_same_and_each_new_button_has_one(make_window, demo_store):
    window = make_window(demo_store)
    clashes, missing = {}, []
    for spec in PAGES:
        page = window.show_page(spec.key)
        tab_widgets = page.findChildren(QTabWidget) or [None]
        for tabs in tab_widgets:
            for i in range(tabs.count() if tabs else 1):
                if tabs:
                    tabs.setCurrentIndex(i)
                QApplication.processEvents()
                twice = [k for k, n in Counter(_keys_showing(window)).items() if n > 1]
                if twice:
                    clashes[(spec.key, i)] = twice
        if spec.key in NEW_BUTTONS:
            texts = [b.text() for b in page.findChildren(QAbstractButton)]
            if not any(t.startswith(NEW_BUTTONS[spec.key]) and "(&" in t for t in texts):
                missing.append(spec.key)
    assert clashes == {} and missing == []


def test_alt_n_on_the_disputes_page_opens_a_new_dispute(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    keys = Keyboard()
    keys.ctrl(Qt.Key.Key_5)  # 矛盾纠纷
    page = window.pages["disputes"]
    keys.alt(Qt.Key.Key_N)
    assert page.dialog is not None and page.dialog.isVisible()
    page.dialog.reject()


def test_ctrl_page_down_turns_the_pages_tabs_wherever_the_focus_is(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    keys = Keyboard()
    keys.ctrl(Qt.Key.Key_4)  # 走访与回访: the focus is still in the navigation
    tabs = window.pages["visits"].tabs
    assert tabs.currentIndex() == 0
    keys.key(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1 and tabs.currentWidget().isAncestorOf(keys.focus())  # and into the tab
    keys.key(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier, times=2)  # round from the first to the last
    assert tabs.currentIndex() == tabs.count() - 1


def test_show_tab_opens_a_tab_by_its_text_without_the_accelerator(make_window, demo_store):
    window = make_window(demo_store)
    window.show_page("visits")
    assert window.show_tab("政策宣传") and window.pages["visits"].tabs.currentWidget() is window.pages[
        "visits"].notices_tab
    assert not window.show_tab("没有这个")
