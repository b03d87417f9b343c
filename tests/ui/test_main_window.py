"""The real main window: every navigation entry shows its page, state is remembered, text size adjusts."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from villagedesk.resources import FONT_FAMILY
from villagedesk.ui.pages.registry import PAGES

NAV_TITLES = ["首页", "网格与网格员", "农户与人口", "走访与回访", "矛盾纠纷", "突发事件", "志愿积分",
              "积分超市", "报表上报", "数据同步", "系统设置"]


def test_navigation_holds_every_module_and_each_page_shows(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV_TITLES
    for row, spec in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is window.pages[spec.key] and page.isVisible()
        texts = " ".join(label.text() for label in page.findChildren(QLabel))
        assert spec.title in texts or spec.key == "home", spec.key


def test_home_shows_village_and_counts_from_the_store(make_window, demo_store):
    window = make_window(demo_store)
    home = window.show_page("home")
    assert "桂花村" in home.title.text() and "河东镇" in home.subtitle.text()
    counts = {k: demo_store.scalar(q) for k, q in (
        ("grids", "SELECT count(*) FROM grids"), ("households", "SELECT count(*) FROM households"))}
    assert home.cards["grids"].text == f"{counts['grids']} 个"
    assert home.cards["households"].text == f"{counts['households']} 户"
    # the figures sit in the middle of their cards (the app style sheet centres them)
    card = home.cards["grids"]
    assert card.value_label.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert abs(card.value_label.geometry().center().x() - card.rect().center().x()) <= 2


def test_menu_actions_arrive_once_the_window_has_painted(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    qtbot.waitUntil(lambda: window.view_menu.actions() != [], timeout=2000)
    assert [a.text() for a in window.view_menu.actions()] == ["字号变大", "字号变小", "恢复默认字号"]
    assert [a.text() for a in window.help_menu.actions()] == ["使用说明", "关于村务台", "诊断信息"]


def test_last_page_and_geometry_are_remembered(make_window, demo_store):
    window = make_window(demo_store)
    window.show_page("settings")
    window.setGeometry(20, 30, 790, 600)
    window.close()
    again = make_window(demo_store)
    assert again.current_key() == "settings"
    assert (again.width(), again.height()) == (790, 600)
    assert abs(again.x() - 20) <= 16 and abs(again.y() - 30) <= 16  # offscreen frames shift a little


def test_the_last_page_is_built_after_the_first_paint(make_window, demo_store, qtbot, monkeypatch):
    """Closed on 走访与回访: the window paints with a line naming the page, and builds the page just after."""
    from villagedesk.ui import main_window
    from villagedesk.ui.pages.visits import page as visits_page

    window = make_window(demo_store)
    window.show_page("visits")
    window.close()
    built_at: list[bool] = []

    class Counted(visits_page.VisitsPage):
        def __init__(self, ctx):
            built_at.append(again.started)  # the window below, painted or not when its page is built
            super().__init__(ctx)

    monkeypatch.setattr(visits_page, "VisitsPage", Counted)
    again = main_window.MainWindow(window.ctx, window.font_family)
    qtbot.addWidget(again)
    assert built_at == [] and again.deferred_page == "visits" and again.current_key() == "visits"
    holder = again.stack.currentWidget()
    assert holder.objectName() == "page-opening" and holder.text() == "正在打开“走访与回访”…"
    again.show()
    qtbot.waitUntil(lambda: again.started, timeout=10_000)
    assert built_at == [True]  # once, after the first paint
    page = again.stack.currentWidget()
    assert page is again.pages["visits"] and page.isVisible() and again.findChild(QLabel, "page-opening") is None
    assert again.show_page("visits") is page and built_at == [True]


def test_a_page_asked_for_before_the_first_paint_is_built_at_once(make_window, demo_store, qtbot):
    """--page NAME --screenshot and a click before the window paints do not wait for the deferred build."""
    from villagedesk.ui import main_window

    window = make_window(demo_store)
    window.show_page("disputes")
    window.close()
    again = main_window.MainWindow(window.ctx, window.font_family)
    qtbot.addWidget(again)
    assert again.show_page("disputes") is again.pages["disputes"]  # the row was current, the page not yet built
    assert again.show_page("points") is again.stack.currentWidget()
    again.show()
    qtbot.waitUntil(lambda: again.started, timeout=10_000)
    assert again.current_key() == "points" and again.stack.currentWidget() is again.pages["points"]
    assert again.findChild(QLabel, "page-opening") is None


def test_text_size_grows_and_shrinks_with_ctrl_plus_minus(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    start = QApplication.instance().font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.instance().font().pointSize() == start + 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.instance().font().pointSize() == start + 1
    assert make_window(demo_store).settings.value("window/point_size") in (start + 1, str(start + 1))


def test_the_bundled_font_draws_chinese_without_any_system_cjk_font(make_window, demo_store):
    window = make_window(demo_store)
    font = QApplication.instance().font()
    assert QFontInfo(font).family() == FONT_FAMILY
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "首页网格员农户纠纷积分超市")
    assert window.nav.item(0).text() == "首页"


def test_settings_page_shows_the_audit_trail(make_window, demo_store):
    window = make_window(demo_store)
    page = window.show_page("settings")
    actions = [page.audit_table.item(r, 2).text() for r in range(page.audit_table.rowCount())]
    assert "生成演示数据" in actions
    page.audit_search.setText("演示数据")
    assert page.audit_table.rowCount() >= 1


def test_job_results_arrive_on_the_gui_thread(qtbot, demo_store):
    from villagedesk.ui.jobs import JobRunner

    runner = JobRunner(demo_store)
    seen = {}

    def work(store, job):
        job.progress(0.5, "一半")
        return store.scalar("SELECT count(*) FROM households"), threading.current_thread().name

    # on_done is connected before the thread starts; a waitSignal set up after start() could miss
    # a job that finished first, and time out on a busy machine
    runner.start("统计", work, on_done=lambda r: seen.update(result=r, thread=threading.current_thread()))
    runner.wait_all()
    qtbot.waitUntil(lambda: "result" in seen, timeout=10_000)
    count, worker_thread = seen["result"]
    assert count == 600 and worker_thread.startswith("job:")
    assert seen["thread"] is threading.main_thread()


def test_job_errors_and_cancel_are_delivered_and_roll_back(qtbot, demo_store):
    from villagedesk.services.progress import Cancelled, step
    from villagedesk.ui.jobs import JobRunner

    runner = JobRunner(demo_store, inline=True)
    errors = []

    def cancelled_work(store, job):
        with store.transaction():
            store.conn.execute("UPDATE sync_state SET capture = 0")
            job.cancel()
            step(job, 0.1, "进行中")

    runner.start("取消测试", cancelled_work, on_error=errors.append)
    assert isinstance(errors[0], Cancelled) and "未做任何更改" in errors[0].message
    assert demo_store.scalar("SELECT capture FROM sync_state") == 1


def test_qt_standard_buttons_speak_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from villagedesk.ui.translations import install_chinese

    install_chinese(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = {box.button(QDialogButtonBox.StandardButton.Ok).text(),
             box.button(QDialogButtonBox.StandardButton.Cancel).text()}
    assert {t.replace("&", "").split("(")[0] for t in texts} == {"确定", "取消"}


def test_deferred_start_up_work_runs_once_after_the_first_paint(make_window, demo_store, qtbot, monkeypatch):
    from villagedesk.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "START_ANYWAY_MS", 200)
    window = make_window(demo_store)
    seen = []
    window.first_painted.connect(lambda: seen.append(1))
    window.hide()
    window._painted = window._started = False  # as if the window had never painted
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()  # paints: the work runs just after
    qtbot.wait(400)  # the fallback timer of the same show finds it done
    assert seen == [1]


def test_a_window_that_does_not_paint_starts_its_deferred_work_anyway(make_window, demo_store, qtbot,
                                                                       monkeypatch):
    from villagedesk.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "START_ANYWAY_MS", 200)
    window = make_window(demo_store)
    window.hide()
    # a paint that never comes: mark one as seen, so paintEvent schedules nothing; only the
    # fallback timer of show() can start the deferred work
    window._painted, window._started = True, False
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
