"""Splitters open with the list wide enough for its columns and, once dragged, as the clerk left them."""

from PySide6.QtWidgets import QAbstractItemView, QApplication, QSplitter

from villagedesk.ui.widgets.splitter import MOST, list_width


def _split(page, name):
    return page.findChild(QSplitter, f"split-{name}")


def test_a_dragged_splitter_opens_as_it_was_left_in_the_next_window(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    window.show()
    split = _split(window.show_page("disputes"), "disputes")
    QApplication.processEvents()
    total = sum(split.sizes())
    split.moveSplitter(total // 3, 1)  # the clerk drags the handle
    left = split.sizes()[0]
    window.close()
    again = make_window(demo_store)
    again.show()
    split = _split(again.show_page("disputes"), "disputes")
    QApplication.processEvents()
    assert abs(split.sizes()[0] - left) <= 2


def test_the_list_pane_first_opens_wide_enough_for_its_columns(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    window.show()
    split = _split(window.show_page("disputes"), "disputes")
    QApplication.processEvents()
    total = sum(split.sizes())
    first = split.widget(0)
    view = first if isinstance(first, QAbstractItemView) else first.findChildren(QAbstractItemView)[0]
    assert split.sizes()[0] >= min(list_width(view), int(total * MOST)) - 2
