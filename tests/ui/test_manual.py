"""帮助 › 使用说明 opens the bundled manual offline (F1), covers every page and the daily tasks, and finds words."""

from PySide6.QtCore import Qt

from villagedesk.resources import manual_path
from villagedesk.ui.pages.registry import PAGES

TASKS = ["登记走访", "积分兑换", "通知送达", "月底报表", "备份到 U 盘"]


def test_f1_opens_the_manual_with_every_page_and_task(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.manual_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text.toPlainText()
    for spec in PAGES:
        assert spec.title in text, spec.title
    for task in TASKS:
        assert task in text, task
    assert "http" not in manual_path().read_text("utf-8")  # nothing to fetch: it reads offline


def test_ctrl_f_finds_words_in_the_manual(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    dialog = window.show_manual()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.isActiveWindow() or dialog.windowHandle().requestActivate())
    qtbot.keyClick(dialog.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog.find_box.hasFocus)
    dialog.find_box.setText("从备份恢复")  # QTest types ASCII only; an input method would put these in
    qtbot.keyClick(dialog.find_box, Qt.Key.Key_Return)
    assert dialog.text.textCursor().selectedText() == "从备份恢复"
    dialog.find_box.setText("没有这几个字")
    qtbot.keyClick(dialog.find_box, Qt.Key.Key_Return)
    assert dialog.found.text() == "没有找到"
