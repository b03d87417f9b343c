"""The pages driven like a clerk: an activity from creation through notice and approval to posting, then the counter."""


import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.points.conftest import TODAY
from tests.ui.helpers import type_text
from villagedesk.domain import clock
from villagedesk.services.points import receipts
from villagedesk.ui.pages.points import forms


@pytest.fixture
def saved(monkeypatch, tmp_path):
    """Every 'save as PDF' goes to tmp_path/<n>.pdf; returns the list of paths chosen."""
    paths = []

    def choose(_parent, _title, suggested, _kind="PDF"):
        paths.append(tmp_path / f"{len(paths)}-{suggested}")
        return paths[-1]

    monkeypatch.setattr(forms, "choose_save_path", choose)
    return paths


def _pick(qtbot, picker, text):
    picker.search_box.clear()
    type_text(picker.search_box, text)
    assert picker.results.count() >= 1, text
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Return)


def _pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_activity_to_posting_then_redemption_at_the_counter_prints_a_receipt(make_window, pv, qtbot, messages,
                                                                              saved):
    window = make_window(pv.store, pv.admin)
    page = window.show_page("points")
    tab = page.activities

    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_text(dialog.title, "张家湾河道清理")
    dialog.ok()  # no grid chosen: refused, the dialog stays open and keeps the title
    assert "涉及网格" in dialog.error.text() and dialog.isVisible()
    assert dialog.title.text() == "张家湾河道清理"
    dialog.check_grid(0)
    dialog.ok()
    assert not dialog.isVisible()
    assert tab.heading.text() == "张家湾河道清理（草稿）"

    _pick(qtbot, tab.picker, "zds")  # 张大山 by pinyin initials
    tab.whole.setChecked(True)
    _pick(qtbot, tab.picker, "wxm")  # 王小明's whole household
    tab.whole.setChecked(False)
    _pick(qtbot, tab.picker, "lxy")  # 李秀英
    assert sorted(tab.people.rows_model.column_texts("姓名")) == ["张大山", "李秀英", "王小明"]

    qtbot.mouseClick(tab.buttons["notice"], Qt.MouseButton.LeftButton)
    tab.dialog.deadline.setDate(tab.dialog.deadline.date().addDays(-30))
    tab.dialog.ok()  # a deadline in the past is refused in the dialog
    assert "异议截止日期" in tab.dialog.error.text()
    tab.dialog.deadline.setDate(TODAY)
    tab.dialog.ok()
    assert "公示中" in tab.heading.text()
    qtbot.mouseClick(tab.buttons["print"], Qt.MouseButton.LeftButton)
    notice = _pdf_text(saved[-1])
    assert "志愿服务积分公示" in notice and "张家湾河道清理" in notice and "李秀英" in notice
    assert f"{TODAY.year} 年 {TODAY.month} 月 {TODAY.day} 日前" in notice

    from tests.conftest import add_office_user

    # an activity's approver is never its creator: another 书记/主任 signs in to approve it
    window.switch_user(add_office_user(pv.store, "王主任", "head"))
    qtbot.mouseClick(tab.buttons["approve"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.buttons["post"], Qt.MouseButton.LeftButton)
    window.switch_user(pv.admin)  # 测试员 back at the counter
    assert "已入账" in tab.heading.text()
    assert page.cards["points_awarded"].text == "30 分"
    assert not tab.buttons["post"].isEnabled()

    store = window.show_page("points_store")
    goods_tab = store.goods
    qtbot.mouseClick(goods_tab.findChildren(type(tab.new_button))[0], Qt.MouseButton.LeftButton)  # 新增物资…
    d = goods_tab.dialog
    type_text(d.name, "香皂")
    type_text(d.unit, "块")
    type_text(d.price, "5")
    type_text(d.value, "3.50")
    d.ok()
    goods_tab.table.select_row(goods_tab.table.rows_model.column_texts("物资").index("香皂"))
    goods_tab.stock_in()
    d = goods_tab.dialog
    type_text(d.quantity, "0")
    type_text(d.value, "35")
    type_text(d.source, "爱心企业")
    d.ok()
    assert "数量" in d.error.text() and d.source.text() == "爱心企业"  # refused, typing kept
    d.quantity.clear()
    type_text(d.quantity, "10")
    d.ok()
    assert goods_tab.table.current().stock == 10

    counter = store.counter
    _pick(qtbot, counter.picker, "zds")
    assert "当前积分：20 分" in counter.household_label.text()
    counter.goods.select_row(counter.goods.rows_model.column_texts("物资").index("香皂"))
    counter.quantity.setValue(5)
    qtbot.mouseClick(counter.add_button, Qt.MouseButton.LeftButton)
    assert "积分不足" in counter.error.text() and not counter.confirm_button.isEnabled()
    counter.clear_cart()
    counter.quantity.setValue(2)
    qtbot.mouseClick(counter.add_button, Qt.MouseButton.LeftButton)
    assert [counter.figures[k].text() for k in ("before", "total", "after")] == ["20 分", "10 分", "10 分"]
    qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)

    receipt = counter.receipt_dialog
    assert receipt.isVisible() and receipt.image.pixmap() is not None
    number = f"{TODAY.year}-000001"
    assert receipt.windowTitle() == f"兑换凭证 {number}"
    qtbot.mouseClick(receipt.pdf_button, Qt.MouseButton.LeftButton)
    text = _pdf_text(receipt.last_saved)
    for expected in (number, "香皂", "2块 × 5 分", "兑换后余额", "10 分", "张大山（张家湾1号）", "测试员"):
        assert expected in text, expected
    assert "补打" not in text
    qtbot.mouseClick(receipt.pdf_button, Qt.MouseButton.LeftButton)  # a second copy is a reprint
    assert "补打" in _pdf_text(receipt.last_saved)
    qtbot.mouseClick(receipt.print_button, Qt.MouseButton.LeftButton)
    assert receipt.preview is not None and receipt.preview.isVisible()  # Qt's print preview
    receipt.preview.accept()  # printed from it (Qt's preview accepts after printing): the third paper
    receipt.accept()

    rows = store.receipts.table.rows_model
    assert rows.column_texts("凭证号") == [number] and rows.column_texts("打印") == ["3"]
    assert store.cards["redemptions"].text == "1 次"
    home = window.show_page("home")
    assert "香皂" not in home.low_stock.text.text()


def test_a_void_at_the_counter_by_an_admin_marks_the_receipt(make_window, pv, qtbot, messages):
    from tests.points.conftest import award
    from villagedesk.services.points import redemption

    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "再次清理")
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    window = make_window(pv.store, pv.clerk)
    tab = window.show_page("points_store").receipts
    tab.table.select_row(0)
    tab.void()
    type_text(tab.dialog.reason, "拿错了")
    tab.dialog.ok()
    assert "没有作废兑换凭证的权限" in tab.dialog.error.text() and tab.dialog.reason.text() == "拿错了"
    tab.dialog.reject()

    window = make_window(pv.store, pv.admin)
    page = window.show_page("points_store")
    page.receipts.table.select_row(0)
    page.receipts.void()
    type_text(page.receipts.dialog.reason, "拿错了")
    page.receipts.dialog.ok()
    assert page.receipts.table.rows_model.column_texts("状态") == ["作废：拿错了"]
    assert "作 废" in PdfReader(receipts.write_pdf(receipts.receipt(pv.store, done.id),
                                                    pv.store.path.parent / "v.pdf")).pages[0].extract_text()


def test_the_low_stock_warning_shows_on_home(make_window, pv, qtbot):
    from villagedesk.services.points import stock

    window = make_window(pv.store, pv.admin)
    home = window.show_page("home")
    # 首页 builds its panels after the window paints: a panel not yet shown redraws when it is shown
    qtbot.waitUntil(home.low_stock.isVisible, timeout=2000)
    assert home.low_stock.text.text() == "各种物资库存充足。"
    window.ctx.events.publish(stock.stocktake(pv.store, pv.admin, pv.oil.id, "1", "破损"))
    assert home.low_stock.text.text() == "菜籽油(5L)剩 1桶，请及时补货。"


def test_a_deduction_from_the_ledger_tab_and_a_reversal(make_window, pv, qtbot, messages):
    window = make_window(pv.store, pv.admin)
    ledger_tab = window.show_page("points").ledger
    ledger_tab.deduct()
    d = ledger_tab.dialog
    d.ok()
    assert "村民" in d.error.text()
    _pick(qtbot, d.picker, "zy")  # 赵一
    d.ok()
    assert not d.isVisible()
    ledger_tab.show_household(pv.households[2])
    assert ledger_tab.heading.text() == "赵一（李家沟1号）　余额 -5 分"
    ledger_tab.entries.select_row(0)
    ledger_tab.reverse()
    type_text(ledger_tab.dialog.reason, "误扣")
    ledger_tab.dialog.ok()
    assert ledger_tab.heading.text().endswith("余额 0 分")
    assert ledger_tab.entries.rows_model.column_texts("类别") == ["冲正", "扣分"]


def test_the_points_pages_show_the_demo_figures(make_window, demo_store):
    from villagedesk.domain.period import parse_period
    from villagedesk.services.points import kpis

    window = make_window(demo_store)
    page = window.show_page("points")
    year = kpis.figures(demo_store, parse_period(str(clock.today().year)))
    assert page.cards["activities"].text == f"{year['activities']:,} 场"
    assert page.activities.table.rows_model.rowCount() > 0
    store = window.show_page("points_store")
    assert store.counter.goods.rows_model.rowCount() == 9


def test_opening_the_print_preview_is_not_a_print(make_window, pv, qtbot, saved):
    """Only a print from the preview or a saved PDF counts, so the first paper after a look is not 补打."""
    from tests.points.conftest import award
    from villagedesk.services.points import redemption
    from villagedesk.store.points import redemptions as redemption_repo
    from villagedesk.ui.pages.points_store.receipt_dialog import ReceiptDialog
    for title in ("河道清理", "再次清理", "三次清理"):
        award(pv, ["张大山"], title)
    done = redemption.redeem(pv.store, pv.admin, pv.households[0], [(pv.rice.id, 1)])
    window = make_window(pv.store, pv.admin)
    dialog = ReceiptDialog(window.ctx, done.id, window)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    dialog.preview.reject()  # looked at, closed without printing
    assert redemption_repo.print_count(pv.store, done.id) == 0
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert "补打" not in _pdf_text(dialog.last_saved)  # the first paper
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    dialog.preview.accept()  # Qt's preview accepts once it has printed
    assert redemption_repo.print_count(pv.store, done.id) == 2
    dialog.accept()


def test_approval_waits_for_the_objection_deadline_and_says_when(make_window, pv, qtbot):
    import datetime as dt

    from villagedesk.services.points import activities

    aid = activities.create_activity(pv.store, pv.clerk, "村道清扫", pv.earn.id, TODAY, [pv.grids[0]])
    activities.add_participants(pv.store, pv.admin, aid, [pv.residents["张大山"]])
    deadline = TODAY + dt.timedelta(days=3)
    activities.publish_notice(pv.store, pv.admin, aid, deadline)
    window = make_window(pv.store, pv.admin)
    tab = window.show_page("points").activities
    tab.refresh(aid)
    approve = tab.buttons["approve"]
    assert not approve.isEnabled() and deadline.isoformat() in approve.toolTip()
    clock.pin(dt.datetime.combine(deadline, dt.time(9)))
    tab.refresh(aid)
    assert approve.isEnabled() and deadline.isoformat() not in approve.toolTip()


def test_the_redemption_confirmation_lists_the_goods_and_the_counter_is_cleared_after(make_window, pv, qtbot,
                                                                                      monkeypatch):
    from tests.points.conftest import award
    from villagedesk.ui import messages as boxes

    for title in ("河道清理", "再次清理", "三次清理"):
        award(pv, ["张大山"], title)
    window = make_window(pv.store, pv.admin)
    counter = window.show_page("points_store").counter
    _pick(qtbot, counter.picker, "zds")
    names = counter.goods.rows_model.column_texts("物资")
    rice = next(n for n in names if n.startswith("大米"))
    counter.goods.select_row(names.index(rice))
    counter.add_current()
    asked = []
    monkeypatch.setattr(boxes, "confirm", lambda parent, title, text: asked.append(text) or True)
    qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)
    assert f"{rice} 1袋 × 30 分" in asked[-1] and "兑换后余额 0 分" in asked[-1]
    counter.receipt_dialog.reject()
    assert counter.household_id is None and counter.household_label.text() == "尚未选择农户"
    assert counter.cart_table.rows_model.rowCount() == 0 and counter.picker.search_box.text() == ""
