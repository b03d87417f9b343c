"""登记走访 without a mouse: open the dialog by its accelerator, pick the household by pinyin, type the time, save."""

from PySide6.QtCore import Qt

from tests.ui.keyboard import Keyboard, MouseWatch
from villagedesk.domain import clock
from villagedesk.ui.widgets.field_forms import datetime_of


def test_a_visit_is_recorded_by_keyboard_alone(make_window, store, village, qtbot, messages):
    window = make_window(store)
    mouse, keys = MouseWatch(), Keyboard()
    try:
        keys.ctrl(Qt.Key.Key_4)  # 走访与回访
        page = window.pages["visits"]
        keys.alt(Qt.Key.Key_N)  # 登记走访(&N)
        dialog = page.dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: keys.focus() is dialog.picker.search_box, timeout=3000)
        keys.type("lxy")  # 李秀英 by pinyin initials
        keys.key(Qt.Key.Key_Return)  # Enter picks, it does not save, and goes on to the next field
        assert "李秀英" in dialog.household_label.text() and dialog.isVisible()
        assert keys.focus() is dialog.worker and dialog.worker.currentText().startswith("赵网格")
        keys.key(Qt.Key.Key_Tab)
        assert keys.focus() is dialog.when
        keys.type("0930")  # the time in one step
        keys.ctrl(Qt.Key.Key_S)  # saves from any field
    finally:
        mouse.stop()
    assert not dialog.isVisible(), dialog.error.text()
    assert datetime_of(dialog.when).date() == clock.today() and datetime_of(dialog.when).hour == 9
    assert page.cards["visits"].text == "1 次"
    assert any("李秀英" in page.visits_tab.model.text(r, c) for r in range(page.visits_tab.model.rowCount())
               for c in range(len(page.visits_tab.model.columns)))
    assert mouse.seen == []
    assert keys.actions <= 8, keys.actions  # the budget for a visit
