"""The counter without a mouse: find the household, add two goods, confirm, save the receipt as PDF."""

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.points.conftest import award
from tests.ui.keyboard import Keyboard, MouseWatch
from villagedesk.ui.pages.points import forms


def test_two_goods_redeemed_and_the_receipt_saved_as_pdf_by_keyboard_alone(make_window, pv, qtbot, messages,
                                                                            monkeypatch, tmp_path):
    for n in range(12):
        award(pv, ["张大山"], f"第{n + 1}次清理")  # 120 points
    monkeypatch.setattr(forms, "choose_save_path", lambda _p, _t, name, _k="PDF": tmp_path / name)
    window = make_window(pv.store, pv.admin)
    mouse, keys = MouseWatch(), Keyboard()
    try:
        keys.ctrl(Qt.Key.Key_8)  # 积分超市
        counter = window.pages["points_store"].counter
        assert window.current_key() == "points_store"
        assert keys.focus() is counter.picker.search_box  # the counter opens on step one
        keys.type("zds")
        keys.key(Qt.Key.Key_Return)  # picks 张大山's household, the focus goes on to the goods
        assert counter.household_id == pv.households[0] and keys.focus() is counter.goods
        first = counter.goods.current()
        keys.key(Qt.Key.Key_Return)  # adds the goods under the cursor
        keys.key(Qt.Key.Key_Down)
        second = counter.goods.current()
        keys.key(Qt.Key.Key_Return)
        assert counter.cart_table.rows_model.column_texts("物资") == [first.name, second.name]
        keys.alt(Qt.Key.Key_R)  # 确认兑换并打印凭证(&R); the confirm box is answered yes
        receipt = counter.receipt_dialog
        assert receipt is not None and receipt.isVisible()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and receipt.isAncestorOf(
            QApplication.focusWidget()), timeout=3000)
        keys.alt(Qt.Key.Key_S)  # 存为 PDF(&S)…
    finally:
        mouse.stop()
    assert receipt.last_saved is not None
    text = "\n".join(p.extract_text() for p in PdfReader(receipt.last_saved).pages)
    assert first.name in text and second.name in text and "张大山" in text
    assert mouse.seen == []
    assert keys.actions <= 8, keys.actions  # the budget (its confirm box answered by the fixture)
