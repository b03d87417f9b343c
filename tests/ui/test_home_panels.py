"""首页's to-do list and stock warning read their ledgers off the GUI thread and show only the latest answer."""

from types import SimpleNamespace

from tests.conftest import TEST_ACTOR
from villagedesk.ui.context import AppContext
from villagedesk.ui.jobs import JobRunner
from villagedesk.ui.pages.home.todo import TodoPanel
from villagedesk.ui.pages.points_store.low_stock import LowStockPanel


def test_the_panels_fill_from_a_worker_thread(demo_store, qtbot):
    runner = JobRunner(demo_store)  # threaded, as in the app
    ctx = AppContext(demo_store, TEST_ACTOR, runner)
    todo, stock = TodoPanel(ctx), LowStockPanel(ctx)
    qtbot.addWidget(todo)
    qtbot.addWidget(stock)
    qtbot.waitUntil(lambda: todo.tree.topLevelItemCount() == 4 and stock.text.text() != "", timeout=10_000)
    assert todo.heading.text().startswith("待办事项（")
    assert stock.text.text().endswith(("请及时补货。", "库存充足。"))
    runner.wait_all()


def test_an_older_answer_never_replaces_a_newer_one(demo_store, qtbot):
    ctx = AppContext(demo_store, TEST_ACTOR, JobRunner(demo_store, inline=True))
    stock = LowStockPanel(ctx)
    qtbot.addWidget(stock)
    shown, low = stock.text.text(), stock.low
    stale = [SimpleNamespace(name="旧答案", stock=0, unit="袋")]
    stock.reader.deliver((stock.reader.asked - 1, stale))  # a slow read that a newer one overtook
    assert (stock.text.text(), stock.low) == (shown, low)
    stock.reader.deliver((stock.reader.asked, stale))
    assert stock.text.text() == "旧答案剩 0袋，请及时补货。"


def test_home_paints_before_the_dashboard_figures_arrive_and_they_are_computed_off_the_gui_thread(
        demo_store, qtbot, monkeypatch):
    import threading

    from PySide6.QtCore import QEvent, QObject

    from villagedesk.services import dashboard
    from villagedesk.ui.pages.home.dashboard import DashboardPanel
    from villagedesk.ui.pages.home.page import HomePage

    seen: list[str] = []
    computed_on: list[str] = []
    real = dashboard.dashboard

    def recorded(store, scope, year=None):
        computed_on.append(threading.current_thread().name)
        return real(store, scope, year)

    monkeypatch.setattr(dashboard, "dashboard", recorded)
    shown = DashboardPanel._show
    monkeypatch.setattr(DashboardPanel, "_show", lambda panel, board: (seen.append("figures"), shown(panel, board)))

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and "painted" not in seen:
                seen.append("painted")
            return False

    runner = JobRunner(demo_store)  # threaded, as in the app
    page = HomePage(AppContext(demo_store, TEST_ACTOR, runner))
    qtbot.addWidget(page)
    watcher = FirstPaint()
    page.installEventFilter(watcher)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: "painted" in seen, timeout=10_000)
    panel = page.dashboard
    qtbot.waitUntil(lambda: panel.board is not None, timeout=20_000)
    runner.wait_all()
    assert seen[:2] == ["painted", "figures"]
    assert computed_on and threading.main_thread().name not in computed_on
    assert panel.charts["visits"].chart_.series()  # the charts were drawn from them
