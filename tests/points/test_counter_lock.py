"""Another process holds the write lock while the counter confirms: the window keeps answering, says it is waiting,
and the redemption either lands once or is reported not done, with nothing written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from tests.points.conftest import award
from villagedesk.services.integrity import check
from villagedesk.ui.pages.points_store import counter as counter_module

HOLDER = """import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")  # as an import or a sync holds it
print("held", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
print("released", flush=True)
"""


class Holder:
    """A second process holding the database's write lock from hold() until release()."""

    def __init__(self, path, script=HOLDER):
        self.path, self.proc, self.script = path, None, script

    def hold(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", self.script, str(self.path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            assert self.proc.stdout.readline().strip() == "released"
            self.proc.wait(10)


@pytest.fixture
def holder(pv):
    h = Holder(pv.store.path)
    yield h
    h.release()


def _counts(pv):
    return (pv.store.scalar("SELECT count(*) FROM redemptions"),
            pv.store.scalar("SELECT count(*) FROM point_entries WHERE kind = 'redeem'"),
            pv.store.scalar("SELECT stock FROM goods_stock WHERE goods_id = ?", (pv.rice.id,)))


def _counter_with_cart(make_window, pv):
    award(pv, ["张大山", "李秀英"])
    award(pv, ["张大山", "李秀英"], "再次清理")
    window = make_window(pv.store)
    counter = window.show_page("points_store").counter
    counter.choose_household(pv.households[0])
    counter.goods.select_row(counter.goods.rows_model.column_texts("物资").index("大米(10kg)"))
    counter.add_current()
    assert counter.confirm_button.isEnabled()
    return window, counter


def test_the_counter_waits_visibly_and_the_redemption_lands_once_the_lock_is_free(make_window, pv, qtbot, holder):
    window, counter = _counter_with_cart(make_window, pv)
    before = _counts(pv)
    holder.hold()
    qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)  # returns: the window is not frozen
    assert counter.wait_label.isVisible() and "正在等待其他操作完成" in counter.wait_label.text()
    assert counter.stop_wait_button.isVisible() and not counter.confirm_button.isEnabled()
    qtbot.wait(1000)  # the event loop runs through several tries while the lock is held
    assert counter.waiting is not None and counter.receipt_dialog is None and _counts(pv) == before
    window.show_page("points")  # the clerk can still move around
    window.show_page("points_store")
    holder.release()
    qtbot.waitUntil(lambda: counter.receipt_dialog is not None, timeout=20_000)
    assert not counter.wait_label.isVisible() and counter.error.text() == ""
    n, entries, stock = _counts(pv)
    assert (n, entries, stock) == (before[0] + 1, before[1] + 1, before[2] - 1)  # once: no double, no loss
    assert counter.receipt_dialog.windowTitle().startswith("兑换凭证 ")
    assert check(pv.store) == []


def test_a_lock_held_past_the_wait_is_reported_not_done_and_nothing_is_written(make_window, pv, qtbot, holder,
                                                                               monkeypatch):
    monkeypatch.setattr(counter_module, "WAIT_LIMIT_S", 1.0)
    window, counter = _counter_with_cart(make_window, pv)
    before = _counts(pv)
    holder.hold()
    qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)
    assert "正在等待其他操作完成" in counter.wait_label.text()
    qtbot.waitUntil(lambda: counter.waiting is None, timeout=20_000)
    assert "本次兑换没有完成" in counter.error.text() and "没有扣积分，也没有出库" in counter.error.text()
    assert not counter.wait_label.isVisible() and counter.receipt_dialog is None
    assert _counts(pv) == before and counter.cart == {pv.rice.id: 1}  # the cart is kept for the retry
    holder.release()
    qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)  # the retry lands at once
    assert counter.receipt_dialog is not None and _counts(pv)[0] == before[0] + 1


def test_the_clerk_can_stop_waiting_and_is_told_it_was_not_done(make_window, pv, qtbot, holder):
    window, counter = _counter_with_cart(make_window, pv)
    before = _counts(pv)
    holder.hold()
    qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(counter.stop_wait_button, Qt.MouseButton.LeftButton)
    assert "本次兑换没有完成" in counter.error.text() and counter.waiting is None
    holder.release()
    qtbot.wait(800)  # a try already on the timer does nothing once stopped
    assert _counts(pv) == before and counter.receipt_dialog is None


LONG_HOLDER = """import sys
from villagedesk.store import open_store
store = open_store(sys.argv[1])
with store.transaction(holding="导入同步包“河东镇_202611.vdsync”，18727 条记录"):  # as sync import names itself
    print("held", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""


def test_the_counter_says_which_long_writer_it_waits_for(make_window, pv, qtbot):
    window, counter = _counter_with_cart(make_window, pv)
    before = _counts(pv)
    holder = Holder(pv.store.path, LONG_HOLDER)
    try:
        holder.hold()
        qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)
        text = counter.wait_label.text()
        assert "正在等待其他操作完成" in text and "正在进行：导入同步包“河东镇_202611.vdsync”，18727 条记录（" in text, text
        assert "不到 1 分钟" in text
    finally:
        holder.release()
    qtbot.waitUntil(lambda: counter.receipt_dialog is not None, timeout=20_000)
    assert _counts(pv)[0] == before[0] + 1
