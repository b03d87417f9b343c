"""柜台兑换: find the household by pinyin, build a cart, see the balance before and after, confirm, print."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.permissions import Action as Can
from villagedesk.services import lock_wait
from villagedesk.services.points import goods, ledger, redemption
from villagedesk.services.register import households
from villagedesk.ui import messages
from villagedesk.ui.pages.points.model import Col, RowsTable
from villagedesk.ui.pages.points_store.receipt_dialog import ReceiptDialog
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.gate import gate
from villagedesk.ui.widgets.household_picker import HouseholdPicker
from villagedesk.ui.widgets.table_view import on_row_chosen, width_for_columns

GOODS_COLUMNS = [Col("物资", lambda g: g.name), Col("单位", lambda g: g.unit), Col("积分", lambda g: g.points_price, True),
                 Col("库存", lambda g: g.stock, True)]
CART_COLUMNS = [Col("物资", lambda c: c[0].name), Col("数量", lambda c: f"{c[1]}{c[0].unit}", True),
                Col("积分", lambda c: c[0].points_price * c[1], True)]

WAIT_LIMIT_S = 60.0  # how long a confirm waits for another writer (an import, a sync) before saying it was not done
RETRY_MS = 300
WAITING = "正在等待其他操作完成……另一项操作（导入、同步或命令行）正在写入数据库，轮到后自动兑换。"
NOT_DONE = ("本次兑换没有完成：数据库一直被其他操作占用。没有扣积分，也没有出库；兑换单已保留，"
            "请等那项操作结束后再点“确认兑换”。")


class CounterTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id: str | None = None
        self.cart: dict[str, int] = {}
        self.receipt_dialog = None
        self.catalogue: dict = {}  # every goods by id, read once per refresh
        self.waiting: tuple | None = None  # (household, cart, deadline) while a confirm waits for the write lock
        # the three steps side by side, their full height; at large text a step that no longer fits goes below
        layout = FlowLayout(self, spacing=8, fill_height=True)
        left = QGroupBox("第一步：找到农户（姓名或拼音首字母）")
        lv = QVBoxLayout(left)
        self.picker = HouseholdPicker(ctx)
        self.picker.picked.connect(self.choose_household)
        lv.addWidget(self.picker, 1)
        self.household_label = QLabel("尚未选择农户")
        self.household_label.setWordWrap(True)
        self.household_label.setProperty("role", "title")
        lv.addWidget(self.household_label)
        layout.addWidget(left, 2)

        middle = QGroupBox("第二步：选物资加入兑换单")
        mv = QVBoxLayout(middle)
        self.goods = RowsTable(GOODS_COLUMNS, stretch=0)
        on_row_chosen(self.goods, self.add_current)
        mv.addWidget(self.goods, 1)
        row = QHBoxLayout()
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 99)
        self.add_button = QPushButton("加入兑换单(&A)")
        self.add_button.clicked.connect(self.add_current)
        row.addWidget(QLabel("数量："))
        row.addWidget(self.quantity)
        row.addWidget(self.add_button)
        mv.addLayout(row)
        layout.addWidget(middle, 2)

        right = QGroupBox("第三步：核对并确认")
        rv = QVBoxLayout(right)
        self.cart_table = RowsTable(CART_COLUMNS, stretch=0)
        rv.addWidget(self.cart_table, 1)
        clear_row = QHBoxLayout()
        remove = QPushButton("移除所选")
        remove.clicked.connect(self.remove_current)
        clear = QPushButton("清空")
        clear.clicked.connect(self.clear_cart)
        clear_row.addWidget(remove)
        clear_row.addWidget(clear)
        rv.addLayout(clear_row)
        figures = QGridLayout()
        self.figures = {}
        for i, (key, text) in enumerate((("before", "兑换前积分"), ("total", "本次兑换"), ("after", "兑换后积分"))):
            figures.addWidget(QLabel(text + "："), i, 0)
            value = QLabel("—")
            value.setProperty("role", "figure-label")
            figures.addWidget(value, i, 1)
            self.figures[key] = value
        rv.addLayout(figures)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        rv.addWidget(self.error)
        self.wait_label = QLabel("")
        self.wait_label.setProperty("role", "title")
        self.wait_label.setWordWrap(True)
        self.wait_label.hide()
        rv.addWidget(self.wait_label)
        self.stop_wait_button = QPushButton("停止等待")
        self.stop_wait_button.clicked.connect(self.stop_waiting)
        self.stop_wait_button.hide()
        rv.addWidget(self.stop_wait_button)
        self.confirm_button = QPushButton("确认兑换并打印凭证(&R)")
        self.confirm_button.clicked.connect(self.confirm)
        gate(self.ctx, self.confirm_button, Can.REDEEM)
        rv.addWidget(self.confirm_button)
        layout.addWidget(right, 2)
        self.inputs = (left, middle, self.cart_table, remove, clear)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name): coming to the counter, step one takes the keys
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.picker.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name): the text size changed, the lists' widths follow
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "cart_table"):
            self._fit_lists()

    def _fit_lists(self) -> None:
        """Goods names read whole (never 大米…), and at least six goods show even when the steps stack up."""
        width_for_columns(self.goods)
        width_for_columns(self.cart_table)
        rows = self.goods.verticalHeader().defaultSectionSize()
        self.goods.setMinimumHeight(self.goods.horizontalHeader().sizeHint().height() + 6 * rows)

    def refresh(self) -> None:
        self.show_goods(goods.goods_list(self.ctx.store))
        self.update_quote()

    def show_goods(self, every: list) -> None:
        """The goods (all of them, with their stock): the active ones are listed, the cart is priced from them."""
        self.catalogue = {g.id: g for g in every}
        self.goods.set_rows([g for g in every if g.active])
        self._fit_lists()

    def choose_household(self, household_id: str) -> None:
        """The household is step one done: the focus goes on to the goods (Enter adds the one under it)."""
        self.household_id = household_id
        self.update_quote()
        if self.goods.model().rowCount():
            if not self.goods.currentIndex().isValid():
                self.goods.setCurrentIndex(self.goods.model().index(0, 0))
            self.goods.setFocus()

    def add_current(self) -> None:
        g = self.goods.current()
        if g is None:
            self.error.setText("请先在物资列表中选中一种物资。")
            return
        self.cart[g.id] = self.cart.get(g.id, 0) + self.quantity.value()
        self.quantity.setValue(1)
        self.update_quote()

    def remove_current(self) -> None:
        line = self.cart_table.current()
        if line is not None:
            self.cart.pop(line[0].id, None)
            self.update_quote()

    def clear_cart(self) -> None:
        self.cart.clear()
        self.update_quote()

    def update_quote(self) -> None:
        """Show the cart, the balance before and after; a problem shows in red and blocks confirming."""
        store = self.ctx.store
        catalogue = self.catalogue
        self.cart = {gid: n for gid, n in self.cart.items() if gid in catalogue}
        self.cart_table.set_rows([(catalogue[gid], n) for gid, n in self.cart.items()])
        width_for_columns(self.cart_table)
        total = sum(catalogue[gid].points_price * n for gid, n in self.cart.items())
        if self.household_id is None:
            self.household_label.setText("尚未选择农户")
            for v in self.figures.values():
                v.setText("—")
            self.error.setText("")
            self.confirm_button.setEnabled(False)
            return
        before = ledger.balance(store, self.household_id)
        self.household_label.setText(f"{households.household_label(store, self.household_id)}\n当前积分：{before} 分")
        self.figures["before"].setText(f"{before} 分")
        self.figures["total"].setText(f"{total} 分")
        self.figures["after"].setText(f"{before - total} 分")
        if not self.cart:
            self.error.setText("")
            self.confirm_button.setEnabled(False)
            return
        try:
            redemption.quote(store, self.household_id, list(self.cart.items()))
            self.error.setText("")
            self.confirm_button.setEnabled(True)
        except VillageDeskError as exc:
            self.error.setText("" if not self.cart else exc.message)
            self.confirm_button.setEnabled(False)

    def confirm(self) -> None:
        if self.household_id is None or not self.cart or self.waiting:
            return
        lines = "\n".join(f"　{g.name} {n}{g.unit} × {g.points_price} 分 = {g.points_price * n} 分"
                          for g, n in ((self.catalogue[gid], n) for gid, n in self.cart.items()))
        if not messages.confirm(self, "确认兑换", f"{self.household_label.text().splitlines()[0]}兑换：\n{lines}\n"
                                                  f"合计 {self.figures['total'].text()}，"
                                                  f"兑换后余额 {self.figures['after'].text()}。确认？"):
            return
        self.waiting = (self.household_id, list(self.cart.items()), time.monotonic() + WAIT_LIMIT_S)
        self._attempt()

    def _attempt(self) -> None:
        """One try, holding the window at most lock_wait.BRIEF_MS: a held lock means nothing was written, so
        it is tried again on a timer (the window keeps answering) until it lands or the wait is over."""
        if self.waiting is None:  # stopped by the clerk meanwhile
            return
        household, cart, deadline = self.waiting
        try:
            with lock_wait.brief(self.ctx.store):
                done = redemption.redeem(self.ctx.store, self.ctx.actor, household, cart)
        except VillageDeskError as exc:
            if lock_wait.is_locked(exc) and time.monotonic() < deadline:
                self._show_waiting(True)
                holder = lock_wait.holder(self.ctx.store)  # a long writer says what it is doing and since when
                self.wait_label.setText(WAITING + (f"\n正在进行：{holder}" if holder else ""))
                QTimer.singleShot(RETRY_MS, self._attempt)
                return
            self._show_waiting(False)
            self.error.setText(NOT_DONE if lock_wait.is_locked(exc) else exc.message)
            return
        self._show_waiting(False, requote=False)
        self.cart.clear()  # the counter is ready for the next household
        self.household_id = None
        self.picker.search_box.clear()
        self.quantity.setValue(1)
        self.ctx.events.publish(done)  # this tab, the store's figures, the ledger, 首页's stock warning redraw
        self.receipt_dialog = ReceiptDialog(self.ctx, done.id, self)
        self.receipt_dialog.open()

    def stop_waiting(self) -> None:
        """The clerk gives up waiting: the redemption was not done (a try never half-writes), the cart stays."""
        if self.waiting is not None:
            self._show_waiting(False)
            self.error.setText(NOT_DONE)

    def _show_waiting(self, on: bool, requote: bool = True) -> None:
        shown = self.wait_label.isVisibleTo(self)
        if not on:
            self.waiting = None
        if on == shown:
            return
        self.wait_label.setText(WAITING if on else "")
        self.wait_label.setVisible(on)
        self.stop_wait_button.setVisible(on)
        for w in self.inputs:
            w.setEnabled(not on)
        if on:
            self.error.setText("")
            self.confirm_button.setEnabled(False)
        elif requote:  # after a redemption that landed, the redraw it publishes re-quotes anyway
            self.update_quote()
