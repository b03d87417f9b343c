"""Tables and the keyboard: Tab leaves every read-only table, Enter on a row opens it, a header click sorts."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QTabWidget

from tests.points.conftest import award, pv  # noqa: F401 (fixture)
from tests.ui.helpers import type_text
from villagedesk.ui.pages.registry import PAGES


def _every_tab(widget):
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)


def test_tab_leaves_every_read_only_table_and_every_list_sorts_on_every_page(make_window, demo_store):
    """Sorting: every list over a RowsModel (the pages' lists and ledgers); the QTableWidgets of detail panels
    (a timeline, mediations, a notice's grids) are filled row by row and looked up by row, and are not lists."""
    window = make_window(demo_store)
    trapped, unsorted = [], []
    for spec in PAGES:
        page = window.show_page(spec.key)
        _every_tab(page)
        for view in page.findChildren(QTableView):
            read_only = view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only and view.tabKeyNavigation():
                trapped.append(f"{spec.key}:{view.objectName() or type(view).__name__}")
            if read_only and not isinstance(view, QTableWidget) and not view.isSortingEnabled():
                unsorted.append(f"{spec.key}:{view.objectName() or type(view).__name__}")
    assert trapped == []
    assert unsorted == [], "\n".join(unsorted)


def test_tab_at_the_counter_goes_from_the_goods_to_quantity_and_enter_adds_the_goods(
        make_window, pv, qtbot):  # noqa: F811
    for n in range(5):
        award(pv, ["张大山"], f"第{n + 1}次清理")
    window = make_window(pv.store, pv.admin)
    counter = window.show_page("points_store").counter
    type_text(counter.picker.search_box, "zds")
    qtbot.keyClick(counter.picker.search_box, Qt.Key.Key_Return)
    counter.goods.setFocus()
    qtbot.keyClick(counter.goods, Qt.Key.Key_Down)
    first = counter.goods.current()
    qtbot.keyClick(counter.goods, Qt.Key.Key_Return)
    assert counter.cart_table.rows_model.column_texts("物资") == [first.name]
    qtbot.keyClick(counter.goods, Qt.Key.Key_Tab)
    assert counter.quantity.hasFocus()


def test_a_header_click_sorts_the_list_and_a_second_click_turns_it_round(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    page = window.show_page("points_store")
    goods = page.counter.goods
    column = goods.rows_model.columns.index(next(c for c in goods.rows_model.columns if c.title == "积分"))
    header = goods.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    prices = [int(t) for t in goods.rows_model.column_texts("积分")]
    assert prices == sorted(prices) and len(set(prices)) > 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert [int(t) for t in goods.rows_model.column_texts("积分")] == sorted(prices, reverse=True)


