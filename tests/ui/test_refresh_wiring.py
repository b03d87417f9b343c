"""Each write redraws every page that shows its records, and no page runs its queries for a change it does not show.

These fail when a page stops listening: the counter not publishing its redemption, 首页 ignoring households,
the points page ignoring what a redemption does to the ledger."""

import gc

from PySide6.QtCore import Qt

from tests.points.conftest import award, pv  # noqa: F401 (fixture)
from tests.ui.helpers import type_text
from villagedesk.domain import changes
from villagedesk.domain.changes import Kind
from villagedesk.services.grids import training
from villagedesk.services.points import stock
from villagedesk.ui.pages.households.status_dialog import StatusDialog

CLICK_BUDGET = 30  # one confirm click at the counter, the redemption and every redraw it causes


def _pick(qtbot, picker, text):
    picker.search_box.clear()
    type_text(picker.search_box, text)
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Return)


def _balance(ledger_tab, household_label_start: str) -> str:
    rows = ledger_tab.accounts.rows_model
    labels = rows.column_texts("农户")
    return rows.column_texts("余额")[next(i for i, t in enumerate(labels) if t.startswith(household_label_start))]


def test_a_redemption_at_the_counter_redraws_the_store_the_ledger_and_the_stock_warning(
        make_window, pv, qtbot, count_statements):  # noqa: F811
    for n in range(5):
        award(pv, ["张大山", "李秀英"], f"第{n + 1}次清理")  # 100 points
    window = make_window(pv.store, pv.admin)
    home = window.show_page("home")
    assert home.low_stock.text.text() == "各种物资库存充足。"
    gc.collect()  # a page's listener must outlive a collection (it is a child of its page)
    points = window.show_page("points")
    assert _balance(points.ledger, "张大山") == "100"
    store_page = window.show_page("points_store")
    assert store_page.cards["redemptions"].text == "0 次"
    counter = store_page.counter
    _pick(qtbot, counter.picker, "zds")
    counter.goods.select_row(counter.goods.rows_model.column_texts("物资").index("大米(10kg)"))
    counter.quantity.setValue(3)
    qtbot.mouseClick(counter.add_button, Qt.MouseButton.LeftButton)
    assert counter.figures["after"].text() == "10 分"

    with count_statements(pv.store) as seen:
        qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)
    print("one confirm click at the counter:", seen.report())
    assert len(seen) <= CLICK_BUDGET, seen.report()
    counter.receipt_dialog.reject()

    # the visible page redrew: its figures, the counter's stock, the receipts list
    assert store_page.cards["redemptions"].text == "1 次"
    assert store_page.cards["low"].text == "1 种"
    assert counter.goods.rows_model.column_texts("库存")[counter.goods.rows_model.column_texts("物资").index(
        "大米(10kg)")] == "2"
    assert counter.household_label.text() == "尚未选择农户"  # cleared for the next household (issue 14)
    assert store_page.receipts.table.rows_model.column_texts("兑换后余额") == ["10"]
    assert len(store_page.receipts.table.rows_model.rows) == 1
    # the hidden pages waited, and redraw when shown
    assert points.refresher.dirty and home.refresher is not None
    assert _balance(window.show_page("points").ledger, "张大山") == "10"
    window.show_page("home")
    assert "大米(10kg)剩 2袋" in home.low_stock.text.text()


def test_a_household_moving_away_redraws_home_s_counts(make_window, pv, qtbot):  # noqa: F811
    window = make_window(pv.store, pv.admin)
    home = window.show_page("home")
    assert home.cards["households"].text == "3 户" and home.cards["residents"].text == "5 人"
    page = window.show_page("households")
    page.select_household(pv.households[1])
    dialog = StatusDialog(window.ctx, page.panel.view, page)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("moved_away"))
    type_text(dialog.reason, "全家迁往成都")
    dialog.save_button.click()
    assert page.cards["households"].text == "2"
    window.show_page("home")
    assert home.cards["households"].text == "2 户" and home.cards["residents"].text == "4 人"


def test_a_change_no_visible_page_shows_runs_no_query_and_waits_for_the_pages_that_show_it(
        make_window, pv, qtbot, count_statements):  # noqa: F811
    window = make_window(pv.store, pv.admin)
    home = window.show_page("home")
    home.low_stock  # noqa: B018 (built)
    window.show_page("points")
    store_page = window.show_page("points_store")
    visits = window.show_page("visits")  # shows no goods and no stock
    done = stock.stocktake(pv.store, pv.admin, pv.oil.id, "1", "破损")
    with count_statements(pv.store) as seen:
        window.ctx.events.publish(done)
    assert len(seen) == 0, seen.report()
    assert store_page.refresher.dirty and not visits.refresher.dirty and not window.pages["points"].refresher.dirty
    with count_statements(pv.store) as seen:
        window.show_page("points_store")
    assert len(seen) > 0 and not store_page.refresher.dirty
    assert store_page.cards["low"].text == "1 种"
    with count_statements(pv.store) as seen:  # shown again with nothing new: nothing to redraw
        window.show_page("visits")
        window.show_page("points_store")
    assert len(seen) == 0, seen.report()

    # a visible page runs only the parts that show the change: a training touches none of the store's
    with count_statements(pv.store) as seen:
        window.ctx.events.publish(training.add_session(pv.store, pv.admin, "2026-11-20", "政策宣讲", "2"))
    assert seen.like("goods") == 0 and seen.like("redemptions") == 0, seen.report()


def test_a_sync_import_redraws_everything_shown(make_window, pv, qtbot, count_statements):  # noqa: F811
    window = make_window(pv.store, pv.admin)
    page = window.show_page("points_store")
    pv.store.insert("goods", {"village_id": pv.store.scalar("SELECT village_id FROM goods LIMIT 1"), "name": "香皂", "unit": "块", "points_price": 5, "value_yuan": 3.5, "low_stock_at": 1},
                    pv.admin)  # as a sync import would write it: behind the pages' back
    assert "香皂" not in page.goods.table.rows_model.column_texts("物资")
    window.ctx.events.publish(changes.EVERYTHING)
    assert "香皂" in page.goods.table.rows_model.column_texts("物资")


def test_pages_declare_only_registered_kinds(make_window, pv):  # noqa: F811
    window = make_window(pv.store, pv.admin)
    for spec in __import__("villagedesk.ui.pages.registry", fromlist=["PAGES"]).PAGES:
        page = window.show_page(spec.key)
        refresher = getattr(page, "refresher", None)
        if refresher is not None:
            assert refresher.kinds <= set(Kind)
