"""One confirm click at the points-store counter, the redraw included: its time against the bare redemption, and its SQL statements."""

from __future__ import annotations

from bench.harness import OFFICE_HEAD, BenchContext


def run(ctx: BenchContext) -> None:
    if "village" in ctx.dbs:
        _click(ctx)


def _click(ctx: BenchContext) -> None:
    """The click (redeem, then every page showing what changed redraws) against the redeem service alone, on two
    copies of the village; the 首页, 志愿积分 and 积分超市 pages are built, the counter is on screen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tests.statements import counting
    from villagedesk.services.points import goods, ledger, redemption, stock
    from villagedesk.store import open_store
    from villagedesk.ui import fonts, messages
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    messages.confirm = lambda *_a: True
    stores, cheap, left = [], [], []
    for _ in range(2):
        store = open_store(ctx.copy("village"))
        c = sorted(goods.goods_list(store, active_only=True), key=lambda g: g.points_price)[:2]
        for g in c:
            stock.stock_in(store, OFFICE_HEAD, g.id, "donation", 1000, 0, "压力测试")
        stores.append(store)
        cheap.append(c)
        left.append({a.household_id: a.balance for a in ledger.accounts(store, actor=OFFICE_HEAD)})
    actor = OFFICE_HEAD
    window = MainWindow(AppContext(stores[0], actor, JobRunner(stores[0], inline=True)), fonts.load_bundled_font())
    window.show()
    window.show_page("home").low_stock  # noqa: B018 (the stock warning is built)
    window.show_page("points")
    counter = window.show_page("points_store").counter
    app.processEvents()
    names = counter.goods.rows_model.column_texts("物资")

    def cart() -> str:
        household = max(left[0], key=left[0].get)
        counter.choose_household(household)
        for g in cheap[0]:
            counter.goods.select_row(names.index(g.name))
            counter.add_current()
        return household

    def confirm(household: str) -> None:
        counter.confirm()
        counter.receipt_dialog.close()
        left[0][household] = left[0][household] - sum(g.points_price for g in cheap[0])

    def click():
        confirm(cart())

    def bare():
        household = max(left[1], key=left[1].get)
        done = redemption.redeem(stores[1], OFFICE_HEAD, household, [(cheap[1][0].id, 1), (cheap[1][1].id, 1)])
        left[1][household] = done.balance_after

    click()  # the first click builds the receipt dialog's fonts
    household = cart()
    with counting(stores[0]) as seen:
        confirm(household)
    print(f"  one confirm click at the counter ran {len(seen)} SQL statements (+{seen.trigger_runs} trigger runs)",
          flush=True)
    if os.environ.get("BENCH_STATEMENTS"):
        print("\n".join("    " + " ".join(s.split())[:140] for s in seen))
    ctx.measure("choose, add two goods, confirm at the counter", "village", click, bare, repeat=15)
    window.close()
    for store in stores:
        store.close()
