"""Windows fit the screen's available area; dialogs open on their first field; Ctrl+数字 and Ctrl+F; one-step times."""

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from villagedesk.domain import clock
from villagedesk.ui import screen_fit
from villagedesk.ui.pages.households.insurance_dialog import InsuranceDialog
from villagedesk.ui.pages.visits.visit_dialog import VisitDialog
from villagedesk.ui.widgets.field_forms import datetime_edit, datetime_of

TASKBAR = 40


def _screen(monkeypatch, width, height):
    area = QRect(0, 0, width, height - TASKBAR)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    return area


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_main_window_and_the_insurance_dialog_fit_above_the_taskbar(make_window, demo_store, monkeypatch, size):
    area = _screen(monkeypatch, *size)
    window = make_window(demo_store)
    assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
    page = window.show_page("households")
    dialog = InsuranceDialog(window.ctx, parent=page)
    dialog.show()
    assert dialog.height() <= area.height() and dialog.width() <= area.width()
    assert area.contains(dialog.frameGeometry().topLeft()) and dialog.frameGeometry().bottom() <= area.bottom()
    dialog.close()


def test_a_remembered_geometry_from_a_bigger_screen_is_brought_back_inside(make_window, demo_store, monkeypatch):
    window = make_window(demo_store)
    window.setGeometry(200, 150, 1600, 1000)
    window.close()
    area = _screen(monkeypatch, 1024, 768)
    again = make_window(demo_store)
    assert area.contains(again.frameGeometry())


def test_the_visit_dialog_opens_on_the_household_search_not_on_save(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    page = window.show_page("visits")
    page.new_visit()
    dialog = page.dialog
    assert isinstance(dialog, VisitDialog)
    qtbot.waitUntil(lambda: dialog.picker.search_box.hasFocus(), timeout=3000)
    assert not dialog.ok_button.hasFocus()


def test_ctrl_digit_opens_a_page_and_ctrl_f_goes_to_its_search(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "households"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.pages["households"].search_box
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "grids"


@pytest.mark.parametrize("keys, expected", [("0930", (9, 30)), ("9:30", (9, 30)), ("930\t", (9, 30)),
                                            ("17", None), ("2359", (23, 59)), ("2460", None)])
def test_a_time_is_typed_in_one_step(qtbot, keys, expected):
    edit = datetime_edit(dt.datetime(2026, 11, 30, 8, 0))
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    for ch in keys:
        qtbot.keyClick(edit, Qt.Key.Key_Tab if ch == "\t" else ch)
    got = datetime_of(edit)
    assert got.date() == dt.date(2026, 11, 30)
    assert (got.hour, got.minute) == (expected or (8, 0))


def test_n_is_now_and_minus_a_day_back(qtbot):
    edit = datetime_edit(dt.datetime(2026, 11, 3, 8, 0))
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.keyClick(edit, "n")
    now = clock.now()
    assert datetime_of(edit) == now.replace(second=0, microsecond=0)
    qtbot.keyClick(edit, "-")
    assert datetime_of(edit).date() == now.date() - dt.timedelta(days=1)
