"""At 26 pt on a 1366×768 screen nothing at the counter or in 登记走访 is cut short: labels, buttons, the chosen
item of each box, each field's hint, and the goods list's names and headers read whole."""

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

from tests.points.conftest import award, pv  # noqa: F401 (fixture)
from tests.ui.helpers import type_text
from villagedesk.ui import screen_fit

TASKBAR = 40
LINE_EDIT_MARGINS = 2 * 6  # a line edit's frame and text margins, left and right


def _shown(widget) -> str:
    text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.split("\n")


def _clipped(widget, root) -> bool:
    """Part of the widget's width lies outside one of its holders (a scroll area that does not scroll sideways
    shows only what is inside its viewport)."""
    holder = widget
    while holder is not root and (holder := holder.parentWidget()) is not None:
        left = widget.mapTo(holder, widget.rect().topLeft()).x()
        if left < 0 or left + widget.width() > holder.width():
            return True
    return False


def _cut(root) -> list[str]:
    cut = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r:.30} (cut off at the side)"
           for w in root.findChildren(QWidget) if w.isVisible() and not w.isWindow() and _clipped(w, root)
           and not isinstance(w, QScrollBar)]
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not w.isVisible() or not w.text() or w.text().lstrip().startswith("<"):
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            continue
        need = max(w.fontMetrics().horizontalAdvance(line) for line in _shown(w))
        room = w.contentsRect().width() if isinstance(w, QLabel) else w.width()
        if isinstance(w, QAbstractButton):
            need = w.sizeHint().width()
        if room < need:
            cut.append(f"{type(w).__name__} {w.text()!r} ({room} < {need})")
    for box in root.findChildren(QComboBox):
        if box.isVisible() and box.currentText():
            option = QStyleOptionComboBox()
            box.initStyleOption(option)
            field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                               QStyle.SubControl.SC_ComboBoxEditField, box)
            if field.width() < box.fontMetrics().horizontalAdvance(box.currentText()):
                cut.append(f"QComboBox {box.currentText()!r} ({field.width()})")
    for edit in root.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText() and not edit.text() and not isinstance(edit.parent(), QComboBox):
            need = edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + LINE_EDIT_MARGINS
            if edit.width() < need:
                cut.append(f"QLineEdit hint {edit.placeholderText()!r} ({edit.width()} < {need})")
    return cut


def _cut_cells(view: QTableView) -> list[str]:
    cut = []
    header = view.horizontalHeader()
    for c in range(view.model().columnCount()):
        need = max(header.sectionSizeHint(c), view.sizeHintForColumn(c))
        if view.columnWidth(c) < need:
            cut.append(f"{view.model().headerData(c, Qt.Orientation.Horizontal)} ({view.columnWidth(c)} < {need})")
    return cut


def _at_26_pt(window):
    window.zoom(26 - int(window.settings.value("window/point_size", 13)))
    QApplication.processEvents()


def test_nothing_is_cut_short_at_the_counter_at_26_pt(make_window, pv, qtbot, monkeypatch):  # noqa: F811
    area = QRect(0, 0, 1366, 768 - TASKBAR)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    for n in range(12):
        award(pv, ["张大山"], f"第{n + 1}次清理")
    window = make_window(pv.store, pv.admin)
    _at_26_pt(window)
    counter = window.show_page("points_store").counter
    type_text(counter.picker.search_box, "zds")
    qtbot.keyClick(counter.picker.search_box, Qt.Key.Key_Return)
    for _ in range(2):
        counter.add_current()
        qtbot.keyClick(counter.goods, Qt.Key.Key_Down)
    QApplication.processEvents()
    assert counter.cart_table.rows_model.rowCount() == 2
    counter.picker.search_box.clear()
    cut = _cut(counter) + _cut_cells(counter.goods) + _cut_cells(counter.cart_table)
    assert cut == []


def test_nothing_is_cut_short_in_the_visit_dialog_at_26_pt(make_window, demo_store, monkeypatch):
    area = QRect(0, 0, 1366, 768 - TASKBAR)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    window = make_window(demo_store)
    _at_26_pt(window)
    page = window.show_page("visits")
    page.new_visit()
    QApplication.processEvents()
    cut = _cut(page.dialog)
    assert cut == [], "\n".join(cut)
